import { afterEach, describe, expect, it } from "vitest";
import { type HostResolver, setHostResolver } from "./resolve-host";
import {
  assertCallbackUrlAllowed,
  createGuardedLookup,
  emptyAllowList,
  isAddressAllowed,
  parseAllowList,
} from "./ssrf-guard";

const refused: Array<[string, string]> = [
  ["10.0.0.1", "RFC 1918"],
  ["10.255.255.255", "RFC 1918"],
  ["172.16.0.1", "RFC 1918"],
  ["172.31.255.254", "RFC 1918"],
  ["192.168.1.1", "RFC 1918"],
  ["127.0.0.1", "loopback"],
  ["127.8.9.10", "loopback"],
  ["169.254.169.254", "cloud metadata (link-local)"],
  ["169.254.0.1", "link-local"],
  ["100.64.0.1", "CGNAT"],
  ["100.127.255.254", "CGNAT"],
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "this network"],
  ["255.255.255.255", "broadcast"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["240.0.0.1", "reserved 240/4"],
  ["192.0.0.8", "IETF protocol assignments"],
  ["192.0.2.10", "TEST-NET-1"],
  ["198.51.100.7", "TEST-NET-2"],
  ["203.0.113.9", "TEST-NET-3"],
  ["198.18.0.1", "benchmarking"],
  ["198.19.255.1", "benchmarking"],
  ["192.88.99.1", "6to4 relay anycast"],
  ["::1", "IPv6 loopback"],
  ["::", "IPv6 unspecified"],
  ["fe80::1", "IPv6 link-local"],
  ["fe80::1%eth0", "IPv6 link-local with zone"],
  ["fc00::1", "ULA"],
  ["fd12:3456:789a::1", "ULA"],
  ["ff02::1", "IPv6 multicast"],
  ["fec0::1", "deprecated site-local"],
  ["2001:db8::1", "IPv6 documentation"],
  ["100::1", "discard"],
  ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
  ["::ffff:10.1.2.3", "IPv4-mapped private"],
  ["::ffff:169.254.169.254", "IPv4-mapped metadata"],
  ["::ffff:7f00:1", "IPv4-mapped loopback, hex form"],
  ["::127.0.0.1", "IPv4-compatible loopback"],
  ["::a00:1", "IPv4-compatible private"],
  ["64:ff9b::a00:1", "NAT64 of 10.0.0.1"],
  ["64:ff9b::7f00:1", "NAT64 of 127.0.0.1"],
  ["64:ff9b:1::808:808", "local-use NAT64"],
  ["2002:a00:1::1", "6to4 wrapping 10.0.0.1"],
  ["2002:7f00:1::", "6to4 wrapping 127.0.0.1"],
  ["2002:a9fe:a9fe::1", "6to4 wrapping 169.254.169.254"],
  ["2001::1", "Teredo"],
  ["2001:2::1", "IPv6 benchmarking"],
  ["5f00::1", "SRv6"],
  ["0x7f.1", "non-canonical IPv4 spelling"],
  ["2130706433", "decimal IPv4 spelling"],
  ["not-an-ip", "garbage"],
  ["", "empty"],
];

const allowed: Array<[string, string]> = [
  ["8.8.8.8", "public DNS"],
  ["1.1.1.1", "public DNS"],
  ["20.42.65.92", "public cloud"],
  ["172.32.0.1", "just outside 172.16/12"],
  ["100.128.0.1", "just outside CGNAT"],
  ["11.0.0.1", "just outside 10/8"],
  ["2606:4700:4700::1111", "public IPv6"],
  ["2a00:1450:4001:82b::200e", "public IPv6"],
  ["::ffff:8.8.8.8", "IPv4-mapped public"],
  ["64:ff9b::808:808", "NAT64 of 8.8.8.8"],
  ["2002:808:808::1", "6to4 wrapping 8.8.8.8"],
];

describe("isAddressAllowed", () => {
  it.each(refused)("refuses %s (%s)", (ip) => {
    expect(isAddressAllowed(ip, emptyAllowList)).toBe(false);
  });

  it.each(allowed)("allows %s (%s)", (ip) => {
    expect(isAddressAllowed(ip, emptyAllowList)).toBe(true);
  });

  const allowList = parseAllowList("127.0.0.1, 10.1.0.0/16, fd00::/8, hooks.internal");
  it.each([
    ["127.0.0.1", true],
    ["::ffff:127.0.0.1", true],
    ["127.0.0.2", false],
    ["10.1.200.3", true],
    ["10.2.0.1", false],
    ["fd00::5", true],
    ["fc00::5", false],
    ["169.254.169.254", false],
  ])("with an allow-list, %s → %s", (ip, expected) => {
    expect(isAddressAllowed(ip, allowList)).toBe(expected);
  });
});

describe("parseAllowList", () => {
  it("reads hosts, IPs and CIDRs, ignoring blanks and case", () => {
    const list = parseAllowList(" Hooks.Internal. , 127.0.0.1,,[::1], 192.168.0.0/16 ");
    expect([...list.hosts]).toEqual(["hooks.internal"]);
    expect(list.cidrs.map(([address, prefix]) => `${address.toString()}/${prefix}`)).toEqual([
      "127.0.0.1/32",
      "::1/128",
      "192.168.0.0/16",
    ]);
  });

  it("treats an empty setting as no exceptions", () => {
    expect(parseAllowList("")).toEqual({ hosts: new Set(), cidrs: [] });
  });

  it.each(["10.0.0.0/33", "http://x", "a b", "*.internal"])("rejects the malformed entry %s", (entry) => {
    expect(() => parseAllowList(entry)).toThrow(/DELIVERY_ALLOWED_HOSTS/);
  });
});

