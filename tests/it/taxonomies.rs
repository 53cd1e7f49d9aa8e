//! Taxonomies beside tags (`[taxonomies]` in tend.toml): a page of terms, a
//! paginated page per term, feeds per term, and the terms on each page.

use crate::support::{Site, main_element, page};

const TOML: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\n\n\
    [taxonomies]\ncategories = { title = \"Categories\", paginate_by = 2 }\nmoods = { feed = false }\n";

fn site() -> Site {
    Site::with(&[
        ("tend.toml", TOML),
        ("content/posts/one.md", &page("title: One\ndate: 2026-01-01\ncategories: essays\nmoods: calm", "First.")),
        ("content/posts/two.md", &page("title: Two\ndate: 2026-02-01\ncategories: [Essays, \"[[Books]]\"]", "Second.")),
        ("content/posts/three.md", &page("title: Three\ndate: 2026-03-01\ncategories:\n  - Essays", "Third.")),
        ("content/notes/plain.md", &page("title: Plain", "No categories.")),
    ])
}

/// The link texts and targets in `html`, in order.
fn links(html: &str) -> Vec<(String, String)> {
    html.split("<a href=\"")
        .skip(1)
        .filter_map(|rest| {
            let (href, rest) = rest.split_once('"')?;
            let text = rest.split_once('>')?.1.split('<').next()?;
            Some((text.to_owned(), href.to_owned()))
        })
        .collect()
}

#[test]
fn a_taxonomy_has_a_page_of_terms_and_a_paginated_page_per_term() {
    let site = site();
    site.build(&[]).ok();
    let index = main_element(&site.output("categories/index.html"));
    assert!(index.contains("<h1 id=\"categories\">Categories"), "{index}");
    let terms: Vec<(String, String)> = links(&index).into_iter().filter(|(_, href)| href.len() > 12).collect();
    assert_eq!(
        terms,
        [
            ("Books".to_owned(), "/categories/books/".to_owned()),
            ("Essays".to_owned(), "/categories/essays/".to_owned()),
        ]
    );
    assert!(
        index.contains("<span aria-hidden=\"true\">3</span><span class=\"visually-hidden\">3 pages</span>"),
        "{index}"
    );

    // Newest first, two to a page, as `paginate_by` says.
    let first = main_element(&site.output("categories/essays/index.html"));
    let titles = |html: &str| {
        ["One", "Two", "Three"].into_iter().filter(|t| html.contains(&format!(">{t}</a>"))).collect::<Vec<_>>()
    };
    assert_eq!(titles(&first), ["Two", "Three"]);
    assert!(first.find(">Three</a>") < first.find(">Two</a>"), "newest first: {first}");
    assert!(first.contains("3 pages in <a href=\"/categories/\">Categories</a>"), "{first}");
    let second = main_element(&site.output("categories/essays/page/2/index.html"));
    assert_eq!(titles(&second), ["One"]);

    // A title of its own, and the defaults: the name capitalised.
    assert!(site.output("moods/calm/index.html").contains("<title>Moods: calm · T</title>"));
    let sitemap = site.output("sitemap.xml");
    for url in ["categories/", "categories/essays/", "categories/books/", "moods/calm/"] {
        assert!(sitemap.contains(&format!("<loc>https://example.org/{url}</loc>")), "{url}: {sitemap}");
    }
}

#[test]
fn a_page_names_its_terms_and_the_footer_names_the_taxonomies() {
    let site = site();
    site.build(&[]).ok();
    let two = site.output("posts/two/index.html");
    let terms = two.split("<p class=\"page-terms\">").nth(1).and_then(|rest| rest.split("</p>").next()).expect("terms");
    assert_eq!(
        links(terms),
        [
            ("Categories".to_owned(), "/categories/".to_owned()),
            ("Essays".to_owned(), "/categories/essays/".to_owned()),
            ("Books".to_owned(), "/categories/books/".to_owned()),
        ]
    );
    let plain = site.output("notes/plain/index.html");
    assert!(!plain.contains("page-terms"), "{plain}");
    for html in [&two, &plain] {
        let footer = html.split("<footer class=\"site-footer\">").nth(1).expect("a footer");
        assert!(footer.contains("<a href=\"/categories/\">Categories</a>"), "{footer}");
        assert!(footer.contains("<a href=\"/moods/\">Moods</a>"), "{footer}");
    }
}

#[test]
fn terms_have_feeds_unless_their_taxonomy_says_feed_false() {
    let site = site();
    site.build(&[]).ok();
    let xml = site.output("categories/essays/feed.xml");
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("an Atom feed");
    let titles: Vec<String> = feed.entries.iter().filter_map(|e| e.title.as_ref().map(|t| t.content.clone())).collect();
    assert_eq!(titles, ["Three", "Two", "One"]);
    assert_eq!(feed.title.map(|t| t.content).as_deref(), Some("Categories: Essays · T"));
    assert!(site.has_output("categories/essays/feed.json"));
    let term_page = site.output("categories/essays/index.html");
    assert!(term_page.contains("href=\"/categories/essays/feed.xml\""), "the page names its feed");
    assert!(!site.has_output("moods/calm/feed.xml"));
    assert!(!site.output("moods/calm/index.html").contains("moods/calm/feed"));
}

#[test]
fn a_note_at_a_term_url_introduces_the_term() {
    let site = site();
    site.write("content/categories/essays.md", &page("title: Essays", "Longer pieces, argued."));
    site.write("content/categories/poems.md", &page("title: Poems", "None yet."));
    site.build(&[]).ok();
    let essays = main_element(&site.output("categories/essays/index.html"));
    assert!(essays.contains("<div class=\"prose intro\"><p>Longer pieces, argued.</p>"), "{essays}");
    // A described term no page carries still has its page, named as the
    // note is (by its file name when it has no title).
    site.write("content/categories/Short Stories.md", "Brief ones.");
    site.build(&[]).ok();
    assert!(site.output("categories/poems/index.html").contains("None yet."));
    assert!(site.output("categories/short-stories/index.html").contains("<h1 id=\"short-stories\">Short Stories"));
    assert!(site.output("categories/index.html").contains(">Short Stories</a>"));
    assert!(!site.output_files().iter().any(|f| f.starts_with("categories/essays/essays")));
}

#[test]
fn content_deeper_under_a_taxonomy_is_an_error() {
    let site = site();
    site.write("content/categories/essays/more.md", &page("title: More", "Too deep."));
    let run = site.build(&[]);
    run.expect_code(1);
    let stderr = run.stderr_redacted(&site);
    assert!(
        stderr.contains("claims the URL /categories/essays/more/, where tend writes the categories pages"),
        "{stderr}"
    );
}

#[test]
fn bad_taxonomy_settings_and_values_say_where_and_what_to_write() {
    let site = site();
    site.write(
        "tend.toml",
        "title = \"T\"\n\n[taxonomies]\ntags = { title = \"Topics\" }\ncategories = { titel = \"Kinds\" }\n",
    );
    site.write("content/posts/one.md", &page("title: One\ndate: 2026-01-01\ncategories:\n  genre: essay", "First."));
    let run = site.build(&[]);
    run.expect_code(1);
    let stderr = run.stderr_redacted(&site);
    for expected in [
        "taxonomy `tags` in tend.toml cannot be used",
        "tend.toml:4",
        "tags are built in",
        "unknown setting `titel` in [taxonomies.categories] of tend.toml",
        "tend.toml:5",
        "did you mean `title`?",
        "`categories` is a taxonomy: its value must be a name or a list of names",
        "posts/one.md:4",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
}
