import { RootRedirect } from "@/components/shell/root-redirect";

// The instance list comes from the API (the identity will live in the browser), so the redirect is client-side.
export default function RootPage() {
  return <RootRedirect />;
}
