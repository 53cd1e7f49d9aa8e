use super::{LinkContext, MarkdownOptions, render};
use crate::model::{Config, Content, FrontMatter, PageKind, PageSource, Site};
use crate::site::{ResolveOptions, resolve};

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
fn more_marker_ends_the_summary() {
    let out = render("First para.\n\nSecond *para*.\n\n<!-- more -->\n\nThird.", &MarkdownOptions::default());
    assert_eq!(out.summary, "First para. Second para.");
    assert!(out.html.contains("Third"));
}

/// A site of one page, `content/one.md`, whose body starts on line 4, and
/// the given files beside it.
fn one_page_site(body: &str, files: &[&str]) -> Site {
    let page = PageSource {
        source: "content/one.md".into(),
        stem: "one".to_owned(),
        lang: None,
        kind: PageKind::File,
        meta: FrontMatter { publish: true, ..FrontMatter::default() },
        title: "One".to_owned(),
        title_in_body: false,
        date: None,
        slug: "one".to_owned(),
        body: body.to_owned(),
        body_line: 4,
        tended: None,
    };
    let assets = files.iter().map(|f| std::path::Path::new("content").join(f)).collect();
    let content = Content {
        config: Config::default(),
        pages: vec![page],
        section_indexes: Vec::new(),
        assets,
        data: Default::default(),
        base_files: Vec::new(),
    };
    resolve(content, ResolveOptions { drafts: true, now: jiff::Timestamp::UNIX_EPOCH }).0
}

/// Links resolved from the site's first page, counting embeds in `done`.
fn first_page<'a>(site: &'a Site, done: &'a std::cell::Cell<usize>) -> LinkContext<'a> {
    LinkContext { site, here: super::links::Here::Page(0), embed_stack: &[], part: None, embeds_done: done }
}

#[test]
fn problems_name_the_line_and_column_of_the_whole_file() {
    // Found with the markdown fuzz target on a large input: each problem
    // counted lines from the start of the body, so a page with many problems
    // took quadratic time.
    let site = one_page_site("Intro [[nowhere]]\n\nx\n[[a]] and [[b]]\r\né[[c]]", &[]);
    let done = std::cell::Cell::new(0);
    let options = MarkdownOptions {
        base_path: "/",
        body_line: 4,
        links: Some(first_page(&site, &done)),
        ..MarkdownOptions::default()
    };
    let out = render(&site.pages[0].body, &options);
    let places: Vec<(usize, usize, String)> = out
        .problems
        .iter()
        .map(|p| p.location.as_deref().expect("located"))
        .map(|l| (l.line, l.column, l.source_line.as_deref().unwrap_or_default().to_owned()))
        .collect();
    let line = |n, c, text: &str| (n, c, text.to_owned());
    assert_eq!(
        places,
        [
            line(4, 7, "Intro [[nowhere]]"),
            line(7, 1, "[[a]] and [[b]]"),
            line(7, 11, "[[a]] and [[b]]"),
            line(8, 2, "é[[c]]"),
        ]
    );
    // Problems on one line share its text: a long line with thousands of
    // broken links once held a copy of itself per link.
    let shared = |i: usize| out.problems[i].location.as_deref().and_then(|l| l.source_line.clone()).expect("text");
    assert!(std::sync::Arc::ptr_eq(&shared(1), &shared(2)));
}

#[test]
fn unknown_languages_are_warned_once_each() {
    // Found with the markdown fuzz target on a large input: each block looked
    // through every problem so far, so a page of many blocks in unknown
    // languages took quadratic time.
    // Misspelt languages; `klingon` is one tend cannot colour, not a
    // mistake, and is not reported.
    let site = one_page_site("```pyhton\na\n```\n\n```rsut\nb\n```\n\n```pyhton\nc\n```\n\n```klingon\nd\n```\n", &[]);
    let done = std::cell::Cell::new(0);
    let options = MarkdownOptions { links: Some(first_page(&site, &done)), ..MarkdownOptions::default() };
    let out = render(&site.pages[0].body, &options);
    let warned: Vec<(&str, usize)> =
        out.problems.iter().map(|p| (p.message.as_str(), p.location.as_deref().map_or(0, |l| l.line))).collect();
    assert_eq!(
        warned,
        [("unknown language `pyhton` in a code block", 1), ("unknown language `rsut` in a code block", 5)]
    );
}

#[test]
fn embedded_image_widths_do_not_overflow_the_height() {
    // Found with the markdown fuzz target: the height for `|width` was worked
    // out in u32, which overflowed (a panic in debug builds) for a wide width
    // on a tall image.
    let mut site = one_page_site("![[photo.png|400]] ![[photo.png|2000000]]", &["photo.png"]);
    let image = crate::model::LocalImage { source: "photo.png".into(), size: Some((4000, 3000)) };
    site.images.insert("photo.png".to_owned(), image);
    site.config.images.widths.clear();
    let done = std::cell::Cell::new(0);
    let options =
        MarkdownOptions { base_path: "/", links: Some(first_page(&site, &done)), ..MarkdownOptions::default() };
    let html = render(&site.pages[0].body, &options).html;
    assert!(html.contains(" width=\"400\" height=\"300\""), "{html}");
    assert!(html.contains(" width=\"2000000\" height=\"1500000\""), "{html}");
}
