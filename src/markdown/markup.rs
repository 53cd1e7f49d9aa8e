//! Small pieces of HTML the renderer writes itself: code block openings,
//! and root-relative URLs under the base path. Images have their own file
//! (`images.rs`).

use pulldown_cmark::CowStr;
use pulldown_cmark_escape::escape_html;

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
