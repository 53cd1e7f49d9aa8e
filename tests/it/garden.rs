//! The garden: an Obsidian vault builds as it is. Wikilinks, backlinks,
//! embeds, callouts, highlights, comments, inline tags and block ids.

use crate::support::{Site, page};

/// A small vault that uses every construct.
fn vault() -> Site {
    Site::with(&[
        (".obsidian/app.json", "{}"),
        ("content/.obsidian/workspace.json", "{}"),
        (
            "content/My Note.md",
            &page(
                "aliases: [Other Name]\ntags: [garden]",
                "# My Note\n\nThe first line.\n\n## Some Heading\n\nUnder the heading. ^blk\n\n## Later\n\nAfter it.",
            ),
        ),
        (
            "content/Punctuation, Yes!.md",
            "Links: [[My Note]], [[my note|a label]], [[My Note#Some Heading]], [[My Note#^blk]], [[Other Name]] and [[folder/Deep Note]]. Also [markdown](My%20Note.md#later).\n\nA [[Missing Thought]] here.\n",
        ),
        ("content/folder/Deep Note.md", "Deep in a folder. It links back to [[My Note]] in this sentence. Then more.\n"),
        ("content/a/Ideas.md", "Ideas in a.\n"),
        ("content/b/Ideas.md", "Ideas in b.\n"),
        ("content/a/Linker.md", "See [[Ideas]].\n"),
        ("content/attachments/diagram.png", "PNG"),
        (
            "content/Embeds.md",
            "Whole:\n\n![[My Note]]\n\nPart:\n\n![[My Note#Some Heading]]\n\n![[diagram.png]] and ![[diagram.png|300]]\n",
        ),
        (
            "content/Syntax.md",
            "Some ==marked== text %%a secret%% and #inline-tag, not `#code` or a#b.\n\n%%\nhidden block\n%%\n\n> [!tip] Try this\n> Body of the tip.\n\n> [!warning]- Folded\n> Hidden until opened.\n\n> [!faq]+ Open\n> > [!note]\n> > Nested.\n\nA paragraph ^para-1\n",
        ),
    ])
}

fn built() -> (Site, String) {
    let site = vault();
    let run = site.build(&[]);
    run.ok();
    let stderr = run.stderr_redacted(&site);
    (site, stderr)
}

#[test]
fn wikilinks_resolve_by_name_title_alias_and_path() {
    let (site, _) = built();
    let html = site.output("punctuation-yes/index.html");
    assert!(html.contains("<a href=\"/my-note/\">My Note</a>"), "{html}");
    assert!(html.contains("<a href=\"/my-note/\">a label</a>"), "{html}");
    assert!(html.contains("<a href=\"/my-note/#some-heading\">My Note#Some Heading</a>"), "{html}");
    assert!(html.contains("<a href=\"/my-note/#^blk\">"), "{html}");
    assert!(html.contains("<a href=\"/my-note/\">Other Name</a>"), "{html}");
    assert!(html.contains("<a href=\"/folder/deep-note/\">folder/Deep Note</a>"), "{html}");
    assert!(html.contains("<a href=\"/my-note/#later\">markdown</a>"), "{html}");
    let target = site.output("my-note/index.html");
    assert!(target.contains("id=\"some-heading\""));
    assert!(target.contains("<span class=\"block-anchor\" id=\"^blk\"></span>"), "{target}");
}

#[test]
fn missing_notes_warn_and_show_as_not_yet_written() {
    let (site, stderr) = built();
    let html = site.output("punctuation-yes/index.html");
    assert!(
        html.contains("<span class=\"missing-link\" title=\"Not yet written\">Missing Thought<span class=\"visually-hidden\"> (not yet written)</span></span>"),
        "{html}"
    );
    assert!(stderr.contains("warning: link to a missing note `Missing Thought`"), "{stderr}");
    assert!(stderr.contains("content/Punctuation, Yes!.md:3:3"), "{stderr}");
}

