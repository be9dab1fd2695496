import { AppShell } from "@/components/shell/app-shell";

export default async function InstanceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <AppShell instanceId={instanceId}>{children}</AppShell>;
}
