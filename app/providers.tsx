"use client";

import {
  createDOMRenderer,
  FluentProvider,
  RendererProvider,
  renderToStyleElements,
  SSRProvider,
  webLightTheme,
} from "@fluentui/react-components";
import { useServerInsertedHTML } from "next/navigation";
import { useState } from "react";
import { SWRConfig } from "swr";
import { I18nProvider } from "@/lib/i18n/i18n-provider";
import type { Locale } from "@/lib/i18n/locales";
import type { Catalog } from "@/lib/i18n/messages/en";
import { apiGet } from "@/lib/ui/api-client";

const swrConfig = {
  fetcher: (url: string) => apiGet(url),
  // An error the server explained (404, 422…) will not fix itself by retrying.
  shouldRetryOnError: false,
  revalidateOnFocus: true,
};

/** The one client providers file: Fluent (styles rendered during SSR, no unstyled flash), SWR, i18n. */
export const Providers = ({ locale, messages, children }: { locale: Locale; messages: Catalog; children: React.ReactNode }) => {
  const [renderer] = useState(() => createDOMRenderer());
  useServerInsertedHTML(() => {
    const styles = renderToStyleElements(renderer);
    // Streaming calls this once per flush: emit only the rules inserted since the last flush.
    // The insertion cache stays, so a rule already sent is never sent again.
    renderer.stylesheets = {};
    return <>{styles}</>;
  });

  return (
    <RendererProvider renderer={renderer}>
      <SSRProvider>
        <FluentProvider theme={webLightTheme}>
          <SWRConfig value={swrConfig}>
            <I18nProvider locale={locale} messages={messages}>
              {children}
            </I18nProvider>
          </SWRConfig>
        </FluentProvider>
      </SSRProvider>
    </RendererProvider>
  );
};
