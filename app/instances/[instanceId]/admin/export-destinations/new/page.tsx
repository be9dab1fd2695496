import { TriggerWizard } from "@/components/trigger-wizard/trigger-wizard";
import { titleMetadata } from "@/lib/i18n/server-locale";
import { getSettings } from "@/lib/settings/settings";

export const generateMetadata = titleMetadata("exportDestinations.title");

export default async function NewTriggerPage({
  params,
  searchParams,
}: {
  params: Promise<{ instanceId: string }>;
  searchParams: Promise<{ destination?: string }>;
}) {
  const [{ instanceId }, { destination }] = await Promise.all([params, searchParams]);
  return (
    <TriggerWizard
      instanceId={instanceId}
      destinationType={destination === "powerAutomate" || destination === "teams" ? destination : "webhook"}
      powerAutomateUrl={getSettings().POWER_AUTOMATE_URL}
    />
  );
}
