use super::{MarkdownOptions, render, smarten};

fn html(markdown: &str) -> String {
    render(markdown, &MarkdownOptions { base_path: "/", ..MarkdownOptions::default() }).html
}

#[test]
fn headings_get_ids_and_anchors() {
    insta::assert_snapshot!(html(
        "# Top\n\n## Second *level*\n\n## Second level\n\n### `code` head {#custom .wide}\n\n##### Five"
    ));
}

#[test]
fn title_heading_is_dropped_once() {
    let options = MarkdownOptions {
        base_path: "/",
        drop_title: Some("My Note"),
        reserved_ids: &["my-note"],
        ..MarkdownOptions::default()
    };
    let out = render("# My Note\n\nText\n\n# My Note\n", &options);
    assert_eq!(out.html.matches("<h2").count(), 1, "{}", out.html);
    assert!(out.html.contains("id=\"my-note-1\""), "{}", out.html);
}

#[test]
fn footnotes_are_gathered_at_the_end() {
    insta::assert_snapshot!(html("One[^a] and two[^b] and one again[^a].\n\n[^b]: Second.\n[^a]: First.\n\nAfter."));
}

#[test]
fn code_blocks_and_tables_are_focusable() {
    insta::assert_snapshot!(html("```rust\nfn main() {}\n```\n\n    indented\n\n| a |\n|---|\n| 1 |\n"));
}

#[test]
fn task_lists_are_accessible() {
    insta::assert_snapshot!(html("- [x] done\n- [ ] open\n"));
}

#[test]
fn images_are_lazy_with_alt_text() {
    insta::assert_snapshot!(html("![A *boat* at `dawn`](boat.png \"Title\")"));
}

#[test]
fn raw_html_passes_through() {
    assert_eq!(html("<aside>hi</aside>\n"), "<aside>hi</aside>\n");
}

#[test]
fn smart_punctuation() {
    assert_eq!(html("\"Hi\" -- it's --- fine..."), "<p>“Hi” – it’s — fine…</p>\n");
}

#[test]
fn words_and_summary() {
    let out =
        render("## Head\n\nFirst *para* here.\n\n```\nnot counted words\n```\n\nSecond.", &MarkdownOptions::default());
    assert_eq!(out.words, 5);
    assert_eq!(out.summary, "First para here.");
}

#[test]
fn base_path_prefixes_root_links_only() {
    let options = MarkdownOptions { base_path: "/blog/", ..MarkdownOptions::default() };
    let out = render("[a](/x/) [b](y/) [c](//cdn.example/z) [d](https://e.org/)", &options);
    assert!(out.html.contains("href=\"/blog/x/\""));
    assert!(out.html.contains("href=\"y/\""));
    assert!(out.html.contains("href=\"//cdn.example/z\""));
    assert!(out.html.contains("href=\"https://e.org/\""));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let deep = format!("{}x", "> ".repeat(5000));
    let out = render(&deep, &MarkdownOptions::default());
    assert!(out.html.contains('x'));
}

#[test]
fn smarten_plain_text() {
    assert_eq!(smarten("I've said \"no\" -- twice..."), "I’ve said “no” – twice…");
    assert_eq!(smarten("C++ *really* [sic] `x` <b>"), "C++ *really* [sic] `x` <b>");
    assert_eq!(smarten("- dash first"), "- dash first");
    assert_eq!(smarten("2025. A year"), "2025. A year");
    assert_eq!(smarten("# not a heading"), "# not a heading");
    assert_eq!(smarten("plain"), "plain");
}

#[test]
fn more_marker_ends_the_summary() {
    let out = render("First para.\n\nSecond *para*.\n\n<!-- more -->\n\nThird.", &MarkdownOptions::default());
    assert_eq!(out.summary, "First para. Second para.");
    assert!(out.html.contains("Third"));
}
