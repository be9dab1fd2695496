import { defineRoute } from "@/lib/api/define-route";
import { GetConnectorPackage } from "@/lib/api/operations/api-description";
import { routeMethods } from "@/lib/api/route-methods";
import { connectorPackageZip } from "@/lib/connector/package-zip";

// Built once per server, as the definition it holds.
let zip: Uint8Array | undefined;

export const { GET, HEAD, OPTIONS, POST, PUT, DELETE, PATCH } = routeMethods({
  GET: defineRoute(GetConnectorPackage, async () => {
    zip ??= connectorPackageZip();
    return new Response(Buffer.from(zip), {
      status: 200,
      headers: {
        "content-type": "application/zip",
        "content-disposition": 'attachment; filename="audience-insights-connector.zip"',
        "cache-control": "no-cache",
      },
    });
  }),
});
