//! Issue 23: Obsidian Bases evaluated at build time: `.base` pages,
//! ```` ```base ```` blocks and embedded bases; filters, formulas, views
//! (table, cards, list) with their sort, limit and grouping; `this`; and
//! what tend does not support said at its line.

use crate::support::{Site, page};

/// A reading vault: four books (one unpublished), an author, a base kept
/// with the templates and a note that embeds it.
fn shelf() -> Site {
    Site::with(&[
        (
            "Books/Dune.md",
            &page(
                "title: Dune\nauthor: \"[[Frank Herbert]]\"\nrating: 5\nstatus: read\nfinished: 2024-03-02\ntags: [book, scifi]\ncover: \"[[dune.png]]\"",
                "A desert planet, by [[Frank Herbert]].",
            ),
        ),
        ("Books/Emma.md", &page("author: Jane Austen\nrating: 4\nstatus: reading\ntags: [book]", "Matchmaking.")),
        ("Books/Notes on reading.md", &page("tags: [book/notes]\nrating: 2", "How I read. #slow")),
        ("Books/Secret.md", &page("publish: false\ntags: [book]\nrating: 9", "Hidden.")),
        (
            "Frank Herbert.md",
            "# Frank Herbert\n\nHis books: ![[Reading.base]]\n\n```base\nfilters: 'author == link(this.file.name)'\nviews:\n  - type: list\n```\n",
        ),
        ("Shelf only.md", "# Shelf only\n\n![[Reading.base#Shelf]]\n"),
        (
            "Templates/Reading.base",
            r#"filters:
  and:
    - file.hasTag("book")
    - file.inFolder("Books")
formulas:
  stars: '"★".repeat(rating)'
  verdict: 'if(rating >= 4, "keep", "lend")'
properties:
  formula.stars:
    displayName: Stars
  author:
    displayName: Written by
views:
  - type: table
    name: All books
    order:
      - file.name
      - author
      - formula.stars
      - finished
      - formula.verdict
    sort:
      - property: rating
        direction: DESC
  - type: cards
    name: Shelf
    image: note.cover
    groupBy:
      property: status
      direction: ASC
  - type: list
    name: By this author
    filters: file.hasLink(this)
    order: [file.name, rating]
  - type: table
    name: Top one
    limit: 1
    sort:
      - property: rating
        direction: DESC
"#,
        ),
    ])
}

fn built(site: &Site) -> &Site {
    site.write_bytes("Books/dune.png", crate::canvas::PIXEL);
    let run = site.build(&[]);
    run.ok();
    assert!(!run.stderr.contains("warning"), "no false warnings: {}", run.stderr);
    site
}

/// The names of the notes each view of `html` lists, view by view.
fn views(html: &str) -> Vec<Vec<String>> {
    html.split("<section class=\"base-view\">")
        .skip(1)
        .map(|view| {
            let view = view.split("</section>").next().unwrap_or_default();
            let mut names = Vec::new();
            let rows = view.split("<tr>").skip(1).filter(|row| row.starts_with("<td>"));
            for row in rows.chain(view.split("<li").skip(1)) {
                if let Some(name) = row.split("\">").nth(1).and_then(|rest| rest.split("</a>").next()) {
                    names.push(name.to_owned());
                }
            }
            names
        })
        .collect()
}

#[test]
fn a_base_file_is_a_page_of_its_views() {
    let site = shelf();
    built(&site);
    let html = site.output("templates/reading/index.html");
    // Sorted by rating, highest first; the unpublished book never shows.
    assert_eq!(views(&html)[0], vec!["Dune", "Emma", "Notes on reading"], "{html}");
    assert!(!html.contains("Secret"), "{html}");
    assert!(html.contains("<thead><tr><th scope=\"col\">file name</th><th scope=\"col\">Written by</th><th scope=\"col\">Stars</th><th scope=\"col\">finished</th><th scope=\"col\">verdict</th></tr></thead>"), "{html}");
    // Cells: the note linked, a link property to its note, formulas, a
    // date in the site's words.
    assert!(html.contains("<tr><td><a href=\"/books/dune/\">Dune</a></td><td><a href=\"/frank-herbert/\">Frank Herbert</a></td><td>★★★★★</td><td><time datetime=\"2024-03-02\">March 2, 2024</time></td><td>keep</td></tr>"), "{html}");
    assert!(html.contains("<td>★★</td><td></td><td>lend</td>"), "{html}");
    // Each view is headed, with its own link.
    assert!(html.contains("<h2 id=\"view-all-books\" class=\"base-view-title\">All books <a class=\"heading-anchor\" href=\"#view-all-books\""), "{html}");
    // Cards grouped by status, with the cover image.
    let shelf = html.split("id=\"view-shelf\"").nth(1).expect("the shelf");
    let groups: Vec<&str> = shelf
        .split("<p class=\"base-group-title\">")
        .skip(1)
        .map(|g| g.split(' ').next().unwrap_or_default())
        .collect();
    assert_eq!(groups[..3], ["read", "reading", "None"], "{shelf}");
    assert!(shelf.contains("<img class=\"base-cover\" src=\"/books/dune.png\""), "{shelf}");
    // `this` is the base's own page: nothing links to it.
    assert!(html.contains("By this author") && views(&html)[2].is_empty(), "{html}");
    assert_eq!(views(&html)[3], vec!["Dune"], "limit");
    // The search finds the base by its name, and a note by its own page,
    // not through every base that lists it.
    let index: String =
        site.output_files().iter().filter(|f| f.starts_with("search/")).map(|f| site.output(f)).collect();
    assert!(index.contains("/templates/reading/") && !index.contains("\"lend\""), "{index}");
}

