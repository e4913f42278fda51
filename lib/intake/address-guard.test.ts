import type dns from "node:dns";
import { describe, expect, it } from "vitest";
import { addressKind, embeddedIpv4, guardedLookup } from "./address-guard";

describe("addressKind", () => {
  it("refuses every non-public IPv4 range", () => {
    const refused: Record<string, string> = {
      "127.0.0.1": "loopback",
      "127.255.0.9": "loopback",
      "10.0.0.1": "private",
      "172.16.0.1": "private",
      "172.31.255.255": "private",
      "192.168.1.10": "private",
      "169.254.169.254": "link-local",
      "100.64.0.1": "shared (carrier-grade NAT)",
      "100.127.255.254": "shared (carrier-grade NAT)",
      "0.0.0.0": "unspecified",
      "0.1.2.3": "unspecified",
      "224.0.0.251": "multicast",
      "239.255.255.250": "multicast",
      "255.255.255.255": "broadcast",
      "240.0.0.1": "reserved",
      "192.0.2.7": "documentation",
      "198.18.0.1": "reserved",
    };
    for (const [address, kind] of Object.entries(refused)) expect(addressKind(address), address).toBe(kind);
  });

  it("lets public addresses through, including the neighbours of private ranges", () => {
    for (const address of ["8.8.8.8", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "11.0.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e"]) {
      expect(addressKind(address), address).toBeNull();
    }
  });

  it("refuses non-public IPv6, and IPv4 addresses hidden in IPv6 forms", () => {
    const refused: Record<string, string> = {
      "::1": "loopback",
      "::": "unspecified",
      "fc00::1": "private",
      "fd12:3456::1": "private",
      "fe80::1": "link-local",
      "fe80::1%eth0": "link-local",
      "ff02::1": "multicast",
      "2001:db8::1": "documentation",
      "::ffff:127.0.0.1": "loopback",
      "::ffff:a00:1": "private",
      "[::ffff:169.254.169.254]": "link-local",
      "64:ff9b::10.0.0.1": "private",
      "2002:c0a8:0101::1": "private",
    };
    for (const [address, kind] of Object.entries(refused)) expect(addressKind(address), address).toBe(kind);
    expect(addressKind("::ffff:8.8.8.8")).toBeNull();
    expect(addressKind("not an address")).toBe("invalid");
  });

  it("reads the IPv4 address inside mapped, NAT64 and 6to4 addresses", () => {
    expect(embeddedIpv4("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(embeddedIpv4("64:ff9b::808:808")).toBe("8.8.8.8");
    expect(embeddedIpv4("2002:0a00:0001::")).toBe("10.0.0.1");
    expect(embeddedIpv4("2606:4700::1111")).toBeNull();
  });
});

describe("guardedLookup", () => {
  type TResolve = typeof dns.lookup;
  const resolver = (addresses: dns.LookupAddress[]) =>
    ((_host: string, _options: unknown, callback: (e: Error | null, a: dns.LookupAddress[]) => void) => callback(null, addresses)) as unknown as TResolve;
  const refuse = (host: string, address: string, kind: string) => new Error(`${host} -> ${address} (${kind})`);
  const lookup = (resolve: TResolve, all: boolean) =>
    new Promise<{ error: Error | null; result: unknown }>((done) =>
      guardedLookup(refuse, resolve)("example.org", { all }, (error, address, family) => done({ error, result: all ? address : { address, family } })),
    );

  it("fails when any resolved address is not public, so a rebinding answer cannot be connected to", async () => {
    const { error } = await lookup(resolver([{ address: "93.184.216.34", family: 4 }, { address: "127.0.0.1", family: 4 }]), false);
    expect(error?.message).toBe("example.org -> 127.0.0.1 (loopback)");
  });

  it("answers as dns.lookup does when every address is public", async () => {
    const addresses = [
      { address: "93.184.216.34", family: 4 },
      { address: "2606:2800:220:1::1", family: 6 },
    ];
    expect(await lookup(resolver(addresses), true)).toEqual({ error: null, result: addresses });
    expect(await lookup(resolver(addresses), false)).toEqual({ error: null, result: { address: "93.184.216.34", family: 4 } });
  });
});
