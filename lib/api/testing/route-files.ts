import { readdirSync } from "node:fs";
import path from "node:path";
import { type HttpMethod, httpMethods } from "../http-methods";
import { refusalDescriptor } from "../route-methods";

// Every route file under app/api, found on disk, so a route added later is covered by the
// contract and access tests without anyone remembering to list it.

export { type HttpMethod, httpMethods };

export type Segment = { name: string; kind: "one" | "catchAll" | "optionalCatchAll" };
export type RouteFile = { file: string; urlPath: string; dynamic: Segment[] };
export type Params = Record<string, string | string[]>;

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const apiDir = path.join(repoRoot, "app", "api");

export const findRouteFiles = (): RouteFile[] =>
  (readdirSync(apiDir, { recursive: true }) as string[])
    .filter((entry) => /(^|[/\\])route\.(ts|tsx|js|mjs)$/.test(entry))
    .sort()
    .map((entry) => {
      const dirSegments = path.dirname(entry).split(path.sep).filter((s) => s && s !== ".");
      const dynamic: Segment[] = [];
      for (const segment of dirSegments) {
        const match = /^\[(\[)?(\.\.\.)?([^\]]+)\]?\]$/.exec(segment);
        if (!match) continue;
        const [, optional, spread, name] = match;
        dynamic.push({ name: name!, kind: optional ? "optionalCatchAll" : spread ? "catchAll" : "one" });
      }
      // Route groups "(name)" are not part of the URL.
      const urlPath = `/api/${dirSegments.filter((s) => !/^\(.*\)$/.test(s)).join("/")}`;
      return { file: path.join(apiDir, entry), urlPath, dynamic };
    });

export const paramValue = (segment: Segment, value: string): string | string[] => (segment.kind === "one" ? value : [value]);

export const toUrlPath = (route: RouteFile, params: Params) =>
  route.urlPath.replace(/\[\[?(?:\.\.\.)?([^\]]+)\]?\]/g, (_, name: string) => {
    const value = params[name];
    return (Array.isArray(value) ? value : [value ?? ""]).map((v) => encodeURIComponent(v)).join("/");
  });

/**
 * The HTTP methods a route module really serves, read from its exports: not the 405 refusals
 * that routeMethods fills the other methods with, and not HEAD when it is GET's own handler
 * (Next.js and routeMethods both serve HEAD with GET). A module written without routeMethods
 * serves exactly what it exports.
 */
export const implementedMethods = (mod: Record<string, unknown>): HttpMethod[] =>
  httpMethods.filter(
    (method) => typeof mod[method] === "function" && !refusalDescriptor(mod[method]) && !(method === "HEAD" && mod.HEAD === mod.GET),
  );

export const isWrite = (method: HttpMethod) => !["GET", "HEAD", "OPTIONS"].includes(method);

/** The concrete paths a route file serves, as Next.js matches them. */
export const routePattern = (route: RouteFile): RegExp => {
  const source = route.urlPath
    .split("/")
    .map((segment) => {
      if (/^\[\[\.\.\.[^\]]+\]\]$/.test(segment)) return "(?:/.+)?";
      if (/^\[\.\.\.[^\]]+\]$/.test(segment)) return "/.+";
      if (/^\[[^\]]+\]$/.test(segment)) return "/[^/]+";
      return segment ? `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}` : "";
    })
    .join("");
  return new RegExp(`^${source}$`);
};
