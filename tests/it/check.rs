//! `tend check`: every problem the build would hit plus broken links and
//! anchors, images without alt text, skipped heading levels, empty links and
//! duplicate ids, with file and line, and nothing written.

use crate::support::{Site, page};

fn site_with_problems() -> Site {
    Site::with(&[
        ("content/good.md", &page("title: Good", "## Part one\n\nFine.")),
        (
            "content/bad.md",
            &page(
                "title: Bad",
                "See [nowhere](/no/such/page/) and [a missing part](/good/#part-two).\n\n![](good.png)\n\n![Missing](missing.png)\n\n#### Too deep\n\n[](/good/)\n\n<span id=\"twice\"></span><span id=\"twice\"></span>\n\nAnd [[Not Yet]].",
            ),
        ),
        ("content/good.png", "png"),
        ("content/notes/near.md", "![Beside the note](../good.png)"),
    ])
}

#[test]
fn reports_each_problem_with_file_and_line() {
    let site = site_with_problems();
    let run = site.tend(&["check"]);
    run.ok();
    let stderr = run.stderr_redacted(&site);
    for (message, place) in [
        ("link to `/no/such/page/`, which the site does not have", "content/bad.md:5:"),
        ("link to `/good/#part-two`, but that page has no `#part-two`", "content/bad.md:5:"),
        ("image `good.png` has no alt text", "content/bad.md:7:"),
        ("link to `missing.png`, which the site does not have", "content/bad.md:9:"),
        ("heading “Too deep” skips from level 1 to level 4", "content/bad.md:11:"),
        ("link to `/good/` has no text", "content/bad.md:13:"),
        ("the id `twice` is used more than once on the page", "content/bad.md:15:"),
        ("link to a missing note `Not Yet`", "content/bad.md:17:"),
    ] {
        let at = stderr.find(message).unwrap_or_else(|| panic!("missing “{message}” in:\n{stderr}"));
        assert!(stderr[at..].contains(place), "{message} at {place}:\n{stderr}");
    }
    assert!(stderr.contains("0 errors, 8 warnings in 1 file"), "{stderr}");
    assert!(!site.root().join("public").exists(), "check writes nothing");
}

#[test]
fn deny_warnings_fails_the_check() {
    let site = site_with_problems();
    site.tend(&["check", "--deny", "warnings"]).expect_code(1);
}

#[test]
fn errors_fail_the_check() {
    let site = Site::with(&[("content/a.md", &page("title: A\ndate: 2025-02-30", "x"))]);
    let run = site.tend(&["check"]);
    run.expect_code(1);
    assert!(run.stderr.contains("`date` is not a valid date"), "{}", run.stderr);
}

#[test]
fn json_lines_for_editors() {
    let site = site_with_problems();
    let run = site.tend(&["check", "--format", "json"]);
    run.ok();
    let problems: Vec<serde_json::Value> =
        run.stderr.lines().map(|l| serde_json::from_str(l).expect("a JSON object per line")).collect();
    assert_eq!(problems.len(), 8);
    assert!(problems.iter().all(|p| p["file"] == "content/bad.md" && p["severity"] == "warning"));
    assert!(problems.iter().any(|p| p["line"] == 11 && p["message"].as_str().is_some_and(|m| m.contains("skips"))));
}

#[test]
fn a_clean_site_has_no_problems() {
    let run = crate::support::tend_in(
        &crate::support::example_site(),
        &["check", "--root", &crate::support::example_site().display().to_string()],
    );
    run.ok();
    assert!(run.stderr.contains("no problems found"), "{}", run.stderr);
}
