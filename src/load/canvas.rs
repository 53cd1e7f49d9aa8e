//! Reading an Obsidian board (`.canvas`) or base (`.base`) into a
//! [`PageSource`]: the page is named after its file, and its body is the
//! file's text. A board's JSON is checked here, so that what is wrong with
//! it is told at its line; a base's YAML is read where it is shown.

use std::path::Path;

use super::meta::{self, Kind, RawFrontMatter};
use super::page::{fallback_slug, read_text};
use crate::model::{Diagnostic, PageKind, PageSource, parse_canvas, split_date_prefix};

/// Reads the board or base `file` (relative to `root`) as a page, with
/// the problems found in it; `None` when it cannot be read.
pub(super) fn load_board_or_base(root: &Path, file: &Path) -> (Option<PageSource>, Vec<Diagnostic>) {
    let text = match read_text(root, file) {
        Ok(text) => text,
        Err(problem) => return (None, vec![problem]),
    };
    let is_base = super::discover::is_base(file);
    let mut problems = match parse_canvas(&text, file) {
        _ if is_base => Vec::new(),
        Ok((_, problems)) => problems,
        Err(problem) => return (None, vec![problem]),
    };
    let name = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let (date, title) = split_date_prefix(name);
    let (meta, found) = meta::check(RawFrontMatter::default(), Kind::Page, file, "");
    problems.extend(found);
    let page = PageSource {
        source: file.to_path_buf(),
        // Links name a board or base with its extension (`[[Map.canvas]]`),
        // so a note of the same name keeps its own.
        stem: file.file_name().and_then(|s| s.to_str()).unwrap_or_default().to_owned(),
        lang: None,
        kind: if is_base { PageKind::Base } else { PageKind::Canvas },
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
