//! Drafts and future-dated pages are left out unless `--drafts`, with one
//! line saying how many.

use crate::support::{Site, page};

fn site() -> Site {
    Site::with(&[
        ("content/posts/live.md", &page("title: Live\ndate: 2025-01-01", "Text")),
        ("content/posts/draft.md", &page("title: Draft\ndate: 2025-01-02\ndraft: true", "Text")),
        ("content/posts/future.md", &page("title: Future\ndate: 2999-01-01", "Text")),
    ])
}

#[test]
fn drafts_and_future_pages_are_left_out_with_a_note() {
    let site = site();
    let run = site.build(&[]);
    run.ok();
    assert!(site.has_output("posts/live/index.html"));
    assert!(!site.has_output("posts/draft/index.html"));
    assert!(!site.has_output("posts/future/index.html"));
    assert!(
        run.stderr.contains("left out 1 draft and 1 future-dated page (build with --drafts to include them)"),
        "{}",
        run.stderr
    );
    let list = site.output("posts/index.html");
    assert!(!list.contains("Draft") && !list.contains("Future"));
}

#[test]
fn drafts_flag_includes_them() {
    let site = site();
    let run = site.build(&["--drafts"]);
    run.ok();
    assert!(site.has_output("posts/draft/index.html"));
    assert!(site.has_output("posts/future/index.html"));
    assert!(!run.stderr.contains("left out"), "{}", run.stderr);
}

#[test]
fn quiet_hides_the_note() {
    let site = site();
    let run = site.build(&["--quiet"]);
    run.ok();
    assert_eq!(run.stderr, "");
}
