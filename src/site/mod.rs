//! Stage 2, resolve: from what was loaded to the site model. Decides which
//! pages are published, groups them into sections, gives every page and
//! section its URL, catches two files claiming one URL, and orders lists.
//!
//! Invariant: every URL path here is made of safe segments (see
//! [`crate::model::is_safe_segment`]) and ends in `/`, so joining it to the
//! output folder can never leave that folder.

mod aliases;
mod menu;
mod order;
mod paths;
mod sections;
mod taxonomies;
mod translations;

pub use translations::link_translations;

use crate::model::{Content, Diagnostic, LinkIndex, Page, PageSource, Site, smarten};
use jiff::Timestamp;

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

impl Skipped {
    /// Counts `other`'s pages too.
    pub fn add(&mut self, other: Skipped) {
        self.drafts += other.drafts;
        self.future += other.future;
        self.unpublished += other.unpublished;
    }
}

/// Resolves loaded content into the site model.
pub fn resolve(content: Content, options: ResolveOptions) -> (Site, Skipped, Vec<Diagnostic>) {
    let Content { config, pages, section_indexes, assets, data, base_files } = content;
    let (mut pages, skipped, left_out) = select_published(pages, options);
    let mut problems = Vec::new();
    let (mut sections, listed_in) = sections::group(&pages, section_indexes, &config.content_dir);
    let (mut places, found) = paths::assign(&mut sections, &pages, listed_in);
    problems.extend(found);
    if let Some((name, line)) = &config.home {
        problems.extend(paths::adopt_home(&mut sections, &pages, &mut places, name, *line));
    }
    paths::adopt_titles(&mut sections, &pages);
    // A folder's page with no title of its own (`index.md` with no
    // heading) is called as its folder is, the home page as the site.
    for (index, section) in sections.iter().enumerate() {
        if let Some(page) = section.page.map(|p| &mut pages[p])
            && page.title.trim().is_empty()
        {
            page.title = if index == 0 { config.title.clone() } else { section.title.clone() };
        }
    }
    let pages: Vec<Page> = pages.into_iter().zip(places).map(|(page, place)| placed(page, place)).collect();
    problems.extend(order::sort_sections(&mut sections, &pages));
    let taxonomy_names: Vec<&str> = config.taxonomies.iter().map(|t| t.name.as_str()).collect();
    let (intros, found) = paths::generated_intros(&mut sections, &pages, &taxonomy_names);
    problems.extend(found);
    let recent = order::recent(&pages, &sections, &intros);
    let assets = paths::asset_destinations(&sections, &pages, assets, &config.content_dir);
    let tags = taxonomies::tags(&pages, &recent);
    let (taxonomies, found) = taxonomies::taxonomies(&pages, &recent, &config);
    problems.extend(found);
    let (series, found) = taxonomies::series(&pages, &config);
    problems.extend(found);
    let (aliases, found) = aliases::aliases(&pages, &sections);
    problems.extend(found);
    let (menu, found) = menu::resolve(&config, &pages);
    problems.extend(found);
    let mut links = LinkIndex::build(&pages, &sections, &assets, &config.content_dir);
    links.add_left_out(&left_out);
    let mut site = Site {
        config,
        pages,
        sections,
        recent,
        assets,
        tags,
        series,
        taxonomies,
        aliases,
        links,
        images: Default::default(),
        intros,
        menu,
        data,
        translations: Default::default(),
        base_files: Default::default(),
    };
    // A base kept as a file is found by its place in the output, as a
    // link to it is.
    for (source, yaml) in base_files {
        if let Some((_, output)) = site.assets.iter().find(|(s, _)| *s == source) {
            site.base_files.insert(output.to_string_lossy().replace('\\', "/"), (source, yaml));
        }
    }
    taxonomies::describe_terms(&mut site);
    (site, skipped, problems)
}

/// A page at its place: the one conversion from what was read to a page
/// of the site.
fn placed(page: PageSource, place: paths::Place) -> Page {
    let PageSource { source, stem, lang: _, kind, meta, title, title_in_body, date, slug: _, body, body_line, tended } =
        page;
    let paths::Place { section, path, slug } = place;
    let shown_title = smarten(&title);
    Page {
        source,
        stem,
        kind,
        meta,
        title,
        shown_title,
        title_in_body,
        date,
        slug,
        path,
        section,
        size: body.len(),
        body,
        body_line,
        tended,
    }
}

/// The pages to publish, how many were left out, and the pages left out
/// (without their text) with why.
fn select_published(
    pages: Vec<PageSource>,
    options: ResolveOptions,
) -> (Vec<PageSource>, Skipped, Vec<(PageSource, &'static str)>) {
    let mut skipped = Skipped::default();
    let mut kept = Vec::with_capacity(pages.len());
    let mut left_out = Vec::new();
    for page in pages {
        let why = if !page.meta.publish {
            skipped.unpublished += 1;
            "it says `publish: false`"
        } else if options.drafts {
            ""
        } else if page.meta.draft {
            skipped.drafts += 1;
            "it is a draft"
        } else if page.date.is_some_and(|d| d.instant > options.now) {
            skipped.future += 1;
            "it is dated in the future"
        } else {
            ""
        };
        if why.is_empty() {
            kept.push(page);
        } else {
            left_out.push((PageSource { body: String::new(), ..page }, why));
        }
    }
    (kept, skipped, left_out)
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
        taxonomies::describe_terms(site);
    }
}
