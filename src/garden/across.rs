//! A garden shared across the languages of a site (`shared_garden`): a
//! page's backlinks also name the notes of other languages that link to
//! it, or to its translation in their language; its related notes add its
//! translations' related notes that its language lacks; and each
//! language's graph holds the notes of other languages its notes link to
//! or are linked from.

use std::collections::{BTreeSet, HashMap};

use crate::model::{Garden, OtherBacklink, OtherNote, Rendered, Site};

/// How many related notes a page shows, its language's and others'.
const RELATED: usize = 5;

/// A note of one of the languages: (language, page).
type Note = (usize, usize);

/// A language's other notes, by URL: their index in its `Garden::others`.
type Known = HashMap<String, usize>;

/// One language of the site: its site, rendered bodies and garden.
type Language<'a> = (&'a Site, &'a [Rendered], &'a mut Garden);

/// Adds to each language's garden what the others' notes say of it.
pub(crate) fn share(languages: &mut [Language]) {
    // Every page of every language, by its URL: (language, page).
    let mut by_url: HashMap<String, (usize, usize)> = HashMap::new();
    for (language, (site, _, garden)) in languages.iter_mut().enumerate() {
        garden.elsewhere = vec![Vec::new(); site.pages.len()];
        garden.related_elsewhere = vec![Vec::new(); site.pages.len()];
        for (page, at) in site.pages.iter().enumerate() {
            by_url.insert(site.config.base.local(&at.path), (language, page));
        }
    }
    let found = backlinks(languages, &by_url);
    // Links from one language's note to another's, for the graphs:
    // ((language, page) from, (language, page) to).
    let mut crossing = Vec::new();
    for (to, backlink, direct) in found {
        let from = by_url.get(&backlink.url).copied();
        if direct && let Some(from) = from {
            crossing.push((from, to));
        }
        let list = &mut languages[to.0].2.elsewhere[to.1];
        // One entry per linking note: its first sentence is enough.
        if !list.iter().any(|b| b.url == backlink.url) {
            list.push(backlink);
        }
    }
    for (_, _, garden) in languages.iter_mut() {
        for list in &mut garden.elsewhere {
            list.sort_by_cached_key(|b| b.title.to_lowercase());
        }
    }
    // Each language's `others`, by URL.
    let mut known = vec![HashMap::new(); languages.len()];
    related(languages, &by_url, &mut known);
    graphs(languages, &crossing, &mut known);
}

/// A backlink from one language into another: where it goes (language,
/// page), the backlink, and whether the link names that very note rather
/// than its translation.
type Found = ((usize, usize), OtherBacklink, bool);

/// Every backlink from one language into another.
fn backlinks(languages: &[Language], by_url: &HashMap<String, (usize, usize)>) -> Vec<Found> {
    let mut found = Vec::new();
    for (language, (site, bodies, _)) in languages.iter().enumerate() {
        for (from, body) in bodies.iter().enumerate() {
            let backlink = |context: &str| OtherBacklink {
                title: site.pages[from].shown_title.clone(),
                url: site.config.base.local(&site.pages[from].path),
                lang: site.config.language.clone(),
                context: context.to_owned(),
            };
            // Links to another language's note.
            for (url, context) in &body.elsewhere {
                if let Some(&to) = by_url.get(url).filter(|(l, _)| *l != language) {
                    found.push((to, backlink(context), true));
                }
            }
            // Links to a note of this language that other languages have.
            for link in &body.links {
                for version in versions(site, link.page) {
                    if let Some(&to) = by_url.get(&version.url).filter(|(l, _)| *l != language) {
                        found.push((to, backlink(&link.context), false));
                    }
                }
            }
        }
    }
    found
}

/// The versions of page `page` of `site` in every language that has it.
fn versions(site: &Site, page: usize) -> &[crate::model::Alternate] {
    site.translations.get(&site.pages[page].path).map_or(&[][..], Vec::as_slice)
}

/// A page's related notes, when it shows fewer than [`RELATED`]: its
/// translations' related notes that its own language does not have.
fn related(languages: &mut [Language], by_url: &HashMap<String, (usize, usize)>, known: &mut [Known]) {
    let mut added: Vec<(usize, usize, OtherNote)> = Vec::new();
    for (language, (site, _, garden)) in languages.iter().enumerate() {
        for page in 0..site.pages.len() {
            let mut room = RELATED.saturating_sub(garden.related[page].len());
            let mut chosen: Vec<String> = Vec::new();
            for version in versions(site, page).iter().filter(|v| v.lang != site.config.language) {
                let Some(&(there, translation)) = by_url.get(&version.url) else { continue };
                let (other, _, other_garden) = &languages[there];
                for &note in &other_garden.related[translation] {
                    // A note this language has is found by its own garden.
                    let here = versions(other, note).iter().any(|v| v.lang == site.config.language);
                    if room == 0 || here {
                        continue;
                    }
                    let at = &other.pages[note];
                    let url = other.config.base.local(&at.path);
                    if chosen.contains(&url) {
                        continue;
                    }
                    chosen.push(url.clone());
                    let note = OtherNote { title: at.shown_title.clone(), url, lang: other.config.language.clone() };
                    added.push((language, page, note));
                    room -= 1;
                }
            }
        }
    }
    for (language, page, note) in added {
        let garden = &mut *languages[language].2;
        let index = other_note(garden, &mut known[language], note);
        garden.related_elsewhere[page].push(index);
    }
}

/// Adds to each language's graph the links that cross into or out of it,
/// with the other languages' notes at their ends.
fn graphs(languages: &mut [Language], crossing: &[(Note, Note)], known: &mut [Known]) {
    for language in 0..languages.len() {
        let mut nodes: BTreeSet<usize> = languages[language].2.graph.nodes.iter().copied().collect();
        let mut edges: BTreeSet<(usize, usize)> = languages[language].2.graph.edges.iter().copied().collect();
        for &(from, to) in crossing.iter().filter(|(from, to)| from.0 == language || to.0 == language) {
            let [a, b] = [from, to].map(|(l, page)| {
                if l == language {
                    return page;
                }
                let site = languages[l].0;
                let at = &site.pages[page];
                let note = OtherNote {
                    title: at.shown_title.clone(),
                    url: site.config.base.local(&at.path),
                    lang: site.config.language.clone(),
                };
                languages[language].0.pages.len() + other_note(&mut *languages[language].2, &mut known[language], note)
            });
            nodes.extend([a, b]);
            edges.insert((a, b));
        }
        let graph = &mut languages[language].2.graph;
        graph.nodes = nodes.into_iter().collect();
        graph.edges = edges.into_iter().collect();
    }
}

/// The index of `note` in `garden.others`, added if it is not there;
/// `known` holds those indices by URL.
fn other_note(garden: &mut Garden, known: &mut Known, note: OtherNote) -> usize {
    *known.entry(note.url.clone()).or_insert_with(|| {
        garden.others.push(note);
        garden.others.len() - 1
    })
}
