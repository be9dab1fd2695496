import { readFile } from "node:fs/promises";
import path from "node:path";

// The browser build of @azure/msal-browser/redirect-bridge (a self-contained script that defines
// `msalRedirectBridge`), read at build time and served with the one call the bridge page needs.
export const dynamic = "force-static";

const bundle = path.join(process.cwd(), "node_modules/@azure/msal-browser/lib/redirect-bridge/msal-redirect-bridge.min.js");

export const GET = async () => {
  const source = await readFile(bundle, "utf8");
  return new Response(`${source}\n;msalRedirectBridge.broadcastResponseToMainFrame().catch(function(){});\n`, {
    headers: { "content-type": "text/javascript; charset=utf-8" },
  });
};