#[test]
fn name_clash_takes_the_nearest_and_warns() {
    let (site, stderr) = built();
    assert!(site.output("a/linker/index.html").contains("<a href=\"/a/ideas/\">Ideas</a>"));
    assert!(stderr.contains("`Ideas` names content/a/Ideas.md and content/b/Ideas.md"), "{stderr}");
}

#[test]
fn backlinks_show_the_linking_sentence() {
    let (site, _) = built();
    let html = site.output("my-note/index.html");
    assert!(html.contains("<h2 id=\"links-to-this-page\">Links to this page"), "{html}");
    assert!(html.contains("<a href=\"/folder/deep-note/\">Deep Note</a><p class=\"backlink-context\">It links back to My Note in this sentence.</p>"), "{html}");
    assert!(html.contains("<a href=\"/punctuation-yes/\">Punctuation, Yes!</a>"), "{html}");
    assert!(html.contains("<a href=\"/embeds/\">Embeds</a>"), "embeds count as links: {html}");
}

#[test]
fn embeds_transclude_notes_sections_and_images() {
    let (site, _) = built();
    let html = site.output("embeds/index.html");
    let whole = html.find("<div class=\"embed\">").expect("an embed");
    assert!(html[whole..].contains("The first line."), "{html}");
    assert!(html.contains("<h2 id=\"my-note--some-heading\">"), "embedded ids are prefixed: {html}");
    let part = html.rfind("<div class=\"embed\">").expect("second embed");
    assert!(html[part..].contains("Under the heading.") && !html[part..].contains("After it."), "{html}");
    assert!(html.contains("<img src=\"/attachments/diagram.png\" alt=\"diagram\" loading=\"lazy\""), "{html}");
    assert!(html.contains("alt=\"diagram\" width=\"300\""), "{html}");
    assert!(!html.contains("<p></p>"), "{html}");
    assert_eq!(site.output("attachments/diagram.png"), "PNG");
}

#[test]
fn embed_cycle_is_an_error_naming_the_cycle() {
    let site = Site::with(&[("content/a.md", "![[b]]\n"), ("content/b.md", "Text\n\n![[a]]\n")]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error: embed cycle: content/a.md → content/b.md → content/a.md"), "{}", run.stderr);
    assert!(run.stderr.contains("content/b.md:3:1"), "{}", run.stderr);
}

#[test]
fn callouts_highlights_comments_tags_and_block_ids() {
    let (site, _) = built();
    let html = site.output("syntax/index.html");
    insta::assert_snapshot!(crate::support::main_element(&html));
    assert!(!html.contains("secret") && !html.contains("hidden block"));
    assert!(site.output("tags/inline-tag/index.html").contains("Syntax"));
}

#[test]
fn every_callout_type() {
    let kinds = [
        ("note", "note"), ("abstract", "abstract"), ("summary", "abstract"), ("tldr", "abstract"), ("info", "info"),
        ("todo", "todo"), ("tip", "tip"), ("hint", "tip"), ("important", "tip"), ("success", "success"),
        ("check", "success"), ("done", "success"), ("question", "question"), ("help", "question"), ("faq", "question"),
        ("warning", "warning"), ("caution", "warning"), ("attention", "warning"), ("failure", "failure"),
        ("fail", "failure"), ("missing", "failure"), ("danger", "danger"), ("error", "danger"), ("bug", "bug"),
        ("example", "example"), ("quote", "quote"), ("cite", "quote"), ("custom", "note"),
    ];
    let body: String = kinds.iter().map(|(k, _)| format!("> [!{k}]\n> Body of {k}.\n\n")).collect();
    let site = Site::with(&[("content/all.md", &page("title: All", &body))]);
    site.build(&[]).ok();
    let html = site.output("all/index.html");
    for (kind, canonical) in kinds {
        let open = format!("<div class=\"callout callout-{canonical}\" data-callout=\"{kind}\" role=\"note\">");
        assert!(html.contains(&open), "{kind}: {html}");
    }
    assert!(html.contains("<p class=\"callout-title\">Tip</p>"), "default titles: {html}");
}
