//! Mermaid diagrams: drawn at build time as inline SVG with no script,
//! named for screen readers, the source kept for copying; a diagram that
//! cannot be drawn is a warning at its line and stays code; drawings are
//! cached across builds.

use std::path::Path;

use tend::build::Silent;
use tend::incremental::Session;
use tend::{BuildOptions, build};

use crate::support::{Site, files, main_element, page};

/// Each kind the issue names, with the name a screen reader hears.
const KINDS: &[(&str, &str)] = &[
    ("flowchart LR\n  A[Write] --> B{Publish?}\n  B -->|yes| C[Site]\n  B -->|no| A", "Flowchart: 3 nodes, 3 edges"),
    ("sequenceDiagram\n  Editor->>tend: save\n  tend->>Browser: reload", "Sequence diagram: 3 participants"),
    ("classDiagram\n  class Page {\n    +title\n  }\n  Section --> Page", "Class diagram: 2 classes, 1 relation"),
    ("stateDiagram-v2\n  [*] --> Seedling\n  Seedling --> Budding", "State diagram: 3 states, 2 transitions"),
    ("erDiagram\n  PAGE ||--o{ TAG : has", "Entity-relationship diagram: 2 entities, 1 relationship"),
    ("gantt\n  dateFormat YYYY-MM-DD\n  section Write\n  Draft :a1, 2026-01-01, 7d", "Gantt chart: 1 task"),
    ("pie title Time\n  \"Writing\" : 60\n  \"Editing\" : 40", "Pie chart: 2 slices"),
    ("mindmap\n  root((Garden))\n    Notes\n    Essays", "Mind map"),
];

fn fence(source: &str) -> String {
    format!("```mermaid\n{source}\n```\n")
}

#[test]
fn every_kind_is_drawn_as_an_svg_named_for_screen_readers_with_its_source_kept() {
    let body: String = KINDS.iter().map(|(source, _)| fence(source)).collect::<Vec<_>>().join("\nText.\n\n");
    let site = Site::with(&[("content/diagrams.md", &page("title: Diagrams", &body))]);
    let run = site.build(&[]);
    assert!(!run.ok().stderr.contains("warning"), "{}", run.stderr);
    let main = main_element(&site.output("diagrams/index.html"));
    assert_eq!(main.matches("<figure class=\"diagram\">").count(), KINDS.len(), "{main}");
    for (_, label) in KINDS {
        assert!(main.contains(&format!("role=\"img\" aria-label=\"{label}\"")), "{label}\n{main}");
    }
    assert_eq!(main.matches("<summary>Mermaid source</summary>").count(), KINDS.len());
    assert!(main.contains("Publish?"), "the labels are in the drawing");
    assert!(!main.contains("<script") && !main.contains("data-diagram="), "no script, no code left marked");
    // Ids are the diagram's own, so two drawings on a page never share one.
    let mut ids: Vec<&str> = main.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate ids");
    // Colours are the theme's stylesheet's, so dark mode needs no second
    // drawing and no drawing carries them.
    let page = site.output("diagrams/index.html");
    let css = page.split("href=\"/style.").nth(1).and_then(|rest| rest.split('"').next()).expect("the stylesheet");
    let css = site.output(&format!("style.{css}"));
    assert!(
        css.contains(":is(.diagram-scroll, #d#themed) :is(.node rect")
            && css.contains("fill: var(--bg-soft) !important"),
        "{css}"
    );
    // What only mermaid.js's scripts read is left out, and rules for
    // classes a drawing lacks.
    assert!(!main.contains("data-points=") && !main.contains(".edge-animation-slow"), "{main}");
}

/// The ids of `html`, each once: any id written twice is reported.
fn duplicate_ids(html: &str) -> Vec<&str> {
    let mut ids: Vec<&str> = html.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    ids.sort_unstable();
    let mut twice: Vec<&str> = ids.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).collect();
    twice.dedup();
    twice
}

