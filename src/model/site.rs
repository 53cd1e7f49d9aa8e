//! The resolved site: every page and section with its URL and order.

use std::path::PathBuf;

use super::config::Config;
use super::links::LinkIndex;
use super::page::{Page, SortBy};
use super::section::Section;

/// Everything the renderers need: configuration, pages, sections.
#[derive(Debug, Clone)]
pub struct Site {
    /// Checked `tend.toml`.
    pub config: Config,
    /// Every page that will be written, in no particular order.
    pub pages: Vec<Page>,
    /// Every section; index 0 is the root (the home page).
    pub sections: Vec<Section>,
    /// Dated pages newest first, for the home page and later feeds.
    pub recent: Vec<usize>,
    /// Files that are copied as they are: (source relative to the site root,
    /// destination relative to the output folder).
    pub assets: Vec<(PathBuf, PathBuf)>,
    /// Tags, by display name.
    pub tags: Vec<Tag>,
    /// Series, by title.
    pub series: Vec<Series>,
    /// The taxonomies `[taxonomies]` adds beside tags, by name.
    pub taxonomies: Vec<Taxonomy>,
    /// Old URLs that redirect to pages.
    pub aliases: Vec<Alias>,
    /// What wikilinks and embeds can name.
    pub links: LinkIndex,
    /// Every image file the site copies, with its size, by path in the
    /// output folder.
    pub images: super::LocalImages,
    /// Notes on URLs tend generates (`tags/rust.md` at `/tags/rust/`), by
    /// that URL path: their text is the generated page's intro.
    pub intros: std::collections::HashMap<String, usize>,
    /// The header menu `[[menu]]` entries ask for; empty: the default one.
    pub menu: Vec<MenuLink>,
    /// The files of `data/`, by name, for templates.
    pub data: serde_json::Map<String, serde_json::Value>,
    /// On a multilingual site, the versions of a page or a folder's list in
    /// each language that has it, this one's included, in the languages'
    /// order, by its URL path here; only what has a version in another
    /// language is listed.
    pub translations: std::collections::HashMap<String, Vec<Alternate>>,
    /// Bases kept as files (beside Obsidian's note templates), by their
    /// path in the output: their file and YAML.
    pub base_files: std::collections::HashMap<String, (PathBuf, String)>,
}

/// A page's version in one language of a multilingual site.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Alternate {
    /// The language's tag (`de`), for `hreflang` and `lang`.
    pub lang: String,
    /// The language's name in itself (`Deutsch`).
    pub name: String,
    /// Its URL from the host's root (`/de/ueber/`).
    pub url: String,
    /// Its full URL when the site's address is known, else `url`.
    pub absolute: String,
}

/// A header menu entry, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuLink {
    /// The text shown.
    pub name: String,
    /// Where it leads.
    pub target: MenuTarget,
}

/// Where a menu entry leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuTarget {
    /// A path of the site, without the base path or a leading `/`.
    Path(String),
    /// An address elsewhere, as written.
    Outside(String),
}

/// One tag and the pages that carry it.
#[derive(Debug, Clone)]
pub struct Tag {
    /// The name as first written (`Rust`).
    pub name: String,
    /// The URL segment (`rust`); tags whose slugs match are one tag.
    pub slug: String,
    /// Pages with this tag, newest first.
    pub pages: Vec<usize>,
}

impl Tag {
    /// URL path of the tag's page.
    pub fn path(&self) -> String {
        format!("tags/{}/", self.slug)
    }
}

/// A taxonomy beside tags (`categories`) and its terms.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// The front-matter key and the URL segment (`categories`).
    pub name: String,
    /// What its pages are headed (`Categories`).
    pub title: String,
    /// Whether each term has feeds.
    pub feed: bool,
    /// Pages per term list page.
    pub paginate_by: usize,
    /// Its terms, each with its pages newest first, by display name.
    pub terms: Vec<Tag>,
}

impl Taxonomy {
    /// URL path of the page listing every term.
    pub fn path(&self) -> String {
        format!("{}/", self.name)
    }

    /// URL path of a term's page.
    pub fn term_path(&self, term: &Tag) -> String {
        format!("{}/{}/", self.name, term.slug)
    }
}

/// The terms a front-matter value names: text, a number, or a list of
/// them; an Obsidian property link (`"[[Books]]"`) names its note.
pub fn term_names(value: &serde_json::Value) -> Option<Vec<String>> {
    let one = |value: &serde_json::Value| match value {
        serde_json::Value::String(text) => Some(unlinked(text.trim()).to_owned()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    };
    match value {
        serde_json::Value::Array(items) => items.iter().map(one).collect(),
        serde_json::Value::Null => Some(Vec::new()),
        value => one(value).map(|name| vec![name]),
    }
}

/// `[[Books]]` → `Books`, `[[lists/Books|Reading]]` → `Reading`, anything
/// else as it is.
fn unlinked(text: &str) -> &str {
    let Some(inner) = text.strip_prefix("[[").and_then(|t| t.strip_suffix("]]")) else { return text };
    match inner.split_once('|') {
        Some((_, label)) => label.trim(),
        None => {
            let target = inner.split('#').next().unwrap_or(inner);
            target.rsplit('/').next().unwrap_or(target).trim()
        }
    }
}

/// A series of pages read in order.
#[derive(Debug, Clone)]
pub struct Series {
    /// The name pages use in front matter.
    pub name: String,
    /// The URL segment.
    pub slug: String,
    /// Display title from tend.toml, else the name.
    pub title: String,
    /// The sentence at the foot of each part.
    pub closing: Option<String>,
    /// What the series is about.
    pub description: Option<String>,
    /// The parts, first to last (oldest first).
    pub pages: Vec<usize>,
}

impl Series {
    /// URL path of the series page.
    pub fn path(&self) -> String {
        format!("series/{}/", self.slug)
    }
}

/// An old URL of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The old path, relative to the site root: `old/post/` (a folder with an
    /// `index.html`) or `old/post.html` (a file).
    pub path: String,
    /// The page it redirects to.
    pub page: usize,
}

impl Site {
    /// Whether page `index` is a folder's own page (shown on the folder's
    /// list page, with no page of its own).
    pub fn is_folder_page(&self, index: usize) -> bool {
        self.sections.get(self.pages[index].section).is_some_and(|s| s.page == Some(index))
    }

    /// Whether page `index` has no page of its own: a folder's page, or
    /// the intro of a page tend generates.
    pub fn is_shown_elsewhere(&self, index: usize) -> bool {
        self.is_folder_page(index) || self.intros.get(&self.pages[index].path) == Some(&index)
    }

    /// Whether section `index` gets its own feeds: the site has feeds on,
    /// it is not the home page, has a dated page, and its `_index.md` does
    /// not say `feed: false`.
    pub fn section_has_feed(&self, index: usize) -> bool {
        let section = &self.sections[index];
        self.config.feeds
            && index != 0
            && section.meta.feed != Some(false)
            && section.pages.iter().any(|&i| self.pages[i].date.is_some())
    }

    /// Whether the section's list reads newest first (it sorts by date).
    pub fn section_is_chronological(&self, index: usize) -> bool {
        let section = &self.sections[index];
        match section.meta.sort_by {
            Some(SortBy::Date) => true,
            Some(_) => false,
            None => section.pages.first().is_some_and(|&i| self.pages[i].date.is_some()),
        }
    }
}
