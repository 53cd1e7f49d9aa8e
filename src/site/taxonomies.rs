//! Tags, the taxonomies of `[taxonomies]`, and series: which pages carry
//! each tag or term (newest first) and which pages make up each series
//! (first part first). One pass over the pages per taxonomy; terms whose
//! slugs match are one term, shown as first written.

use std::collections::HashMap;

use crate::model::{Config, Diagnostic, Location, Page, Series, Site, Tag, Taxonomy, slugify, term_names};

use super::order;

/// Builds the tags from the pages' `tags`.
pub(super) fn tags(pages: &[Page], recent: &[usize]) -> Vec<Tag> {
    terms(pages, recent, |page| page.meta.tags.clone())
}

/// The terms pages carry, by `names_of`: each with its pages newest first,
/// by display name; terms whose slugs match are one term.
fn terms(pages: &[Page], recent: &[usize], names_of: impl Fn(&Page) -> Vec<String>) -> Vec<Tag> {
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let mut terms: Vec<Tag> = Vec::new();
    // Walk dated pages newest first, then the undated, so each term's list
    // is already in order.
    let undated = (0..pages.len()).filter(|&i| pages[i].date.is_none());
    for i in recent.iter().copied().chain(undated) {
        for name in names_of(&pages[i]) {
            let slug = slugify(&name);
            if slug.is_empty() {
                continue;
            }
            let index = *by_slug.entry(slug.clone()).or_insert_with(|| {
                terms.push(Tag { name, slug, pages: Vec::new() });
                terms.len() - 1
            });
            if terms[index].pages.last() != Some(&i) {
                terms[index].pages.push(i);
            }
        }
    }
    terms.sort_by_cached_key(|t| t.name.to_lowercase());
    terms
}

/// Builds the taxonomies of `[taxonomies]` from the pages' front matter:
/// a term or a list of them under the taxonomy's name. A value of another
/// kind is a warning at its line.
pub(super) fn taxonomies(pages: &[Page], recent: &[usize], config: &Config) -> (Vec<Taxonomy>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut all = Vec::new();
    for described in &config.taxonomies {
        let key = described.name.as_str();
        for page in pages {
            if let Some(value) = page.meta.extra.get(key)
                && term_names(value).is_none()
            {
                problems.push(
                    Diagnostic::warning(format!("`{key}` is a taxonomy: its value must be a name or a list of names"))
                        .at(Location::new(page.source.clone(), page.meta.line_of(key), 1))
                        .hint(format!("write e.g. `{key}: [essays, notes]`")),
                );
            }
        }
        let terms = terms(pages, recent, |page| page.meta.extra.get(key).and_then(term_names).unwrap_or_default());
        all.push(Taxonomy {
            name: described.name.clone(),
            title: described.title.clone(),
            feed: described.feed,
            paginate_by: described.paginate_by.unwrap_or(config.paginate_by),
            terms,
        });
    }
    (all, problems)
}

/// Ties tags and the terms of taxonomies to the notes that describe them
/// (`tags/rust.md`): such a note is no tagged page of any term, and a term
/// it describes that no page carries still gets its page.
pub(super) fn describe_terms(site: &mut Site) {
    if site.intros.is_empty() {
        return;
    }
    let intros: Vec<usize> = site.intros.values().copied().collect();
    let Site { intros: by_path, pages, tags, taxonomies, .. } = site;
    describe(tags, "tags/", by_path, pages, &intros);
    for taxonomy in taxonomies {
        let prefix = taxonomy.path();
        describe(&mut taxonomy.terms, &prefix, by_path, pages, &intros);
    }
}

fn describe(terms: &mut Vec<Tag>, prefix: &str, by_path: &HashMap<String, usize>, pages: &[Page], intros: &[usize]) {
    for term in terms.iter_mut() {
        term.pages.retain(|p| !intros.contains(p));
    }
    for (path, &page) in by_path {
        let Some(slug) = path.strip_prefix(prefix).and_then(|s| s.strip_suffix('/')) else { continue };
        if slug.is_empty() || terms.iter().any(|t| t.slug == slug) {
            continue;
        }
        let name = if pages[page].title.trim().is_empty() { slug.to_owned() } else { pages[page].title.clone() };
        terms.push(Tag { name, slug: slug.to_owned(), pages: Vec::new() });
    }
    terms.sort_by_cached_key(|t| t.name.to_lowercase());
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
