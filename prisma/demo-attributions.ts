/**
 * The attributions the five corpus texts make themselves: each "X reported", "according to X", book
 * reference and resolution, with the source each one claims, registered once. What the texts
 * claim, never a finding: every one is seeded Unverified. Quotes are the texts' exact words
 * (no-break spaces written \u00a0, the compilation's hard-wrapped lines as they are), found at
 * seed time; prisma/demo-attributions.test.ts checks that each occurs exactly once.
 */
import type { TAuthor, TSourceKind } from "../lib/sources/schemas";

export type TDemoSource = {
  kind: TSourceKind;
  title: string;
  authors?: TAuthor[];
  containerTitle?: string;
  publisher?: string;
  issued?: string;
  aliases?: string[];
};

/** A headline the citing texts do not give. */
const UNNAMED = "Untitled report on Khojaly";

/** By key; titles are unique, so that the seed finds a source it registered before. */
export const DEMO_SOURCES = {
  "sunday-times": { kind: "NEWS_ARTICLE", title: "Armenian Soldiers Massacre Hundreds of Fleeing Families", containerTitle: "The Sunday Times", issued: "1992-03-01", aliases: ["Sunday Times"] },
  "newsweek-1992": { kind: "MAGAZINE_ARTICLE", title: `${UNNAMED} (Newsweek, March 1992)`, containerTitle: "Newsweek", issued: "1992-03-16", aliases: ["Newsweek Magazine"] },
  "newsweek-1993": { kind: "MAGAZINE_ARTICLE", title: "Untitled article quoting a senior U.S. Government official (Newsweek, November 1993)", containerTitle: "Newsweek", issued: "1993-11-29" },
  "nyt-1992": { kind: "NEWS_ARTICLE", title: `${UNNAMED} (The New York Times, March 1992)`, containerTitle: "The New York Times", issued: "1992-03-03" },
  "time-1992": { kind: "MAGAZINE_ARTICLE", title: `${UNNAMED} (Time, March 1992)`, containerTitle: "Time", issued: "1992-03-16", aliases: ["Time magazine"] },
  "washington-times-1992": { kind: "NEWS_ARTICLE", title: `${UNNAMED} (The Washington Times, March 1992)`, containerTitle: "The Washington Times", issued: "1992-03-03" },
  "le-monde": { kind: "NEWS_ARTICLE", title: `${UNNAMED} (Le Monde)`, containerTitle: "Le Monde", aliases: ["Le Mond"] },
  "de-waal": {
    kind: "BOOK",
    title: "Black Garden: Armenia and Azerbaijan through Peace and War",
    authors: [{ family: "de Waal", given: "Thomas" }],
    publisher: "NYU Press",
    issued: "2003",
    aliases: ["Black Garden"],
  },
  memorial: {
    kind: "REPORT",
    title: "Report on Massive Human Rights Violations in Khojaly",
    authors: [{ literal: "Memorial Human Rights Centre" }],
    issued: "1992",
    aliases: ["Memorial", "Memorial Human Rights Watch Center", "Мемориал"],
  },
  hrw: { kind: "REPORT", title: "Report on the Nagorno-Karabakh conflict (not named by the citing texts)", authors: [{ literal: "Human Rights Watch" }], aliases: ["Human Rights Watch", "the Human Rights Watch"] },
  "unsc-822": { kind: "LEGAL_DOCUMENT", title: "Resolution 822 (1993)", authors: [{ literal: "UN Security Council" }], issued: "1993-04-30", aliases: ["Security Council resolution 822", "UN resolution 822"] },
  "genocide-convention": {
    kind: "LEGAL_DOCUMENT",
    title: "Convention on the Prevention and Punishment of the Crime of Genocide (Resolution 260 (III))",
    authors: [{ literal: "UN General Assembly" }],
    issued: "1948-12-09",
    aliases: ["Genocide Convention", "Resolution 260 (III)"],
  },
  udhr: { kind: "LEGAL_DOCUMENT", title: "Universal Declaration of Human Rights (Resolution 217 A (III))", authors: [{ literal: "UN General Assembly" }], issued: "1948-12-10", aliases: ["Human Rights Declaration"] },
  "women-children-1974": {
    kind: "LEGAL_DOCUMENT",
    title: "Declaration on the Protection of Women and Children in Emergency and Armed Conflict (Resolution 3318 (XXIX))",
    authors: [{ literal: "UN General Assembly" }],
    issued: "1974-12-14",
  },
  "pace-324": { kind: "INTERVIEW_OR_STATEMENT", title: "Written Declaration No. 324", authors: [{ literal: "Parliamentary Assembly of the Council of Europe" }], issued: "2001-04-26", aliases: ["written declaration 324"] },
  "milli-majlis-1994": {
    kind: "LEGAL_DOCUMENT",
    title: "Resolution declaring 26 February the Day of the Khojaly Genocide",
    authors: [{ literal: "Milli Majlis of the Republic of Azerbaijan" }],
    issued: "1994-02-24",
    aliases: ["Milli Majlis resolution of 24 February 1994"],
  },
  "kocharyan-2004": { kind: "SPEECH", title: "Answer at the session of the Parliamentary Assembly of the Council of Europe", authors: [{ family: "Kocharyan", given: "Robert" }], issued: "2004-06-23" },
  "ter-petrosyan-video": {
    kind: "VIDEO",
    title: "Meeting of Levon Ter-Petrosyan with members of Yerkrapah, 23 July 1993 (recording)",
    authors: [{ family: "Ter-Petrosyan", given: "Levon" }],
    containerTitle: "YouTube",
    issued: "2025-01",
  },
  "trend-2006": { kind: "NEWS_ARTICLE", title: "Action plan drawn on 14th anniversary of Khojaly genocide", containerTitle: "Trend", issued: "2006" },
  "apa-2017": { kind: "NEWS_ARTICLE", title: "Azerbaijan approves plan of events on 25th anniversary of Khojaly genocide", containerTitle: "APA", issued: "2017-01-27" },
  "azertac-oic": { kind: "NEWS_ARTICLE", title: "OIC Parliamentary Union adopts resolution supporting “Justice for Khojaly” campaign", containerTitle: "AzerTAc", aliases: ["AzerTAj"] },
  "azertac-idps": { kind: "NEWS_ARTICLE", title: "Khojaly IDPs call upon UN, CoE and OSCE to give legal and political assessment to Khojaly genocide", containerTitle: "AzerTAc" },
} satisfies Record<string, TDemoSource>;

