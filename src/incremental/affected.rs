//! The dependency map of a body edit: which pages' Markdown to render again,
//! and which output files show something of what changed.
//!
//! A page's body reaches other files along these edges: its own page; the
//! pages that embed it (transitively); list pages that show its summary or
//! reading time (its section, the home page, its tags and terms, its series, the
//! archive); and, through the garden, the pages whose backlinks (which
//! quote the sentence around a link) or related notes change, and the
//! graph; and the pages that show a base, which reads every note. Anything
//! that would change the site's shape (inline tags, the
//! graph appearing or going) is not handled here: the caller rebuilds
//! everything.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::build::{Model, Stopwatch, render_page_body_safely};
use crate::model::{Rendered, Site};
use crate::render::{self, Selection, list_page_number, reading_minutes};
use crate::{bases, garden, images};

/// Why a change needs a full rebuild.
pub(super) type Reason = &'static str;

/// What a body edit touches.
pub(super) struct Affected {
    /// The files rendered through templates again.
    pub selection: Selection,
    /// Pages whose bodies changed: the feeds listing them are written again.
    pub bodies: BTreeSet<usize>,
}

/// Renders the Markdown of the `edited` pages (whose text, and last-tended
/// time, are already in `model`; `tended` says which pages' time moved)
/// and of every page that embeds them, updates the garden, and returns
/// what to render again.
pub(super) fn body_edit(
    model: &mut Model,
    edited: &[usize],
    tended: &[usize],
    clock: &mut Stopwatch,
) -> Result<Affected, Reason> {
    let mut dirty = with_embedders(model, edited);
    // A folder's `_index.md` that shows one of them is rendered with its
    // list, which only a full build renders.
    if model.section_bodies.iter().any(|body| body.embeds.iter().any(|page| dirty.contains(page))) {
        return Err("a folder's text embeds the page");
    }
    with_bases(model, &mut dirty)?;
    let mut fresh: Vec<(usize, Rendered)> =
        dirty.par_iter().map(|&i| (i, render_page_body_safely(&model.site, i, &model.theme))).collect();
    // Only a diagram not drawn before is laid out.
    model.diagrams.draw(&mut fresh.iter_mut().map(|(_, body)| body).collect::<Vec<_>>());
    let mut garden_changed = false;
    let mut listed_differently = Vec::new();
    // The theme scripts the site loads, read only once a page starts or
    // stops loading one (the pages replaced before it loaded the same).
    let mut scripts_before = None;
    for (i, body) in fresh {
        let old = &model.page_bodies[i];
        if scripts_before.is_none()
            && scripts(model, std::slice::from_ref(&body)) != scripts(model, std::slice::from_ref(old))
        {
            scripts_before = Some(scripts(model, &model.page_bodies));
        }
        if body.tags != old.tags {
            return Err("inline #tags changed");
        }
        // New images may need resized copies made.
        if body.images != old.images {
            return Err("the images shown changed");
        }
        garden_changed |= body.links != old.links || body.terms != old.terms;
        // A list shows a page's summary and reading time.
        if body.summary != old.summary || reading_minutes(&body) != reading_minutes(old) {
            listed_differently.push(i);
        }
        model.page_bodies[i] = body;
    }
    // The site's first code block or video needs its script written, and
    // the last one's goes: a full build does both.
    if scripts_before.is_some_and(|before| before != scripts(model, &model.page_bodies)) {
        return Err("the theme scripts the site loads changed");
    }
    bases::show(&model.site, &mut model.page_bodies, &mut [], jiff::Timestamp::now());
    // Images that could not be resized stay plain, as in a full build.
    let fresh = model.page_bodies.iter_mut().enumerate().filter(|(i, _)| dirty.contains(i));
    images::unmake(&model.images.failed, fresh.map(|(_, b)| (&mut b.html, b.images.as_slice())));
    clock.lap("markdown");

    let site = &model.site;
    let mut selection = Selection { pages: dirty.clone(), ..Selection::default() };
    for &i in &listed_differently {
        select_lists(site, i, &mut selection);
    }
    for &i in tended {
        selection.tended_lists.insert(site.pages[i].section);
    }
    if garden_changed {
        let grown = garden::grow(site, &model.page_bodies, &mut |name| clock.lap(name));
        let old = &model.garden;
        let shape = |g: &crate::model::Garden| (g.graph.nodes.is_empty(), g.graph.nodes.len() >= 3);
        if shape(&grown) != shape(old) {
            return Err("the graph page or graph.json appears or goes");
        }
        for page in 0..site.pages.len() {
            if grown.backlinks[page] != old.backlinks[page] || grown.related[page] != old.related[page] {
                selection.pages.insert(page);
            }
        }
        selection.graph = grown.graph != old.graph;
        model.garden = grown;
    }
    Ok(Affected { selection, bodies: dirty })
}

/// Selects every list page that shows page `i`: its section's, the home
/// page, its tags', its terms', its series' and the archive.
fn select_lists(site: &Site, i: usize, selection: &mut Selection) {
    selection.section_lists.insert((0, 1));
    let section = site.pages[i].section;
    if let Some(position) = site.sections[section].pages.iter().position(|&p| p == i) {
        let per_page = site.sections[section].meta.paginate_by;
        selection.section_lists.insert((section, list_page_number(position, per_page)));
    }
    for (t, tag) in site.tags.iter().enumerate() {
        if let Some(position) = tag.pages.iter().position(|&p| p == i) {
            selection.tag_lists.insert((t, list_page_number(position, Some(site.config.paginate_by))));
        }
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        for (term_index, term) in taxonomy.terms.iter().enumerate() {
            if let Some(position) = term.pages.iter().position(|&p| p == i) {
                let number = list_page_number(position, Some(taxonomy.paginate_by));
                selection.term_lists.insert(((t, term_index), number));
            }
        }
    }
    for (s, series) in site.series.iter().enumerate() {
        if series.pages.contains(&i) {
            selection.series.insert(s);
            selection.series_index = true;
        }
    }
    selection.archive |= site.pages[i].date.is_some();
}

/// Adds to `dirty` the pages that show a base: a base reads every note's
/// links, tags and last-tended time, so they are shown again, their bases
/// computed anew. A folder's text that shows one is a full build.
fn with_bases(model: &Model, dirty: &mut BTreeSet<usize>) -> Result<(), Reason> {
    if bases::any(&model.section_bodies) {
        return Err("a folder's text shows a base");
    }
    dirty.extend(model.page_bodies.iter().enumerate().filter(|(_, b)| !b.bases.is_empty()).map(|(i, _)| i));
    Ok(())
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

/// Which of the theme's assets `bodies` load (see
/// [`render::theme_asset_used`]).
fn scripts(model: &Model, bodies: &[Rendered]) -> Vec<bool> {
    model.assets.iter().map(|(name, _)| render::theme_asset_used(name, &model.site, bodies)).collect()
}
