"use client";

import { Link } from "@fluentui/react-components";
import { useRouter } from "next/navigation";

type Props = { href: string; children: React.ReactNode; className?: string; "aria-label"?: string; inline?: boolean };

/** A Fluent link that navigates client-side on plain clicks (modified clicks open tabs as usual). */
export const AppLink = ({ href, children, ...rest }: Props) => {
  const router = useRouter();
  return (
    <Link
      {...rest}
      as="a"
      href={href}
      onClick={(event: React.MouseEvent<HTMLAnchorElement>) => {
        if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        event.preventDefault();
        router.push(href);
      }}
    >
      {children}
    </Link>
  );
};
