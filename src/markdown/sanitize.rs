//! `raw_html = "sanitize"`: a page's HTML is cleaned by ammonia once it is
//! written, so the writer's own HTML keeps only what is safe. What tend
//! itself made and already checked (formulas, highlighted code, shortcode
//! output, embedded notes and media) is set aside first, behind a
//! placeholder ammonia passes through as text, and put back afterwards:
//! ammonia never needs to know tend's own markup beyond the elements that
//! carry the writer's text (headings, callouts, footnotes, links, images).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::LazyLock;

/// Where a fragment set aside starts and ends: private-use characters,
/// around a number no page can guess.
const OPEN: char = '\u{E010}';
const CLOSE: char = '\u{E011}';

/// Picked once per process, so a page cannot write a placeholder of its
/// own to have a fragment put inside an attribute.
static NONCE: LazyLock<u64> = LazyLock::new(|| RandomState::new().build_hasher().finish());

/// The elements kept, and on each the attributes kept besides the
/// generic ones (`class`, `id`, `title`, `lang`, `dir`, `role`, `aria-*`,
/// `data-*`).
const ELEMENTS: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang", "rel", "download", "tabindex"]),
    ("abbr", &[]),
    ("b", &[]),
    ("bdi", &[]),
    ("bdo", &[]),
    ("blockquote", &["cite"]),
    ("br", &[]),
    ("caption", &[]),
    ("cite", &[]),
    ("code", &[]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("dd", &[]),
    ("del", &["cite", "datetime"]),
    ("details", &["open"]),
    ("dfn", &[]),
    ("div", &["tabindex"]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("figcaption", &[]),
    ("figure", &[]),
    ("h1", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("hr", &[]),
    ("i", &[]),
    ("img", &["src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"]),
    ("ins", &["cite", "datetime"]),
    ("kbd", &[]),
    ("li", &["value"]),
    ("mark", &[]),
    ("ol", &["start", "reversed", "type"]),
    ("p", &[]),
    ("picture", &[]),
    ("pre", &["tabindex"]),
    ("q", &["cite"]),
    ("rp", &[]),
    ("rt", &[]),
    ("ruby", &[]),
    ("s", &[]),
    ("samp", &[]),
    ("section", &[]),
    ("small", &[]),
    ("source", &["srcset", "sizes", "type", "media", "width", "height"]),
    ("span", &[]),
    ("strong", &[]),
    ("sub", &[]),
    ("summary", &[]),
    ("sup", &[]),
    ("table", &[]),
    ("tbody", &[]),
    ("td", &["colspan", "rowspan", "headers", "style"]),
    ("tfoot", &[]),
    ("th", &["colspan", "rowspan", "headers", "scope", "style"]),
    ("thead", &[]),
    ("time", &["datetime"]),
    ("tr", &[]),
    ("u", &[]),
    ("ul", &[]),
    ("var", &[]),
    ("wbr", &[]),
];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags(ELEMENTS.iter().map(|(name, _)| *name))
        .tag_attributes(
            ELEMENTS.iter().map(|(name, attributes)| (*name, attributes.iter().copied().collect())).collect(),
        )
        .add_generic_attributes(["class", "id", "title", "lang", "dir", "role"])
        .add_generic_attribute_prefixes(["aria-", "data-"])
        .add_url_schemes(["http", "https", "mailto", "tel"])
        // Table cells' alignment is the only style kept.
        .filter_style_properties(["text-align"].into_iter().collect())
        .add_clean_content_tags(["script", "style", "template", "textarea", "title", "noscript"])
        .link_rel(None);
    builder
});

/// The fragments of one page set aside while it is written.
#[derive(Debug, Default)]
pub(super) struct SetAside {
    fragments: Vec<String>,
}

impl SetAside {
    /// Sets `html` aside; returns the placeholder that stands for it.
    pub(super) fn keep(&mut self, html: String) -> String {
        let placeholder = format!("{OPEN}{:016x}-{}{CLOSE}", *NONCE, self.fragments.len());
        self.fragments.push(html);
        placeholder
    }