#[test]
fn a_diagram_shown_twice_on_a_page_and_one_in_an_embedded_note_are_drawn_with_ids_of_their_own() {
    let twice = format!("{}\nAgain:\n\n{}\n![[b]]\n\n![[c]]\n", fence(KINDS[0].0), fence(KINDS[0].0));
    let site = Site::with(&[
        ("content/a.md", &page("title: A", &twice)),
        ("content/b.md", &page("title: B", &fence(KINDS[3].0))),
        ("content/c.md", &page("title: C", &fence("flowchart LR\n  A[unclosed --> B"))),
    ]);
    let run = site.build(&[]);
    // The broken diagram is its own note's warning, not the embedding one's too.
    let stderr = run.ok().stderr_redacted(&site);
    assert_eq!(stderr.matches("cannot draw this Mermaid diagram").count(), 1, "{stderr}");
    assert!(stderr.contains("content/c.md:"), "{stderr}");
    let main = main_element(&site.output("a/index.html"));
    assert_eq!(main.matches("<figure class=\"diagram\">").count(), 3, "{main}");
    assert_eq!(main.matches("data-diagram=").count(), 1, "only the broken one stays code: {main}");
    assert_eq!(duplicate_ids(&main), Vec::<&str>::new());
    // Each copy's arrows point at its own markers.
    let markers = |html: &str| html.matches("url(#").count();
    assert!(markers(&main) > 0, "{main}");
}

#[test]
fn click_links_to_plain_addresses_are_followed_and_others_never_reach_the_page() {
    let linked = "flowchart LR\n  A[Docs] --> B[Home]\n  click A \"https://example.org/docs\"\n  click B \"/about/\"";
    let script = "flowchart LR\n  A[Trap]\n  click A \"javascript:alert(1)\"";
    let body = format!("{}\n{}", fence(linked), fence(script));
    let site = Site::with(&[("content/a.md", &page("title: A", &body))]);
    site.build(&[]).ok();
    let main = main_element(&site.output("a/index.html"));
    assert!(
        main.contains("<a xlink:href=\"https://example.org/docs\"") && main.contains("xlink:href=\"/about/\""),
        "{main}"
    );
    // A screen reader reaches the links: the drawing is a group, not an image.
    assert!(main.contains("role=\"group\" aria-label=\"Flowchart: 2 nodes, 1 edge\""), "{main}");
    // merman drops a script URL; tend's check would refuse the drawing.
    assert_eq!(main.matches("xlink:href=").count(), 2, "{main}");
    assert!(!main.to_ascii_lowercase().contains("href=\"javascript"), "{main}");
}

#[test]
fn drawings_merman_gives_an_id_twice_and_journeys_are_drawn_too() {
    // Two stick figures share parts' ids in merman's drawing; a user
    // journey draws its faces inside <switch>.
    let actors = "sequenceDiagram\n    actor Alice\n    actor Bob\n    Alice->>Bob: Hi Bob\n    Bob->>Alice: Hi Alice";
    let journey =
        "journey\n    title My working day\n    section Go to work\n      Make tea: 5: Me\n      Do work: 1: Me, Cat";
    let body = format!("{}\n{}", fence(actors), fence(journey));
    let site = Site::with(&[("content/a.md", &page("title: A", &body))]);
    let run = site.build(&[]);
    assert!(!run.ok().stderr.contains("warning"), "{}", run.stderr);
    let main = main_element(&site.output("a/index.html"));
    assert_eq!(main.matches("<figure class=\"diagram\">").count(), 2, "{main}");
}

#[test]
fn acc_title_and_description_name_the_drawing() {
    let source = "sequenceDiagram\n  accTitle: Saving a note\n  accDescr: The editor saves and tend reloads the browser\n  A->>B: save";
    let site = Site::with(&[("content/a.md", &page("title: A", &fence(source)))]);
    site.build(&[]).ok();
    let main = main_element(&site.output("a/index.html"));
    assert!(main.contains("aria-label=\"Saving a note: The editor saves and tend reloads the browser\""), "{main}");
}

