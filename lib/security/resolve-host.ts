import dns from "node:dns";

/** Every address a host name resolves to, in the resolver's order. Rejects like dns.lookup. */
export type HostResolver = (hostname: string) => Promise<dns.LookupAddress[]>;

/** The operating system's resolver (getaddrinfo: /etc/hosts, then DNS), as Node's own connect uses. */
export const systemResolver: HostResolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

let current: HostResolver = systemResolver;

/**
 * How outbound requests (webhook deliveries, URL data sources) resolve host names, both when a
 * URL is checked and when the socket is dialled. One seam, so that a test can script what a
 * name resolves to over time (DNS rebinding) and exercise the real checks and connections.
 */
export const resolveHost: HostResolver = (hostname) => current(hostname);

/** Replaces the resolver; returns a function that puts the previous one back. */
export const setHostResolver = (resolver: HostResolver): (() => void) => {
  const previous = current;
  current = resolver;
  return () => {
    current = previous;
  };
};
