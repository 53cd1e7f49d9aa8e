//! Incremental rebuilds (what `tend serve` runs after each change): after
//! every edit, the output equals a clean build of the same sources byte for
//! byte, and only the files that show the change are written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tend::build::Silent;
use tend::incremental::{Scope, Session};
use tend::{BuildOptions, build};

use crate::support::{Site, files, page};

fn options(site: &Site, output: &Path) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(output.to_path_buf()),
        drafts: false,
        base_url: None,
        force: false,
        search: true,
        images: true,
        cards: false,
        fingerprints: true,
        keep_text: false,
    }
}

/// Fails unless `served` holds what a clean build of `site` writes, and
/// the session's fingerprints of it are the clean build's.
fn assert_same_as_clean_build(session: &Session, site: &Site, served: &Path, step: &str) {
    let clean = tempfile::tempdir().expect("temp dir");
    let output = clean.path().join("public");
    let report = build(&options(site, &output), &Silent)
        .map(|built| built.report)
        .unwrap_or_else(|e| panic!("{step}: the clean build failed: {e:?}"));
    assert!(report.fingerprints.as_ref() == session.fingerprints(), "{step}: fingerprints");
    let (expected, actual) = (files(&output), files(served));
    let names = |m: &BTreeMap<PathBuf, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&actual), names(&expected), "{step}: the same files");
    for (path, bytes) in &expected {
        assert!(
            actual[path] == *bytes,
            "{step}: {} differs\n--- incremental\n{}\n--- clean\n{}",
            path.display(),
            String::from_utf8_lossy(&actual[path]),
            String::from_utf8_lossy(bytes)
        );
    }
}

/// A session serving `site` into a temporary folder, built once; the
/// folder goes when the first value is dropped.
fn serve(site: &Site) -> (tempfile::TempDir, PathBuf, Session) {
    let served = tempfile::tempdir().expect("temp dir");
    let output = served.path().join("public");
    let mut session = Session::new(options(site, &output)).expect("a session");
    assert_eq!(session.build().expect("first build").scope, Scope::Full);
    (served, output, session)
}

const SERIES_TOML: &str = "title = \"Garden\"\nbase_url = \"https://example.org/\"\n";

fn garden() -> Site {
    Site::with(&[
        ("tend.toml", SERIES_TOML),
        ("content/posts/first.md", &page("title: First\ndate: 2025-01-02\ntags: [soil]\nseries: basics", "One.")),
        (
            "content/posts/second.md",
            &page("title: Second\ndate: 2025-02-03\ntags: [soil, water]\nseries: basics", "Two, see [[Bees]]."),
        ),
        ("content/notes/bees.md", &page("title: Bees", "Bees like [[Clover]]. ![[Clover#Why]]")),
        ("content/notes/clover.md", &page("title: Clover", "Clover.\n\n## Why\n\nIt fixes nitrogen.")),
        ("content/notes/moss.md", &page("title: Moss", "Moss grows slowly.")),
        ("static/notes.txt", "plain"),
    ])
}

fn edit(session: &mut Session, site: &Site, path: &str, contents: &str) -> tend::incremental::Rebuilt {
    site.write(path, contents);
    let rebuilt = session.rebuild(&[site.root().join(path)]).unwrap_or_else(|e| panic!("{path}: {e:?}"));
    session.refresh_search().expect("the search index");
    rebuilt
}

