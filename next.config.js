import { fileURLToPath } from "node:url";
/**
 * Headers that never vary, on every response including static files. The per-request ones
 * (Content-Security-Policy with its nonce, X-Frame-Options, HSTS over https) come from
 * proxy.ts; a header is set in one place only, so none is ever sent twice. (A JSON file: the
 * web server, scripts/web-server.ts, sends them too on the answers it gives without Next.js.)
 */
import staticSecurityHeaders from "./lib/security/static-security-headers.json" with { type: "json" };

// Griffel's ahead-of-time compilation of the app's makeStyles calls (see the loader's header).
const griffelRule = {
  condition: { content: /\bmake(Styles|ResetStyles)\b/ },
  loaders: [fileURLToPath(new URL("./scripts/build/griffel-loader.cjs", import.meta.url))],
};

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and driver packages stay in node_modules instead of the server bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "@prisma/adapter-pg",
    "@prisma/client",
    "undici",
  ],
  turbopack: { rules: { "*.ts": griffelRule, "*.tsx": griffelRule } },
  headers: async () => [{ source: "/:path*", headers: staticSecurityHeaders }],
  experimental: {
    // proxy.ts runs for every request, and Next.js then gives the route handler a buffered copy
    // of the body cut at this size, silently: an upload past Next's 10 MB default arrived
    // truncated and was stored. It must cover the largest body a route accepts: a data source
    // upload (MAX_UPLOAD_BYTES, 50 MB) plus its multipart framing (64 KB), checked by
    // lib/datasources/upload-limits.test.ts.
    proxyClientMaxBodySize: 50 * 1024 * 1024 + 64 * 1024,
  },
};

export default nextConfig;
