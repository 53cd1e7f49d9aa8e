//! The dependency map of a body edit: which pages' Markdown to render again,
//! and which output files show something of what changed.
//!
//! A page's body reaches other files along these edges: its own page; the
//! pages that embed it (transitively); list pages that show its summary or
//! reading time (its section, the home page, its tags, its series, the
//! archive); and, through the garden, the pages whose backlinks (which
//! quote the sentence around a link) or related notes change, and the
//! graph. Anything that would change the site's shape (inline tags, the
//! graph appearing or going) is not handled here: the caller rebuilds
//! everything.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::build::{Model, Stopwatch, render_page_body_safely};
use crate::garden;
use crate::render::Selection;

/// Why a change needs a full rebuild.
pub type Reason = &'static str;

/// Renders the Markdown of the `edited` pages (whose text is already in
/// `model`) and of every page that embeds them, updates the garden, and
/// returns the output files to render again.
pub fn body_edit(model: &mut Model, edited: &[usize], clock: &mut Stopwatch) -> Result<Selection, Reason> {
    let dirty = with_embedders(model, edited);
    let fresh: Vec<(usize, crate::markdown::Rendered)> =
        dirty.par_iter().map(|&i| (i, render_page_body_safely(&model.site, i, &model.theme))).collect();
    let mut garden_changed = false;
    for (i, body) in fresh {
        let old = &model.page_bodies[i];
        if body.tags != old.tags {
            return Err("inline #tags changed");
        }
        garden_changed |= body.links != old.links || body.terms != old.terms;
        model.page_bodies[i] = body;
    }
    clock.lap("markdown");

    let site = &model.site;
    let mut selection = Selection { archive: true, ..Selection::default() };
    selection.sections.insert(0);
    for &i in &dirty {
        selection.pages.insert(i);
        selection.sections.insert(site.pages[i].section);
        selection.tags.extend(site.tags.iter().enumerate().filter(|(_, t)| t.pages.contains(&i)).map(|(t, _)| t));
        selection.series.extend(site.series.iter().enumerate().filter(|(_, s)| s.pages.contains(&i)).map(|(s, _)| s));
    }
    if garden_changed {
        let grown = garden::grow(site, &model.page_bodies, clock);
        let old = &model.garden;
        if (grown.graph.nodes.len() >= 3) != (old.graph.nodes.len() >= 3) {
            return Err("the graph page appears or goes");
        }
        for page in 0..site.pages.len() {
            if grown.backlinks[page] != old.backlinks[page] || grown.related[page] != old.related[page] {
                selection.pages.insert(page);
            }
        }
        selection.graph = grown.graph != old.graph;
        model.garden = grown;
    }
    Ok(selection)
}

/// `edited` and every page that embeds one of them, at any depth.
fn with_embedders(model: &Model, edited: &[usize]) -> BTreeSet<usize> {
    let mut embedders: HashMap<usize, Vec<usize>> = HashMap::new();
    for (page, body) in model.page_bodies.iter().enumerate() {
        for &embedded in &body.embeds {
            embedders.entry(embedded).or_default().push(page);
        }
    }
    let mut dirty: BTreeSet<usize> = edited.iter().copied().collect();
    let mut queue: Vec<usize> = edited.to_vec();
    while let Some(page) = queue.pop() {
        for &by in embedders.get(&page).map_or(&[][..], Vec::as_slice) {
            if dirty.insert(by) {
                queue.push(by);
            }
        }
    }
    dirty
}
