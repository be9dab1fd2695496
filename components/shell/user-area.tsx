"use client";

import {
  Avatar,
  Button,
  makeStyles,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  tokens,
} from "@fluentui/react-components";
import { SignOutRegular } from "@fluentui/react-icons/svg/sign-out";
import { useMsal } from "@azure/msal-react";
import { useT } from "@/lib/i18n/i18n-provider";
import { useCurrentUser } from "@/lib/ui/auth/current-user";

const useStyles = makeStyles({
  trigger: {
    color: tokens.colorNeutralForegroundOnBrand,
    gap: tokens.spacingHorizontalS,
    ":hover": { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: tokens.colorBrandBackgroundHover },
    ":hover:active": { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: tokens.colorBrandBackgroundPressed },
  },
  text: { fontSize: tokens.fontSizeBase300, whiteSpace: "nowrap", fontWeight: tokens.fontWeightRegular },
  identity: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingInline: tokens.spacingHorizontalS },
  name: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** Who is signed in (name, tenant, role, from the token claims) and the way out. */
export const UserArea = () => {
  const styles = useStyles();
  const t = useT();
  const { instance } = useMsal();
  const user = useCurrentUser();
  if (!user) return null;
  const role = user.role ? t(`role.${user.role}`) : t("role.none");

  const signOut = () => {
    const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0];
    // The ID token hint lets the provider end its own session and return here without asking.
    void instance.logoutRedirect(account ? { account, idTokenHint: account.idToken } : undefined);
  };

  return (
    <Menu positioning="below-end">
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="transparent" className={styles.trigger} aria-label={t("shell.userMenuLabel", { name: user.name, role, tenant: user.tenantId })}>
          <span className={styles.text}>{t("shell.userSummary", { name: user.name, role, tenant: user.tenantId })}</span>
          <Avatar name={user.name} size={28} color="colorful" aria-hidden />
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuGroup>
            <MenuGroupHeader>{t("shell.signedInAs")}</MenuGroupHeader>
            <div className={styles.identity}>
              <span className={styles.name}>{user.name}</span>
              <span className={styles.muted}>{user.username}</span>
              <span className={styles.muted}>{t("shell.tenantLine", { tenant: user.tenantId })}</span>
              <span className={styles.muted}>{t("shell.roleLine", { role })}</span>
            </div>
          </MenuGroup>
          <MenuDivider />
          <MenuItem icon={<SignOutRegular />} onClick={signOut}>
            {t("auth.signOut")}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
};
