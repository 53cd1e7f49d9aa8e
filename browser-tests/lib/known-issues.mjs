// Problems the gate knows about and cannot fix from the theme (they need a
// change in tend's Rust code). They are reported as TODO tests, which show in
// the output but do not fail the run. Remove an entry once it is fixed.
//
// Each entry: { id, reason, site?, path?, check?, problem?: (problem, all) => bool },
// where `all` is every problem the same check found on the same page.

export const KNOWN_ISSUES = [];

/** Splits problems into real ones and groups matching known issues. */
export function splitKnown(site, path, problems) {
  const real = [];
  const known = new Map();
  for (const p of problems) {
    const issue = KNOWN_ISSUES.find(
      (k) =>
        (!k.site || k.site === site) &&
        (!k.path || k.path === path) &&
        (!k.check || k.check === p.check) &&
        (!k.problem || k.problem(p, problems)),
    );
    if (!issue) real.push(p);
    else {
      if (!known.has(issue)) known.set(issue, []);
      known.get(issue).push(p);
    }
  }
  return { real, known: [...known].map(([issue, problems]) => ({ issue, problems })) };
}
