import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
import { MULTIPART_FRAMING_BYTES } from "./read-upload-request";
import { MAX_UPLOAD_BYTES } from "./schemas";

// next.config.js is plain JavaScript, so it cannot import the limit; this keeps the two equal.
const nextConfig = ((await import(new URL("../../next.config.js", import.meta.url).href)) as { default: NextConfig }).default;

describe("upload limits", () => {
  it("Next.js hands route handlers bodies as large as the largest upload request, uncut", () => {
    // Past proxyClientMaxBodySize Next cuts the body a route reads (proxy.ts matches every path).
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBeGreaterThanOrEqual(MAX_UPLOAD_BYTES + MULTIPART_FRAMING_BYTES);
  });
});
