//! Stage 2, resolve: from what was loaded to the site model. Decides which
//! pages are published, groups them into sections, gives every page and
//! section its URL, catches two files claiming one URL, and orders lists.
//!
//! Invariant: every URL path here is made of safe segments (see
//! [`crate::model::is_safe_segment`]) and ends in `/`, so joining it to the
//! output folder can never leave that folder.

mod aliases;
mod order;
mod paths;
mod sections;
mod taxonomies;

use jiff::Timestamp;

use crate::load::Content;
use crate::model::{Diagnostic, LinkIndex, Page, Site};

/// What the resolve stage needs besides the content.
#[derive(Debug, Clone, Copy)]
pub struct ResolveOptions {
    /// Keep drafts and future-dated pages.
    pub drafts: bool,
    /// The moment that decides what is in the future.
    pub now: Timestamp,
}

/// How many pages were left out, and why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skipped {
    /// `draft: true`.
    pub drafts: usize,
    /// Dated after the build's start.
    pub future: usize,
    /// `publish: false`.
    pub unpublished: usize,
}

/// Resolves loaded content into the site model.
pub fn resolve(content: Content, options: ResolveOptions) -> (Site, Skipped, Vec<Diagnostic>) {
    let Content { config, pages, section_indexes, assets } = content;
    let (pages, skipped) = select_published(pages, options);
    let mut problems = Vec::new();
    let (mut sections, mut pages) = sections::group(pages, section_indexes);
    problems.extend(paths::assign(&mut sections, &mut pages));
    problems.extend(order::sort_sections(&mut sections, &pages));
    problems.extend(paths::generated_collisions(&sections, &pages));
    let recent = order::recent(&pages);
    let assets = paths::asset_destinations(&sections, &pages, assets);
    let tags = taxonomies::tags(&pages, &recent);
    let (series, found) = taxonomies::series(&pages, &config);
    problems.extend(found);
    let (aliases, found) = aliases::aliases(&pages, &sections);
    problems.extend(found);
    let links = LinkIndex::build(&pages, &assets);
    let site =
        Site { config, pages, sections, recent, assets, tags, series, aliases, links, images: Default::default() };
    (site, skipped, problems)
}

fn select_published(pages: Vec<Page>, options: ResolveOptions) -> (Vec<Page>, Skipped) {
    let mut skipped = Skipped::default();
    let kept = pages
        .into_iter()
        .filter(|page| {
            if !page.meta.publish {
                skipped.unpublished += 1;
                false
            } else if options.drafts {
                true
            } else if page.meta.draft {
                skipped.drafts += 1;
                false
            } else if page.date.is_some_and(|d| d.instant > options.now) {
                skipped.future += 1;
                false
            } else {
                true
            }
        })
        .collect();
    (kept, skipped)
}

/// Adds the inline `#tags` the Markdown stage found (one list per page) to
/// the pages' tags, and rebuilds the tag lists.
pub fn add_inline_tags<'t>(site: &mut Site, inline: impl Iterator<Item = &'t [String]>) {
    let mut changed = false;
    for (page, tags) in site.pages.iter_mut().zip(inline) {
        for tag in tags {
            let slug = crate::model::slugify(tag);
            if !page.meta.tags.iter().any(|t| crate::model::slugify(t) == slug) {
                page.meta.tags.push(tag.clone());
                changed = true;
            }
        }
    }
    if changed {
        site.tags = taxonomies::tags(&site.pages, &site.recent);
    }
}
