import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = {
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
};

export type ReceiverAnswer = { status: number; headers?: Record<string, string>; body?: string };

/**
 * A local HTTP endpoint for tests and the benchmark: records every request and answers
 * with whatever `respond` returns (204 by default); a promise holds the answer until it settles.
 */
export const startWebhookReceiver = async (
  respond: (request: ReceivedWebhook, index: number) => ReceiverAnswer | Promise<ReceiverAnswer> = () => ({ status: 204 }),
  options: { record?: boolean } = {},
) => {
  const received: ReceivedWebhook[] = [];
  let count = 0;
  let connections = 0;
  let onRequest: ((request: ReceivedWebhook) => void) | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: ReceivedWebhook = {
        path: req.url ?? "/",
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")])),
        body: Buffer.concat(chunks).toString("utf8"),
        receivedAt: Date.now(),
      };
      const index = count++;
      if (options.record !== false) received.push(request);
      onRequest?.(request);
      const answer = respond(request, index);
      const send = ({ status, headers, body }: ReceiverAnswer) => {
        res.writeHead(status, headers);
        res.end(body);
      };
      if (answer instanceof Promise) void answer.then(send);
      else send(answer);
    });
  });
  // Counted apart from requests: a connection that never became a request (a TLS hello to this
  // plain HTTP server) still proves that something dialled it.
  server.on("connection", () => {
    connections++;
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    received,
    count: () => count,
    /** TCP connections accepted so far, whether or not they carried a request. */
    connections: () => connections,
    /** Called for every request as it arrives (the benchmark measures latency this way). */
    setOnRequest: (listener: (request: ReceivedWebhook) => void) => {
      onRequest = listener;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/** Polls until `condition` holds, failing after `timeoutMs` (tests never sleep a fixed time). */
export const waitFor = async (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = "condition") => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
