"use client";

import { Avatar, makeStyles, tokens } from "@fluentui/react-components";
import { useT } from "@/lib/i18n/i18n-provider";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, color: tokens.colorNeutralForegroundOnBrand },
  text: { fontSize: tokens.fontSizeBase300, whiteSpace: "nowrap" },
});

/**
 * Until sign-in arrives every request acts as the seeded demo admin (lib/auth/principal.ts),
 * so this shows that identity; MSAL's account replaces it.
 */
export const UserArea = () => {
  const styles = useStyles();
  const t = useT();
  const name = t("shell.demoUser");
  return (
    <section className={styles.root} aria-label={t("shell.userArea")}>
      <span className={styles.text}>{t("shell.userSummary", { name, role: t("shell.roleAdmin"), tenant: t("shell.demoTenant") })}</span>
      <Avatar name={name} size={28} color="colorful" aria-hidden />
    </section>
  );
};
