"use client";

import { useEffect } from "react";
import { SWRConfig } from "swr";
import { apiGet } from "@/lib/ui/api-client";
import { CurrentUserProvider } from "@/lib/ui/auth/current-user";
import { getSession } from "@/lib/ui/auth/session-store";

const swrConfig = {
  fetcher: (url: string) => apiGet(url),
  // An error the server explained (404, 422…) will not fix itself by retrying.
  shouldRetryOnError: false,
  revalidateOnFocus: true,
};

/** The signed-in app: the user from the tab's session, data through SWR. */
export const SignedIn = ({ children }: { children: React.ReactNode }) => {
  // Back after signing out may restore a signed-in page from the back/forward cache, state and
  // all: the tab's session is the truth, so such a page is loaded again (and then shows the sign-in).
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted && !getSession()) window.location.reload();
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, []);

  return (
    <CurrentUserProvider>
      <SWRConfig value={swrConfig}>{children}</SWRConfig>
    </CurrentUserProvider>
  );
};
