import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxyHops } from "./client-address";

describe("the client address for sign-in limits", () => {
  it("reads PV_TRUSTED_PROXY as a number of proxies; unset or 0 trusts none", () => {
    expect([undefined, "", "0", "false", " FALSE "].map(trustedProxyHops)).toEqual([0, 0, 0, 0, 0]);
    expect([trustedProxyHops("1"), trustedProxyHops("true"), trustedProxyHops("2")]).toEqual([1, 1, 2]);
    expect(() => trustedProxyHops("yes")).toThrow(/PV_TRUSTED_PROXY/);
    expect(() => trustedProxyHops("-1")).toThrow(/PV_TRUSTED_PROXY/);
  });

  it("without a trusted proxy takes the peer that Next.js wrote (the guard removed what the client sent)", () => {
    expect(clientAddress({ "x-forwarded-for": "::ffff:127.0.0.2" }, 0)).toBe("127.0.0.2");
    expect(clientAddress({ "x-forwarded-for": "::1" }, 0)).toBe("::1");
    expect(clientAddress({}, 0)).toBe("unknown");
    expect(clientAddress(undefined, 0)).toBe("unknown");
  });

  it("behind trusted proxies takes the address the outermost one appended, not what the client put before it", () => {
    // The client sent "6.6.6.6"; the one proxy appended the address it saw.
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }, 1)).toBe("203.0.113.7");
    // Two proxies: the outer one appended the client, the inner one the outer proxy.
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }, 2)).toBe("203.0.113.7");
    // Fewer entries than proxies (a misconfiguration): the first one.
    expect(clientAddress({ "x-forwarded-for": "203.0.113.7" }, 3)).toBe("203.0.113.7");
    // Repeated headers arrive as an array.
    expect(clientAddress({ "x-forwarded-for": ["6.6.6.6", "203.0.113.9"] }, 1)).toBe("203.0.113.9");
    // X-Real-IP is never read: only X-Forwarded-For's entries, counted from the right.
    expect(clientAddress({ "x-real-ip": "6.6.6.6" }, 1)).toBe("unknown");
  });
});
