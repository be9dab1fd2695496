"use client";

import { makeStyles, Menu, MenuDivider, MenuGroup, MenuGroupHeader, MenuItem, MenuList, MenuPopover, tokens } from "@fluentui/react-components";
import { SignOutRegular } from "@fluentui/react-icons/svg/sign-out";
import { useT } from "@/lib/i18n/i18n-provider";
import { signOut } from "@/lib/ui/auth/api-token";
import type { CurrentUser } from "@/lib/ui/auth/current-user";

const useStyles = makeStyles({
  identity: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingInline: tokens.spacingHorizontalS },
  name: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

type Props = {
  /** The account button in the header, which opens this menu and gets the focus back. */
  target: React.RefObject<HTMLButtonElement | null>;
  open: boolean;
  user: CurrentUser;
  role: string;
  onClose: (returnFocus: boolean) => void;
};

/** The account menu (loaded on demand by user-area.tsx): who is signed in, and signing out. */
export default function UserMenu({ target, open, user, role, onClose }: Props) {
  const styles = useStyles();
  const t = useT();
  return (
    <Menu
      open={open}
      // Positioned at the header's button, which is not a MenuTrigger: it exists before this loads.
      positioning={{ target: target.current, position: "below", align: "end" }}
      onOpenChange={(_, data) => {
        // Focus goes back to the button unless the user clicked or scrolled elsewhere.
        if (!data.open) onClose(data.type !== "clickOutside" && data.type !== "scrollOutside");
      }}
    >
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
          <MenuItem icon={<SignOutRegular />} onClick={() => void signOut()}>
            {t("auth.signOut")}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
