//! The languages of a multilingual site, linked: a page's translations are
//! the pages of other languages with the same key, its `translationKey`,
//! else its path once the language is out of the file name (`about.md`,
//! `about.de.md`: `about`); a folder's list is the same folder's in every
//! language that has it.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::model::{Alternate, LinkIndex, Site, Translated};

/// What makes pages of different languages one page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// A `translationKey`, else the file's path under the content folder
    /// without extension or language (`posts/hello`): a translation whose
    /// name differs may give that path as its key.
    Page(String),
    /// A folder, for its list.
    Folder(String),
}

/// Fills each site's `translations`: `sites` are the languages of one
/// site, the default first. A page no other language has is left out: the
/// switcher offers only what exists.
pub fn link_translations(sites: &mut [&mut Site]) {
    if sites.len() < 2 {
        return;
    }
    // Every key, with (language, URL path) of each version.
    let mut groups: BTreeMap<Key, Vec<(usize, String)>> = BTreeMap::new();
    for (language, site) in sites.iter().enumerate() {
        for page in &site.pages {
            let key = match &page.meta.translation_key {
                Some(chosen) => chosen.trim().trim_start_matches('/').trim_end_matches(".md").to_owned(),
                None => file_key(&page.source, &page.stem, &site.config.content_dir),
            };
            let key = Key::Page(key);
            groups.entry(key).or_default().push((language, page.path.clone()));
        }
        for section in &site.sections {
            let folder = section.dir.to_string_lossy().replace('\\', "/");
            groups.entry(Key::Folder(folder)).or_default().push((language, section.path.clone()));
        }
    }
    for versions in groups.into_values() {
        let languages: std::collections::BTreeSet<usize> = versions.iter().map(|(l, _)| *l).collect();
        if languages.len() < 2 {
            continue;
        }
        let alternates: Vec<Alternate> = languages
            .iter()
            .filter_map(|&language| {
                // Two pages of one language with one key: the first.
                let (_, path) = versions.iter().find(|(l, _)| *l == language)?;
                alternate(sites[language], path)
            })
            .collect();
        for (language, path) in versions {
            // A folder's own page and its list share a URL: the page's
            // translations are the list's.
            sites[language].translations.entry(path).or_insert_with(|| alternates.clone());
        }
    }
    link_across(sites);
}

/// Lets each language's links name the other languages' notes, the
/// default's first: a link leads to the note's translation in the
/// linking language when it has one, else to the note.
fn link_across(sites: &mut [&mut Site]) {
    for here in 0..sites.len() {
        let local: HashMap<String, usize> = sites[here]
            .pages
            .iter()
            .enumerate()
            .map(|(i, page)| (sites[here].config.base.local(&page.path), i))
            .collect();
        let mut names = Vec::new();
        for (there, site) in sites.iter().enumerate().filter(|(there, _)| *there != here) {
            for page in &site.pages {
                let translation = site
                    .translations
                    .get(&page.path)
                    .and_then(|versions| versions.iter().find(|v| v.lang == sites[here].config.language))
                    .and_then(|version| local.get(&version.url));
                let to = match translation {
                    Some(&index) => Translated::Here(index),
                    None => Translated::Url(site.config.base.local(&page.path)),
                };
                let content_dir = &sites[there].config.content_dir;
                names.extend(LinkIndex::names_of(page, content_dir).into_iter().map(|name| (name, to.clone())));
            }
        }
        sites[here].links.add_elsewhere(names);
    }
}

/// `source` as its translations name it: its path under `content_dir`
/// with its name `stem`, without extension or language (`posts/hello`).
fn file_key(source: &Path, stem: &str, content_dir: &Path) -> String {
    let path = source.with_file_name(stem);
    path.strip_prefix(content_dir).unwrap_or(&path).to_string_lossy().replace('\\', "/")
}

/// The version of `path` in `site`'s language.
fn alternate(site: &Site, path: &str) -> Option<Alternate> {
    let config = &site.config;
    let language = config.languages.iter().find(|l| l.code == config.language)?;
    Some(Alternate {
        lang: language.code.clone(),
        name: language.name.clone(),
        url: config.base.local(path),
        absolute: config.base.absolute(path),
    })
}
