//! Ordering: a section lists its dated pages newest first, then undated ones
//! by weight and title; `sort_by` in `_index.md` chooses explicitly, and
//! `sort_by: date` makes a missing date an error.

use std::cmp::Ordering;

use crate::model::{Diagnostic, Location, Page, Section, SortBy};

/// Newest first; ties broken by title so the order is stable.
fn by_date(a: &Page, b: &Page) -> Ordering {
    b.date.cmp(&a.date).then_with(|| by_title(a, b))
}

fn by_title(a: &Page, b: &Page) -> Ordering {
    a.title.to_lowercase().cmp(&b.title.to_lowercase()).then_with(|| a.source.cmp(&b.source))
}

fn by_weight(a: &Page, b: &Page) -> Ordering {
    let weight = |p: &Page| p.meta.weight.unwrap_or(i64::MAX);
    weight(a).cmp(&weight(b)).then_with(|| by_title(a, b))
}

/// Orders the pages and subsections of every section.
pub(super) fn sort_sections(sections: &mut [Section], pages: &[Page]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for section in sections.iter_mut() {
        let list = &mut section.pages;
        match section.meta.sort_by {
            Some(SortBy::Date) => {
                for &i in list.iter().filter(|&&i| pages[i].date.is_none()) {
                    problems.push(
                        Diagnostic::error("this page has no date, but its section sorts by date")
                            .at(Location::new(pages[i].source.clone(), 1, 1))
                            .hint(format!(
                                "add `date: YYYY-MM-DD` to its front matter, or remove `sort_by: date` from {}",
                                section.source.as_deref().map_or("_index.md".into(), |p| p.display().to_string())
                            )),
                    );
                }
                list.sort_by(|&a, &b| by_date(&pages[a], &pages[b]));
            }
            Some(SortBy::Weight) => list.sort_by(|&a, &b| by_weight(&pages[a], &pages[b])),
            Some(SortBy::Title) => list.sort_by(|&a, &b| by_title(&pages[a], &pages[b])),
            None => list.sort_by(|&a, &b| {
                let (a, b) = (&pages[a], &pages[b]);
                match (a.date.is_some(), b.date.is_some()) {
                    (true, true) => by_date(a, b),
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => by_weight(a, b),
                }
            }),
        }
    }
    let keys: Vec<(i64, String)> =
        sections.iter().map(|s| (s.meta.weight.unwrap_or(i64::MAX), s.title.to_lowercase())).collect();
    for section in sections.iter_mut() {
        section.subsections.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    }
    problems
}

/// Every dated page, newest first.
pub(super) fn recent(
    pages: &[Page],
    sections: &[Section],
    intros: &std::collections::HashMap<String, usize>,
) -> Vec<usize> {
    let mut folder_pages: Vec<usize> = sections.iter().filter_map(|s| s.page).collect();
    folder_pages.extend(intros.values());
    let mut dated: Vec<usize> =
        (0..pages.len()).filter(|&i| pages[i].date.is_some() && !folder_pages.contains(&i)).collect();
    dated.sort_by(|&a, &b| by_date(&pages[a], &pages[b]));
    dated
}

/// Series order: oldest first, then undated parts by weight and title.
pub(super) fn first_part_first(a: &Page, b: &Page) -> Ordering {
    match (a.date, b.date) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| by_title(a, b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => by_weight(a, b),
    }
}
