//! The event loop that turns pulldown-cmark events into tend's HTML. It
//! routes events into the heading or footnote being read, rewrites links,
//! images and embeds, and collects what later stages need (words, summary,
//! links, tags, problems).

use std::collections::HashSet;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, HeadingLevel, html};
use pulldown_cmark_escape::escape_html;

mod embeds;
mod events;
mod linking;
mod locate;
mod media;
mod outgoing;
mod summary;

use super::footnotes::Footnotes;
use super::headings::{IdAllocator, nest, write_heading};
use super::images;
use super::math;
use super::obsidian::{self, Piece, Spanned};
use super::sanitize::SetAside;
use super::shortcodes::Expanded;
use super::terms::Terms;
use super::{MarkdownOptions, Rendered};
use crate::model::{BaseUse, Diagnostic, DiagramUse, Heading, ImageUse, RawHtml, heading_slug, slugify};
use outgoing::Outgoing;
use summary::Summary;

/// How many of a page's most frequent words are kept for related notes.
const TERMS_KEPT: usize = 16;

/// How deep embeds may nest before tend stops following them.
const MAX_EMBED_DEPTH: usize = 8;

struct OpenHeading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<String>,
    events: Vec<Event<'a>>,
    text: String,
}

/// What an open link turns into when it closes.
enum LinkEnd {
    /// `</a>`.
    Anchor,
    /// The end of a "not yet written" span.
    Missing,
    /// Nothing: a link that was not kept shows its text alone.
    Text,
}

/// Collects the output events, routing them into the heading or footnote
/// being read, if any.
struct Writer<'a, 'o> {
    options: &'o MarkdownOptions<'o>,
    /// The text as written, which problems point into.
    source: &'o str,
    /// The text parsed: `source` with shortcodes expanded.
    expanded: &'o Expanded<'o>,
    main: Vec<Event<'a>>,
    heading: Option<OpenHeading<'a>>,
    footnote: Option<(String, Vec<Event<'a>>)>,
    footnotes: Footnotes<'a>,
    ids: IdAllocator,
    toc: Vec<Heading>,
    title_dropped: bool,
    link_ends: Vec<LinkEnd>,
    /// The text a wikilink without a label shows instead of its target
    /// as written (`Note > Heading` for `[[Note#Heading]]`).
    wikilink_text: Option<String>,
    words: usize,
    ideographs: usize,
    summary: Summary,
    outgoing: Outgoing,
    embeds: Vec<usize>,
    tags: Vec<String>,
    problems: Vec<Diagnostic>,
    /// Byte offset of each line of `source`, found with the first problem.
    line_starts: Option<Vec<usize>>,
    /// The line of the last problem and its text, shared with the next
    /// problem on the same line.
    last_problem_line: Option<(usize, Arc<str>)>,
    /// Where the last image with a title ends in the output, and its
    /// title: a figure if nothing else is in its paragraph.
    titled_image: Option<(usize, String)>,
    /// Code languages tend does not know, warned about once each.
    unknown_languages: HashSet<String>,
    terms: Terms,
    /// Images with resized variants, for the image stage.
    images: Vec<ImageUse>,
    /// Mermaid blocks met, in order.
    diagrams: Vec<DiagramUse>,
    /// Bases shown, in order.
    bases: Vec<BaseUse>,
    /// HTML of tend's making kept from the sanitizer, when the page is
    /// sanitized (`raw_html = "sanitize"`).
    set_aside: Option<SetAside>,
}

impl<'a> Writer<'a, '_> {
    fn push(&mut self, event: Event<'a>) {
        self.target().push(event);
    }