#[test]
fn every_kind_of_edit_leaves_what_a_clean_build_writes() {
    let site = garden();
    let (_served, output, mut session) = serve(&site);
    assert_same_as_clean_build(&session, &site, &output, "first build");

    // An embedded note's body: it, the note embedding it and the lists
    // showing it are written again; an unrelated note is not.
    let note = page("title: Clover", "Clover, *trifolium*.\n\n## Why\n\nIt fixes nitrogen for the bees.");
    let rebuilt = edit(&mut session, &site, "content/notes/clover.md", &note);
    assert_eq!(rebuilt.scope, Scope::Pages);
    let changed = rebuilt.changed.expect("a list of changed files");
    assert!(changed.contains(&PathBuf::from("notes/clover/index.html")), "{changed:?}");
    assert!(changed.contains(&PathBuf::from("notes/bees/index.html")), "the embedding note: {changed:?}");
    assert!(!changed.contains(&PathBuf::from("notes/moss/index.html")), "{changed:?}");
    assert!(!changed.iter().any(|p| p.starts_with("posts")), "{changed:?}");
    assert_same_as_clean_build(&session, &site, &output, "embedded note edited");

    // A new link: the target's backlinks and the graph change.
    let rebuilt = edit(&mut session, &site, "content/notes/moss.md", &page("title: Moss", "Moss, unlike [[Bees]]."));
    assert_eq!(rebuilt.scope, Scope::Pages);
    let changed = rebuilt.changed.expect("a list of changed files");
    assert!(changed.contains(&PathBuf::from("notes/bees/index.html")), "its backlinks: {changed:?}");
    assert!(changed.contains(&PathBuf::from("graph.json")), "{changed:?}");
    assert_same_as_clean_build(&session, &site, &output, "link added");

    // A post in a series with tags: its lists, tag pages and feeds.
    let post = page("title: Second\ndate: 2025-02-03\ntags: [soil, water]\nseries: basics", "Two, longer now.");
    assert_eq!(edit(&mut session, &site, "content/posts/second.md", &post).scope, Scope::Pages);
    assert_same_as_clean_build(&session, &site, &output, "post edited");

    // New front matter changes the site's shape: everything.
    let retitled = page("title: Second Thoughts\ndate: 2025-02-03\ntags: [water]", "Two.");
    assert_eq!(edit(&mut session, &site, "content/posts/second.md", &retitled).scope, Scope::Full);
    assert_same_as_clean_build(&session, &site, &output, "front matter edited");

    // A template: the files rendered with it, from the kept Markdown.
    let template =
        "{% extends \"base.html\" %}{% block content %}<p>{{ page.title }}</p>{{ page.content }}{% endblock %}";
    let rebuilt = edit(&mut session, &site, "templates/page.html", template);
    assert_eq!(rebuilt.scope, Scope::Templates);
    let changed = rebuilt.changed.expect("a list of changed files");
    assert!(changed.contains(&PathBuf::from("notes/moss/index.html")), "{changed:?}");
    assert!(changed.iter().all(|p| !p.starts_with("tags") && p != Path::new("index.html")), "{changed:?}");
    assert_same_as_clean_build(&session, &site, &output, "template added");

    // One that others import: the files of every template that uses it
    // (the new page.html does not).
    let macros = include_str!("../../theme/templates/macros.html").replacen("page-list", "page-list mine", 1);
    let rebuilt = edit(&mut session, &site, "templates/macros.html", &macros);
    let changed = rebuilt.changed.expect("a list of changed files");
    assert!(changed.contains(&PathBuf::from("tags/soil/index.html")), "{changed:?}");
    assert!(!changed.contains(&PathBuf::from("notes/moss/index.html")), "{changed:?}");
    assert_same_as_clean_build(&session, &site, &output, "macros changed");

    // A static file: copied again, nothing else.
    let rebuilt = edit(&mut session, &site, "static/notes.txt", "plainer");
    assert_eq!(rebuilt.scope, Scope::Static);
    assert_eq!(rebuilt.changed, Some(vec![PathBuf::from("notes.txt")]));
    assert_same_as_clean_build(&session, &site, &output, "static file edited");

    // tend.toml: everything.
    let toml = format!("{SERIES_TOML}description = \"Notes\"\n");
    assert_eq!(edit(&mut session, &site, "tend.toml", &toml).scope, Scope::Full);
    assert_same_as_clean_build(&session, &site, &output, "tend.toml edited");
}

#[test]
fn a_page_with_a_photo_is_rebuilt_with_its_picture_and_a_new_photo_builds_everything() {
    let site = Site::with(&[
        ("tend.toml", "[images]\nwidths = [100]\n"),
        ("content/walk/index.md", &page("title: Walk", "![The pier](pier.jpg)\n\nA walk.")),
    ]);
    site.write_bytes("content/walk/pier.jpg", &crate::images::jpeg(300, 200, 1));
    site.write_bytes("content/walk/gull.jpg", &crate::images::jpeg(300, 200, 2));
    let (_served, output, mut session) = serve(&site);
    assert!(output.join("walk/pier.100w.jpg.webp").is_file());

    let text = page("title: Walk", "![The pier](pier.jpg)\n\nA longer walk.");
    assert_eq!(edit(&mut session, &site, "content/walk/index.md", &text).scope, Scope::Pages);
    assert_same_as_clean_build(&session, &site, &output, "text beside a photo edited");

    let text = page("title: Walk", "![The pier](pier.jpg)\n\n![A gull](gull.jpg)");
    assert_eq!(edit(&mut session, &site, "content/walk/index.md", &text).scope, Scope::Full);
    assert!(output.join("walk/gull.100w.jpg.webp").is_file());
    assert_same_as_clean_build(&session, &site, &output, "a photo added");
}