export type TDemoSourceKey = keyof typeof DEMO_SOURCES;

export type TDemoAttribution = { file: string; source: TDemoSourceKey; attributionText: string; locator?: string; quote: string };

export const DEMO_ATTRIBUTIONS: readonly TDemoAttribution[] = [
  { file: "000_f07d61ef4b9b6790.txt", source: "sunday-times", attributionText: "The Sunday Times reported", quote: "The Sunday Times\u00a0reported the atrocity with the headline, “Armenian Soldiers Massacre Hundreds of Fleeing Families” (March 1, 1992)." },
  { file: "000_f07d61ef4b9b6790.txt", source: "newsweek-1992", attributionText: "Newsweek magazine reported", quote: "Newsweek magazine\u00a0reported: “Many were killed at close range while trying to flee; some had their faces mutilated, others were scalped” (March 16, 1992)." },
  { file: "000_f07d61ef4b9b6790.txt", source: "nyt-1992", attributionText: "The New York Times also described", quote: "The New York Times\u00a0also described beheadings and acts of scalping (March 3, 1992)." },
  { file: "000_f07d61ef4b9b6790.txt", source: "time-1992", attributionText: "Time magazine called", quote: "Time\u00a0magazine called the actions against Khojaly “grim and unconscionable,” reporting that many of those killed had been mutilated (March 16, 1992)." },
  { file: "000_f07d61ef4b9b6790.txt", source: "washington-times-1992", attributionText: "The Washington Times wrote", quote: "The Washington Times\u00a0wrote that video footage “backed accounts of the slaughter of women and children” (March 3, 1992)." },
  { file: "000_f07d61ef4b9b6790.txt", source: "le-monde", attributionText: "Le Mond reported", quote: "Le Mond\u00a0reported: “Foreign journalists based in Agdam saw 3 persons scalped and with pulled out nails among the women and children killed in Khojaly. That is not an Azerbaijani propaganda, but reality”." },
  { file: "000_f07d61ef4b9b6790.txt", source: "de-waal", attributionText: "Thomas de Waal, “Black Garden…” NYU Press, 2003", locator: "pp. 169-172", quote: "“Before Khojaly, the Azerbaijanis thought that they were joking with us, they thought that the Armenians were people who could not raise their hands against the civilian population. We were able to break that stereotype.” (Thomas de Waal, “Black Garden: Armenia and Azerbaijan through peace and war” NYU Press, 2003, page 169-172)" },
  { file: "001_ec9d0b69bfcdd4a5.txt", source: "udhr", attributionText: "2, 3, 5, 9, 17 articles of Human Rights Declaration", locator: "arts. 2, 3, 5, 9, 17", quote: "roughly violate Geneva conventions as well as 2, 3, 5, 9, 17 articles of Human Rights Declaration (adopted by UN General Assembly on December 10, 1948)" },
  { file: "001_ec9d0b69bfcdd4a5.txt", source: "women-children-1974", attributionText: "Declaration on protection of women and children in emergency and during armed conflicts", quote: "Declaration on protection of women and children in emergency and during armed conflicts (declared by UN General Assembly on December 14, 1974)" },
  { file: "001_ec9d0b69bfcdd4a5.txt", source: "pace-324", attributionText: "in a written declaration 324", quote: "April 26, 2001, in a written declaration 324, 30 members of the Parliamentary Assembly of the Council of Europe from Albania, Azerbaijan, Bulgaria, Great Britain, Luxembourg, Macedonia, Norway, Poland and Turkey, said that \"26 February 1992 the Armenians massacred the population of Khojaly and totally destroyed the city \"and appealed to the Assembly to recognize the genocide." },
  { file: "002_9d3e6fa97c59422b.txt", source: "genocide-convention", attributionText: "the Convention “On Prevention and Punishment of the Crime of Genocide”", quote: "The nature and gravity of the crimes committed in the town of Khojaly fully suits the definition of the word genocide as indicated in the Convention “On Prevention and Punishment of the Crime of Genocide” adopted on December 9, 1948, under Resolution 260 (III) of the UN General Assembly." },
  { file: "002_9d3e6fa97c59422b.txt", source: "milli-majlis-1994", attributionText: "According to a February 24, 1994 Resolution of the Milli Majlis", quote: "According to a February 24, 1994 Resolution of the Milli Majlis of the Republic of Azerbaijan, February 26 was declared as the Day of the Khojaly genocide." },
  { file: "004_3d250df90f9a4146.txt", source: "genocide-convention", attributionText: "the Convention on the Prevention and Punishment of the Crime of Genocide", quote: "The nature and scale of the crimes committed in the city of Khojaly fully correspond to the definition outlined in the Convention on the Prevention and Punishment of the Crime of Genocide, adopted by UN General Assembly Resolution 260 (III) on December 9, 1948." },
  { file: "004_3d250df90f9a4146.txt", source: "de-waal", attributionText: "in an interview for Thomas de Waal’s book Black Garden", quote: "Serzh Sargsyan himself admitted to the killings of civilians in Khojaly in an interview for Thomas de Waal’s book Black Garden, stating: “Before Khojaly, Azerbaijanis thought that we were kidding. They thought that Armenians were a people who could not raise their hands to the civilian population. But we were able to overcome this stereotype.”" },
  { file: "004_3d250df90f9a4146.txt", source: "kocharyan-2004", attributionText: "during a speech at the session of the Parliamentary Assembly of the Council of Europe on June 23, 2004", quote: "Armenian President Robert Kocharyan, during a speech at the session of the Parliamentary Assembly of the Council of Europe on June 23, 2004, responding to a question from Azerbaijani parliament member Rafael Huseynov, stated that he was proud of his participation in the military operations that took place in and around Nagorno-Karabakh in 1992–1994." },
  { file: "004_3d250df90f9a4146.txt", source: "ter-petrosyan-video", attributionText: "a video recording of a meeting … published on YouTube", quote: "In this footage, he openly admits that Azerbaijanis were deliberately “cleansed” from Nagorno-Karabakh and Armenia, presenting this process as the “fulfillment of a 600-year-old Armenian dream.”" },
  { file: "004_3d250df90f9a4146.txt", source: "milli-majlis-1994", attributionText: "by a resolution of the Milli Majlis", quote: "On February 24, 1994, by a resolution of the Milli Majlis (National Assembly) of the Republic of Azerbaijan, February 26 was declared the Day of the Khojaly Genocide." },
  { file: "003_e2a3549d0748271b.txt", source: "memorial", attributionText: "According to the Russian remedial centre \"Мемориал\"", quote: "According to the Russian remedial centre \"Мемориал\", 200 corpses had been brought" },
  { file: "003_e2a3549d0748271b.txt", source: "memorial", attributionText: "Observers from \"Memorial\" Human Rights Watch Center", quote: "Observers from \"Memorial\" Human Rights Watch Center became witnesses of active" },
  { file: "003_e2a3549d0748271b.txt", source: "memorial", attributionText: "\"Memorial\" Human Rights Watch Center establishes", quote: "\"Memorial\" Human Rights Watch Center establishes that actions of Armenian armed" },
  { file: "003_e2a3549d0748271b.txt", source: "unsc-822", attributionText: "UN Security Council's resolutions 822", quote: "distrust towards UN Security Council's resolutions 822 adopted in 1993 in April" },
  { file: "003_e2a3549d0748271b.txt", source: "trend-2006", attributionText: "Trend reports", quote: "decree by Ramiz Mehdiyev, the head of the President’s Administration, Trend reports." },
  { file: "003_e2a3549d0748271b.txt", source: "sunday-times", attributionText: "The Sunday Times reported", quote: "The Sunday Times reported the atrocity with the headline, “Armenian Soldiers Massacre  \n\nHundreds of Fleeing Families” (March 1, 1992)." },
  { file: "003_e2a3549d0748271b.txt", source: "newsweek-1992", attributionText: "Newsweek magazine reported", quote: "Newsweek magazine reported: “Many were killed at close range while trying to flee; some had their \n\nfaces mutilated, others were scalped” (March 16, 1992)." },
  { file: "003_e2a3549d0748271b.txt", source: "nyt-1992", attributionText: "The New York Times also described", quote: "The New York Times also described beheadings and acts of scalping (March 3, 1992)." },
  { file: "003_e2a3549d0748271b.txt", source: "hrw", attributionText: "according to Human Rights Watch", quote: "He noted “according to Human Rights Watch and other international observers, the massacre" },
  { file: "003_e2a3549d0748271b.txt", source: "newsweek-1992", attributionText: "Whitfield cited an article on the massacre published in U.S.-based Newsweek Magazine", quote: "Whitfield cited an article on the massacre published in U.S.-based Newsweek Magazine:" },
  { file: "003_e2a3549d0748271b.txt", source: "newsweek-1993", attributionText: "on November 29, 1993, Newsweek quoted", quote: "He pointed out on November 29, 1993, Newsweek quoted a senior U.S. Government official as" },
  { file: "003_e2a3549d0748271b.txt", source: "newsweek-1992", attributionText: "As Newsweek reported at the time", quote: "“As Newsweek reported at the time, \"many were killed at close range while trying to flee;" },
  { file: "003_e2a3549d0748271b.txt", source: "hrw", attributionText: "According to the Human Rights Watch", quote: "According to the Human Rights Watch, Khojaly Massacre was \"the largest" },
  { file: "003_e2a3549d0748271b.txt", source: "de-waal", attributionText: "Thomas De Waal. Black Garden … NYU Press, 2004", quote: "(Thomas De Waal." },
  { file: "003_e2a3549d0748271b.txt", source: "azertac-oic", attributionText: "AzerTAj state news agency reported", quote: "held in the Ugandan capital of Kampala on Sunday, AzerTAj state news agency reported." },
  { file: "003_e2a3549d0748271b.txt", source: "apa-2017", attributionText: "APA reported", quote: "January 2017 in this respect, APA reported." },
  { file: "003_e2a3549d0748271b.txt", source: "azertac-idps", attributionText: "Baku, 24 February (AzerTAc)", quote: "Baku, 24 February (AzerTAc). Khojaly IDPs have issued a statement" },
];