    fn target(&mut self) -> &mut Vec<Event<'a>> {
        if let Some(h) = &mut self.heading {
            &mut h.events
        } else if let Some((_, events)) = &mut self.footnote {
            events
        } else {
            &mut self.main
        }
    }

    fn html(&mut self, html: String) {
        self.push(Event::InlineHtml(html.into()));
    }

    /// HTML of tend's making that holds no HTML of the writer's (formulas,
    /// highlighted code, media, shortcode output, embedded notes already
    /// rendered in the same mode): set aside when the page is sanitized.
    fn trusted(&mut self, html: String) -> String {
        match &mut self.set_aside {
            Some(aside) => aside.keep(html),
            None => html,
        }
    }

    /// [`Writer::trusted`] HTML, inline.
    fn trusted_html(&mut self, html: String) {
        let html = self.trusted(html);
        self.html(html);
    }

    /// HTML as the writer wrote it (`block` when it is a block's line):
    /// kept, shown as text, or kept for the sanitizer, as `raw_html` says.
    fn raw_html(&mut self, html: CowStr<'a>, block: bool) {
        let comment = html.trim_start().starts_with("<!--");
        if comment {
            self.summary.comment(&html);
        }
        if self.options.raw_html == RawHtml::Escape {
            if !comment {
                self.text(&html);
                self.push(Event::Text(html));
            }
            return;
        }
        let html = self.markdown_hrefs(&html).map_or(html, CowStr::from);
        self.push(if block { Event::Html(html) } else { Event::InlineHtml(html) });
    }

    fn text(&mut self, text: &str) {
        if let Some(h) = &mut self.heading {
            h.text.push_str(text);
        }
        self.words += self.terms.add(text);
        if !text.is_ascii() {
            self.ideographs += crate::text::ideographs(text);
        }
        self.summary.text(text, self.in_body());
        self.outgoing.text(text);
    }

    /// Whether what is read now is in no heading and no footnote.
    fn in_body(&self) -> bool {
        self.heading.is_none() && self.footnote.is_none()
    }

    /// A formula, as MathML; invalid LaTeX is shown as it is, with a
    /// warning at `offset`.
    fn math(&mut self, latex: &str, display: bool, offset: usize) {
        let mut html = String::new();
        match math::render(latex, display, &mut html) {
            Ok(()) => {}
            Err(math::MathProblem::Invalid(why)) => {
                let warning = Diagnostic::warning(format!("this math is not valid LaTeX: {why}")).hint(
                    "the formula is shown as its source; check its braces and command names, or write \\$ for a dollar sign",
                );
                self.problem(warning, offset);
            }
            Err(math::MathProblem::Unsafe(found)) => {
                let error =
                    Diagnostic::error(format!("the MathML made for this math holds {found}, which MathML never does"))
                        .hint("the page is not published with it; rewrite the formula, and report the LaTeX to tend");
                self.problem(error, offset);
            }
        }
        let html = self.trusted(html);
        self.push(Event::InlineHtml(html.into()));
    }

    fn link_to(&mut self, page: usize) {
        let own = self.options.links.is_some_and(|c| c.page() == Some(page));
        if !own {
            self.outgoing.link_to(page);
        }
    }

    fn close_heading(&mut self) {
        let Some(h) = self.heading.take() else { return };
        let text = h.text.trim().to_owned();
        let is_title = h.level == HeadingLevel::H1
            && !self.title_dropped
            && self.options.drop_title.is_some_and(|t| t.trim().eq_ignore_ascii_case(&text));
        if is_title {
            self.title_dropped = true;
            return;
        }
        // The title is the page's only h1, so the body's h1s become h2s.
        let level = (h.level as u8).max(2);
        let wanted = h.id.as_deref().map_or_else(|| heading_slug(&text), str::to_owned);
        let id = self.ids.allocate(&format!("{}{wanted}", self.options.id_prefix));
        let mut inner = String::new();
        html::push_html(&mut inner, h.events.into_iter());
        let mut out = String::new();
        let label = self.options.words().text("jump_to", &[("title", &text)]);
        write_heading(&mut out, level, &id, &h.classes, &inner, &label);
        self.toc.push(Heading { level, id, title: text, children: Vec::new() });
        self.push(Event::Html(out.into()));
    }

    /// Prose text: highlights and inline tags become markup.
    fn prose(&mut self, text: CowStr<'a>) {
        let plain = self.heading.is_some() || !self.link_ends.is_empty();
        if plain || !(text.contains("==") || text.contains('#')) {
            self.push(Event::Text(text));
            return;
        }
        for piece in obsidian::pieces(&text) {
            match piece {
                Piece::Text(t) => self.push(Event::Text(t.to_owned().into())),
                Piece::Mark(true) => self.html("<mark>".to_owned()),
                Piece::Mark(false) => self.html("</mark>".to_owned()),
                Piece::Tag(name) => {
                    let slug = slugify(name);
                    self.tags.push(name.to_owned());
                    let mut html = format!("<a class=\"tag\" href=\"{}tags/{slug}/\">#", self.options.base_path);
                    let _ = escape_html(&mut html, name);
                    html.push_str("</a>");
                    self.html(html);
                }
            }
        }
    }

    /// At the end of a paragraph: a trailing `^id` becomes an anchor.
    fn block_anchor(&mut self) {
        let prefix = self.options.id_prefix;
        let Some(Event::Text(last)) = self.target().last() else { return };
        let Some((before, id)) = obsidian::block_id(last) else { return };
        let before = before.to_owned();
        let mut anchor = String::from(" <span class=\"block-anchor\" id=\"");
        let _ = escape_html(&mut anchor, &format!("{prefix}^{id}"));
        anchor.push_str("\"></span>");
        let target = self.target();
        target.pop();
        target.push(Event::Text(before.into()));
        target.push(Event::InlineHtml(anchor.into()));
    }

    /// An image with the URL `src` (final: base path and moves applied),
    /// written at byte `at`; `url_at` is where its URL is in the source,
    /// for problems. `asked` is an embed's `|width`.
    fn image(&mut self, src: &str, alt: &str, asked: Option<(u32, Option<u32>)>, at: usize, url_at: usize) {
        let ctx = self.options.links;
        let image = images::image(ctx.as_ref(), (self.options.base_path, self.options.root()), src, alt, asked);
        self.html(image.html);
        if let Some(mut responsive) = image.responsive {
            responsive.at = self.locate(self.expanded.original_offset(at));
            self.images.push(responsive);
        }
        if image.missing {
            self.problem(images::missing(src), url_at);
        }
    }
}

