import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { apiRouteAt } from "../../api/route-table";
import { resetSettingsCache } from "../../settings/settings";

// The app's API over real HTTP for integration tests whose client may know nothing but URLs (the
// Power Automate stand-in): a Node server that finds the route file of each address through
// lib/api/route-table.ts, as Next.js would, and calls its handler with a Fetch Request and the
// decoded path params. No proxy, no pages: what the connector reaches lives under /api.

type RouteHandler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type RouteModule = Partial<Record<string, RouteHandler>>;

const appDir = path.resolve(import.meta.dirname, "../../../app");
const modules = new Map<string, Promise<RouteModule>>();
const loadRoute = (pattern: string) => {
  let loaded = modules.get(pattern);
  if (!loaded) {
    loaded = import(path.join(appDir, ...pattern.split("/"), "route.ts")) as Promise<RouteModule>;
    modules.set(pattern, loaded);
  }
  return loaded;
};

/** The route file's pattern and Next's params for a pathname; the catch-all for an address no route serves. */
const routeOf = (pathname: string): { pattern: string; params: Record<string, string | string[]> } => {
  const found = apiRouteAt(pathname);
  const segments = pathname.replace(/\/+$/, "").split("/");
  if (!found) return { pattern: "/api/[[...path]]", params: { path: segments.slice(2).map(decodeURIComponent) } };
  const params: Record<string, string> = {};
  found.pattern.split("/").forEach((segment, i) => {
    const name = /^\[([^\].]+)\]$/.exec(segment)?.[1];
    if (name) params[name] = decodeURIComponent(segments[i]!);
  });
  return { pattern: found.pattern, params };
};

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });

const serve = async (origin: string, req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? "/", origin);
  const method = req.method ?? "GET";
  const { pattern, params } = routeOf(url.pathname);
  const handler = (await loadRoute(pattern))[method];
  if (!handler) {
    res.writeHead(405).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const body = await readBody(req);
  const request = new Request(url, { method, headers, body: method === "GET" || method === "HEAD" || body.length === 0 ? undefined : new Uint8Array(body) });
  const response = await handler(request, { params: Promise.resolve(params) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
};

export type AppServer = { origin: string; close(): Promise<void> };

/**
 * Serves the API on 127.0.0.1 (a free port) and makes it the app's public URL (APP_URL), so the
 * connector definition's host and a subscription's Location point at it; close() puts APP_URL back.
 */
export const startAppServer = async (): Promise<AppServer> => {
  let origin = "";
  const server = createServer((req, res) => {
    serve(origin, req, res).catch((error: unknown) => {
      // A handler that throws is a bug the test must see, not a hung request.
      console.error("[app-server]", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const previousAppUrl = process.env.APP_URL;
  process.env.APP_URL = origin;
  resetSettingsCache();
  return {
    origin,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      if (previousAppUrl === undefined) delete process.env.APP_URL;
      else process.env.APP_URL = previousAppUrl;
      resetSettingsCache();
    },
  };
};
