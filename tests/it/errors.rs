//! Bad content: every problem is reported in one run, each with file, line
//! and column, the offending line and a hint; the exit status is 1.

use crate::support::{Site, page};

fn failing(files: &[(&str, &str)]) -> (Site, String) {
    let site = Site::with(files);
    let run = site.build(&[]);
    run.expect_code(1);
    let stderr = run.stderr_redacted(&site);
    (site, stderr)
}

#[test]
fn unclosed_front_matter() {
    let (_, stderr) = failing(&[("content/a.md", "---\ntitle: A\n\nNo closing fence.\n")]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn invalid_yaml() {
    let (_, stderr) = failing(&[("content/a.md", "---\ntitle: A\ntags: [one, two\n---\nText\n")]);
    assert!(stderr.contains("error: front matter is not valid YAML"), "{stderr}");
    assert!(stderr.contains("content/a.md:"), "{stderr}");
}

#[test]
fn invalid_toml() {
    let (_, stderr) = failing(&[("content/a.md", "+++\ntitle = \"A\"\ndate = \n+++\nText\n")]);
    assert!(stderr.contains("error: front matter is not valid TOML"), "{stderr}");
    assert!(stderr.contains("content/a.md:3:"), "{stderr}");
}

#[test]
fn invalid_date() {
    let (_, stderr) = failing(&[("content/a.md", &page("title: A\ndate: 2025-13-01", "Text"))]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn wrong_value_types() {
    let (_, stderr) = failing(&[(
        "content/a.md",
        &page("title: A\ndraft: sometimes\nweight: heavy\ntags: {a: 1}\nstatus: sprouting", "Text"),
    )]);
    assert!(stderr.contains("`draft` must be true or false"), "{stderr}");
    assert!(stderr.contains("content/a.md:3:1"), "{stderr}");
    assert!(stderr.contains("`weight` must be a whole number"), "{stderr}");
    assert!(stderr.contains("content/a.md:4:1"), "{stderr}");
    assert!(stderr.contains("`tags` must be a list"), "{stderr}");
    // A status other than a growth stage is the writer's own (issue 18).
    assert!(!stderr.contains("status"), "{stderr}");
    assert!(stderr.contains("build failed with 3 errors"), "{stderr}");
}

#[test]
fn front_matter_that_is_not_a_map() {
    let (_, stderr) = failing(&[("content/a.md", "---\n- one\n- two\n---\nText\n")]);
    assert!(stderr.contains("front matter must be a set of `key: value` lines"), "{stderr}");
}

#[test]
fn problems_in_many_files_are_all_reported_sorted_by_file() {
    let (_, stderr) = failing(&[
        ("content/b.md", &page("date: nope", "Text")),
        ("content/a.md", "---\ntitle: A\n"),
        ("content/c.md", &page("titel: C", "Text")),
    ]);
    let a = stderr.find("content/a.md").expect("a reported");
    let b = stderr.find("content/b.md").expect("b reported");
    let c = stderr.find("content/c.md").expect("c reported");
    assert!(a < b && b < c, "{stderr}");
    assert!(stderr.contains("build failed with 2 errors and 1 warning"), "{stderr}");
}

#[test]
fn invalid_utf8_names_the_line() {
    let site = Site::new();
    site.write_bytes("content/a.md", b"---\ntitle: A\n---\nfine\nbad \xff byte\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("not valid UTF-8"), "{}", run.stderr);
    assert!(run.stderr.contains("content/a.md:5:5"), "{}", run.stderr);
}

#[test]
fn binary_file_named_md() {
    let site = Site::new();
    site.write_bytes("content/a.md", b"\x89PNG\r\n\x1a\n\0\0\0");
    site.write("content/b.md", "A page.");
    let run = site.build(&[]);
    run.ok();
    assert!(
        run.stderr.contains("warning: this looks like a binary file") && run.stderr.contains("content/a.md:1"),
        "{}",
        run.stderr
    );
    assert!(!site.has_output("a/index.html") && site.has_output("b/index.html"));
}

#[test]
fn unsafe_slug_is_an_error() {
    let (_, stderr) = failing(&[("content/a.md", &page("title: A\nslug: ../../escape", "Text"))]);
    assert!(stderr.contains("`slug` must be one safe URL segment"), "{stderr}");
    assert!(stderr.contains("content/a.md:3:1"), "{stderr}");
}

#[test]
fn unsafe_permalink_is_an_error() {
    let (_, stderr) = failing(&[("content/a.md", &page("title: A\npermalink: ../outside", "Text"))]);
    assert!(stderr.contains("`permalink` `../outside` is not a path tend can write"), "{stderr}");
}

#[test]
fn two_pages_claiming_one_url() {
    let (_, stderr) = failing(&[
        ("content/posts/hello.md", &page("title: One", "Text")),
        ("content/posts/2025-01-01-hello.md", &page("title: Two", "Text")),
    ]);
    assert!(
        stderr
            .contains("content/posts/2025-01-01-hello.md and content/posts/hello.md both claim the URL /posts/hello/"),
        "{stderr}"
    );
}

#[test]
fn case_only_collision() {
    let (_, stderr) =
        failing(&[("content/Post.md", &page("title: One", "Text")), ("content/post.md", &page("title: Two", "Text"))]);
    assert!(stderr.contains("both claim the URL /post/"), "{stderr}");
}

#[test]
fn bad_tend_toml() {
    let (_, stderr) = failing(&[("tend.toml", "title = \"x\"\nbase_url = \n"), ("content/a.md", "Text")]);
    assert!(stderr.contains("tend.toml is not valid TOML"), "{stderr}");
    assert!(stderr.contains("tend.toml:2:"), "{stderr}");
}

#[test]
fn json_format_reports_one_object_per_problem() {
    let site = Site::with(&[("content/a.md", &page("title: A\ndate: 2025-13-01", "Text"))]);
    let run = site.tend(&["build", "--format", "json"]);
    run.expect_code(1);
    let first = run.stderr.lines().next().expect("a line");
    let value: serde_json::Value = serde_json::from_str(first).expect("json");
    assert_eq!(value["severity"], "error");
    assert_eq!(value["file"], "content/a.md");
    assert_eq!(value["line"], 3);
    assert_eq!(value["column"], 1);
    let last: serde_json::Value = serde_json::from_str(run.stderr.lines().last().expect("a line")).expect("json");
    assert_eq!((&last["summary"], &last["ok"], &last["errors"]), (&"build".into(), &false.into(), &1.into()));
    assert_eq!(run.stderr.lines().count(), 2, "one problem, one summary: {}", run.stderr);
}

#[test]
fn json_format_ends_with_a_summary_and_quiet_silences_it() {
    let site = Site::with(&[("content/a.md", &page("title: A", "[[Nowhere]]"))]);
    let run = site.tend(&["build", "--format", "json"]);
    run.ok();
    let lines: Vec<serde_json::Value> = run.stderr.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert_eq!(lines[0]["severity"], "warning");
    let summary = &lines[1];
    assert_eq!(summary["summary"], "build");
    assert_eq!(summary["ok"], true);
    assert_eq!(summary["warnings"], 1);
    assert!(summary["pages"].as_u64().is_some_and(|n| n > 0), "{summary}");
    assert!(summary["ms"].is_u64(), "{summary}");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let quiet = site.tend(&["build", "--format", "json", "--quiet"]);
    quiet.ok();
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
}
