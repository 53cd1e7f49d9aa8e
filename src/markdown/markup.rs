//! Small pieces of HTML the renderer writes itself: images, code block
//! openings, and root-relative URLs under the base path.

use pulldown_cmark::{CowStr, Event, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::highlight::Fence;

/// Prefixes the site's base path to root-relative URLs (`/notes/a/`), so a
/// site served from `/blog/` keeps working links.
pub fn with_base_path<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if base_path.len() > 1 && url.starts_with('/') && !url.starts_with("//") {
        format!("{}{}", base_path, &url[1..]).into()
    } else {
        url
    }
}

/// Reads an image's alt text: the plain text of the events up to its end.
pub fn image_alt<'a>(parser: &mut impl Iterator<Item = Event<'a>>) -> String {
    let mut alt = String::new();
    let mut depth = 0;
    for event in parser.by_ref() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(TagEnd::Image) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

pub fn image_html(src: &str, alt: &str, title: &str, size: Option<(u32, Option<u32>)>) -> String {
    let mut out = String::from("<img src=\"");
    let _ = escape_href(&mut out, src);
    out.push_str("\" alt=\"");
    let _ = escape_html(&mut out, alt);
    out.push('"');
    if !title.is_empty() {
        out.push_str(" title=\"");
        let _ = escape_html(&mut out, title);
        out.push('"');
    }
    if let Some((width, height)) = size {
        out.push_str(&format!(" width=\"{width}\""));
        if let Some(height) = height {
            out.push_str(&format!(" height=\"{height}\""));
        }
    }
    out.push_str(" loading=\"lazy\" decoding=\"async\">");
    out
}

/// `<pre tabindex="0" data-lang="rust"><code class="language-rust">`: the
/// `pre` is focusable because it may scroll; `data-linenos` asks the
/// stylesheet to number the lines.
pub fn code_block_open(fence: &Fence) -> String {
    let mut out = String::from("<pre tabindex=\"0\"");
    if !fence.language.is_empty() {
        out.push_str(" data-lang=\"");
        let _ = escape_html(&mut out, fence.language);
        out.push('"');
    }
    if fence.linenos {
        out.push_str(" data-linenos");
    }
    out.push_str("><code");
    if !fence.language.is_empty() {
        out.push_str(" class=\"language-");
        let _ = escape_html(&mut out, fence.language);
        out.push('"');
    }
    out.push('>');
    out
}
