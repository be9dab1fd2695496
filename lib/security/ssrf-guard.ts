import type dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { AppError, type TUrlRefusalReason } from "../errors/app-error";
import { getSettings } from "../settings/settings";
import { resolveHost } from "./resolve-host";

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Hosts, IPs and CIDRs that delivery may reach although they are not public (DELIVERY_ALLOWED_HOSTS). */
export type AllowList = { hosts: ReadonlySet<string>; cidrs: readonly Cidr[] };

export const emptyAllowList: AllowList = { hosts: new Set(), cidrs: [] };

/**
 * Parses "127.0.0.1, 10.0.0.0/8, hooks.internal" into an allow-list. Entries that are
 * neither an IP, a CIDR nor a plausible hostname are rejected so a typo does not
 * silently leave a host blocked (or, worse, open something else).
 */
export const parseAllowList = (setting: string): AllowList => {
  const hosts = new Set<string>();
  const cidrs: Cidr[] = [];
  for (const raw of setting.split(",")) {
    const entry = raw.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
    if (!entry) continue;
    if (entry.includes("/")) {
      try {
        cidrs.push(normaliseCidr(ipaddr.parseCIDR(entry)));
      } catch {
        throw new Error(`DELIVERY_ALLOWED_HOSTS: "${raw.trim()}" is not a valid CIDR.`);
      }
    } else if (ipaddr.isValid(entry)) {
      const address = toCanonical(ipaddr.parse(entry));
      cidrs.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(entry)) {
      hosts.add(entry.replace(/\.$/, ""));
    } else {
      throw new Error(`DELIVERY_ALLOWED_HOSTS: "${raw.trim()}" is not a hostname, IP or CIDR.`);
    }
  }
  return { hosts, cidrs };
};

// ::ffff:a.b.c.d/120 in an allow-list means the IPv4 range, like the addresses it is matched against.
const normaliseCidr = ([address, prefix]: Cidr): Cidr => {
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    return [(address as ipaddr.IPv6).toIPv4Address(), prefix - 96];
  }
  return [address, prefix];
};

const toCanonical = (address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 =>
  address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;

const isListed = (address: ipaddr.IPv4 | ipaddr.IPv6, allowList: AllowList) =>
  allowList.cidrs.some(([range, prefix]) => range.kind() === address.kind() && address.match(range, prefix));

const ipv4FromParts = (high: number, low: number) =>
  new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);

// Only plain global unicast is reachable; every special-purpose range (private, loopback,
// link-local incl. 169.254.169.254, CGNAT, documentation, benchmarking, 240/4, …) is not.
const isPublicIPv4 = (address: ipaddr.IPv4) => address.range() === "unicast";

const isPublicIPv6 = (address: ipaddr.IPv6): boolean => {
  const parts = address.parts;
  const range = address.range();
  // Addresses that wrap an IPv4 address are judged by the address they wrap.
  if (range === "ipv4Mapped" || range === "rfc6145") return isPublicIPv4(ipv4FromParts(parts[6]!, parts[7]!));
  if (range === "rfc6052") {
    // 64:ff9b::/96 is well-known NAT64; 64:ff9b:1::/48 is for local use only.
    if (parts[2] !== 0) return false;
    return isPublicIPv4(ipv4FromParts(parts[6]!, parts[7]!));
  }
  if (range === "6to4") return isPublicIPv4(ipv4FromParts(parts[1]!, parts[2]!));
  if (range !== "unicast") return false;
  // ::/8 holds the deprecated IPv4-compatible form (::127.0.0.1) that ipaddr calls unicast.
  return parts[0]! >> 8 !== 0;
};

/** True when delivery may connect to this IP address (public unicast, or allow-listed). */
export const isAddressAllowed = (ip: string, allowList: AllowList): boolean => {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // parse() accepts odd IPv4 spellings ("0x7f.1"); only dotted quads and IPv6 reach a socket.
    if (!net.isIP(ip.replace(/%.*$/, ""))) return false;
    parsed = ipaddr.parse(ip.replace(/%.*$/, ""));
  } catch {
    return false;
  }
  const address = toCanonical(parsed);
  if (isListed(address, allowList)) return true;
  return address.kind() === "ipv4" ? isPublicIPv4(address as ipaddr.IPv4) : isPublicIPv6(address as ipaddr.IPv6);
};

export const isHostListed = (hostname: string, allowList: AllowList) =>
  allowList.hosts.has(hostname.toLowerCase().replace(/\.$/, ""));

let cachedAllowList: { setting: string; allowList: AllowList } | undefined;

/** The allow-list of the current settings, parsed once per distinct value. */
export const getAllowList = (): AllowList => {
  const setting = getSettings().DELIVERY_ALLOWED_HOSTS;
  if (cachedAllowList?.setting !== setting) cachedAllowList = { setting, allowList: parseAllowList(setting) };
  return cachedAllowList.allowList;
};

/** The URL's host without IPv6 brackets. */
export const urlHostname = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/** Why a URL was refused, and the host and addresses its sentence names. */
export type UrlRefusal = { reason: TUrlRefusalReason; host?: string; addresses?: string[] };

/**
 * What the check is for, so a refusal reads in its caller's terms: what the URL is called, what
 * may not reach a private address, and the error it becomes (code and details are the caller's).
 */