describe("assertCallbackUrlAllowed", () => {
  const local = parseAllowList("127.0.0.1, hooks.internal");

  it.each([
    "https://8.8.8.8/hook",
    "https://[2606:4700:4700::1111]/hook",
    "http://127.0.0.1:8080/hook",
    "https://127.0.0.1/hook",
    "http://hooks.internal/hook",
    "http://localhost:3000/hook",
  ])("accepts %s", async (url) => {
    await expect(assertCallbackUrlAllowed(url, local)).resolves.toBeUndefined();
  });

  it.each([
    ["http://8.8.8.8/hook", /https/],
    ["https://169.254.169.254/latest/meta-data", /private or reserved/],
    ["https://10.0.0.1/hook", /private or reserved/],
    ["https://[::ffff:10.0.0.1]/hook", /private or reserved/],
    ["https://[fd00::1]/hook", /private or reserved/],
    ["https://localhost/hook", /resolves to/],
    ["ftp://example.com/x", /https/],
    ["https://user:pw@example.com/x", /user name/],
    ["not a url", /not a valid URL/],
  ])("refuses %s", async (url, message) => {
    const rejection = expect(assertCallbackUrlAllowed(url, emptyAllowList)).rejects;
    await rejection.toMatchObject({ code: "callback_url_refused" });
    await expect(assertCallbackUrlAllowed(url, emptyAllowList)).rejects.toThrow(message);
  });

  it("refuses plain http to a public host even when other hosts are allow-listed", async () => {
    await expect(assertCallbackUrlAllowed("http://8.8.8.8/x", local)).rejects.toThrow(/https/);
  });

  it("accepts an https host that cannot be resolved (offline); the send-time check still guards", async () => {
    await expect(assertCallbackUrlAllowed("https://no-such-host.invalid/x", emptyAllowList)).resolves.toBeUndefined();
  });
});

describe("createGuardedLookup", () => {
  const lookup = (hostname: string, allowList = emptyAllowList, all = false) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) => {
      createGuardedLookup(() => allowList)(hostname, { all }, (error, address) => resolve({ error, address }));
    });

  it("refuses to dial a host that resolves to loopback", async () => {
    const { error } = await lookup("localhost");
    expect(error?.code).toBe("ESSRF");
  });

  it("dials loopback when it is allow-listed", async () => {
    const { error, address } = await lookup("localhost", parseAllowList("127.0.0.1, ::1"));
    expect(error).toBeNull();
    expect(["127.0.0.1", "::1"]).toContain(address);
  });

  it("answers in the list form when asked for all addresses", async () => {
    const { address } = await lookup("localhost", parseAllowList("127.0.0.1"), true);
    expect(address).toEqual([{ address: "127.0.0.1", family: 4 }]);
  });
});

describe("with a scripted resolver", () => {
  // Both checks ask the one resolver seam; a name server that answers several records, some
  // private, must never get a private one dialled.
  let restore: (() => void) | undefined;
  const answering =
    (records: Array<[string, 4 | 6]>): HostResolver =>
    async (hostname) => {
      if (hostname !== "mixed.example") throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
      return records.map(([address, family]) => ({ address, family }));
    };
  const lookup = (hostname: string, options: { all?: boolean; family?: number } = {}) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) => {
      createGuardedLookup(() => emptyAllowList)(hostname, options, (error, address) => resolve({ error, address }));
    });

  afterEach(() => restore?.());

  it("dials only the public addresses of a mixed answer", async () => {
    restore = setHostResolver(answering([["10.0.0.5", 4], ["93.184.215.14", 4], ["::1", 6], ["2606:4700:4700::1111", 6]]));
    expect(await lookup("mixed.example")).toEqual({ error: null, address: "93.184.215.14" });
    expect((await lookup("mixed.example", { all: true })).address).toEqual([
      { address: "93.184.215.14", family: 4 },
      { address: "2606:4700:4700::1111", family: 6 },
    ]);
    expect(await lookup("mixed.example", { family: 6 })).toEqual({ error: null, address: "2606:4700:4700::1111" });
  });

  it("refuses a name whose every address is private, and says which", async () => {
    restore = setHostResolver(answering([["10.0.0.5", 4], ["169.254.169.254", 4]]));
    const { error } = await lookup("mixed.example");
    expect(error?.code).toBe("ESSRF");
    expect(error?.message).toBe(
      "Refused to connect to mixed.example: it resolves to 10.0.0.5, 169.254.169.254, a private or reserved address.",
    );
  });

  it("passes resolver failures on, and answers not-found for a family the name lacks", async () => {
    restore = setHostResolver(answering([["93.184.215.14", 4]]));
    expect((await lookup("other.example")).error?.code).toBe("ENOTFOUND");
    expect((await lookup("mixed.example", { family: 6 })).error?.code).toBe("ENOTFOUND");
  });

  it("refuses at save time when any address is private, naming it", async () => {
    restore = setHostResolver(answering([["93.184.215.14", 4], ["10.0.0.5", 4]]));
    await expect(assertCallbackUrlAllowed("https://mixed.example/hook", emptyAllowList)).rejects.toThrow(
      "The host mixed.example resolves to 10.0.0.5, a private or reserved address that webhooks may not reach.",
    );
  });
});
