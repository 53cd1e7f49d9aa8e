//! What the garden stage found: how the pages relate to each other.

use serde::Serialize;

/// A page that links here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backlink {
    /// Index of the linking page.
    pub page: usize,
    /// The sentence that holds the link.
    pub context: String,
}

/// A note of another language that links here, or to this page's
/// translation in its language (`shared_garden`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherBacklink {
    /// Its title.
    pub title: String,
    /// Its URL from the host's root.
    pub url: String,
    /// Its language's tag.
    pub lang: String,
    /// The sentence that holds the link.
    pub context: String,
}

/// Relations between pages, by page index.
#[derive(Debug, Clone, Default)]
pub struct Garden {
    /// For each page, the pages linking to it, by title.
    pub backlinks: Vec<Vec<Backlink>>,
    /// For each page, up to five related pages, best first.
    pub related: Vec<Vec<usize>>,
    /// Every link between pages.
    pub graph: Graph,
    /// On a site in several languages whose garden is shared
    /// (`shared_garden`), for each page, the notes of the other languages
    /// that link to it or to its translations, by title; else empty.
    pub elsewhere: Vec<Vec<OtherBacklink>>,
    /// With a shared garden, for each page, notes of other languages
    /// related to its translations, by index into `others`; else empty.
    pub related_elsewhere: Vec<Vec<usize>>,
    /// With a shared garden, the other languages' notes that its related
    /// notes and its graph name: the graph's node `pages + i` is `others[i]`.
    pub others: Vec<OtherNote>,
}

/// A note of another language, as this language's garden shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherNote {
    /// Its title.
    pub title: String,
    /// Its URL from the host's root.
    pub url: String,
    /// Its language's tag.
    pub lang: String,
}

impl Garden {
    /// The title, URL and (for another language's note) language of the
    /// graph's node `node` in `site`'s garden.
    pub fn node<'a>(&'a self, site: &'a super::Site, node: usize) -> (&'a str, String, Option<&'a str>) {
        match site.pages.get(node) {
            Some(page) => (&page.shown_title, site.config.base.local(&page.path), None),
            None => {
                let other = &self.others[node - site.pages.len()];
                (&other.title, other.url.clone(), Some(&other.lang))
            }
        }
    }
}

/// Pages and the links between them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    /// Pages with at least one link, by index.
    pub nodes: Vec<usize>,
    /// Links (from, to), each once.
    pub edges: Vec<(usize, usize)>,
}
