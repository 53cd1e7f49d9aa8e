//! Tags and series: which pages carry each tag (newest first) and which
//! pages make up each series (first part first). One pass over the pages;
//! tags whose slugs match are one tag, shown as first written.

use std::collections::HashMap;

use crate::model::{Config, Diagnostic, Location, Page, Series, Site, Tag, slugify};

use super::order;

/// Builds the tags from the pages' `tags`.
pub(super) fn tags(pages: &[Page], recent: &[usize]) -> Vec<Tag> {
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let mut tags: Vec<Tag> = Vec::new();
    // Walk dated pages newest first, then the undated, so each tag's list is
    // already in order.
    let undated = (0..pages.len()).filter(|&i| pages[i].date.is_none());
    for i in recent.iter().copied().chain(undated) {
        for name in &pages[i].meta.tags {
            let slug = slugify(name);
            if slug.is_empty() {
                continue;
            }
            let index = *by_slug.entry(slug.clone()).or_insert_with(|| {
                tags.push(Tag { name: name.clone(), slug, pages: Vec::new() });
                tags.len() - 1
            });
            if tags[index].pages.last() != Some(&i) {
                tags[index].pages.push(i);
            }
        }
    }
    tags.sort_by_cached_key(|t| t.name.to_lowercase());
    tags
}

/// Ties tags to the notes that describe them (`tags/rust.md`): such a note
/// is no tagged page of any tag, and a tag it describes that no page
/// carries still gets its page.
pub(super) fn describe_tags(site: &mut Site) {
    if site.intros.is_empty() {
        return;
    }
    let intros: Vec<usize> = site.intros.values().copied().collect();
    for tag in &mut site.tags {
        tag.pages.retain(|p| !intros.contains(p));
    }
    for (path, &page) in &site.intros {
        let Some(slug) = path.strip_prefix("tags/").and_then(|s| s.strip_suffix('/')) else { continue };
        if slug.is_empty() || site.tags.iter().any(|t| t.slug == slug) {
            continue;
        }
        let name = site.pages[page].meta.title.clone().unwrap_or_else(|| slug.to_owned());
        site.tags.push(Tag { name, slug: slug.to_owned(), pages: Vec::new() });
    }
    site.tags.sort_by_cached_key(|t| t.name.to_lowercase());
}

/// Builds the series from the pages' `series` and tend.toml. A series
/// described in tend.toml but used by no page gets a warning.
pub(super) fn series(pages: &[Page], config: &Config) -> (Vec<Series>, Vec<Diagnostic>) {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut all: Vec<Series> = Vec::new();
    let mut problems = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let Some(name) = page.meta.series.as_deref() else { continue };
        let slug = slugify(name);
        if slug.is_empty() {
            problems.push(
                Diagnostic::error(format!("series name `{name}` has no letters or digits"))
                    .at(Location::new(page.source.clone(), page.meta.line_of("series"), 1))
                    .hint("name the series with words, e.g. `series: learning in public`"),
            );
            continue;
        }
        let index = *by_name.entry(slug.clone()).or_insert_with(|| {
            let described = config
                .series
                .get(name)
                .or_else(|| config.series.iter().find(|(k, _)| slugify(k) == slug).map(|(_, v)| v));
            all.push(Series {
                name: name.to_owned(),
                slug,
                title: described.and_then(|d| d.title.clone()).unwrap_or_else(|| name.to_owned()),
                closing: described.and_then(|d| d.closing.clone()),
                description: described.and_then(|d| d.description.clone()),
                pages: Vec::new(),
            });
            all.len() - 1
        });
        all[index].pages.push(i);
    }
    for series in &mut all {
        series.pages.sort_by(|&a, &b| order::first_part_first(&pages[a], &pages[b]));
    }
    for name in config.series.keys() {
        if !by_name.contains_key(&slugify(name)) {
            problems.push(
                Diagnostic::warning(format!("series `{name}` is described in tend.toml but no page is part of it"))
                    .at(Location::new("tend.toml", 1, 1))
                    .hint(format!("add `series: {name}` to the front matter of its pages")),
            );
        }
    }
    all.sort_by_cached_key(|s| s.title.to_lowercase());
    (all, problems)
}
