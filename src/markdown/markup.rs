//! Root-relative URLs under the site's base path.

use pulldown_cmark::CowStr;

/// Prefixes the site's base path to root-relative URLs (`/notes/a/`), so a
/// site served from `/blog/` keeps working links.
pub(super) fn with_base_path<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if base_path.len() > 1 && url.starts_with('/') && !url.starts_with("//") {
        format!("{}{}", base_path, &url[1..]).into()
    } else {
        url
    }
}
