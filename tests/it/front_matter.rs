//! Front matter: YAML and TOML, every known key, typos, Obsidian keys, and
//! errors that name file, line and column.

use crate::support::{Site, page};

#[test]
fn yaml_and_toml_front_matter_both_work() {
    let site = Site::with(&[
        ("content/a.md", &page("title: From YAML\ndate: 2025-01-02", "Body A")),
        ("content/b.md", "+++\ntitle = \"From TOML\"\ndate = 2025-01-03\n+++\n\nBody B\n"),
    ]);
    site.build(&[]).ok();
    assert!(site.output("a/index.html").contains("<h1 id=\"from-yaml\">From YAML"));
    let b = site.output("b/index.html");
    assert!(b.contains("<h1 id=\"from-toml\">From TOML"));
    assert!(b.contains("<time datetime=\"2025-01-03\">January 3, 2025</time>"));
}

#[test]
fn bom_and_crlf_line_endings_work() {
    let site = Site::new();
    site.write("content/win.md", "\u{feff}---\r\ntitle: Windows\r\ndate: 2025-02-01\r\n---\r\n\r\nLine one\r\n");
    site.build(&[]).ok();
    let html = site.output("win/index.html");
    assert!(html.contains(">Windows "), "{html}");
    assert!(html.contains("<p>Line one</p>"));
}

#[test]
fn title_falls_back_to_first_heading_then_file_name() {
    let site = Site::with(&[
        ("content/notes/from-heading.md", "Intro line.\n\n# The Real Title\n\nText.\n"),
        ("content/notes/File Name Title.md", "Just text.\n"),
    ]);
    site.build(&[]).ok();
    let html = site.output("notes/from-heading/index.html");
    assert!(html.contains("<title>The Real Title · "), "{html}");
    assert_eq!(html.matches("<h1").count(), 1, "the heading used as title is not repeated");
    let html = site.output("notes/file-name-title/index.html");
    assert!(html.contains("<title>File Name Title · "), "{html}");
}

#[test]
fn date_comes_from_file_name_prefix() {
    let site = Site::with(&[("content/posts/2025-10-31-growth.md", "# Growth\n\nText.\n")]);
    site.build(&[]).ok();
    let html = site.output("posts/growth/index.html");
    assert!(html.contains("<time datetime=\"2025-10-31\">October 31, 2025</time>"), "{html}");
}

#[test]
fn front_matter_date_wins_over_file_name() {
    let site = Site::with(&[("content/posts/2025-10-31-growth.md", &page("date: 2024-05-06", "Text"))]);
    site.build(&[]).ok();
    assert!(site.output("posts/growth/index.html").contains("datetime=\"2024-05-06\""));
}

#[test]
fn typo_of_a_known_key_warns_with_suggestion() {
    let site = Site::with(&[("content/a.md", &page("title: A\ndtae: 2025-01-01", "Text"))]);
    let run = site.build(&[]);
    run.ok();
    assert!(run.stderr.contains("warning: unknown front-matter key `dtae`"), "{}", run.stderr);
    assert!(run.stderr.contains("content/a.md:3:1"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `date`?"), "{}", run.stderr);
}

#[test]
fn other_unknown_keys_reach_templates_as_extra() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A\nmood: hopeful\nextra:\n  colour: green", "Text")),
        ("templates/page.html", "{{ page.extra.mood }}/{{ page.extra.colour }}"),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert_eq!(site.output("a/index.html"), "hopeful/green");
}

#[test]
fn obsidian_publish_keys_are_understood() {
    let site = Site::with(&[
        ("content/hidden.md", &page("title: Hidden\npublish: false", "Secret")),
        (
            "content/notes/moved.md",
            &page("title: Moved\npermalink: elsewhere/here\ncssclasses: [wide, calm]\ncover: /img/a.png", "Text"),
        ),
        ("templates/page.html", "{{ page.url }}|{{ page.cssclasses | join(',') }}|{{ page.image }}"),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(!site.has_output("hidden/index.html"));
    assert!(run.stderr.contains("left out 1 page marked `publish: false`"), "{}", run.stderr);
    assert_eq!(site.output("elsewhere/here/index.html"), "/elsewhere/here/|wide,calm|/img/a.png");
}

#[test]
fn an_older_spelling_beside_the_one_read_is_named_not_taken_for_a_typo() {
    let front = "title: A\ntags: [read]\nTags: [other]\ncssclasses: wide\ncssclass: narrow";
    let site = Site::with(&[
        ("content/a.md", &page(front, "Text")),
        (
            "templates/page.html",
            "{{ page.tags | map(attribute='title') | join(',') }}|{{ page.cssclasses | join(',') }}|{{ page.extra.Tags | join(',') }}",
        ),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(run.stderr.contains("warning: `Tags` is not read: `tags` is given too"), "{}", run.stderr);
    assert!(run.stderr.contains("content/a.md:4:1"), "{}", run.stderr);
    assert!(run.stderr.contains("warning: `cssclass` is not read: `cssclasses` is given too"), "{}", run.stderr);
    assert!(!run.stderr.contains("did you mean"), "{}", run.stderr);
    assert_eq!(site.output("a/index.html"), "read|wide|other");
}

#[test]
fn cssclasses_become_article_classes() {
    let site = Site::with(&[("content/a.md", &page("title: A\ncssclasses: wide", "Text"))]);
    site.build(&[]).ok();
    assert!(site.output("a/index.html").contains("<article class=\"page wide\">"));
}

#[test]
fn all_known_keys_are_accepted() {
    let front = "title: Everything\ndate: 2025-03-04T10:00:00+01:00\nupdated: 2025-03-05\ndescription: A lede.\ntags: [one, two]\nseries: a series\ndraft: false\nslug: every-key\naliases: [/old/, Other Name]\ntemplate: page.html\nweight: 3\nstatus: budding\ntoc: true\nextra:\n  x: 1";
    let site = Site::with(&[("content/a.md", &page(front, "## One\n\n### Two\n"))]);
    let run = site.build(&[]);
    run.ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let html = site.output("every-key/index.html");
    assert!(html.contains("<p class=\"lede\">A lede.</p>"));
    assert!(html.contains("<nav class=\"toc\" aria-label=\"Table of contents\">"), "{html}");
    assert!(html.contains("status-budding"));
    assert!(html.contains("Last tended <time datetime=\"2025-03-05\">March 5, 2025</time>"));
}

#[test]
fn an_empty_title_or_description_is_as_if_absent() {
    let site = Site::with(&[
        (
            "content/posts/a.md",
            &page("title: \"\"\ndescription: \"\"\ndate: 2025-01-02", "# The Heading\n\nThe first paragraph."),
        ),
        ("templates/page.html", "{{ page.title }}|{{ page.summary }}"),
    ]);
    site.build(&[]).ok();
    assert_eq!(site.output("posts/a/index.html"), "The Heading|The first paragraph.");
}
