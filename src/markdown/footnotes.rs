//! Footnotes: numbered in the order they are first referenced, and gathered
//! into one list at the end of the page, each with a link back to where it
//! was referenced.

use std::collections::HashMap;

use pulldown_cmark::{Event, Tag, TagEnd, html};
use pulldown_cmark_escape::escape_html;

use super::escaped;
use crate::model::{Locale, slugify};

/// Marks a first footnote reference in the HTML until its sidenote is
/// known: private-use characters, which Markdown text does not carry.
const SIDENOTE_OPEN: char = '\u{e000}';
const SIDENOTE_CLOSE: char = '\u{e001}';

/// Footnote references and definitions of one page.
#[derive(Debug, Default)]
pub(super) struct Footnotes<'a> {
    /// Label → (number, how many times referenced so far).
    numbers: HashMap<String, (usize, usize)>,
    order: Vec<String>,
    definitions: HashMap<String, Vec<Event<'a>>>,
    /// No sidenotes: the text itself holds the characters that mark them.
    no_sidenotes: bool,
}

fn anchor(label: &str) -> String {
    let slug = slugify(label);
    if slug.is_empty() { "note".to_owned() } else { slug }
}

impl<'a> Footnotes<'a> {
    /// Footnotes for a page whose Markdown is `source`.
    pub(super) fn for_source(source: &str) -> Self {
        Footnotes { no_sidenotes: source.contains([SIDENOTE_OPEN, SIDENOTE_CLOSE]), ..Footnotes::default() }
    }

    /// The HTML of a reference to `label`.
    pub(super) fn reference(&mut self, label: &str, words: &Locale) -> String {
        let next = self.numbers.len() + 1;
        let entry = self.numbers.entry(label.to_owned()).or_insert((next, 0));
        if entry.1 == 0 {
            self.order.push(label.to_owned());
        }
        entry.1 += 1;
        let (number, count) = *entry;
        let id = anchor(label);
        let ref_id = if count == 1 { format!("fnref-{id}") } else { format!("fnref-{id}-{count}") };
        // The first reference is followed by a mark that `place_sidenotes`
        // turns into the note itself.
        let mark = if count == 1 && !self.no_sidenotes {
            format!("{SIDENOTE_OPEN}{number}{SIDENOTE_CLOSE}")
        } else {
            String::new()
        };
        let name = escaped(&words.count("footnote", number, &[]));
        format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{id}\" id=\"{ref_id}\" aria-label=\"{name}\">{number}</a></sup>{mark}"
        )
    }

    /// Replaces the mark after each first reference in `html` with the
    /// footnote as a sidenote: a copy for the margin of wide screens, hidden
    /// from assistive technology (which has the list at the end) and with
    /// its links out of the tab order. A footnote with more than
    /// paragraphs (a list, code) is left to the list.
    pub(super) fn place_sidenotes(&self, html: &mut String) {
        if self.no_sidenotes || !html.contains(SIDENOTE_OPEN) {
            return;
        }
        let mut out = String::with_capacity(html.len() * 2);
        let mut rest = html.as_str();
        while let Some(start) = rest.find(SIDENOTE_OPEN) {
            out.push_str(&rest[..start]);
            let after = &rest[start + SIDENOTE_OPEN.len_utf8()..];
            let Some(end) = after.find(SIDENOTE_CLOSE) else {
                rest = after;
                continue;
            };
            if let Some(note) = after[..end].parse().ok().and_then(|n| self.sidenote(n)) {
                out.push_str(&note);
            }
            rest = &after[end + SIDENOTE_CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        *html = out;
    }

    /// The sidenote of footnote `number`, if it is made of paragraphs.
    fn sidenote(&self, number: usize) -> Option<String> {
        let label = self.order.get(number.checked_sub(1)?)?;
        let events = self.definitions.get(label)?;
        let mut inline = Vec::with_capacity(events.len());
        for event in events {
            match event {
                Event::Start(Tag::Paragraph) => {}
                Event::End(TagEnd::Paragraph) => inline.push(Event::Text(" ".into())),
                Event::Start(
                    Tag::Link { .. }
                    | Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Superscript
                    | Tag::Subscript,
                )
                | Event::End(
                    TagEnd::Link
                    | TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Superscript
                    | TagEnd::Subscript,
                )
                | Event::Text(_)
                | Event::Code(_)
                | Event::InlineHtml(_)
                | Event::InlineMath(_)
                | Event::SoftBreak
                | Event::HardBreak => inline.push(event.clone()),
                _ => return None,
            }
        }
        let mut text = String::new();
        html::push_html(&mut text, inline.into_iter());
        let text = text.trim_end().replace("<a ", "<a tabindex=\"-1\" ");
        Some(format!(
            "<span class=\"sidenote\" aria-hidden=\"true\"><span class=\"sidenote-number\">{number}</span>{text}</span>"
        ))
    }

    /// Keeps the events of a definition for the list at the end.
    pub(super) fn define(&mut self, label: String, events: Vec<Event<'a>>) {
        self.definitions.entry(label).or_insert(events);
    }

    /// Writes the list of referenced footnotes, if any.
    pub(super) fn write_section(self, out: &mut String, words: &Locale) {
        let Footnotes { numbers, order, mut definitions, .. } = self;
        let listed: Vec<_> =
            order.into_iter().filter_map(|label| definitions.remove(&label).map(|d| (label, d))).collect();
        if listed.is_empty() {
            return;
        }
        out.push_str("<section class=\"footnotes\" aria-label=\"");
        out.push_str(&escaped(&words.text("footnotes", &[])));
        out.push_str("\">\n<ol>\n");
        for (label, mut events) in listed {
            let id = anchor(&label);
            let number = numbers.get(&label).map_or(0, |n| n.0);
            let back_name = escaped(&words.count("footnote_back", number, &[]));
            let mut back =
                format!(" <a href=\"#fnref-{id}\" class=\"footnote-back\" aria-label=\"{back_name}\">↩\u{fe0e}</a>");
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
