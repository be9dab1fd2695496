// The load's HTTP client: one keep-alive connection pool to the server, each call timed from the
// request to the last byte of its answer, bounded by a timeout.
import { Pool } from "undici";

export type ApiAnswer = { status: number; text: string; json: unknown };
export type ApiCall = { method: "GET" | "POST" | "PATCH" | "DELETE"; path: string; token: string; body?: unknown };

/** A call that got no answer: a timeout or a network error, counted as an error like a wrong status. */
export class NoAnswer extends Error {}

export const createApiClient = (origin: string, options: { connections: number; timeoutMs: number }) => {
  const pool = new Pool(origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const call = async ({ method, path, token, body }: ApiCall): Promise<ApiAnswer> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    try {
      const response = await pool.request({
        path,
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await response.body.text();
      let json: unknown = null;
      if (text && String(response.headers["content-type"] ?? "").includes("json")) {
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
      }
      return { status: response.statusCode, text, json };
    } catch (error) {
      const reason =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
          ? `timeout after ${options.timeoutMs} ms`
          : `network error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
      throw new NoAnswer(reason);
    }
  };
  return { call, close: () => pool.close() };
};
export type ApiClient = ReturnType<typeof createApiClient>;
