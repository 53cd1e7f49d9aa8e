//! Stage 3½, the garden: what the rendered pages say about each other.
//! Backlinks (every page that links to a page, with the sentence the link
//! stands in), related notes, and the link graph, all computed from what the
//! Markdown stage found.

mod graph;
mod related;

use serde::Serialize;

pub use graph::{Graph, svg};

use crate::build::Stopwatch;
use crate::markdown::Rendered;
use crate::model::Site;

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

/// Works out backlinks, related pages and the graph from the rendered
/// bodies.
pub fn grow(site: &Site, bodies: &[Rendered], clock: &mut Stopwatch) -> Garden {
    let mut backlinks: Vec<Vec<Backlink>> = vec![Vec::new(); site.pages.len()];
    for (from, body) in bodies.iter().enumerate() {
        for link in &body.links {
            let list = &mut backlinks[link.page];
            // One entry per linking page: the first sentence is enough.
            if link.page != from && !list.iter().any(|b| b.page == from) {
                list.push(Backlink { page: from, context: link.context.clone() });
            }
        }
    }
    for list in &mut backlinks {
        list.sort_by_cached_key(|b| site.pages[b.page].title.to_lowercase());
    }
    clock.lap("backlinks");
    let related = related::related(site, bodies);
    clock.lap("related notes");
    let graph = graph::graph(bodies);
    clock.lap("graph");
    Garden { backlinks, related, graph }
}
