//! `[markdown] raw_html`: HTML written in notes kept (`allow`), cleaned
//! (`sanitize`) or shown as text (`escape`), in the body, in wikilink
//! labels, callout titles and embedded notes alike.

use std::cell::RefCell;

use lol_html::{RewriteStrSettings, element, rewrite_str, text};

use crate::support::{Site, main_element, page};

/// A page with every construct tend writes markup for, and no HTML of the
/// writer's.
const EVERY_CONSTRUCT: &str = "\
Intro with **bold**, *em*, ~~gone~~, `code`, ==marked== and #tagged text.[^1]

## A heading with $x^2$ and [[b]] {#own-id .wide}

> [!tip]- A folded *callout*
> Inside, a [[b#Part|link to a part]] and a [[missing note]].

> [!note] Open
> With a block ^block-1

| Left | Centre | Right |
| :--- | :---: | ---: |
| 1 | 2 | 3 |

- [ ] to do
- [x] done

1. first
2. second

```rust
fn main() { println!(\"hi\"); }
```

$$\\int_0^1 x\\,dx$$

![A photo](photo.jpg \"A titled photo\")

![[photo.jpg|A photo, resized|200]]

![[b#Part]]

![[clip.mp4]]

[Out](https://example.org/page \"Elsewhere\") and [in](b.md) and <https://example.org/auto>.

---

Term&nbsp;with entities: &amp; &lt; &copy; \"quotes\" 'single'.

[^1]: A footnote with a [[b|link]].
";

const OTHER: &str = "## Part\n\nThe part, with $y$ and `code`.\n";

fn site_with(mode: &str, files: &[(&str, &str)]) -> Site {
    let site = Site::with(files);
    site.write("tend.toml", &format!("title = \"T\"\nmark_external_links = true\n\n[markdown]\nraw_html = \"{mode}\"\n\n[images]\nwidths = [480]\n"));
    site.write_bytes("content/photo.jpg", &crate::images::jpeg(1000, 600, 7));
    site.write_bytes("content/clip.mp4", b"not really a video");
    site
}

/// What a browser would read from `html`: each element with its
/// attributes sorted, and the text between, entities decoded. Two
/// serialisations of the same document read the same.
fn read(html: &str) -> Vec<String> {
    let out = RefCell::new(Vec::new());
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("*", |el| {
            let mut attributes: Vec<String> = el
                .attributes()
                .iter()
                .map(|a| format!("{}={}", a.name(), decode(&a.value()).replace(": ", ":")))
                .collect();
            attributes.sort();
            out.borrow_mut().push(format!("<{} {}>", el.tag_name(), attributes.join(" ")));
            Ok(())
        }))
        .append_element_content_handler(text!("*", |t| {
            let mut out = out.borrow_mut();
            match out.last_mut() {
                Some(last) if !last.starts_with('<') => last.push_str(t.as_str()),
                _ => out.push(t.as_str().to_owned()),
            }
            Ok(())
        }));
    rewrite_str(html, settings).expect("HTML");
    out.into_inner()
        .into_iter()
        .map(|piece| if piece.starts_with('<') { piece } else { decode(&piece) })
        .filter(|piece| !piece.trim().is_empty())
        .map(|piece| piece.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn decode(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[test]
fn sanitizing_changes_nothing_in_a_page_without_html_of_its_own() {
    let files = [("content/a.md", EVERY_CONSTRUCT), ("content/b.md", OTHER)];
    let allowed = site_with("allow", &files);
    allowed.build(&[]).ok();
    let sanitized = site_with("sanitize", &files);
    sanitized.build(&[]).ok();
    for path in ["a/index.html", "b/index.html"] {
        let (kept, cleaned) = (allowed.output(path), sanitized.output(path));
        let (kept, cleaned) = (read(&kept), read(&cleaned));
        let same = kept.iter().zip(&cleaned).take_while(|(a, b)| a == b).count();
        assert_eq!(
            kept.len(),
            cleaned.len(),
            "{path} differs when sanitized, from {:?}\nto {:?}",
            &kept[same..(same + 6).min(kept.len())],
            &cleaned[same..(same + 6).min(cleaned.len())]
        );
        assert_eq!(same, kept.len(), "{path} differs when sanitized: {:?} became {:?}", kept[same], cleaned[same]);
    }
    // The page really holds what the comparison is about.
    let main = main_element(&allowed.output("a/index.html"));
    for made in ["<math", "<details class=\"callout", "<picture", "<video", "class=\"embed\"", "footnote", "<table"] {
        assert!(main.contains(made), "{made} missing: {main}");
    }
}

/// Hostile HTML in every place a note holds it.
const HOSTILE: &str = "\
Text <img src=x onerror=\"window.hit=1\"> and <a href=\"javascript:window.hit=2\">a link</a>.

<script>window.hit = 3</script>

<details><summary>More <kbd>Ctrl</kbd></summary>

Markdown *inside* the details.

</details>

<iframe src=\"https://example.org/\"></iframe><form action=\"/x\"><input name=\"q\"></form>

[md link](javascript:window.hit=4) and [[b|label <b onmouseover=\"window.hit=5\">bold</b>]].

> [!warning] Title <img src=y onerror=\"window.hit=6\">
> Body <span style=\"background:url(https://example.org/x.png)\" class=\"kept\">styled</span>

![[b]]
";

const HOSTILE_B: &str = "Embedded <svg><script>window.hit=7</script></svg><em onclick=\"window.hit=8\">note</em>.\n";

#[test]
fn sanitize_drops_scripts_handlers_and_script_urls_everywhere_and_keeps_safe_html() {
    let site = site_with("sanitize", &[("content/a.md", HOSTILE), ("content/b.md", HOSTILE_B)]);
    site.build(&[]).ok();
    let main = main_element(&site.output("a/index.html"));
    for gone in ["window.hit", "onerror", "onclick", "onmouseover", "javascript:", "<iframe", "<form", "<input", "url("]
    {
        assert!(!main.contains(gone), "{gone} is left in: {main}");
    }
    for kept in [
        "<details><summary>More <kbd>Ctrl</kbd></summary>",
        "<em>inside</em>",
        "<b>bold</b>",
        "class=\"kept\"",
        "<em>note</em>",
        "a link</a>",
    ] {
        assert!(main.contains(kept), "{kept} is gone from: {main}");
    }
    let feed = site.output("feed.xml");
    for gone in ["&lt;script", "onclick", "onerror", "javascript:"] {
        assert!(!feed.contains(gone), "the feed holds the pages as sanitized, without {gone}: {feed}");
    }
}

#[test]
fn escape_shows_html_as_text_everywhere() {
    let site = site_with("escape", &[("content/a.md", HOSTILE), ("content/b.md", HOSTILE_B)]);
    site.build(&[]).ok();
    let main = main_element(&site.output("a/index.html"));
    for shown in [
        "&lt;img src=x onerror=\"window.hit=1\"&gt;",
        "<p>&lt;script&gt;window.hit = 3&lt;/script&gt;",
        "label &lt;b onmouseover=\"window.hit=5\"&gt;bold&lt;/b&gt;",
        "Title &lt;img src=y",
        "Embedded &lt;svg&gt;&lt;script&gt;",
    ] {
        assert!(main.contains(shown), "{shown} is not shown as text in: {main}");
    }
    assert!(!main.contains("<kbd>") && !main.contains("<script"), "{main}");
    // Markdown is still Markdown.
    assert!(main.contains("<em>inside</em>"), "{main}");
}

#[test]
fn allow_keeps_the_writers_html_as_written() {
    let site = site_with("allow", &[("content/a.md", HOSTILE), ("content/b.md", HOSTILE_B)]);
    site.build(&[]).ok();
    let main = main_element(&site.output("a/index.html"));
    assert!(main.contains("<script>window.hit = 3</script>"), "{main}");
    assert!(main.contains("<iframe src=\"https://example.org/\"></iframe>"), "{main}");
}

#[test]
fn a_bad_mode_is_an_error_at_its_line_and_an_unknown_key_a_warning() {
    let site = Site::with(&[("content/a.md", &page("title: A", "Text"))]);
    site.write("tend.toml", "title = \"T\"\n\n[markdown]\nraw_html = \"strip\"\nraw_htm = \"x\"\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("`raw_html` in [markdown] of tend.toml must be one of \"allow\", \"sanitize\", \"escape\"")
    );
    assert!(run.stderr.contains("tend.toml:4"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown setting `raw_htm` in [markdown] of tend.toml"), "{}", run.stderr);
}