    /// `html` cleaned, with the fragments set aside put back.
    pub(super) fn clean(&self, html: &str) -> String {
        let cleaned = CLEANER.clean(html).to_string();
        if self.fragments.is_empty() {
            return cleaned;
        }
        let mut out = String::with_capacity(cleaned.len() + self.fragments.iter().map(String::len).sum::<usize>());
        let mut rest = cleaned.as_str();
        while let Some(at) = rest.find(OPEN) {
            out.push_str(&rest[..at]);
            let after = &rest[at + OPEN.len_utf8()..];
            match self.fragment(after) {
                Some((fragment, len)) => {
                    out.push_str(fragment);
                    rest = &after[len + CLOSE.len_utf8()..];
                }
                None => {
                    out.push(OPEN);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The fragment whose placeholder `text` starts with (after the
    /// opening character), and the placeholder's length up to its close.
    fn fragment<'s>(&'s self, text: &str) -> Option<(&'s str, usize)> {
        let len = text.find(CLOSE)?;
        let (nonce, index) = text[..len].split_once('-')?;
        if u64::from_str_radix(nonce, 16).ok()? != *NONCE {
            return None;
        }
        let fragment = self.fragments.get(index.parse::<usize>().ok()?)?;
        Some((fragment, len))
    }
}

#[cfg(test)]
mod tests {
    use super::SetAside;

    fn clean(html: &str) -> String {
        SetAside::default().clean(html)
    }

    #[test]
    fn scripts_handlers_and_script_urls_go() {
        assert_eq!(clean("<p onclick=\"x()\">a<script>alert(1)</script></p>"), "<p>a</p>");
        assert_eq!(clean("<a href=\"javascript:alert(1)\">x</a>"), "<a>x</a>");
        assert_eq!(clean("<img src=x onerror=alert(1)>"), "<img src=\"x\">");
        assert_eq!(clean("<iframe src=\"https://example.org\"></iframe><form><input></form>b"), "b");
        assert_eq!(clean("<svg><script>alert(1)</script></svg>c"), "c");
        assert_eq!(clean("<p style=\"background:url(x)\">d</p>"), "<p>d</p>");
    }

    #[test]
    fn safe_html_and_tends_own_markup_stay() {
        for html in [
            "<details open=\"\"><summary>More</summary><p>Inside <kbd>Ctrl</kbd></p></details>",
            "<h2 id=\"a\" class=\"x\"><a class=\"heading-anchor\" href=\"#a\" aria-label=\"Link\">#</a>A</h2>",
            "<div class=\"callout callout-note\" data-callout=\"note\" role=\"note\"><p class=\"callout-title\">T</p></div>",
            "<table><thead><tr><th style=\"text-align:center\">a</th></tr></thead></table>",
            "<a href=\"https://example.org/\" rel=\"noopener\" class=\"external\">out</a>",
            "<picture><source type=\"image/webp\" srcset=\"a-480.webp 480w\" sizes=\"100vw\"><img src=\"a.jpg\" alt=\"A\" width=\"4\" height=\"3\" loading=\"lazy\" decoding=\"async\"></picture>",
        ] {
            assert_eq!(clean(html), html);
        }
    }

    #[test]
    fn fragments_set_aside_come_back_and_cannot_be_forged() {
        let mut aside = SetAside::default();
        let kept = aside.keep("<math><mi>x</mi></math>".to_owned());
        let html = format!("<p>{kept} and <span title=\"\u{E010}0000000000000000-0\u{E011}\">y</span></p>");
        let cleaned = aside.clean(&html);
        assert!(cleaned.starts_with("<p><math><mi>x</mi></math> and "), "{cleaned}");
        assert!(!cleaned[10..].contains("<math>"), "a guessed placeholder stays text: {cleaned}");
    }
}
