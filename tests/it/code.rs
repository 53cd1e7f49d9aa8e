//! Fenced code highlighted at build time (issue 7): token classes instead of
//! inline styles, numbered and highlighted lines, a warning once per unknown
//! language, no client script, and a stylesheet with both colour schemes.

use crate::support::{Site, page};

/// The first `<pre>…</pre>` of a page.
fn first_pre(html: &str) -> &str {
    let start = html.find("<pre").expect("page has <pre>");
    let end = html[start..].find("</pre>").expect("</pre>") + start + "</pre>".len();
    &html[start..end]
}

/// The text of the fingerprinted stylesheet.
fn stylesheet(site: &Site) -> String {
    let name = site.output_files().into_iter().find(|f| f.starts_with("style.")).expect("a stylesheet");
    let dir = std::fs::read_dir(site.root().join("public")).expect("public");
    let file = dir
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let n = p.file_name().unwrap_or_default().to_string_lossy();
            n.starts_with("style.") && n.ends_with(".css")
        })
        .unwrap_or_else(|| panic!("no {name}"));
    std::fs::read_to_string(file).expect("stylesheet")
}

const RUST: &str = r#"```rust
/// Adds one.
fn add_one(x: u32) -> u32 {
    let y = "<one>";
    x + 1 // done
}
```"#;

#[test]
fn rust_block_is_highlighted_into_classes() {
    let site = Site::with(&[("content/a.md", &page("title: A", RUST))]);
    site.build(&[]).ok();
    let html = site.output("a/index.html");
    let pre = first_pre(&html);
    assert!(pre.starts_with("<pre tabindex=\"0\" data-lang=\"rust\"><code class=\"language-rust\">"), "{pre}");
    assert!(!pre.contains("style="), "no inline styles: {pre}");
    insta::assert_snapshot!(pre);
}

#[test]
fn line_numbers_and_highlighted_lines() {
    let body = "```python {linenos, hl_lines=1 3-4}\nimport os\n\ndef f():\n    return 1\nprint(f())\n```";
    let site = Site::with(&[("content/a.md", &page("title: A", body))]);
    site.build(&[]).ok();
    let html = site.output("a/index.html");
    let pre = first_pre(&html);
    assert!(pre.starts_with("<pre tabindex=\"0\" data-lang=\"python\" data-linenos><code"), "{pre}");
    let lines: Vec<&str> = pre.lines().collect();
    assert_eq!(lines.len(), 6, "five lines and the closing tags: {pre}");
    let highlighted: Vec<bool> = lines[..5].iter().map(|l| l.contains("<span class=\"line highlighted\">")).collect();
    assert_eq!(highlighted, [true, false, true, true, false], "{pre}");
    for line in &lines[..5] {
        assert!(line.contains("<span class=\"line"), "every line is wrapped: {line}");
        assert!(!line.chars().any(|c| c.is_ascii_digit() && line.starts_with(c)), "no number in the text: {line}");
    }
    // The numbers come from the stylesheet, not the text, so they are not
    // copied with the code.
    assert!(stylesheet(&site).contains("pre[data-linenos] .line::before"));
}

#[test]
fn a_misspelt_language_warns_once_and_an_uncoloured_one_not_at_all() {
    // `klingon` is a language tend cannot colour: shown plain, no warning
    // (issue 18); `pyhton` is a misspelling; `info` is an aside's label in
    // mermaid's documentation, not a slip for `ini`.
    let body = "Text.\n\n```pyhton\nQapla'\n```\n\n```pyhton\nx\n```\n\n```klingon\nbIjatlh <'e'>\n```\n\n```text\nplain\n```\n\n```info\nAn aside.\n```";
    let site = Site::with(&[("content/a.md", &page("title: A", body))]);
    let run = site.build(&[]);
    run.ok();
    let stderr = run.stderr_redacted(&site);
    assert_eq!(stderr.matches("unknown language").count(), 1, "{stderr}");
    let warning = &stderr[stderr.find("warning:").expect("a warning")..];
    let warning = &warning[..warning.find("\nnote:").expect("the base_url note follows")];
    insta::assert_snapshot!(warning);
    let html = site.output("a/index.html");
    assert!(
        html.contains("<code class=\"language-klingon\">bIjatlh &lt;'e'&gt;\n</code>"),
        "plain and escaped: {html}"
    );
}

