/** Hypothesis's test file (plain JS, vendored unchanged): it registers its tests when imported, and exports nothing. */
declare module "*/match-quote-test.js";
