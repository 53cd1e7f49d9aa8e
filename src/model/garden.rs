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

/// Relations between pages, by page index.
#[derive(Debug, Clone, Default)]
pub struct Garden {
    /// For each page, the pages linking to it, by title.
    pub backlinks: Vec<Vec<Backlink>>,
    /// For each page, up to five related pages, best first.
    pub related: Vec<Vec<usize>>,
    /// Every link between pages.
    pub graph: Graph,
}

/// Pages and the links between them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    /// Pages with at least one link, by index.
    pub nodes: Vec<usize>,
    /// Links (from, to), each once.
    pub edges: Vec<(usize, usize)>,
}
