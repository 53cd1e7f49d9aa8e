//! HTML written by other crates (MathML from pulldown-latex, SVG from
//! merman) is embedded in pages as it is, so it is checked first: only the
//! elements such a crate produces, and no attribute that runs script or
//! loads anything. A crate that wrote otherwise (a bug, or input it passed
//! through raw) fails the build at the source's line instead of shipping a
//! live page.

use std::cell::RefCell;

use lol_html::{RewriteStrSettings, element, rewrite_str};

/// The elements of MathML Core and of the presentation MathML that
/// pulldown-latex writes.
pub const MATHML: &[&str] = &[
    "math",
    "semantics",
    "annotation",
    "annotation-xml",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mpadded",
    "mphantom",
    "mstyle",
    "merror",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mfrac",
    "msqrt",
    "mroot",
    "mtable",
    "mtr",
    "mtd",
    "mlabeledtr",
    "menclose",
    "maction",
    "mfenced",
];

/// The elements of the SVG merman draws diagrams with, and of the HTML of
/// their labels.
pub const DIAGRAM_SVG: &[&str] = &[
    "svg",
    "g",
    "defs",
    "style",
    "title",
    "desc",
    "marker",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "foreignobject",
    "clippath",
    "lineargradient",
    "radialgradient",
    "stop",
    "pattern",
    "filter",
    "fegaussianblur",
    "feoffset",
    "feblend",
    "feflood",
    "fecomposite",
    "femerge",
    "femergenode",
    "fedropshadow",
    "symbol",
    "switch",
    "div",
    "span",
    "p",
    "br",
    "b",
    "i",
    "strong",
    "em",
    "code",
    "small",
    "sub",
    "sup",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "a",
];

/// Whether `url` (as written in the markup, lower case) only goes
/// somewhere when followed: a web or mail address, or one on the site.
/// A character reference could spell a scheme, so none may be written
/// but the ampersand's own.
fn is_plain_link(url: &str) -> bool {
    let url = url.trim();
    // Only the ampersand itself may be written as a reference.
    if url.match_indices('&').any(|(at, _)| !url[at + 1..].starts_with("amp;")) {
        return false;
    }
    match url.find([':', '/', '?', '#']) {
        Some(at) if url[at..].starts_with(':') => matches!(&url[..at], "http" | "https" | "mailto"),
        _ => true,
    }
}

/// Attributes no embedded markup may carry: they load or run something
/// (but a link's `href` to a plain address is followed only when clicked).
const LOADING: &[&str] = &["href", "src", "srcset", "xlink:href", "action", "formaction", "srcdoc", "data"];

/// What makes a `style` load or run something (colours are fine: they
/// are how `\color` is written).
const LOADING_STYLE: &[&str] = &["url(", "image-set(", "@import", "expression(", "\\"];

/// Checks `html`: every element one of `elements`, no event handler, no
/// attribute that loads anything. Says what was found otherwise.
pub fn check(html: &str, elements: &[&str]) -> Result<(), String> {
    let found: RefCell<Option<String>> = RefCell::new(None);
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("*", |el| {
        let name = el.tag_name();
        let bad = if !elements.contains(&name.as_str()) {
            Some(format!("an element <{name}>"))
        } else {
            el.attributes().iter().find_map(|attribute| {
                let key = attribute.name();
                let value = attribute.value().to_ascii_lowercase();
                let link = name == "a" && matches!(key.as_str(), "href" | "xlink:href") && is_plain_link(&value);
                let runs = key.starts_with("on") || (LOADING.contains(&key.as_str()) && !link);
                let script = value.contains("javascript:");
                // `url(#id)` names something in the same drawing (a filter).
                let own = value.replace("url(#", "");
                let style = key == "style" && LOADING_STYLE.iter().any(|loads| own.contains(loads));
                (runs || script || style).then(|| format!("an attribute `{key}` on <{name}>"))
            })
        };
        if let Some(bad) = bad {
            found.borrow_mut().get_or_insert(bad);
        }
        Ok(())
    }));
    if let Err(error) = rewrite_str(html, settings) {
        return Err(format!("markup that cannot be read ({error})"));
    }
    found.into_inner().map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::{DIAGRAM_SVG, MATHML, check};

    #[test]
    fn only_the_expected_elements_and_no_loading_or_script() {
        assert_eq!(check("<math><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow></math>", MATHML), Ok(()));
        assert_eq!(check("<math display=\"block\"><mi mathvariant=\"bold\">x</mi></math>", MATHML), Ok(()));
        assert_eq!(check("<math><mrow style=\"color: red\"><mi>x</mi></mrow></math>", MATHML), Ok(()));
        assert_eq!(check("<svg><circle style=\"filter:url(#shadow)\"/></svg>", DIAGRAM_SVG), Ok(()));
        for (html, found) in [
            ("<math><img src=x></math>", "an element <img>"),
            ("<math><mi onclick=\"alert(1)\">a</mi></math>", "an attribute `onclick` on <mi>"),
            ("<math><mi href=\"https://example.org/\">a</mi></math>", "an attribute `href` on <mi>"),
            ("<math><mi title=\"javascript:alert(1)\">a</mi></math>", "an attribute `title` on <mi>"),
            ("<math><script>alert(1)</script></math>", "an element <script>"),
            ("<math><mi style=\"background: url(https://example.org/)\">a</mi></math>", "an attribute `style` on <mi>"),
            ("<math><mi style=\"filter: url(#a) url(//example.org/)\">a</mi></math>", "an attribute `style` on <mi>"),
        ] {
            assert_eq!(check(html, MATHML), Err(found.to_owned()), "{html}");
        }
    }

    #[test]
    fn a_diagrams_links_may_go_to_plain_addresses_only() {
        for href in ["https://example.org/a?b=1&amp;c=2", "/about/", "notes/a", "#top", "mailto:me@example.org"] {
            let html = format!("<svg><a xlink:href=\"{href}\" href=\"{href}\"><rect/></a></svg>");
            assert_eq!(check(&html, DIAGRAM_SVG), Ok(()), "{href}");
        }
        for href in
            ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "javascript&#58;alert(1)", "vbscript:x"]
        {
            let html = format!("<svg><a href=\"{href}\"><rect/></a></svg>");
            assert_eq!(check(&html, DIAGRAM_SVG), Err("an attribute `href` on <a>".to_owned()), "{href}");
        }
        assert!(check("<math><a href=\"/x\">a</a></math>", MATHML).is_err(), "MathML has no links");
    }
}
