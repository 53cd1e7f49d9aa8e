//! The hostile site (`tests/fixtures/hostile`): every field a writer
//! controls holds a payload (`<img onerror=__pwn(N)>`, an `<svg onload>`
//! after a `">`, an `<xss-marker>` element). Every file tend writes is
//! read the way its reader would: pages and the HTML inside feeds as HTML,
//! feeds and the sitemap as XML, the feeds, search index and graph as JSON.
//! No payload may be live in any of them. The browser suite runs the same
//! site in Chromium (`browser-tests/test/hostile.test.mjs`).

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use lol_html::{RewriteStrSettings, element, rewrite_str, text};

use crate::support::Site;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// What is live in `html`: the payload's elements, event handlers,
/// `javascript:` URLs, inline scripts that are not JSON, and JSON-LD that
/// does not parse or could close its element.
fn live_in(html: &str) -> Vec<String> {
    let found = RefCell::new(Vec::new());
    let script = RefCell::new(None::<(String, String)>);
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("*", |el| {
            let name = el.tag_name();
            if name == "xss-marker" {
                found.borrow_mut().push("an <xss-marker> element".to_owned());
            }
            for attribute in el.attributes() {
                let key = attribute.name();
                let value = attribute.value().trim().to_ascii_lowercase();
                if key.starts_with("on") {
                    found.borrow_mut().push(format!("<{name} {key}=\"{}\">", attribute.value()));
                }
                let url = ["href", "src", "action", "formaction", "xlink:href", "data"].contains(&key.as_str());
                if url && value.starts_with("javascript:") {
                    found.borrow_mut().push(format!("<{name} {key}=\"{}\">", attribute.value()));
                }
            }
            if name == "script" && el.get_attribute("src").is_none() {
                *script.borrow_mut() = Some((el.get_attribute("type").unwrap_or_default(), String::new()));
            }
            Ok(())
        }))
        .append_element_content_handler(text!("script", |t| {
            if let Some((_, content)) = script.borrow_mut().as_mut() {
                content.push_str(t.as_str());
            }
            if t.last_in_text_node()
                && let Some((kind, content)) = script.borrow_mut().take()
            {
                if kind != "application/ld+json" {
                    found.borrow_mut().push(format!("an inline script: {content}"));
                } else if serde_json::from_str::<serde_json::Value>(&content).is_err() || content.contains('<') {
                    found.borrow_mut().push(format!("JSON-LD that a payload broke: {content}"));
                }
            }
            Ok(())
        }));
    if let Err(e) = rewrite_str(html, settings) {
        return vec![format!("HTML that cannot be read: {e}")];
    }
    found.into_inner()
}

/// Every string in `value` under a key named `key`.
fn strings_under<'v>(value: &'v serde_json::Value, key: &str, out: &mut Vec<&'v str>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match v {
                    serde_json::Value::String(s) if k == key => out.push(s),
                    _ => strings_under(v, key, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_under(v, key, out)),
        _ => {}
    }
}

fn check_file(path: &Path, bytes: &[u8], problems: &mut Vec<String>) {
    let name = path.display().to_string();
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let mut report = |what: Vec<String>| problems.extend(what.into_iter().map(|w| format!("{name}: {w}")));
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => report(live_in(text)),
        Some("xml") => match roxmltree::Document::parse(text) {
            Err(e) => report(vec![format!("not well-formed XML: {e}")]),
            Ok(doc) => {
                for node in doc.descendants().filter(|n| n.is_element()) {
                    if node.tag_name().name() == "xss-marker" {
                        report(vec!["an <xss-marker> element".to_owned()]);
                    }
                    // The HTML a feed reader shows.
                    if node.attribute("type") == Some("html") {
                        report(live_in(node.text().unwrap_or_default()));
                    }
                }
            }
        },
        Some("json") => match serde_json::from_str::<serde_json::Value>(text) {
            Err(e) => report(vec![format!("not valid JSON: {e}")]),
            Ok(value) => {
                let mut html = Vec::new();
                strings_under(&value, "content_html", &mut html);
                html.into_iter().for_each(|h| report(live_in(h)));
            }
        },
        _ => {}
    }
}

/// Builds the hostile site with `raw_html` set to `mode`; returns every
/// file written.
fn build(mode: &str) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let site = Site::new();
    for (path, bytes) in crate::support::files(&fixture()) {
        site.write_bytes(path.to_str().expect("a UTF-8 path"), &bytes);
    }
    let config = String::from_utf8(std::fs::read(fixture().join("tend.toml")).expect("tend.toml")).expect("UTF-8");
    site.write("tend.toml", &config.replace("raw_html = \"sanitize\"", &format!("raw_html = \"{mode}\"")));
    site.build(&[]).ok();
    crate::support::files(&site.root().join("public"))
}

fn live_payloads(written: &std::collections::BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in written {
        check_file(path, bytes, &mut problems);
    }
    problems
}

#[test]
fn no_payload_is_live_in_anything_tend_writes_when_notes_are_sanitized() {
    let problems = live_payloads(&build("sanitize"));
    assert!(problems.is_empty(), "{} live payloads:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn no_payload_is_live_and_every_field_is_shown_as_text_when_html_is_escaped() {
    let written = build("escape");
    let problems = live_payloads(&written);
    assert!(problems.is_empty(), "{} live payloads:\n{}", problems.len(), problems.join("\n"));
    // Every field reached the output, as text (an alias is a path, and
    // `extra` is for a site's own templates: neither is shown; a script
    // link shows its text, not its URL).
    let all: String = written.values().map(|b| String::from_utf8_lossy(b).into_owned()).collect();
    let fields = (1..=27).chain(30..=35).chain([40]).filter(|n| ![6, 8, 16, 25, 33].contains(n));
    let missing: Vec<u32> = fields.filter(|n| !all.contains(&format!("__pwn({n})"))).collect();
    assert!(missing.is_empty(), "fields that never reached the output: {missing:?}");
}

#[test]
fn the_checks_see_a_live_payload() {
    let mut problems = Vec::new();
    let page = "<p><img src=x onerror=__pwn(1)><xss-marker></xss-marker><a href=' javascript:x'>a</a></p>\
                <script>__pwn(2)</script><script type=\"application/ld+json\">{\"a\": \"</script>\"}</script>";
    check_file(Path::new("a.html"), page.as_bytes(), &mut problems);
    check_file(
        Path::new("feed.xml"),
        b"<feed><content type=\"html\">&lt;img onerror=x&gt;</content></feed>",
        &mut problems,
    );
    check_file(Path::new("feed.json"), br#"{"items": [{"content_html": "<svg onload=x>"}]}"#, &mut problems);
    check_file(Path::new("bad.json"), b"{", &mut problems);
    assert_eq!(problems.len(), 8, "{problems:#?}");
}
