//! The page markup contract: skip link, one h1, `<time>`, the lede, heading
//! ids and self-links, semantic Markdown; snapshots of the essay and home
//! pages of the example site.

use crate::support::{Site, example_site, main_element, page, tend_in};

fn build_example() -> (tempfile::TempDir, std::path::PathBuf) {
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    let public_arg = public.display().to_string();
    let root = example_site().display().to_string();
    tend_in(out.path(), &["build", "--root", &root, "--output", &public_arg]).ok();
    (out, public)
}

#[test]
fn essay_page_snapshot() {
    let (_keep, public) = build_example();
    let html = std::fs::read_to_string(public.join("posts/i-stepped-away/index.html")).expect("essay");
    insta::assert_snapshot!(main_element(&html));
}

#[test]
fn home_page_snapshot() {
    let (_keep, public) = build_example();
    let html = std::fs::read_to_string(public.join("index.html")).expect("home");
    insta::assert_snapshot!(main_element(&html));
}

#[test]
fn essay_page_follows_the_contract() {
    let (_keep, public) = build_example();
    let html = std::fs::read_to_string(public.join("posts/i-stepped-away/index.html")).expect("essay");
    let body = &html[html.find("<body>").expect("body")..];
    let first_link = body.find("<a ").expect("a link");
    assert!(body[first_link..].starts_with("<a class=\"skip-link\" href=\"#content\">Skip to content</a>"));
    assert!(html.contains("<main id=\"content\""));
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(html.contains("<time datetime=\"2025-10-31\">October 31, 2025</time>"));
    assert!(html.contains("<p class=\"lede\">"));
    assert!(html.contains("<hr />"));
    assert!(html.contains("<ul>"));
    assert!(html.contains(
        "<p class=\"series-closing\"><a href=\"/series/learning-in-public/\">Part of my ongoing experiment in learning in public.</a></p>"
    ));
    assert!(html.contains(
        "<h2 id=\"why-i-stopped\">Why I stopped <a class=\"heading-anchor\" href=\"#why-i-stopped\" aria-label=\"Jump to section titled Why I stopped\"></a></h2>"
    ));
    assert!(!html.contains(">#<"), "the # mark is drawn by CSS, not text");
    let css_link = html.find("href=\"/style.").expect("fingerprinted stylesheet");
    assert!(html[css_link..].starts_with("href=\"/style.") && html[css_link..css_link + 30].contains(".css\""));
}

#[test]
fn duplicate_headings_get_numbered_ids() {
    let body = "## Why\n\nA\n\n## Why\n\nB\n\n### Why\n\n## Custom {#mine}\n\n#### Deep\n\n##### Deeper";
    let site = Site::with(&[("content/a.md", &page("title: Why", body))]);
    site.build(&[]).ok();
    let html = site.output("a/index.html");
    assert!(html.contains("<h1 id=\"why\">"), "{html}");
    assert!(html.contains("<h2 id=\"why-1\">"), "{html}");
    assert!(html.contains("<h2 id=\"why-2\">"), "{html}");
    assert!(html.contains("<h3 id=\"why-3\">"), "{html}");
    assert!(html.contains("<h2 id=\"mine\">Custom <a class=\"heading-anchor\" href=\"#mine\""), "{html}");
    assert!(html.contains("aria-label=\"Jump to section titled Deep\""), "{html}");
    assert!(html.contains("<h5 id=\"deeper\">Deeper</h5>"), "h5 has an id but no self-link: {html}");
}

#[test]
fn unicode_titles_keep_their_letters() {
    let site = Site::with(&[
        ("content/notes/cafe.md", &page("title: Café notes on déjà vu", "## Ça va?\n\nOui.")),
        ("content/notes/日本語.md", &page("title: 日本語のノート", "Text")),
    ]);
    site.build(&[]).ok();
    let html = site.output("notes/cafe/index.html");
    assert!(html.contains("<h1 id=\"café-notes-on-déjà-vu\">Café notes on déjà vu"), "{html}");
    assert!(html.contains("<h2 id=\"ça-va\">Ça va?"), "{html}");
    assert!(site.output("notes/日本語/index.html").contains("日本語のノート"));
}

#[test]
fn body_h1_becomes_h2_so_the_title_is_the_only_h1() {
    let site = Site::with(&[("content/a.md", &page("title: Title", "# Another top heading\n\nText"))]);
    site.build(&[]).ok();
    let html = site.output("a/index.html");
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(html.contains("<h2 id=\"another-top-heading\">"));
}

#[test]
fn gfm_and_smart_punctuation() {
    let body = "\"Quoted\" -- and --- dashes...\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n- [ ] todo\n\nA note.[^1]\n\n[^1]: The footnote.\n\n<div class=\"raw\">raw <b>html</b></div>\n\nhttps://example.org";
    let site = Site::with(&[("content/a.md", &page("title: A", body))]);
    site.build(&[]).ok();
    let main = main_element(&site.output("a/index.html"));
    insta::assert_snapshot!(main);
}

#[test]
fn images_are_lazy_and_links_follow_the_base_path() {
    let body = "![A harbour](/img/harbour.png)\n\n[About](/about/) and [elsewhere](https://example.org/)";
    let site = Site::with(&[("content/a.md", &page("title: A", body))]);
    site.build(&["--base-url", "https://example.org/blog/"]).ok();
    let html = site.output("a/index.html");
    assert!(
        html.contains("<img src=\"/blog/img/harbour.png\" alt=\"A harbour\" loading=\"lazy\" decoding=\"async\">"),
        "{html}"
    );
    assert!(html.contains("<a href=\"/blog/about/\">About</a>"), "{html}");
    assert!(html.contains("<a href=\"https://example.org/\">elsewhere</a>"), "{html}");
    assert!(html.contains("href=\"/blog/style."), "{html}");
}

#[test]
fn not_found_page() {
    let site = Site::with(&[("content/a.md", "Text")]);
    site.build(&[]).ok();
    let html = site.output("404.html");
    assert!(html.contains("<h1 id=\"page-not-found\">Page not found"));
}
