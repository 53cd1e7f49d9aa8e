//! The README's "Customise" and "Put it online" sections, tried as written:
//! their `tend.toml` examples together make a site that builds without a
//! problem, with what they promise in its output.

use crate::support::{Site, page};

/// The fenced blocks of `language` in the README section headed `heading`.
fn blocks(heading: &str, language: &str) -> Vec<String> {
    let readme = include_str!("../../README.md");
    let start = readme.find(&format!("\n## {heading}\n")).unwrap_or_else(|| panic!("no section `{heading}`"));
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |end| end + 3)];
    let fence = format!("```{language}\n");
    section
        .split(fence.as_str())
        .skip(1)
        .map(|rest| {
            let body = &rest[..rest.find("```").expect("a closing fence")];
            // Blocks sit in list items, indented.
            body.lines().map(|l| l.strip_prefix("  ").unwrap_or(l)).collect::<Vec<_>>().join("\n")
        })
        .collect()
}

#[test]
fn the_customise_and_put_it_online_settings_build_as_written() {
    let toml: Vec<String> = blocks("Customise", "toml").into_iter().chain(blocks("Put it online", "toml")).collect();
    assert!(toml.len() >= 4, "the README's examples were not found: {toml:?}");
    let front = blocks("Customise", "yaml").join("\n");
    assert!(front.contains("categories:"), "{front}");
    let jinja = blocks("Customise", "jinja").join("\n");
    let site = Site::with(&[
        ("tend.toml", &format!("title = \"Mine\"\n\n{}", toml.join("\n\n"))),
        // What the examples name.
        ("content/notes/now.md", &page("title: Now", "What I do now.")),
        ("content/posts/first.md", &page(&format!("title: First\ndate: 2026-01-02\ntags: [x]\n{front}"), "A post.")),
        ("static/css/site.css", ".banner { font-weight: bold; }"),
        ("templates/page.html", &jinja),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let post = site.output("posts/first/index.html");
    assert!(post.contains("<p class=\"banner\">Draft notes ahead.</p>"), "the extended template");
    assert!(post.contains("<a href=\"/categories/books/\">Books</a>"), "the taxonomy");
    assert!(site.output("notes/now/index.html").contains("aria-current=\"page\">Now</a>"), "the menu");
    assert!(site.output_files().iter().any(|f| f == "css/site.[HASH].css"), "{:?}", site.output_files());
    // The [deploy] example is read without a problem: `tend check` reads
    // tend.toml as the build does, and says nothing.
    let check = site.tend(&["check"]);
    assert!(!check.stderr.contains("[deploy]"), "{}", check.stderr);
}
