//! Stage 3½, the garden: what the rendered pages say about each other.
//! Backlinks (every page that links to a page, with the sentence the link
//! stands in), related notes, and the link graph, all computed from what the
//! Markdown stage found.

mod across;
mod graph;
mod related;

pub(crate) use across::share;

use crate::model::{Backlink, Garden, Rendered, Site};

/// Works out backlinks, related pages and the graph from the rendered
/// bodies, calling `lap` with the name of each part as it is done.
pub(crate) fn grow(site: &Site, bodies: &[Rendered], lap: &mut dyn FnMut(&'static str)) -> Garden {
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
    lap("backlinks");
    let related = related::related(site, bodies);
    lap("related notes");
    let graph = graph::graph(bodies);
    lap("graph");
    Garden { backlinks, related, graph, ..Garden::default() }
}