#[test]
fn a_failed_rebuild_keeps_the_last_output_and_the_next_one_recovers() {
    let site = garden();
    let (_served, output, mut session) = serve(&site);
    let before = files(&output);

    site.write("content/notes/moss.md", &page("title: Moss", "Moss ![[Moss]]."));
    let failed = session.rebuild(&[site.root().join("content/notes/moss.md")]);
    assert!(failed.is_err(), "an embed cycle is an error");
    assert_eq!(files(&output), before, "nothing was written");

    let rebuilt = edit(&mut session, &site, "content/notes/moss.md", &page("title: Moss", "Moss, fixed."));
    assert_eq!(rebuilt.scope, Scope::Full, "after a failure the next rebuild starts over");
    assert_same_as_clean_build(&session, &site, &output, "fixed");
}

/// A small deterministic generator, so a failure can be replayed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % sides
    }
}

/// The body of note `n`: it embeds only notes after it, so there is no
/// cycle.
fn note_body(dice: &mut Dice, n: usize, notes: usize) -> String {
    let words = ["soil", "water", "light", "roots", "compost", "seeds", "frost", "bees"];
    let mut body = String::new();
    for _ in 0..1 + dice.roll(4) {
        let sentence: Vec<&str> = (0..4 + dice.roll(6)).map(|_| words[dice.roll(words.len())]).collect();
        body.push_str(&sentence.join(" "));
        match dice.roll(5) {
            0 => body.push_str(&format!(", see [[Note {}]]", dice.roll(notes))),
            1 if n + 1 < notes => body.push_str(&format!(" ![[Note {}#Part]]", n + 1 + dice.roll(notes - n - 1))),
            2 if dice.roll(4) == 0 => body.push_str(" #idea"),
            _ => {}
        }
        body.push_str(".\n\n");
    }
    body.push_str("## Part\n\nA part worth embedding.\n");
    body
}

/// Notes 0–5 are dated posts in a series; the rest are garden notes.
fn path_of(n: usize) -> String {
    if n < 6 { format!("content/posts/post-{n}.md") } else { format!("content/notes/note-{n}.md") }
}

fn front_matter(n: usize) -> String {
    let tag = ["a", "b", "c"][n % 3];
    let kind = ["short", "long"][n % 2];
    if n < 6 {
        format!("title: Note {n}\ndate: 2025-03-{:02}\ntags: [{tag}, d]\nseries: runs\nkinds: [{kind}, all]", n + 1)
    } else {
        format!("title: Note {n}\ntags: [{tag}]\nkinds: {kind}")
    }
}

#[test]
fn many_body_edits_in_a_row_match_clean_builds() {
    const NOTES: usize = 12;
    let mut dice = Dice(7);
    // Small pages of lists, so an edit touches one list page of several.
    let site = Site::with(&[
        // A taxonomy's terms one page to a list page, so an edit touches one.
        ("tend.toml", "title = \"Many\"\npaginate_by = 2\n\n[taxonomies]\nkinds = { paginate_by = 1 }\n"),
        ("content/posts/_index.md", &page("title: Posts\npaginate_by: 2", "")),
    ]);
    for n in 0..NOTES {
        let front = front_matter(n);
        site.write(&path_of(n), &page(&front, &note_body(&mut dice, n, NOTES)));
    }
    let (_served, output, mut session) = serve(&site);
    let mut scopes = Vec::new();
    for step in 0..30 {
        let n = dice.roll(NOTES);
        let path = path_of(n);
        site.write(&path, &page(&front_matter(n), &note_body(&mut dice, n, NOTES)));
        let rebuilt = session.rebuild(&[site.root().join(&path)]).expect("a rebuild");
        session.refresh_search().expect("the search index");
        assert_same_as_clean_build(&session, &site, &output, &format!("step {step}, note {n}, {:?}", rebuilt.scope));
        scopes.push(rebuilt.scope);
    }
    // Inline #tags that come or go change the tag pages: those are full.
    assert!(scopes.iter().filter(|s| **s == Scope::Pages).count() >= 12, "{scopes:?}");
}