#[test]
fn highlighted_page_carries_no_client_script() {
    // Search is the one script of the theme; without it, nothing is left.
    let site = Site::with(&[("tend.toml", "search = false\n"), ("content/a.md", &page("title: A", RUST))]);
    site.build(&[]).ok();
    let html = site.output("a/index.html");
    assert!(html.contains("class=\"hl-"), "highlighted: {html}");
    for (at, _) in html.match_indices("<script") {
        assert!(html[at..].starts_with("<script type=\"application/ld+json\">"), "only structured data: {html}");
    }
    assert!(!html.contains(" onclick="), "{html}");
}

#[test]
fn stylesheet_has_both_schemes_and_every_class_used() {
    let body = format!("{RUST}\n\n```toml\n[package]\nname = \"x\" # yes\n```\n\n```diff\n-a\n+b\n```");
    let site = Site::with(&[("content/a.md", &page("title: A", &body))]);
    site.build(&[]).ok();
    let css = stylesheet(&site);
    // The code rules follow the site theme's, which has its own dark query.
    let light = css.find("@media (prefers-color-scheme: light)").expect("light scheme");
    let dark = light + css[light..].find("@media (prefers-color-scheme: dark)").expect("dark scheme");
    let html = site.output("a/index.html");
    let mut classes: Vec<&str> =
        html.split("class=\"").skip(1).flat_map(|rest| rest[..rest.find('"').unwrap_or(0)].split(' ')).collect();
    classes.retain(|c| c.starts_with("hl-"));
    classes.sort_unstable();
    classes.dedup();
    assert!(classes.len() > 4, "{classes:?}");
    for class in classes {
        let (scheme, rule) = if class.starts_with("hl-l") { (&css[light..dark], light) } else { (&css[dark..], dark) };
        assert!(scheme.contains(&format!(".{class} {{")), "{class} is defined after {rule}");
    }
}

#[test]
fn highlighting_can_be_turned_off() {
    let site = crate::support::Site::with(&[
        ("tend.toml", "highlight = false\n"),
        ("content/a.md", "```rust\nfn main() {}\n```\n\n```pyhton\nx\n```\n"),
    ]);
    let run = site.build(&[]);
    run.ok();
    let html = site.output("a/index.html");
    assert!(html.contains("<code class=\"language-rust\">fn main() {}\n</code>"), "{html}");
    assert!(!run.stderr.contains("unknown language"), "{}", run.stderr);
}

#[test]
fn copy_button_script_only_when_asked_and_only_on_pages_with_code() {
    let files = |config: &str| {
        Site::with(&[
            ("tend.toml", config),
            ("content/a.md", &page("title: A", RUST)),
            ("content/b.md", &page("title: B", "No code.")),
        ])
    };
    let on = files("copy_button = true\n");
    on.build(&[]).ok();
    assert!(on.output("a/index.html").contains("<script src=\"/code."), "with code");
    assert!(!on.output("b/index.html").contains("<script src=\"/code."), "without code");
    let off = files("");
    off.build(&[]).ok();
    assert!(!off.output("a/index.html").contains("<script src=\"/code."), "off by default");
}

#[test]
fn a_heading_in_a_markdown_block_does_not_style_the_lines_after_it() {
    let body = "```markdown\n## A heading\n\nA plain line.\n```";
    let site = Site::with(&[("content/a.md", &page("title: A", body))]);
    site.build(&[]).ok();
    let html = site.output("a/index.html");
    let pre = first_pre(&html);
    let heading = pre.lines().next().unwrap_or_default();
    assert!(heading.contains("hl-lb") && heading.contains("hl-db"), "the heading is bold in both schemes: {pre}");
    let plain = pre.lines().find(|l| l.contains("A plain line.")).unwrap_or_default();
    assert!(!plain.contains("hl-"), "nothing of the heading's style leaks into the next lines: {pre}");
}

/// Where a build keeps the code it coloured for the next one.
const MEMO: &str = ".tend-cache/code/highlighted.bin";

