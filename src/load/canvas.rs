//! Reading an Obsidian board (`.canvas`) into a [`PageSource`]: the page
//! is named after its file, and its body is the file's JSON, checked here
//! so that what is wrong with it is told at its line.

use std::path::Path;

use super::meta::{self, Kind, RawFrontMatter};
use super::page::{fallback_slug, read_text};
use crate::model::{Diagnostic, PageKind, PageSource, parse_canvas, split_date_prefix};

/// Reads the board `file` (relative to `root`) as a page, with the
/// problems found in it; `None` when it cannot be read.
pub(super) fn load_canvas(root: &Path, file: &Path) -> (Option<PageSource>, Vec<Diagnostic>) {
    let text = match read_text(root, file) {
        Ok(text) => text,
        Err(problem) => return (None, vec![problem]),
    };
    let mut problems = match parse_canvas(&text, file) {
        Ok((_, problems)) => problems,
        Err(problem) => return (None, vec![problem]),
    };
    let name = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let (date, title) = split_date_prefix(name);
    let (meta, found) = meta::check(RawFrontMatter::default(), Kind::Page, file, "");
    problems.extend(found);
    let page = PageSource {
        source: file.to_path_buf(),
        // Links name a board with its extension (`[[Map.canvas]]`), so a
        // note of the same name keeps its own.
        stem: file.file_name().and_then(|s| s.to_str()).unwrap_or_default().to_owned(),
        lang: None,
        kind: PageKind::Canvas,
        meta,
        title: title.to_owned(),
        title_in_body: false,
        date,
        slug: fallback_slug(title, title),
        body: text,
        body_line: 1,
        tended: None,
    };
    (Some(page), problems)
}
