//! Walking `content/`, sections and their order, URLs.

use crate::support::{Site, page};

#[test]
fn sections_come_from_folders_and_list_newest_first() {
    let site = Site::with(&[
        ("content/posts/_index.md", &page("title: Essays\ndescription: Longer pieces.", "")),
        ("content/posts/old.md", &page("title: Old\ndate: 2024-01-01", "Text")),
        ("content/posts/new.md", &page("title: New\ndate: 2025-01-01", "Text")),
        ("content/notes/b.md", &page("title: Beta", "Text")),
        ("content/notes/a.md", &page("title: Alpha", "Text")),
        ("content/notes/z.md", &page("title: Zed\nweight: 1", "Text")),
    ]);
    site.build(&[]).ok();
    let posts = site.output("posts/index.html");
    assert!(posts.contains("<h1 id=\"essays\">Essays"), "{posts}");
    assert!(posts.contains("<p class=\"lede\">Longer pieces.</p>"));
    assert!(posts.find(">New<").expect("new") < posts.find(">Old<").expect("old"));
    // A folder without _index.md is a section too, titled after the folder.
    let notes = site.output("notes/index.html");
    assert!(notes.contains("<h1 id=\"notes\">Notes"), "{notes}");
    let (z, a, b) = (notes.find(">Zed<"), notes.find(">Alpha<"), notes.find(">Beta<"));
    assert!(z < a && a < b, "weight first, then title: {notes}");
}

#[test]
fn sort_by_date_makes_a_missing_date_an_error() {
    let site = Site::with(&[
        ("content/posts/_index.md", &page("sort_by: date", "")),
        ("content/posts/undated.md", &page("title: Undated", "Text")),
    ]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("content/posts/undated.md:1:1"), "{}", run.stderr);
    assert!(run.stderr.contains("this page has no date, but its section sorts by date"), "{}", run.stderr);
}

#[test]
fn home_lists_recent_dated_pages_and_the_intro() {
    let site = Site::with(&[
        ("tend.toml", "title = \"My Site\"\n"),
        ("content/_index.md", &page("title: Welcome", "Hello, *reader*.")),
        ("content/posts/a.md", &page("title: First\ndate: 2025-01-01", "Text")),
        ("content/about.md", &page("title: About", "Me.")),
    ]);
    site.build(&[]).ok();
    let home = site.output("index.html");
    assert!(home.contains("<h1 id=\"welcome\">Welcome"), "{home}");
    assert!(home.contains("<p>Hello, <em>reader</em>.</p>"));
    assert!(home.contains("href=\"/posts/a/\">First</a>"));
    // Issue 18: the menu lists folders; a vault's many top-level notes
    // would crowd it.
    let menu = &home[home.find("site-menu").expect("a menu")..];
    let menu = &menu[..menu.find("</ul>").expect("its end")];
    assert!(menu.contains("href=\"/posts/\"") && !menu.contains("/about/"), "{menu}");
    assert!(home.contains("<title>My Site</title>"));
}

#[test]
fn hidden_folders_and_gitignored_files_are_skipped() {
    let site = Site::with(&[
        ("content/a.md", "Text"),
        ("content/.obsidian/workspace.md", "not content"),
        ("content/.git/HEAD.md", "not content"),
        ("content/.gitignore", "private/\n"),
        ("content/private/secret.md", "secret"),
    ]);
    site.build(&[]).ok();
    assert!(site.has_output("a/index.html"));
    let files = site.output_files().join("\n");
    assert!(!files.contains("workspace") && !files.contains("secret") && !files.contains("HEAD"), "{files}");
}

#[test]
fn nested_sections_link_to_their_children() {
    let site = Site::with(&[
        ("content/notes/rust/ownership.md", &page("title: Ownership", "Text")),
        ("content/notes/top.md", &page("title: Top", "Text")),
    ]);
    site.build(&[]).ok();
    assert!(site.has_output("notes/rust/ownership/index.html"));
    let notes = site.output("notes/index.html");
    assert!(notes.contains("<a href=\"/notes/rust/\">Rust</a>"), "{notes}");
}

#[test]
fn empty_site_builds_a_home_page() {
    let site = Site::with(&[("content/_index.md", "---\ntitle: Home\n---\n")]);
    site.build(&[]).ok();
    insta::assert_debug_snapshot!(site.output_files());
}

#[test]
fn site_config_reaches_templates() {
    let site = Site::with(&[
        (
            "tend.toml",
            "title = \"T\"\nauthor = \"Ada\"\nlanguage = \"de\"\nbase_url = \"https://example.org/sub\"\n[extra]\nmastodon = \"@ada\"\n",
        ),
        ("content/a.md", "Text"),
        (
            "templates/page.html",
            "{{ site.title }}|{{ site.author }}|{{ site.language }}|{{ site.base_url }}|{{ site.extra.mastodon }}|{{ page.permalink }}",
        ),
    ]);
    site.build(&[]).ok();
    assert_eq!(site.output("a/index.html"), "T|Ada|de|https://example.org/sub/|@ada|https://example.org/sub/a/");
}

#[test]
fn typo_in_tend_toml_warns() {
    let site = Site::with(&[("tend.toml", "titel = \"T\"\n"), ("content/a.md", "Text")]);
    let run = site.build(&[]);
    run.ok();
    assert!(run.stderr.contains("unknown setting `titel` in tend.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `title`?"), "{}", run.stderr);
}

#[test]
fn a_folders_text_links_to_notes_as_a_page_does() {
    let site = Site::with(&[
        (
            "content/_index.md",
            &page(
                "title: Garden",
                "Start with [[Soil]], [the compost](posts/compost.md) or [[Nowhere]].\n\n![[Soil#Why]]",
            ),
        ),
        ("content/posts/soil.md", &page("title: Soil\ndate: 2025-01-01", "Soil.\n\n## Why\n\nIt is alive.")),
        ("content/posts/compost.md", &page("title: Compost\ndate: 2025-01-02", "Compost.")),
    ]);
    let run = site.build(&[]);
    run.ok();
    let home = site.output("index.html");
    assert!(home.contains("<a href=\"/posts/soil/\">Soil</a>"), "{home}");
    assert!(home.contains("<a href=\"/posts/compost/\">the compost</a>"));
    assert!(home.contains("It is alive."), "the embedded part: {home}");
    assert!(run.stderr.contains("link to a missing note `Nowhere`"), "{}", run.stderr);
    assert!(run.stderr.contains("content/_index.md:5:57"), "{}", run.stderr);
    let check = site.tend(&["check"]);
    assert!(!check.stderr.contains("which the site does not have"), "{}", check.stderr);
}
