//! Rich content: tables of contents, and the other things technical
//! writers need rendered at build time.

use crate::support::{Site, page};

const HEADINGS: &str = "Intro.\n\n## First part\n\nText.\n\n### A detail\n\nMore.\n\n## Second part\n\nEnd.";

fn toc_of(html: &str) -> Option<String> {
    let start = html.find("<nav class=\"toc\"")?;
    let end = start + html[start..].find("</nav>")? + "</nav>".len();
    Some(html[start..end].to_owned())
}

#[test]
fn toc_true_shows_a_nested_table_of_contents() {
    let site = Site::with(&[("content/a.md", &page("title: A\ntoc: true", HEADINGS))]);
    site.build(&[]).ok();
    let toc = toc_of(&site.output("a/index.html")).expect("a toc");
    insta::assert_snapshot!(toc);
}

#[test]
fn a_site_default_turns_the_toc_on_and_front_matter_still_wins() {
    let site = Site::with(&[
        ("tend.toml", "toc = true\n"),
        ("content/a.md", &page("title: A", HEADINGS)),
        ("content/b.md", &page("title: B\ntoc: false", HEADINGS)),
        ("content/c.md", &page("title: C", "No headings at all.")),
    ]);
    site.build(&[]).ok();
    assert!(toc_of(&site.output("a/index.html")).is_some(), "site default");
    assert!(toc_of(&site.output("b/index.html")).is_none(), "toc: false wins");
    assert!(toc_of(&site.output("c/index.html")).is_none(), "nothing to list");
    let off = Site::with(&[("content/a.md", &page("title: A", HEADINGS))]);
    off.build(&[]).ok();
    assert!(toc_of(&off.output("a/index.html")).is_none(), "off unless asked");
}

#[test]
fn every_template_can_read_the_toc() {
    let site = Site::with(&[
        (
            "templates/page.html",
            "{% for h in page.toc %}[{{ h.title }}#{{ h.id }}:{{ h.children | length }}]{% endfor %}",
        ),
        ("content/a.md", &page("title: A", HEADINGS)),
    ]);
    site.build(&[]).ok();
    assert_eq!(site.output("a/index.html"), "[First part#first-part:1][Second part#second-part:0]");
}
