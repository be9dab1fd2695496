"use client";

import { Body1, Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import { OpenRegular } from "@fluentui/react-icons/svg/open";
import { useState } from "react";
import { AppLink } from "@/components/common/app-link";
import { ErrorBar } from "@/components/common/error-bar";
import { triggerTypeName } from "@/components/common/trigger-subject";
import { powerAutomateHandoffUrl } from "@/lib/triggers/types/connector-operations";
import { useT } from "@/lib/i18n/i18n-provider";
import type { TTriggerType } from "@/lib/triggers/types/vocabulary";
import { useMyPowerAutomateSubscriptions } from "@/lib/ui/api-hooks";
import { appPaths } from "@/lib/ui/api-paths";
import { useCurrentUser } from "@/lib/ui/auth/current-user";
import { useWizardStyles } from "./trigger-wizard.styles";

const POLL_MS = 2000;

type Props = { instanceId: string; type: TTriggerType; powerAutomateUrl: string };

/**
 * Carries the signed-in user into Power Automate on the connector's trigger, then waits for the
 * subscription their flow makes when saved: a new Power Automate registration of this type, in this
 * instance, owned by them. Loading the list first also makes sure the session is valid (a token is
 * acquired, interactively if it must), so the user leaves signed in.
 */
export const PowerAutomateHandoff = ({ instanceId, type, powerAutomateUrl }: Props) => {
  const styles = useWizardStyles();
  const t = useT();
  const user = useCurrentUser();
  // The user's subscriptions of this type when they left for Power Automate (id → last update). A new
  // one is their flow's; so is one updated since, as a flow saved again subscribes its trigger again.
  const [known, setKnown] = useState<ReadonlyMap<string, string> | null>(null);
  const subscriptions = useMyPowerAutomateSubscriptions(instanceId, type, known ? POLL_MS : undefined);
  const connected = known ? subscriptions.data?.registrations.find((registration) => known.get(registration.id) !== registration.updatedAt) : undefined;
  const waiting = known !== null && !connected;
  const trigger = triggerTypeName(type, t);

  return (
    <>
      <Body1 as="p" className={styles.help}>
        {t("wizard.handoff.intro", { trigger })}
      </Body1>
      {user ? (
        <Body1 as="p" className={styles.help}>
          {t("wizard.handoff.signedInAs", { name: user.name })}
        </Body1>
      ) : null}
      {subscriptions.error && !subscriptions.data ? <ErrorBar error={subscriptions.error} onRetry={() => void subscriptions.mutate()} /> : null}
      {subscriptions.data && !connected ? (
        <div>
          <Button
            as="a"
            appearance={waiting ? "secondary" : "primary"}
            href={powerAutomateHandoffUrl(powerAutomateUrl, { instanceId, type })}
            target="_blank"
            rel="noopener noreferrer"
            icon={<OpenRegular aria-hidden />}
            iconPosition="after"
            aria-description={t("common.opensInNewTab")}
            onClick={() =>
              setKnown((current) => current ?? new Map(subscriptions.data?.registrations.map((registration) => [registration.id, registration.updatedAt])))
            }
          >
            {t("wizard.handoff.continue")}
          </Button>
        </div>
      ) : null}
      <div role="status" aria-live="polite">
        {waiting ? <Spinner size="small" labelPosition="after" label={t("wizard.handoff.waiting")} /> : null}
        {connected ? (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t("wizard.handoff.connected")}</MessageBarTitle>
              {t("wizard.handoff.connectedBody", { name: connected.displayName })}{" "}
              <AppLink href={appPaths.trigger(instanceId, connected.id)}>{t("wizard.handoff.openTrigger")}</AppLink>
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
    </>
  );
};
