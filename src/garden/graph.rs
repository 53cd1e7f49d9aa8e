//! The link graph: every page with a link in or out, and the links between
//! them.

use std::collections::BTreeSet;

use crate::model::{Graph, Rendered};

/// Builds the graph from the links the bodies hold.
pub(super) fn graph(bodies: &[Rendered]) -> Graph {
    let mut edges = BTreeSet::new();
    for (from, body) in bodies.iter().enumerate() {
        for link in &body.links {
            if link.page != from {
                edges.insert((from, link.page));
            }
        }
    }
    let nodes: BTreeSet<usize> = edges.iter().flat_map(|&(a, b)| [a, b]).collect();
    Graph { nodes: nodes.into_iter().collect(), edges: edges.into_iter().collect() }
}
