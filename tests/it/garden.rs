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
        (
            "content/folder/Deep Note.md",
            "Deep in a folder. It links back to [[My Note]] in this sentence. Then more.\n",
        ),
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
    // Shown as Obsidian shows it (issue 18).
    assert!(html.contains("<a href=\"/my-note/#some-heading\">My Note &gt; Some Heading</a>"), "{html}");
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
fn name_clash_takes_the_nearest_and_warns_only_when_as_near() {
    let (site, stderr) = built();
    assert!(site.output("a/linker/index.html").contains("<a href=\"/a/ideas/\">Ideas</a>"));
    // The nearest is what Obsidian opens too: nothing to warn about
    // (issue 18).
    assert!(!stderr.contains("`Ideas` names"), "{stderr}");
    let site = Site::with(&[
        ("content/a/Ideas.md", "In a."),
        ("content/b/Ideas.md", "In b."),
        ("content/Top.md", "See [[Ideas]]."),
    ]);
    let run = site.build(&[]);
    run.ok();
    assert!(run.stderr.contains("`Ideas` names content/a/Ideas.md and content/b/Ideas.md"), "{}", run.stderr);
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
        ("note", "note"),
        ("abstract", "abstract"),
        ("summary", "abstract"),
        ("tldr", "abstract"),
        ("info", "info"),
        ("todo", "todo"),
        ("tip", "tip"),
        ("hint", "tip"),
        ("important", "tip"),
        ("success", "success"),
        ("check", "success"),
        ("done", "success"),
        ("question", "question"),
        ("help", "question"),
        ("faq", "question"),
        ("warning", "warning"),
        ("caution", "warning"),
        ("attention", "warning"),
        ("failure", "failure"),
        ("fail", "failure"),
        ("missing", "failure"),
        ("danger", "danger"),
        ("error", "danger"),
        ("bug", "bug"),
        ("example", "example"),
        ("quote", "quote"),
        ("cite", "quote"),
        ("custom", "note"),
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

fn git(site: &Site, args: &[&str], date: &str) {
    let status = std::process::Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(site.root())
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

#[test]
fn last_tended_comes_from_updated_then_git_then_mtime() {
    let site = Site::with(&[
        ("content/notes/updated.md", &page("title: Updated\nstatus: evergreen\nupdated: 2024-05-06", "x")),
        ("content/notes/committed.md", &page("title: Committed\nstatus: budding", "x")),
    ]);
    git(&site, &["init", "-q"], "2020-01-01T00:00:00Z");
    git(&site, &["add", "content"], "2020-01-01T00:00:00Z");
    git(&site, &["commit", "-q", "-m", "first"], "2023-03-04T12:00:00Z");
    site.write("content/notes/fresh.md", &page("title: Fresh\nstatus: seedling", "x"));
    site.build(&[]).ok();
    let updated = site.output("notes/updated/index.html");
    assert!(updated.contains("<span class=\"status status-evergreen\">evergreen</span>"), "{updated}");
    assert!(updated.contains("Last tended <time datetime=\"2024-05-06\">May 6, 2024</time>"), "{updated}");
    let committed = site.output("notes/committed/index.html");
    assert!(committed.contains("Last tended <time datetime=\"2023-03-04\">March 4, 2023</time>"), "{committed}");
    let fresh = crate::support::redact_today(&site.output("notes/fresh/index.html"));
    assert!(fresh.contains("Last tended <time datetime=\"[TODAY]\">[TODAY]</time>"), "{fresh}");

    let by_name = site.output("notes/index.html");
    assert!(by_name.find(">Committed<") < by_name.find(">Fresh<"), "A–Z by default");
    assert!(by_name.contains("<a href=\"/notes/recently-tended/\">Recently tended</a>"), "{by_name}");
    let recent = site.output("notes/recently-tended/index.html");
    let (fresh, updated, committed) = (recent.find(">Fresh<"), recent.find(">Updated<"), recent.find(">Committed<"));
    assert!(fresh < updated && updated < committed, "newest first: {recent}");
    assert!(recent.contains("<a href=\"/notes/recently-tended/\" aria-current=\"page\">Recently tended</a>"));
}

#[test]
fn related_notes_come_from_links_tags_and_words() {
    let site = Site::with(&[
        (
            "content/notes/compost.md",
            &page(
                "title: Compost\ntags: [soil]",
                "Compost feeds the soil; worms and fungi break down leaves into humus.",
            ),
        ),
        (
            "content/notes/worms.md",
            &page("title: Worms\ntags: [soil]", "Worms turn leaves into humus. See [[Compost]]."),
        ),
        ("content/notes/fungi.md", &page("title: Fungi", "Fungi break down leaves into humus underground.")),
        ("content/notes/trains.md", &page("title: Trains", "Timetables and stations and railway signals.")),
    ]);
    site.build(&[]).ok();
    let compost = site.output("notes/compost/index.html");
    let related = &compost[compost.find("id=\"related-notes\"").expect("related notes")..];
    let worms = related.find(">Worms<").expect("linked and same tag");
    let fungi = related.find(">Fungi<").expect("shared words");
    assert!(worms < fungi, "{related}");
    assert!(!related.contains(">Trains<"), "unrelated: {related}");
}

#[test]
fn graph_json_and_graph_page() {
    let (site, _) = built();
    let json: serde_json::Value = serde_json::from_str(&site.output("graph.json")).expect("graph.json parses");
    let nodes = json["nodes"].as_array().expect("nodes");
    let links = json["links"].as_array().expect("links");
    assert!(nodes.iter().any(|n| n["id"] == "/my-note/" && n["title"] == "My Note"));
    assert!(links.iter().any(|l| l["source"] == "/folder/deep-note/" && l["target"] == "/my-note/"));
    let page = site.output("graph/index.html");
    assert!(page.contains("<svg class=\"graph\""), "{page}");
    assert!(page.contains("<a href=\"/my-note/\" aria-label=\"My Note\"><title>My Note</title><circle"), "{page}");
    assert!(site.output("index.html").contains("<a href=\"/graph/\">Graph</a>"));
}

#[test]
fn scripts_only_where_asked_for() {
    let (site, _) = built();
    assert!(!site.output("my-note/index.html").contains("<script src=\"/garden."), "no garden script by default");
    let graph = site.output("graph/index.html");
    assert!(graph.contains("<script src=\"/garden."), "graph zoom: {graph}");
    let with_previews = vault();
    with_previews.write("tend.toml", "hover_previews = true\n");
    with_previews.build(&[]).ok();
    let page = with_previews.output("my-note/index.html");
    assert!(page.contains("data-previews=\"true\" defer></script>"), "{page}");
    let script = with_previews.output_files().into_iter().find(|f| f.starts_with("garden.")).expect("garden script");
    assert_eq!(script, "garden.[HASH].js");
}

/// Issue 25: a garden of undated notes has feeds, last tended first.
#[test]
fn undated_notes_reach_the_site_and_tag_feeds_by_when_they_were_tended() {
    let site = Site::with(&[
        ("tend.toml", "base_url = \"https://example.org/\""),
        ("content/notes/old.md", &page("title: Old\nupdated: 2025-01-02\ntags: [moss]", "Old note.")),
        ("content/notes/new.md", &page("title: New\nupdated: 2025-03-04\ntags: [moss]", "New note.")),
    ]);
    site.build(&[]).ok();
    for path in ["feed.xml", "tags/moss/feed.xml"] {
        let feed = feed_rs::parser::parse(site.output(path).as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
        let titles: Vec<String> =
            feed.entries.iter().map(|e| e.title.as_ref().map(|t| t.content.clone()).unwrap_or_default()).collect();
        assert_eq!(titles, ["New", "Old"], "{path}");
        let updated = feed.entries[0].updated.expect("updated").to_rfc3339();
        assert!(updated.starts_with("2025-03-04"), "{path}: {updated}");
        assert!(feed.entries[0].published.is_none(), "{path}: an undated note has no publication day");
    }
    let json: serde_json::Value = serde_json::from_str(&site.output("tags/moss/feed.json")).expect("json");
    assert_eq!(json["items"][0]["title"], "New");
    assert!(json["items"][0].get("date_published").is_none(), "{json}");
}
