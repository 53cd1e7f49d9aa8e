//! The header menu of `[[menu]]` entries: each entry's URL resolved to a
//! page, a site path or an outside address, or an error at its line of
//! tend.toml.

use std::path::Path;

use crate::model::{CONFIG_FILE, Config, Diagnostic, Location, MenuLink, MenuTarget, Page};

/// The menu `config` asks for (empty: the default one), and a problem for
/// each entry that leads nowhere.
pub(super) fn resolve(config: &Config, pages: &[Page]) -> (Vec<MenuLink>, Vec<Diagnostic>) {
    let mut links = Vec::with_capacity(config.menu.len());
    let mut problems = Vec::new();
    for entry in &config.menu {
        let url = entry.url.as_str();
        let target = if url.contains("://") || url.starts_with("mailto:") || url.starts_with("tel:") {
            Some(MenuTarget::Outside(url.to_owned()))
        } else if let Some(path) = url.strip_prefix('/') {
            Some(MenuTarget::Path(path.to_owned()))
        } else if url.ends_with(".md") {
            page_of(url, pages, &config.content_dir).map(|page| MenuTarget::Path(page.path.clone()))
        } else {
            None
        };
        match target {
            Some(target) => links.push(MenuLink { name: entry.name.clone(), target }),
            None => {
                let what = if url.ends_with(".md") {
                    format!("menu entry `{}` leads to `{url}`, which is not a page of the site", entry.name)
                } else {
                    format!("menu entry `{}` has a url tend cannot follow: `{url}`", entry.name)
                };
                problems.push(
                    Diagnostic::error(what)
                        .at(Location::new(CONFIG_FILE, entry.line, 1))
                        .hint("write a site path (/about/), a content file (notes/now.md) or a full URL (https://…)"),
                );
            }
        }
    }
    (links, problems)
}

/// The page read from content file `file` (relative to the content folder
/// or to the site).
fn page_of<'p>(file: &str, pages: &'p [Page], content_dir: &Path) -> Option<&'p Page> {
    let file = Path::new(file.trim_start_matches("./"));
    let in_content = content_dir.join(file);
    pages.iter().find(|page| page.source == in_content || page.source == file)
}