#[test]
fn an_embedded_base_is_found_by_name_and_this_is_the_note_that_shows_it() {
    let site = shelf();
    built(&site);
    let html = site.output("frank-herbert/index.html");
    assert_eq!(views(&html)[2], vec!["Dune"], "the books that link to this author: {html}");
    assert!(html.contains("<p class=\"base-view-title\">All books</p>"), "a view in a note is named, not a heading");
    // A block in the note: `this.file.name` is the author's.
    assert_eq!(views(&html)[4], vec!["Dune"], "{html}");
    // `#Shelf` embeds that view alone.
    let shelf = site.output("shelf-only/index.html");
    assert_eq!(shelf.matches("<section class=\"base-view\">").count(), 1, "{shelf}");
    assert!(shelf.contains("<p class=\"base-view-title\">Shelf</p>"), "{shelf}");
}

/// A page of ```` ```base ```` blocks, one per filter, each listing the
/// names of the notes it keeps.
fn blocks(filters: &[&str]) -> String {
    let mut text = String::from("# Tests\n\n");
    for filter in filters {
        text.push_str(&format!(
            "```base\nfilters: '{filter}'\nviews:\n  - type: list\n    order: [file.name]\n```\n\n"
        ));
    }
    text
}

#[test]
fn filters_read_files_notes_and_the_global_functions() {
    let tests: [(&str, &[&str]); 24] = [
        (r#"file.name == "Emma""#, &["Emma"]),
        (r#"file.path == "Books/Emma.md""#, &["Emma"]),
        (r#"file.folder == "Books" && rating > 3"#, &["Dune", "Emma"]),
        (r#"file.ext == "base""#, &["Reading"]),
        (r#"file.size > 35 && file.size < 45 && file.inFolder("Books")"#, &["Dune"]),
        (r#"file.ctime > date("2020-01-01") && file.mtime <= now() && rating == 5"#, &["Dune"]),
        (r##"file.tags.contains("#slow")"##, &["Notes on reading"]),
        (r#"file.hasTag("book") && !file.hasTag("book/notes")"#, &["Dune", "Emma"]),
        (r#"file.hasTag("scifi", "nothing")"#, &["Dune"]),
        (r#"file.hasLink("Frank Herbert")"#, &["Dune"]),
        (r#"file.links.contains(link("Frank Herbert"))"#, &["Dune"]),
        (r#"file.inFolder("Templates")"#, &["Reading"]),
        (r#"author == link("Frank Herbert")"#, &["Dune"]),
        (r#"list(status).containsAny("read", "lost")"#, &["Dune"]),
        (r#"if(rating, rating, 0) > 4"#, &["Dune"]),
        (r#"author.contains("Austen")"#, &["Emma"]),
        (r#"author.startsWith("Jane")"#, &["Emma"]),
        (r#"status.isEmpty() && file.inFolder("Books")"#, &["Notes on reading"]),
        (r#"file.name.length == 4"#, &["Dune", "Emma"]),
        (r#"finished < today() && finished + "1y" > date("2025-01-01")"#, &["Dune"]),
        (r#"note.rating % 2 == 0 && rating >= (1 + 1) * 2"#, &["Emma"]),
        (r##"file.tags.filter(value.startsWith("#sci")).length == 1"##, &["Dune"]),
        (r#"(date("2024-03-05") - finished).days == 3"#, &["Dune"]),
        (r#"file.backlinks.contains(link("Dune"))"#, &["Frank Herbert"]),
    ];
    let site = shelf();
    let filters: Vec<&str> = tests.iter().map(|(filter, _)| *filter).collect();
    site.write("Tests.md", &blocks(&filters));
    built(&site);
    let html = site.output("tests/index.html");
    let found = views(&html);
    for ((filter, expected), found) in tests.iter().zip(&found) {
        let mut found = found.clone();
        found.sort();
        assert_eq!(found, *expected, "{filter}");
    }
}

#[test]
fn what_tend_does_not_support_is_a_warning_at_its_line_and_the_rest_shows() {
    let site = Site::with(&[
        ("Soil.md", &page("rating: 3", "Soil.")),
        (
            "Odd.base",
            "filters: 'rating >'\nformulas:\n  twice: rating * 2\n  odd: 'file.wibble()'\nviews:\n  - type: map\n    order: [file.name, formula.twice, formula.odd, formula.gone]\n  - type: list\n",
        ),
    ]);
    let run = site.build(&[]);
    run.ok();
    for (at, what) in [
        ("Odd.base:1:19", "cannot read the expression `rating >`: the expression ends too soon"),
        ("Odd.base:4:", "tend does not know `file.wibble()`"),
        ("Odd.base:6:", "tend does not draw `map` views; this one is shown as a table"),
        ("Odd.base:7:", "`formula.gone` names no formula of this base"),
    ] {
        let found = run.stderr.split("warning").any(|w| w.contains(at) && w.contains(what));
        assert!(found, "{what} at {at}: {}", run.stderr);
    }
    // The broken filter keeps nothing, and the rest is drawn.
    assert!(site.output("odd/index.html").contains("No notes"));

    let site = Site::with(&[("Soil.md", "Soil.\n\n```base\nfilters:\n  and: [\n```\n")]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("this base is not valid YAML") && run.stderr.contains("Soil.md:5:"), "{}", run.stderr);
}