/// Runs the writer over `events` (parsed from `source`).
pub(super) fn write<'a>(expanded: &'a Expanded<'a>, events: Vec<Spanned<'a>>, options: &MarkdownOptions) -> Rendered {
    let source = expanded.original;
    let mut w = Writer {
        options,
        source,
        expanded,
        main: Vec::with_capacity(events.len()),
        heading: None,
        footnote: None,
        footnotes: Footnotes::for_source(&expanded.text),
        ids: IdAllocator::default(),
        toc: Vec::new(),
        title_dropped: false,
        link_ends: Vec::new(),
        wikilink_text: None,
        words: 0,
        ideographs: 0,
        summary: Summary::new(expanded.text.contains("<!-- more -->")),
        outgoing: Outgoing::default(),
        embeds: Vec::new(),
        tags: Vec::new(),
        problems: Vec::new(),
        line_starts: None,
        titled_image: None,
        last_problem_line: None,
        unknown_languages: HashSet::new(),
        terms: Terms::for_text_of(expanded.text.len()),
        images: Vec::new(),
        diagrams: Vec::new(),
        bases: Vec::new(),
        set_aside: (options.raw_html == RawHtml::Sanitize).then(SetAside::default),
    };
    for id in options.reserved_ids {
        w.ids.reserve(id);
    }
    for (problem, at) in &expanded.problems {
        w.problem_as_written(problem.clone(), *at);
    }
    let mut events = events.into_iter();
    while let Some((event, range)) = events.next() {
        events::handle(&mut w, event, range, &mut events);
    }
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, w.main.into_iter());
    w.footnotes.place_sidenotes(&mut out);
    w.footnotes.write_section(&mut out, options.words());
    if let Some(aside) = &w.set_aside {
        out = aside.clean(&out);
    }
    let (links, elsewhere) = w.outgoing.finish();
    Rendered {
        html: out,
        toc: nest(w.toc),
        words: w.words,
        ideographs: w.ideographs,
        summary: w.summary.finish(),
        links,
        elsewhere,
        embeds: w.embeds,
        tags: w.tags,
        problems: w.problems,
        terms: w.terms.top(TERMS_KEPT),
        images: w.images,
        diagrams: w.diagrams,
        bases: w.bases,
    }
}