#[test]
fn a_diagram_that_cannot_be_drawn_is_a_warning_at_its_line_and_stays_code() {
    let body = format!("Intro.\n\n{}", fence("flowchart LR\n  A[unclosed --> B"));
    let site = Site::with(&[("content/broken.md", &page("title: Broken", &body))]);
    let run = site.build(&[]);
    let stderr = run.ok().stderr_redacted(&site);
    assert!(stderr.contains("cannot draw this Mermaid diagram: Diagram parse error"), "{stderr}");
    assert!(stderr.contains("content/broken.md:7"), "{stderr}");
    assert!(!stderr.contains("unknown language"), "{stderr}");
    let main = main_element(&site.output("broken/index.html"));
    assert!(main.contains("<pre") && main.contains("A[unclosed --&gt; B"), "{main}");
    assert!(!main.contains("<svg"), "{main}");
}

#[test]
fn a_second_build_takes_the_drawing_from_the_cache() {
    let site = Site::with(&[("content/a.md", &page("title: A", &fence(KINDS[0].0)))]);
    site.build(&[]).ok();
    let cache = site.root().join(".tend-cache/diagrams");
    let entries: Vec<_> = std::fs::read_dir(&cache).expect("the cache").flatten().map(|e| e.path()).collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    // Mark the cached drawing: a build that laid the diagram out again
    // would not show the mark.
    let cached = std::fs::read_to_string(&entries[0]).expect("an entry");
    std::fs::write(&entries[0], cached.replace("Publish?", "Cached!")).expect("marked");
    site.build(&[]).ok();
    assert!(site.output("a/index.html").contains("Cached!"), "the drawing came from the cache");
}

#[test]
fn serve_draws_an_edited_diagram_and_its_output_equals_a_clean_build() {
    let site = Site::with(&[
        ("content/a.md", &page("title: A", &fence(KINDS[0].0))),
        ("content/b.md", &page("title: B", &fence(KINDS[1].0))),
    ]);
    let served = tempfile::tempdir().expect("temp dir");
    let options = |output: &Path| BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(output.to_path_buf()),
        search: true,
        images: true,
        fingerprints: true,
        ..BuildOptions::default()
    };
    let output = served.path().join("public");
    let mut session = Session::new(options(&output)).expect("a session");
    session.build().expect("built");
    site.write("content/a.md", &page("title: A", &fence("flowchart LR\n  A[Edited] --> B[Drawn]")));
    session.rebuild(&[site.root().join("content/a.md")]).expect("rebuilt");
    let served_page = std::fs::read_to_string(output.join("a/index.html")).expect("page");
    assert!(served_page.contains("Edited") && served_page.contains("<svg"), "{served_page}");
    let clean = tempfile::tempdir().expect("temp dir");
    let _ = session.refresh_search();
    build(&options(&clean.path().join("public")), &Silent).expect("a clean build");
    let (mut ours, mut theirs) = (files(&output), files(&clean.path().join("public")));
    ours.retain(|path, _| !path.starts_with("search"));
    theirs.retain(|path, _| !path.starts_with("search"));
    assert!(ours == theirs, "serve's output equals a clean build's");
}

#[test]
fn diagrams_are_drawn_when_notes_html_is_sanitized_or_escaped() {
    for mode in ["sanitize", "escape"] {
        let site = Site::with(&[
            ("tend.toml", &format!("[markdown]\nraw_html = \"{mode}\"\n")),
            ("content/a.md", &page("title: A", &format!("<b>raw</b>\n\n{}", fence(KINDS[0].0)))),
        ]);
        site.build(&[]).ok();
        let main = main_element(&site.output("a/index.html"));
        assert!(main.contains("aria-label=\"Flowchart: 3 nodes, 3 edges\""), "{mode}: {main}");
    }
}
