/**
 * `npm run bench -- revision`: issue 15, "Timing": a revision of the 195 KB compilation that carries
 * 2,000 annotations over (50 scattered edits: insertions, deletions, replacements, look-alike fixes)
 * commits in ≤ 500 ms, through createRevision (lib/revisions/mutations.ts) on a fresh embedded
 * PostgreSQL (profile "bench-revision"). Each run annotates a fresh copy of the document; a fifth of
 * the annotations are signed-off verdicts, so that sign-off goes back where their words changed.
 * `--smoke`: 200 annotations, 10 edits, one run; exits non-zero when the counts or events disagree.
 *
 * The lib functions import "server-only": the bench runs itself again under the react-server
 * condition, as bench/scale.ts does.
 */
import { underReactServer } from "./lib/react-server";

// The lib modules it loads must be resolved under the condition: imported only once under it.
underReactServer(__filename, () => import("./lib/revision-run"));
