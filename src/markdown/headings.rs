//! Heading ids and self-links.
//!
//! Every heading gets a stable id: its `{#custom}` id, else the slug of its
//! text; a repeated id gets `-1`, `-2`, … in document order. Headings h1–h4
//! get a link to themselves whose accessible name is "Jump to section titled
//! `<text>`"; its visible mark is drawn by CSS, so it is not part of the page's
//! text.

use std::collections::HashMap;

use crate::model::{Heading, write_anchor};
use pulldown_cmark_escape::escape_html;

/// Hands out unique ids within one page.
#[derive(Debug, Default)]
pub struct IdAllocator {
    used: HashMap<String, usize>,
}

impl IdAllocator {
    /// Marks `id` as taken (the theme's own ids, such as the title's).
    pub fn reserve(&mut self, id: &str) {
        self.used.entry(id.to_owned()).or_insert(0);
    }

    /// A unique id based on `wanted`: `wanted`, else `wanted-1`, `wanted-2`…
    pub fn allocate(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "section" } else { wanted };
        let Some(&last) = self.used.get(base) else {
            self.used.insert(base.to_owned(), 0);
            return base.to_owned();
        };
        let mut n = last;
        loop {
            n += 1;
            let candidate = format!("{base}-{n}");
            if !self.used.contains_key(&candidate) {
                self.used.insert(base.to_owned(), n);
                self.used.insert(candidate.clone(), 0);
                return candidate;
            }
        }
    }
}

/// Writes a whole heading element: opening tag with id and classes, the
/// already-rendered inner HTML, the self-link for h1–h4, closing tag.
pub(super) fn write_heading(out: &mut String, level: u8, id: &str, classes: &[String], inner: &str, label: &str) {
    out.push_str("<h");
    out.push(char::from(b'0' + level));
    out.push_str(" id=\"");
    let _ = escape_html(&mut *out, id);
    out.push('"');
    if !classes.is_empty() {
        out.push_str(" class=\"");
        let _ = escape_html(&mut *out, &classes.join(" "));
        out.push('"');
    }
    out.push('>');
    out.push_str(inner);
    if level <= 4 {
        write_anchor(out, id, label);
    }
    out.push_str("</h");
    out.push(char::from(b'0' + level));
    out.push_str(">\n");
}

/// Nests a flat list of headings by level.
pub(super) fn nest(flat: Vec<Heading>) -> Vec<Heading> {
    let mut roots: Vec<Heading> = Vec::new();
    for heading in flat {
        insert(&mut roots, heading);
    }
    roots
}

fn insert(siblings: &mut Vec<Heading>, heading: Heading) {
    match siblings.last_mut() {
        Some(last) if last.level < heading.level => insert(&mut last.children, heading),
        _ => siblings.push(heading),
    }
}

#[cfg(test)]
mod tests {
    use super::{Heading, IdAllocator, nest};

    #[test]
    fn duplicates_get_numbered() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("why"), "why");
        assert_eq!(ids.allocate("why"), "why-1");
        assert_eq!(ids.allocate("why"), "why-2");
        assert_eq!(ids.allocate("why-1"), "why-1-1");
        assert_eq!(ids.allocate(""), "section");
    }

    #[test]
    fn reserved_ids_are_skipped() {
        let mut ids = IdAllocator::default();
        ids.reserve("content");
        assert_eq!(ids.allocate("content"), "content-1");
    }

    #[test]
    fn nesting_follows_levels() {
        let h = |level, id: &str| Heading { level, id: id.into(), title: id.into(), children: vec![] };
        let tree = nest(vec![h(2, "a"), h(3, "b"), h(4, "c"), h(2, "d"), h(3, "e")]);
        assert_eq!(tree.len(), 2);
        assert_eq!(tree[0].children[0].children[0].id, "c");
        assert_eq!(tree[1].children[0].id, "e");
    }
}
