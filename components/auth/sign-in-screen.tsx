"use client";

import { Body1, Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Title3 } from "@fluentui/react-components";
import { DataBarVerticalFilled } from "@fluentui/react-icons/svg/data-bar-vertical";
import { PersonLockRegular } from "@fluentui/react-icons/svg/person-lock";
import { useState } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import type { PublicAuthConfig } from "@/lib/auth/auth-config";
import { signIn as signInWithRedirect } from "@/lib/ui/auth/api-token";
import { describeSignInError } from "./describe-sign-in-error";
import { useSignInScreenStyles } from "./sign-in-screen.styles";

/** What a signed-out visitor sees: the product frame and one way in. */
export const SignInScreen = ({ config, initialError }: { config: PublicAuthConfig; initialError: unknown }) => {
  const styles = useSignInScreenStyles();
  const t = useT();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(initialError);

  const signIn = async () => {
    setStarting(true);
    setError(null);
    try {
      // Comes back to this very URL, so a deep link still opens its page after signing in.
      await signInWithRedirect();
    } catch (cause) {
      setError(cause);
      setStarting(false);
    }
  };

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <span className={styles.brandIcon} aria-hidden>
          <DataBarVerticalFilled />
        </span>
        {t("app.name")}
      </header>
      <main className={styles.main}>
        <section className={styles.card} aria-labelledby="sign-in-heading">
          <span className={styles.icon} aria-hidden>
            <PersonLockRegular />
          </span>
          <Title3 as="h1" id="sign-in-heading" className={styles.title}>
            {t("auth.signInTitle")}
          </Title3>
          <Body1 as="p" className={styles.body}>
            {config.mode === "entra" ? t("auth.signInBodyEntra") : t("auth.signInBodyEmbedded")}
          </Body1>
          {error ? (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t("auth.signInFailed")}</MessageBarTitle>
                {describeSignInError(error, config, t)}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <div className={styles.actions}>
            <Button appearance="primary" size="large" disabled={starting} icon={starting ? <Spinner size="tiny" /> : undefined} onClick={() => void signIn()}>
              {t("auth.signIn")}
            </Button>
          </div>
        </section>
      </main>
    </div>
  );
};

/** While MSAL starts or finishes a redirect: nothing to decide yet. */
export const SigningInScreen = () => {
  const styles = useSignInScreenStyles();
  const t = useT();
  return (
    <div className={styles.centered}>
      <Spinner label={t("auth.checkingSession")} />
    </div>
  );
};
