/**
 * Which IP addresses an import may connect to: public unicast only. Loopback, private, link-local,
 * shared (CGNAT), multicast, broadcast, documentation and reserved ranges are refused, also when
 * they hide inside an IPv6 address (IPv4-mapped, NAT64, 6to4). Ranges from the IANA special-purpose
 * registries (RFC 6890 and successors), checked with node:net's BlockList (ipaddr.js is not installed).
 */
import dns from "node:dns";
import net from "node:net";

type TRange = [address: string, prefix: number, kind: string];

const IPV4: TRange[] = [
  ["255.255.255.255", 32, "broadcast"],
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared (carrier-grade NAT)"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

const IPV6: TRange[] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["64:ff9b:1::", 48, "reserved"],
  ["100::", 64, "reserved"],
  ["2001::", 23, "reserved"],
  ["2001:db8::", 32, "documentation"],
  ["fc00::", 7, "private"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "private"],
  ["ff00::", 8, "multicast"],
];

/** One BlockList per range, in order, so that a refusal can say what kind of address it was. */
const RULES = [
  ...IPV4.map(([address, prefix, kind]) => ({ kind, family: "ipv4" as const, list: subnet(address, prefix, "ipv4") })),
  ...IPV6.map(([address, prefix, kind]) => ({ kind, family: "ipv6" as const, list: subnet(address, prefix, "ipv6") })),
];

function subnet(address: string, prefix: number, family: "ipv4" | "ipv6"): net.BlockList {
  const list = new net.BlockList();
  list.addSubnet(address, prefix, family);
  return list;
}

/** What kind of non-public address this is ("loopback", "private"...), or null for a public one. */
export function addressKind(address: string): string | null {
  const plain = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = net.isIP(plain);
  if (family === 0) return "invalid";
  if (family === 6) {
    const embedded = embeddedIpv4(plain);
    if (embedded) return addressKind(embedded);
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  return RULES.find((rule) => rule.family === type && rule.list.check(plain, type))?.kind ?? null;
}

/**
 * The IPv4 address carried by an IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96), NAT64
 * (64:ff9b::/96) or 6to4 (2002::/16) address, which reaches that IPv4 host.
 */
export function embeddedIpv4(address: string): string | null {
  const groups = ipv6Groups(address);
  if (!groups) return null;
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return v4(groups[6], groups[7]);
  if (zeros(0, 6) && (groups[6] !== 0 || groups[7] > 1)) return v4(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6], groups[7]);
  if (groups[0] === 0x2002) return v4(groups[1], groups[2]);
  return null;
}

/** The eight 16-bit groups of an IPv6 address (with "::" and a trailing dotted quad expanded). */
function ipv6Groups(address: string): number[] | null {
  if (net.isIPv6(address) === false) return null;
  let text = address.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const groups = tail === undefined ? left : [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 ? groups : null;
}

export type TLookupRefusal = (hostname: string, address: string, kind: string) => Error;

/**
 * A `lookup` for http(s).request that resolves as dns.lookup does and fails when any address is
 * not public. The connection goes to an address this function checked, so a DNS answer that
 * changes between the check and the connection (DNS rebinding) cannot reach a private host.
 */
export function guardedLookup(refuse: TLookupRefusal, resolve: typeof dns.lookup = dns.lookup): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: options.family, hints: options.hints, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      if (list.length === 0) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
      for (const { address } of list) {
        const kind = addressKind(address);
        if (kind) return callback(refuse(hostname, address, kind), "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, all: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
