import { describe, expect, it } from "vitest";
import { guessSourceKind } from "./guess-kind";

describe("guessSourceKind", () => {
  it("takes a known outlet for an article, and names the outlet", () => {
    expect(guessSourceKind("The Sunday Times")).toEqual({ kind: "NEWS_ARTICLE", outlet: "The Sunday Times", because: "The Sunday Times" });
    expect(guessSourceKind("sunday times, 1 March 1992")?.outlet).toBe("The Sunday Times");
    expect(guessSourceKind("Newsweek 16 March 1992")?.kind).toBe("NEWS_ARTICLE");
    expect(guessSourceKind("Le Monde")?.kind).toBe("NEWS_ARTICLE");
    expect(guessSourceKind("AzerTAc")?.kind).toBe("NEWS_ARTICLE");
    expect(guessSourceKind("APA reported")?.outlet).toBe("APA");
  });

  it("prefers the longest outlet, and the workspace's own outlets", () => {
    expect(guessSourceKind("The Times")?.outlet).toBe("The Times");
    expect(guessSourceKind("Bakinsky Rabochy, 1992", ["Bakinsky Rabochy"])).toMatchObject({ kind: "NEWS_ARTICLE", outlet: "Bakinsky Rabochy" });
  });

  it("matches whole words only: an outlet's letters inside another word are no outlet", () => {
    expect(guessSourceKind("Apartheid studies")).toBeNull();
    expect(guessSourceKind("at the time")).toBeNull();
  });

  it("takes resolution, decree, convention and law for a legal act, before any outlet", () => {
    for (const typed of ["UN Security Council resolution 822", "Decree of the President", "Genocide Convention", "Law on the status of refugees", "Newsweek on the resolution"]) {
      expect(guessSourceKind(typed)?.kind, typed).toBe("LEGAL_DOCUMENT");
    }
  });

  it("takes a rights organisation for a report, and other kind words for their kinds", () => {
    expect(guessSourceKind("Memorial Human Rights Watch Center")?.kind).toBe("REPORT");
    expect(guessSourceKind("Human Rights Watch")?.kind).toBe("REPORT");
    expect(guessSourceKind("Interview with Ayaz Mutalibov")?.kind).toBe("INTERVIEW_OR_STATEMENT");
    expect(guessSourceKind("https://example.org/khojaly")?.kind).toBe("WEBSITE");
  });

  it("makes no guess, rather than Book, when the words say nothing", () => {
    expect(guessSourceKind("Black Garden")).toBeNull();
    expect(guessSourceKind("   ")).toBeNull();
  });
});