#[test]
fn a_site_in_several_languages_is_rebuilt_whole_and_matches_a_clean_build() {
    let site = Site::with(&[
        ("tend.toml", "title = \"Garden\"\n\n[languages.fr]\ntitle = \"Jardin\"\n"),
        ("content/soil.md", &page("title: Soil", "Soil, see [[Moss]].")),
        ("content/soil.fr.md", &page("title: Sol", "Le sol, voir [[Moss]].")),
        ("content/moss.md", &page("title: Moss", "Moss.")),
    ]);
    let (_served, output, mut session) = serve(&site);
    assert_same_as_clean_build(&session, &site, &output, "first build");
    let rebuilt = edit(&mut session, &site, "content/soil.fr.md", &page("title: Sol", "Le sol vivant."));
    assert_eq!(rebuilt.scope, Scope::Full);
    assert!(std::fs::read_to_string(output.join("fr/soil/index.html")).expect("the page").contains("Le sol vivant."));
    assert_same_as_clean_build(&session, &site, &output, "a French page edited");
    // A new translation appears in the other language's switcher.
    edit(&mut session, &site, "content/moss.fr.md", &page("title: Mousse", "Mousse."));
    assert!(std::fs::read_to_string(output.join("moss/index.html")).expect("the page").contains("hreflang=\"fr\""));
    assert_same_as_clean_build(&session, &site, &output, "a translation added");
}

#[test]
fn a_note_a_folders_text_embeds_is_shown_again_when_edited() {
    let site = Site::with(&[
        ("content/_index.md", &page("title: Garden", "Today: ![[Soil]]")),
        ("content/posts/soil.md", &page("title: Soil", "Soil.")),
    ]);
    let (_served, output, mut session) = serve(&site);
    edit(&mut session, &site, "content/posts/soil.md", &page("title: Soil", "Soil is alive."));
    assert!(std::fs::read_to_string(output.join("index.html")).expect("home").contains("Soil is alive."));
    assert_same_as_clean_build(&session, &site, &output, "the embedded note edited");
}

#[test]
fn a_note_a_board_shows_is_shown_again_when_edited_and_an_edited_board_is_rebuilt() {
    let board = |text: &str| {
        format!(
            r#"{{"nodes":[{{"id":"t","type":"text","text":"{text}","x":0,"y":0,"width":200,"height":100}},{{"id":"f","type":"file","file":"notes/soil.md","x":300,"y":0,"width":200,"height":100}}]}}"#
        )
    };
    let site = Site::with(&[
        ("content/map.canvas", &board("Start at [[Soil]].")),
        ("content/notes/soil.md", &page("title: Soil", "Soil.")),
    ]);
    let (_served, output, mut session) = serve(&site);
    let map = || std::fs::read_to_string(output.join("map/index.html")).expect("the board");
    edit(&mut session, &site, "content/notes/soil.md", &page("title: Soil", "Soil is alive."));
    assert!(map().contains("<p>Soil is alive.</p>"), "{}", map());
    assert_same_as_clean_build(&session, &site, &output, "a note the board shows edited");
    let rebuilt = edit(&mut session, &site, "content/map.canvas", &board("Begin with [[Soil]]."));
    assert_eq!(rebuilt.scope, Scope::Full);
    assert!(map().contains("Begin with"), "{}", map());
    assert_same_as_clean_build(&session, &site, &output, "the board edited");
}

#[test]
fn a_base_is_computed_again_when_a_note_it_reads_changes() {
    let base =
        "```base\nfilters: 'file.hasLink(\"Soil\")'\nviews:\n  - type: list\n    order: [file.name, rating]\n```\n";
    let site = Site::with(&[
        ("content/index.md", &page("title: Home", &format!("Notes about soil:\n\n{base}"))),
        ("content/soil.md", &page("title: Soil", "Soil.")),
        ("content/moss.md", &page("title: Moss\nrating: 3", "Moss.")),
        ("content/fern.md", &page("title: Fern", "Fern, on [[Soil]].")),
    ]);
    let (_served, output, mut session) = serve(&site);
    let home = || std::fs::read_to_string(output.join("index.html")).expect("home");
    assert!(home().contains(">fern</a>") && !home().contains(">moss</a>"), "{}", home());
    // A link added to another note's body: the base shows it.
    edit(&mut session, &site, "content/moss.md", &page("title: Moss\nrating: 3", "Moss, on [[Soil]]."));
    assert!(home().contains(">moss</a><span class=\"base-separator\" aria-hidden=\"true\"> · </span>3"), "{}", home());
    assert_same_as_clean_build(&session, &site, &output, "a link added");
    // A property changed: a full build, and the base shows it.
    edit(&mut session, &site, "content/moss.md", &page("title: Moss\nrating: 4", "Moss, on [[Soil]]."));
    assert!(home().contains("</span>4"), "{}", home());
    assert_same_as_clean_build(&session, &site, &output, "a property changed");
}
