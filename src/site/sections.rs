//! Grouping pages into sections: every folder under `content/` that holds
//! pages (directly or below) is a section; its `_index.md`, when present,
//! gives its title and settings.

use crate::model::{FrontMatter, PageKind, PageSource, Section, SectionSource};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder, relative to `content_dir`, whose section lists `page`.
fn listing_dir(page: &PageSource, content_dir: &Path) -> PathBuf {
    let mut dir = page.source.parent().map(Path::to_path_buf).unwrap_or_default();
    if matches!(page.kind, PageKind::Bundle { .. }) {
        dir.pop();
    }
    dir.strip_prefix(content_dir).map(Path::to_path_buf).unwrap_or_default()
}

/// Builds the sections of the content in `content_dir`, and the section
/// that lists each page. Index 0 is the root.
pub(super) fn group(
    pages: &[PageSource],
    indexes: Vec<SectionSource>,
    content_dir: &Path,
) -> (Vec<Section>, Vec<usize>) {
    let listing_dir = |page: &PageSource| listing_dir(page, content_dir);
    let mut by_dir: BTreeMap<PathBuf, Option<SectionSource>> = BTreeMap::new();
    by_dir.insert(PathBuf::new(), None);
    for page in pages {
        let mut dir = listing_dir(page);
        loop {
            by_dir.entry(dir.clone()).or_insert(None);
            if !dir.pop() {
                break;
            }
        }
    }
    for index in indexes {
        let mut dir = index.source.parent().map(Path::to_path_buf).unwrap_or_default();
        dir = dir.strip_prefix(content_dir).map(Path::to_path_buf).unwrap_or_default();
        let mut ancestor = dir.clone();
        while ancestor.pop() {
            by_dir.entry(ancestor.clone()).or_insert(None);
        }
        by_dir.insert(dir, Some(index));
    }

    // BTreeMap order puts a parent before its children and the root first.
    let mut sections: Vec<Section> =
        by_dir.into_iter().map(|(dir, index)| new_section(dir, index, content_dir)).collect();
    let position: BTreeMap<PathBuf, usize> = sections.iter().enumerate().map(|(i, s)| (s.dir.clone(), i)).collect();
    for i in 1..sections.len() {
        let parent_dir = sections[i].dir.parent().map(Path::to_path_buf).unwrap_or_default();
        let parent = position.get(&parent_dir).copied().unwrap_or(0);
        sections[i].parent = Some(parent);
        sections[parent].subsections.push(i);
    }
    let mut listed_in = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let section = position.get(&listing_dir(page)).copied().unwrap_or(0);
        listed_in.push(section);
        if page.kind == PageKind::Folder && sections[section].page.is_none() {
            sections[section].page = Some(i);
        } else {
            sections[section].pages.push(i);
        }
    }
    (sections, listed_in)
}

fn new_section(dir: PathBuf, index: Option<SectionSource>, content_dir: &Path) -> Section {
    let folder_name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let (source, meta, body, body_line) = match index {
        Some(s) => (Some(s.source), s.meta, s.body, s.body_line),
        None => (None, FrontMatter::default(), String::new(), 1),
    };
    let title = meta.title.clone().unwrap_or_else(|| capitalise(folder_name));
    Section {
        folder: content_dir.join(&dir),
        dir,
        source,
        meta,
        title,
        path: String::new(),
        body,
        body_line,
        pages: Vec::new(),
        page: None,
        subsections: Vec::new(),
        parent: None,
    }
}

fn capitalise(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
