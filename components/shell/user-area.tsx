"use client";

import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useRef, useState } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import { useCurrentUser } from "@/lib/ui/auth/current-user";
import { initialsOf } from "./initials";
import { preloadOn } from "@/components/common/preload";

const useStyles = makeStyles({
  trigger: {
    color: tokens.colorNeutralForegroundOnBrand,
    gap: tokens.spacingHorizontalS,
    ":hover": { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: tokens.colorBrandBackgroundHover },
    ":hover:active": { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: tokens.colorBrandBackgroundPressed },
  },
  text: { fontSize: tokens.fontSizeBase300, whiteSpace: "nowrap", fontWeight: tokens.fontWeightRegular },
  // Fluent's Avatar look (28 px, circular, initials) without its image, presence badge and colour
  // palette machinery, which weighed as much as the rest of the header.
  avatar: {
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    flexShrink: 0,
    width: "28px",
    height: "28px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: 1,
    // Drawn, not written: text inside the button would join its visible label, which its accessible
    // name must contain (WCAG 2.5.3); the initials are decoration.
    "::before": { content: "attr(data-initials)" },
  },
});

// Fluent's Menu, with its popup positioning and focus management, weighs more than the rest of the
// header together and matters only once the menu opens: it loads on the first hover, focus or click.
const loadUserMenu = () => import("./user-menu");
const UserMenu = lazy(loadUserMenu);

/** Who is signed in (name, tenant, role, from the token claims) and the way out. */
export const UserArea = () => {
  const styles = useStyles();
  const t = useT();
  const user = useCurrentUser();
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [menuWanted, setMenuWanted] = useState(false);
  if (!user) return null;
  const role = user.role ? t(`role.${user.role}`) : t("role.none");

  const openMenu = () => {
    setMenuWanted(true);
    setOpen(true);
  };
  const preload = preloadOn(loadUserMenu);

  return (
    <>
      <Button
        ref={button}
        appearance="transparent"
        className={styles.trigger}
        // Starts with the visible text, so speech users can say what they see (WCAG 2.5.3, label in name).
        aria-label={t("shell.userMenuLabel", { name: user.name, role, tenant: user.tenantId })}
        aria-haspopup="menu"
        aria-expanded={open}
        onPointerEnter={preload}
        onFocus={preload}
        // Not a functional update: a click on this button while the menu is open also counts as a
        // click outside the menu, which closes it first; both must agree on "closed".
        onClick={() => (open ? setOpen(false) : openMenu())}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            openMenu();
          }
        }}
      >
        <span className={styles.text}>{t("shell.userSummary", { name: user.name, role, tenant: user.tenantId })}</span>
        <span className={styles.avatar} aria-hidden data-initials={initialsOf(user.name)} />
      </Button>
      {menuWanted ? (
        <Suspense fallback={null}>
          <UserMenu
            target={button}
            open={open}
            user={user}
            role={role}
            onClose={(returnFocus) => {
              setOpen(false);
              if (returnFocus) button.current?.focus();
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
};
