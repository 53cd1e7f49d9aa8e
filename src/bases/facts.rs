//! What a base knows of each page: its file's properties (`file.name`,
//! `file.tags`, `file.links`…) and its note's (front matter), read once
//! per build for every base to share.

use std::path::Path;

use jiff::Timestamp;
use serde_json::Value as Json;

use super::value::{Value, from_json};
use crate::model::{Origin, Page, PageKind, Rendered, Site, Target};

/// One page as bases see it.
#[derive(Debug)]
pub(super) struct Facts {
    /// The file name without its extension.
    pub name: String,
    /// The path in the vault (under the content folder), with extension.
    pub path: String,
    /// Its folder in the vault (`""` at the top).
    pub folder: String,
    /// `md`, `canvas` or `base`.
    pub ext: String,
    /// The size of its text, in bytes (without front matter).
    pub size: f64,
    /// When it was made: its date, else when it was last tended.
    pub ctime: Option<Timestamp>,
    /// When it was last tended (changed).
    pub mtime: Option<Timestamp>,
    /// Its tags, front matter's and inline, without `#`.
    pub tags: Vec<String>,
    /// The same, lower-cased, for `hasTag`.
    pub lower_tags: Vec<String>,
    /// The pages it links to or embeds.
    pub links: Vec<usize>,
    /// The pages that link to it.
    pub backlinks: Vec<usize>,
    /// Its front matter, every key.
    pub properties: Vec<(String, Value)>,
}

/// The facts of every page of `site`, whose bodies are `bodies`.
pub(super) fn gather(site: &Site, bodies: &[&Rendered]) -> Vec<Facts> {
    use rayon::prelude::*;
    let mut all: Vec<Facts> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| {
            let page = &site.pages[i];
            let body = bodies.get(i).copied();
            of_page(site, i, page, body)
        })
        .collect();
    let mut backlinks = vec![Vec::new(); all.len()];
    for (from, facts) in all.iter().enumerate() {
        for &to in &facts.links {
            if let Some(list) = backlinks.get_mut(to) {
                list.push(from);
            }
        }
    }
    for (facts, list) in all.iter_mut().zip(backlinks) {
        facts.backlinks = list;
    }
    all
}

fn of_page(site: &Site, i: usize, page: &Page, body: Option<&Rendered>) -> Facts {
    let relative = page.source.strip_prefix(&site.config.content_dir).unwrap_or(&page.source);
    let path = relative.to_string_lossy().replace('\\', "/");
    let folder = relative.parent().map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
    let ext = relative.extension().and_then(|e| e.to_str()).unwrap_or_default().to_owned();
    let name = file_name(relative, &page.kind);
    let mtime = page.tended.map(|(d, _)| d.instant);
    let mut tags = page.meta.tags.clone();
    let mut links = Vec::new();
    if let Some(body) = body {
        tags.extend(body.tags.iter().cloned());
        links = body.links.iter().map(|l| l.page).collect();
        links.dedup();
    }
    tags.dedup();
    let link = |text: &str| link_to(site, Origin { source: &page.source, page: Some(i) }, text);
    Facts {
        name,
        path,
        folder,
        ext,
        size: page.size as f64,
        ctime: page.date.map(|d| d.instant).or(mtime),
        mtime,
        lower_tags: tags.iter().map(|t| t.to_lowercase()).collect(),
        tags,
        links,
        backlinks: Vec::new(),
        properties: properties(page, &link),
    }
}

/// The name a base shows for a file: without `.md`, as Obsidian does.
fn file_name(relative: &Path, kind: &PageKind) -> String {
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    match kind {
        PageKind::Canvas | PageKind::Base => name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_owned(),
        _ => relative.file_stem().and_then(|n| n.to_str()).unwrap_or(name).to_owned(),
    }
}

/// A link named `text` (`Note`, `Note|shown`, a URL) written in the page
/// `from`.
pub(super) fn link_to(site: &Site, from: Origin, text: &str) -> Value {
    let (target, display) = match text.split_once('|') {
        Some((target, display)) => (target.trim(), Some(display.trim().to_owned())),
        None => (text.trim(), None),
    };
    let page = match site.links.resolve(&site.pages, from, target).target {
        Target::Page { index, .. } => Some(index),
        Target::File(path) => {
            let name = target.rsplit('/').next().unwrap_or(target).to_owned();
            return Value::Attachment(path, display.unwrap_or(name));
        }
        _ => None,
    };
    Value::Link { page, target: target.to_owned(), display }
}

/// The page's front matter as values: every key it has, the ones tend
/// reads itself included.
fn properties(page: &Page, link: &dyn Fn(&str) -> Value) -> Vec<(String, Value)> {
    let meta = &page.meta;
    let date = |d: Option<crate::model::PageDate>| d.map(|d| Value::Date(d.instant, false));
    let texts = |list: &[String]| Value::List(list.iter().map(|t| Value::Text(t.clone())).collect());
    let known = [
        ("title", meta.title.clone().map(Value::Text)),
        ("date", date(meta.date)),
        ("updated", date(meta.updated)),
        ("description", meta.description.clone().map(Value::Text)),
        ("tags", (!meta.tags.is_empty()).then(|| texts(&meta.tags))),
        ("aliases", (!meta.aliases.is_empty()).then(|| texts(&meta.aliases))),
        ("series", meta.series.clone().map(Value::Text)),
        ("status", meta.status.map(|s| Value::Text(s.as_str().to_owned()))),
        ("weight", meta.weight.map(|w| Value::Number(w as f64))),
        ("image", meta.image.clone().map(|i| from_json(&Json::String(i), link))),
    ];
    let mut all: Vec<(String, Value)> =
        known.into_iter().filter_map(|(key, value)| Some((key.to_owned(), value?))).collect();
    // `cover` is read as the social image too; a base names it as written.
    if meta.key_lines.contains_key("cover")
        && let Some((_, image)) = all.iter().find(|(key, _)| key == "image")
    {
        all.push(("cover".to_owned(), image.clone()));
    }
    all.extend(meta.extra.iter().map(|(key, value)| (key.clone(), from_json(value, link))));
    all
}
