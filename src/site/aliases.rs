//! Redirects: `aliases` entries that start with `/` are old URLs of a page.
//! Each becomes a redirect page; none may replace a real page or another
//! alias, and none may leave the output folder.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::model::{Alias, Diagnostic, Location, Page, Section, is_safe_segment};

/// Turns `/old/post/` into `old/post/` and `/old/post.html` into
/// `old/post.html`; `None` when a segment is unsafe or the path is the home
/// page.
pub(super) fn alias_path(alias: &str) -> Option<String> {
    let trimmed = alias.trim().trim_start_matches('/');
    let as_file = trimmed.ends_with(".html") || trimmed.ends_with(".htm");
    let trimmed = trimmed.trim_end_matches('/');
    if trimmed.is_empty() || !trimmed.split('/').all(is_safe_segment) {
        return None;
    }
    Some(if as_file { trimmed.to_owned() } else { format!("{trimmed}/") })
}

/// Collects the aliases of every page and checks them.
pub(super) fn aliases(pages: &[Page], sections: &[Section]) -> (Vec<Alias>, Vec<Diagnostic>) {
    let mut claimed: HashMap<String, PathBuf> = HashMap::new();
    for page in pages {
        claimed.insert(page.path.to_lowercase(), page.source.clone());
    }
    for section in sections {
        claimed.entry(section.path.to_lowercase()).or_insert_with(|| section.file());
    }
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| pages[a].source.cmp(&pages[b].source));
    let mut aliases = Vec::new();
    let mut problems = Vec::new();
    for i in order {
        let page = &pages[i];
        for alias in page.meta.aliases.iter().filter(|a| a.starts_with('/')) {
            let at = Location::new(page.source.clone(), page.meta.line_of("aliases"), 1);
            let Some(path) = alias_path(alias) else {
                problems.push(
                    Diagnostic::error(format!("alias `{alias}` is not a path tend can write"))
                        .at(at)
                        .hint("write old URLs as `/old/path/` with letters, digits, `-`, `_` and `.`; `..` and `/` alone are not allowed"),
                );
                continue;
            };
            let key = path.to_lowercase();
            if let Some(owner) = claimed.get(&key) {
                // An old URL that is still the page's own needs no redirect.
                if owner == &page.source {
                    continue;
                }
                let message = format!("alias `{alias}` of {} collides with {}", page.source.display(), owner.display());
                problems.push(
                    Diagnostic::error(message).at(at).hint("remove the alias, or move the other page to another URL"),
                );
                continue;
            }
            claimed.insert(key, page.source.clone());
            aliases.push(Alias { path, page: i });
        }
    }
    (aliases, problems)
}

#[cfg(test)]
mod tests {
    use super::alias_path;

    #[test]
    fn alias_paths() {
        assert_eq!(alias_path("/old/post/").as_deref(), Some("old/post/"));
        assert_eq!(alias_path("/old/post").as_deref(), Some("old/post/"));
        assert_eq!(alias_path("/2019/01/post.html").as_deref(), Some("2019/01/post.html"));
        assert_eq!(alias_path("/"), None);
        assert_eq!(alias_path("/../etc/"), None);
        assert_eq!(alias_path("/a/%2e%2e/"), None);
    }
}
