//! Footnotes: numbered in the order they are first referenced, and gathered
//! into one list at the end of the page, each with a link back to where it
//! was referenced.

use std::collections::HashMap;

use pulldown_cmark::{Event, TagEnd, html};
use pulldown_cmark_escape::escape_html;

use crate::model::slugify;

/// Footnote references and definitions of one page.
#[derive(Debug, Default)]
pub struct Footnotes<'a> {
    /// Label → (number, how many times referenced so far).
    numbers: HashMap<String, (usize, usize)>,
    order: Vec<String>,
    definitions: HashMap<String, Vec<Event<'a>>>,
}

fn anchor(label: &str) -> String {
    let slug = slugify(label);
    if slug.is_empty() { "note".to_owned() } else { slug }
}

impl<'a> Footnotes<'a> {
    /// The HTML of a reference to `label`.
    pub fn reference(&mut self, label: &str) -> String {
        let next = self.numbers.len() + 1;
        let entry = self.numbers.entry(label.to_owned()).or_insert((next, 0));
        if entry.1 == 0 {
            self.order.push(label.to_owned());
        }
        entry.1 += 1;
        let (number, count) = *entry;
        let id = anchor(label);
        let ref_id = if count == 1 { format!("fnref-{id}") } else { format!("fnref-{id}-{count}") };
        format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{id}\" id=\"{ref_id}\" aria-label=\"Footnote {number}\">{number}</a></sup>"
        )
    }

    /// Keeps the events of a definition for the list at the end.
    pub fn define(&mut self, label: String, events: Vec<Event<'a>>) {
        self.definitions.entry(label).or_insert(events);
    }

    /// Writes the list of referenced footnotes, if any.
    pub fn write_section(self, out: &mut String) {
        let Footnotes { numbers, order, mut definitions } = self;
        let listed: Vec<_> =
            order.into_iter().filter_map(|label| definitions.remove(&label).map(|d| (label, d))).collect();
        if listed.is_empty() {
            return;
        }
        out.push_str("<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n");
        for (label, mut events) in listed {
            let id = anchor(&label);
            let number = numbers.get(&label).map_or(0, |n| n.0);
            let mut back = format!(
                " <a href=\"#fnref-{id}\" class=\"footnote-back\" aria-label=\"Back to reference {number}\">↩\u{fe0e}</a>"
            );
            out.push_str("<li id=\"fn-");
            let _ = escape_html(&mut *out, &id);
            out.push_str("\">");
            if matches!(events.last(), Some(Event::End(TagEnd::Paragraph))) {
                let end = events.pop();
                events.push(Event::InlineHtml(std::mem::take(&mut back).into()));
                events.extend(end);
            }
            html::push_html(out, events.into_iter());
            out.push_str(&back);
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n</section>\n");
    }
}