/// The memo's bytes with `from` replaced by `to` (of the same length), as
/// a writer's tools never would: a build that reads it shows `to`.
fn mark_memo(site: &Site, from: &str, to: &str) {
    assert_eq!(from.len(), to.len(), "same length, so the memo stays whole");
    let mut bytes = std::fs::read(site.root().join(MEMO)).expect("the memo");
    let at = find(&bytes, from).unwrap_or_else(|| panic!("{from} is in the memo"));
    bytes[at..at + to.len()].copy_from_slice(to.as_bytes());
    std::fs::remove_file(site.root().join(MEMO)).expect("removed");
    site.write_bytes(MEMO, &bytes);
}

/// Where `needle` first is in `bytes`.
fn find(bytes: &[u8], needle: &str) -> Option<usize> {
    bytes.windows(needle.len()).position(|w| w == needle.as_bytes())
}

#[test]
fn a_second_build_takes_coloured_code_from_the_memo() {
    let site = Site::with(&[("content/a.md", &page("title: A", RUST))]);
    site.build(&[]).ok();
    let first = site.output("a/index.html");
    assert!(first.contains(">add_one<"), "{}", first_pre(&first));
    mark_memo(&site, ">add_one<", ">add_two<");
    site.build(&[]).ok();
    let second = site.output("a/index.html");
    assert!(second.contains(">add_two<"), "the block came from the memo: {}", first_pre(&second));
    assert_eq!(second.replace(">add_two<", ">add_one<"), first, "and nothing else changed");
}

#[test]
fn the_memo_follows_the_code_and_its_fence() {
    let site = Site::with(&[("content/a.md", &page("title: A", RUST))]);
    site.build(&[]).ok();
    // The same code with other fence options is other HTML.
    let numbered = RUST.replace("```rust", "```rust {linenos}");
    site.write("content/a.md", &page("title: A", &numbered)).build(&[]).ok();
    let fresh = Site::with(&[("content/a.md", &page("title: A", &numbered))]);
    fresh.tend(&["build", "--root", &fresh.root().to_string_lossy()]).ok();
    assert_eq!(site.output("a/index.html"), fresh.output("a/index.html"));
    assert!(site.output("a/index.html").contains("<span class=\"line\">"));
    // A block no page shows any more leaves the memo.
    let before = std::fs::metadata(site.root().join(MEMO)).expect("memo").len();
    site.write("content/a.md", &page("title: A", "```python\nx = 1\n```")).build(&[]).ok();
    let memo = std::fs::read(site.root().join(MEMO)).expect("memo");
    assert_eq!(find(&memo, "add_one"), None, "the Rust blocks are gone from the memo");
    assert!(find(&memo, ">1</span>").is_some(), "the Python block is in it");
    assert!(memo.len() < before as usize / 2, "{}", memo.len());
}

#[test]
fn a_damaged_or_foreign_memo_is_ignored_and_made_again() {
    let site = Site::with(&[("content/a.md", &page("title: A", RUST))]);
    site.build(&[]).ok();
    let clean = site.output("a/index.html");
    let whole = std::fs::read(site.root().join(MEMO)).expect("the memo");
    // Another tend's memo: its version line differs.
    let mut foreign = whole.clone();
    let version = find(&foreign, "\n").expect("the magic line") + 1;
    foreign[version] = b'9';
    assert_ne!(foreign, whole);
    for damaged in [whole[..whole.len() - 3].to_vec(), whole[..30].to_vec(), foreign, b"\xff\xfe".to_vec()] {
        std::fs::remove_file(site.root().join(MEMO)).expect("removed");
        site.write_bytes(MEMO, &damaged);
        let run = site.build(&[]);
        run.ok();
        let said = run.stderr_redacted(&site);
        assert!(!said.contains("warning") && !said.contains("error"), "{said}");
        assert_eq!(site.output("a/index.html"), clean);
        assert_eq!(std::fs::read(site.root().join(MEMO)).expect("made again"), whole);
    }
}

#[test]
fn without_highlighting_or_under_check_no_memo_is_kept() {
    let site = Site::with(&[("content/a.md", &page("title: A", RUST))]);
    site.tend(&["check", "--root", &site.root().to_string_lossy()]).ok();
    assert!(!site.root().join(MEMO).exists(), "tend check writes nothing");
    site.write("tend.toml", "title = \"T\"\nhighlight = false\n").build(&[]).ok();
    assert!(!site.root().join(MEMO).exists());
    assert!(!site.output("a/index.html").contains("hl-"), "plain code");
}
