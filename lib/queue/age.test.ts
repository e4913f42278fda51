import { describe, expect, it } from "vitest";
import { formatAge } from "./age";

const now = new Date("2026-03-10T12:00:00Z");
const ago = (seconds: number) => formatAge(new Date(now.getTime() - seconds * 1000), now);

describe("formatAge", () => {
  it("words the wait in the largest unit that fits, singular and plural", () => {
    expect(ago(5)).toBe("under a minute");
    expect(ago(60)).toBe("1 minute");
    expect(ago(59 * 60)).toBe("59 minutes");
    expect(ago(3600)).toBe("1 hour");
    expect(ago(3 * 86_400 + 100)).toBe("3 days");
    expect(ago(20 * 86_400)).toBe("2 weeks");
    expect(ago(90 * 86_400)).toBe("3 months");
    expect(ago(800 * 86_400)).toBe("2 years");
  });

  it("a time in the future (clock skew) is no wait at all", () => {
    expect(ago(-30)).toBe("under a minute");
  });
});
