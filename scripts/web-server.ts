// The web app's production server: Next.js's own request handler behind a Node.js HTTP server
// that first answers what Next.js cannot. A TRACE request makes Next.js fail while it builds a
// Fetch API Request (the Fetch standard forbids the method) and answer a bare 500 without the
// security headers, before proxy.ts can run; here it gets the answer proxy.ts would give
// (lib/api/answer-before-routing.ts), with the same headers. Everything else goes to Next.js.
// Started by scripts/start.ts (npm start) and the benchmarks; PORT, and WEB_SERVER_HOST to listen on one
// address only (default: every interface, as `next start`).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";

// Before Next.js and React load: they pick their production builds from it.
(process.env as Record<string, string>).NODE_ENV = "production";
const { default: next } = await import("next");
const { answerBeforeRouting, FETCH_FORBIDDEN_METHODS } = await import("../lib/api/answer-before-routing");
const { LOCALE_COOKIE, pickLocale } = await import("../lib/i18n/locales");
const { requestSecurityHeaders } = await import("../lib/security/security-headers");
const { default: staticSecurityHeaders } = await import("../lib/security/static-security-headers.json", { with: { type: "json" } });

const port = Number(process.env.PORT ?? 3000);
const host = process.env.WEB_SERVER_HOST || undefined;

const cookieValue = (header: string | undefined, name: string) =>
  header
    ?.split(";")
    .map((pair) => pair.trim().split("="))
    .find(([key]) => key === name)?.[1];

/** Writes the answer proxy.ts would give, with the security headers it and next.config.js add. */
const answerOutsideNext = async (req: IncomingMessage, res: ServerResponse) => {
  const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
  const forwardedProto = req.headers["x-forwarded-proto"];
  const answer = answerBeforeRouting({
    method: req.method!,
    pathname,
    locale: () => pickLocale(cookieValue(req.headers.cookie, LOCALE_COOKIE), req.headers["accept-language"] ?? null),
  })!;
  const headers = new Headers(answer.headers);
  for (const { key, value } of staticSecurityHeaders) headers.set(key, value);
  const securityHeaders = requestSecurityHeaders({
    pathname,
    protocol: "http:",
    forwardedProto: Array.isArray(forwardedProto) ? forwardedProto[0]! : (forwardedProto ?? null),
    development: false,
  });
  for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
  req.resume(); // a body, if one came, is read and dropped so the connection stays usable
  const body = Buffer.from(await answer.arrayBuffer());
  headers.set("content-length", String(body.length));
  res.writeHead(answer.status, Object.fromEntries(headers));
  res.end(body);
};

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const done = FETCH_FORBIDDEN_METHODS.has(req.method ?? "") ? answerOutsideNext(req, res) : handle(req, res);
  done.catch((error: unknown) => {
    console.error(`Failed to answer ${req.method} ${req.url}`, error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.on("upgrade", app.getUpgradeHandler());
server.listen(port, host, () => console.log(`Web app listening on http://${host ?? "localhost"}:${port}`));

const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