export type UrlUse = {
  /** "callback URL": "The callback URL must start with https://." */
  name: string;
  /** "webhooks may not reach": "…, a private or reserved address that webhooks may not reach." */
  privateAddressesAre: string;
  refuse: (message: string, refusal: UrlRefusal) => Error;
};

/** A trigger registration's callback URL, refused as callback_url_refused. */
export const callbackUrlUse: UrlUse = {
  name: "callback URL",
  privateAddressesAre: "webhooks may not reach",
  refuse: (message, refusal) => new AppError("callback_url_refused", message, refusal),
};

const offlineCodes = new Set(["ENOTFOUND", "EAI_AGAIN", "ENODATA", "ESERVFAIL", "ETIMEOUT", "ECONNREFUSED"]);

/**
 * Checked when a URL is saved (and a callback URL test-fired). The decisive check happens again
 * at connect time on the resolved address (createGuardedLookup), because DNS may change between
 * now and the request.
 */
export const assertUrlAllowed = async (url: string, use: UrlUse, allowList = getAllowList()): Promise<void> => {
  const refuse = (message: string, reason: TUrlRefusalReason, params: { host?: string; addresses?: string[] } = {}) =>
    use.refuse(message, { reason, ...params });
  const httpsOnly = `The ${use.name} must use https:// (plain http is only allowed for allow-listed hosts).`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse(`The ${use.name} is not a valid URL.`, "invalid_url");
  }
  if (parsed.username || parsed.password) throw refuse(`The ${use.name} must not contain a user name or password.`, "credentials");
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw refuse(`The ${use.name} must start with https://.`, "scheme");
  }
  const hostname = urlHostname(parsed);
  const hostListed = isHostListed(hostname, allowList);
  const isHttp = parsed.protocol === "http:";

  if (net.isIP(hostname)) {
    if (!isAddressAllowed(hostname, allowList)) {
      throw refuse(`The ${use.name} points at ${hostname}, a private or reserved address that ${use.privateAddressesAre}.`, "private_address", {
        host: hostname,
      });
    }
    if (isHttp && !isListed(toCanonical(ipaddr.parse(hostname)), allowList)) {
      throw refuse(httpsOnly, "http_not_allowed");
    }
    return;
  }
  if (hostListed) return;

  let addresses: dns.LookupAddress[];
  try {
    addresses = await resolveHost(hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    // Offline or flaky DNS must not block saving; the send-time check still guards.
    if (offlineCodes.has(code) && !isHttp) return;
    if (isHttp) throw refuse(httpsOnly, "http_not_allowed");
    throw refuse(`The host ${hostname} could not be resolved.`, "unresolvable", { host: hostname });
  }
  const refused = addresses.filter((entry) => !isAddressAllowed(entry.address, allowList));
  if (refused.length > 0) {
    const addresses = refused.map((entry) => entry.address);
    throw refuse(
      `The host ${hostname} resolves to ${addresses.join(", ")}, a private or reserved address that ${use.privateAddressesAre}.`,
      "resolves_to_private",
      { host: hostname, addresses },
    );
  }
  if (isHttp && !addresses.every((entry) => isListed(toCanonical(ipaddr.parse(entry.address)), allowList))) {
    throw refuse(httpsOnly, "http_not_allowed");
  }
};

/** A trigger registration's callback URL, checked when it is saved or test-fired. */
export const assertCallbackUrlAllowed = (url: string, allowList = getAllowList()): Promise<void> =>
  assertUrlAllowed(url, callbackUrlUse, allowList);

/** The error a guarded lookup fails with (code ESSRF): which host, and the addresses it was refused for. */
export type SsrfRefusal = NodeJS.ErrnoException & { host: string; addresses: string[] };

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

const familyOf = (family: dns.LookupOptions["family"]) => (family === "IPv4" ? 4 : family === "IPv6" ? 6 : (family ?? 0));

/**
 * A `lookup` for net/tls.connect that drops every resolved address delivery may not reach,
 * so the socket only ever dials a vetted IP (this defeats DNS rebinding). It resolves through
 * the same resolver as the save-time check (resolve-host).
 */
export const createGuardedLookup =
  (getList: () => AllowList = getAllowList) =>
  (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    const allowList = getList();
    const family = familyOf(options.family);
    resolveHost(hostname).then(
      (resolved) => {
        const addresses = family === 0 ? resolved : resolved.filter((entry) => entry.family === family);
        if (addresses.length === 0) {
          const notFound: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          notFound.code = "ENOTFOUND";
          return callback(notFound, options.all ? [] : "", undefined);
        }
        const hostListed = isHostListed(hostname, allowList);
        const usable = hostListed ? addresses : addresses.filter((entry) => isAddressAllowed(entry.address, allowList));
        if (usable.length === 0) {
          const refused = addresses.map((entry) => entry.address);
          const refusal: SsrfRefusal = Object.assign(
            new Error(`Refused to connect to ${hostname}: it resolves to ${refused.join(", ")}, a private or reserved address.`),
            { code: "ESSRF", host: hostname, addresses: refused },
          );
          return callback(refusal, options.all ? [] : "", undefined);
        }
        if (options.all) return callback(null, usable);
        const first = usable[0]!;
        return callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, options.all ? [] : "", undefined),
    );
  };
