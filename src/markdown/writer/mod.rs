//! The event loop that turns pulldown-cmark events into tend's HTML. It
//! routes events into the heading or footnote being read, rewrites links,
//! images and embeds, and collects what later stages need (words, summary,
//! links, tags, problems).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd, html};
use pulldown_cmark_escape::{escape_href, escape_html};

mod embeds;
mod locate;
mod media;

use super::footnotes::Footnotes;
use super::headings::{IdAllocator, nest, write_heading};
use super::highlight;
use super::images::{self, image_alt};
use super::links::{self, LinkContext};
use super::markup::with_base_path;
use super::math;
use super::obsidian::{self, Piece, Spanned};
use super::shortcodes::Expanded;
use super::terms::Terms;
use super::{MarkdownOptions, Rendered};
use crate::model::{Diagnostic, Heading, ImageUse, Kind, OutgoingLink, Target, heading_slug, slugify};

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
    summary: Option<String>,
    summary_open: Option<String>,
    /// Text of every paragraph so far, for a `<!-- more -->` summary (none
    /// when the page has no such marker).
    before_more: Option<String>,
    more: Option<String>,
    /// Plain text of the current block, and links in it waiting for their
    /// sentence.
    block_text: String,
    pending_links: Vec<(usize, usize)>,
    links: Vec<OutgoingLink>,
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

    fn text(&mut self, text: &str) {
        if let Some(h) = &mut self.heading {
            h.text.push_str(text);
        }
        self.words += self.terms.add(text);
        if let Some(summary) = &mut self.summary_open {
            summary.push_str(text);
        }
        if self.heading.is_none()
            && self.footnote.is_none()
            && self.more.is_none()
            && let Some(before_more) = &mut self.before_more
        {
            before_more.push_str(text);
        }
        self.block_text.push_str(text);
    }

    /// A formula, as MathML; invalid LaTeX is shown as it is, with a
    /// warning at `offset`.
    fn math(&mut self, latex: &str, display: bool, offset: usize) {
        let mut html = String::new();
        if let Err(why) = math::render(latex, display, &mut html) {
            let warning = Diagnostic::warning(format!("this math is not valid LaTeX: {why}")).hint(
                "the formula is shown as its source; check its braces and command names, or write \\$ for a dollar sign",
            );
            self.problem(warning, offset);
        }
        self.push(Event::InlineHtml(html.into()));
    }

    /// Ends the current block: each link in it gets its sentence.
    fn flush_block(&mut self) {
        if !self.pending_links.is_empty() {
            let sentences = links::Sentences::new(&self.block_text);
            for (page, at) in self.pending_links.drain(..) {
                self.links.push(OutgoingLink { page, context: sentences.around(at) });
            }
        }
        self.block_text.clear();
    }

    fn link_to(&mut self, page: usize) {
        let own = self.options.links.is_some_and(|c| c.page == page);
        if !own {
            self.pending_links.push((page, self.block_text.len()));
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
        write_heading(&mut out, level, &id, &h.classes, &inner, &text);
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

    fn open_link(&mut self, link_type: LinkType, dest: CowStr<'a>, title: CowStr<'a>, id: CowStr<'a>, at: usize) {
        if !matches!(link_type, LinkType::WikiLink { .. }) && self.is_marked_external(&dest) {
            let mut html = String::from("<a class=\"external\" rel=\"noopener\" href=\"");
            let _ = escape_href(&mut html, &dest);
            if !title.is_empty() {
                html.push_str("\" title=\"");
                let _ = escape_html(&mut html, &title);
            }
            html.push_str("\">");
            self.link_ends.push(LinkEnd::Anchor);
            self.push(Event::InlineHtml(html.into()));
            return;
        }
        // `<someone@example.org>`: an address to write to, not a page.
        let dest = if link_type == LinkType::Email && !dest.starts_with("mailto:") {
            format!("mailto:{dest}").into()
        } else {
            dest
        };
        let Some(ctx) = self.options.links else {
            let dest = match link_type {
                LinkType::WikiLink { .. } => format!("{}{}/", self.options.base_path, slugify(&dest)).into(),
                _ => with_base_path(dest, self.options.base_path),
            };
            self.link_ends.push(LinkEnd::Anchor);
            self.push(Event::Start(Tag::Link { link_type: LinkType::Inline, dest_url: dest, title, id }));
            return;
        };
        if link_type == (LinkType::WikiLink { has_pothole: false }) {
            self.wikilink_text = wikilink_text(&dest);
        }
        let target = match link_type {
            LinkType::WikiLink { .. } => Some(self.resolve(&ctx, &dest, at)),
            _ if links::is_markdown_link(&dest) => {
                let found = ctx.site.links.resolve_relative(&ctx.site.pages, ctx.page, &dest);
                if found.is_none() {
                    self.problem(
                        Diagnostic::warning(format!("link to a missing file `{dest}`"))
                            .kind(crate::model::Kind::BrokenLink)
                            .hint("check the path; it is relative to this file"),
                        at,
                    );
                }
                Some(found.unwrap_or(Target::Missing))
            }
            _ => None,
        };
        let href: CowStr = match target {
            None => with_base_path(self.beside_source(dest, at), self.options.base_path),
            Some(Target::Page { index, fragment }) => {
                self.link_to(index);
                ctx.page_url(index, fragment.as_deref()).into()
            }
            Some(Target::File(path)) => format!("{}{path}", self.options.base_path).into(),
            Some(Target::Missing) => {
                self.link_ends.push(LinkEnd::Missing);
                self.html("<span class=\"missing-link\" title=\"Not yet written\">".to_owned());
                return;
            }
        };
        self.link_ends.push(LinkEnd::Anchor);
        self.push(Event::Start(Tag::Link { link_type: LinkType::Inline, dest_url: href, title, id }));
    }

    /// Raw HTML whose `href="note.md"` names a page of the site, with that
    /// page's URL instead (as Eleventy's links to input files work); `None`
    /// when it has none.
    fn markdown_hrefs(&mut self, html: &str) -> Option<String> {
        let ctx = self.options.links?;
        if !html.contains(".md") {
            return None;
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        let mut changed = false;
        while let Some(at) = rest.find("href=") {
            let after = &rest[at + "href=".len()..];
            let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                out.push_str(&rest[..at + "href=".len()]);
                rest = after;
                continue;
            };
            let value_start = at + "href=".len() + 1;
            let Some(len) = rest[value_start..].find(quote) else { break };
            let value = &rest[value_start..value_start + len];
            out.push_str(&rest[..value_start]);
            match links::is_markdown_link(value)
                .then(|| ctx.site.links.resolve_relative(&ctx.site.pages, ctx.page, value))
                .flatten()
            {
                Some(Target::Page { index, fragment }) => {
                    self.link_to(index);
                    let _ = escape_href(&mut out, &ctx.page_url(index, fragment.as_deref()));
                    changed = true;
                }
                _ => out.push_str(value),
            }
            rest = &rest[value_start + len..];
        }
        out.push_str(rest);
        changed.then_some(out)
    }

    /// Whether `dest` leaves the site and links that do are marked.
    fn is_marked_external(&self, dest: &str) -> bool {
        let Some(own) = self.options.mark_external else { return false };
        let lower = dest.get(..8).unwrap_or(dest).to_ascii_lowercase();
        (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//"))
            && (own.is_empty() || !dest.starts_with(own))
    }

    fn close_link(&mut self) {
        match self.link_ends.pop() {
            Some(LinkEnd::Missing) => {
                self.html("<span class=\"visually-hidden\"> (not yet written)</span></span>".to_owned());
            }
            _ => self.push(Event::End(TagEnd::Link)),
        }
    }

    /// Resolves a wikilink or embed target, reporting missing and ambiguous
    /// names.
    fn resolve(&mut self, ctx: &LinkContext, name: &str, at: usize) -> Target {
        let resolution = ctx.site.links.resolve(&ctx.site.pages, ctx.page, name);
        if let Target::File(file) = &resolution.target
            && !name.contains('/')
            && let Some((_, others)) = ctx.site.links.attachment_named(&ctx.site.pages, ctx.page, name)
        {
            self.ambiguous_file(name, file, &others, at);
        }
        if resolution.target == Target::Missing
            && let Some((file, why)) = ctx.site.links.left_out(name)
        {
            self.problem(
                Diagnostic::warning(format!("link to `{name}`, which is not published: {why} ({})", file.display()))
                    .hint("publish that note, or remove the link; it is shown as “not yet written” until then"),
                at,
            );
        } else if resolution.target == Target::Missing {
            self.problem(
                Diagnostic::warning(format!("link to a missing note `{name}`"))
                    .hint("create the note, or fix the name; it is shown as “not yet written” until then"),
                at,
            );
        } else if let Target::Page { index, .. } = resolution.target
            && !resolution.passed_over.is_empty()
        {
            let others: Vec<String> =
                resolution.passed_over.iter().map(|&i| ctx.site.pages[i].source.display().to_string()).collect();
            self.problem(
                Diagnostic::warning(format!(
                    "`{name}` names {} and {}, as near as each other; {} is used",
                    ctx.site.pages[index].source.display(),
                    others.join(" and "),
                    ctx.site.pages[index].source.display()
                ))
                .hint("link with the folder, e.g. [[folder/Note]], to choose"),
                at,
            );
        }
        resolution.target
    }

    /// A relative URL written in a page that is not a bundle points at a
    /// file beside the page's source (as in Obsidian), but the page is
    /// served one folder deeper (`notes/a.md` → `/notes/a/`): point the URL
    /// at where that file is written.
    /// A bare file name (`pic.png`) with no such file beside the page is the
    /// attachment of that name nearest to it, anywhere in the vault, as in
    /// Obsidian; several as near are reported (at `at`).
    fn beside_source<'u>(&mut self, url: CowStr<'u>, at: usize) -> CowStr<'u> {
        let Some(ctx) = self.options.links else { return url };
        let relative = !url.is_empty()
            && !url.starts_with(['/', '#', '?'])
            && !url.contains("://")
            && !url.starts_with("mailto:")
            && !url.starts_with("data:");
        if !relative || matches!(ctx.this().kind, crate::model::PageKind::Bundle { .. }) {
            return url;
        }
        if let Some(path) = ctx.site.links.attachment_near(&ctx.site.pages, ctx.page, &url) {
            return format!("{}{path}", self.options.base_path).into();
        }
        let name = crate::model::percent_decode(url.split(['?', '#']).next().unwrap_or(&url));
        if name.contains('/') || name.starts_with('.') {
            return url;
        }
        match ctx.site.links.attachment_named(&ctx.site.pages, ctx.page, &name) {
            Some((path, others)) => {
                self.ambiguous_file(&name, &path, &others, at);
                format!("{}{path}", self.options.base_path).into()
            }
            None => url,
        }
    }

    /// Several attachments named `name` are as near to this page.
    fn ambiguous_file(&mut self, name: &str, chosen: &str, others: &[String], at: usize) {
        if others.is_empty() {
            return;
        }
        self.problem(
            Diagnostic::warning(format!("`{name}` names {chosen} and {}; {chosen} is used", others.join(" and ")))
                .hint("write the file's folder too, e.g. attachments/photo.png, to choose"),
            at,
        );
    }

    /// An image with the URL `src` (final: base path and moves applied),
    /// written at byte `at`; `url_at` is where its URL is in the source,
    /// for problems. `asked` is an embed's `|width`.
    fn image(&mut self, src: &str, alt: &str, asked: Option<(u32, Option<u32>)>, at: usize, url_at: usize) {
        let ctx = self.options.links;
        let image = images::image(ctx.as_ref(), self.options.base_path, src, alt, asked);
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
pub fn write<'a>(expanded: &'a Expanded<'a>, events: Vec<Spanned<'a>>, options: &MarkdownOptions) -> Rendered {
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
        summary: None,
        summary_open: None,
        // Kept only where there is a marker to summarise up to.
        before_more: expanded.text.contains("<!-- more -->").then(String::new),
        more: None,
        block_text: String::new(),
        pending_links: Vec::new(),
        links: Vec::new(),
        embeds: Vec::new(),
        tags: Vec::new(),
        problems: Vec::new(),
        line_starts: None,
        titled_image: None,
        last_problem_line: None,
        unknown_languages: HashSet::new(),
        terms: Terms::for_text_of(expanded.text.len()),
        images: Vec::new(),
    };
    for id in options.reserved_ids {
        w.ids.reserve(id);
    }
    for (problem, at) in &expanded.problems {
        w.problem_as_written(problem.clone(), *at);
    }
    let mut events = events.into_iter();
    while let Some((event, range)) = events.next() {
        handle(&mut w, event, range, &mut events);
    }
    w.flush_block();
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, w.main.into_iter());
    w.footnotes.place_sidenotes(&mut out);
    w.footnotes.write_section(&mut out);
    Rendered {
        html: out,
        toc: nest(w.toc),
        words: w.words,
        summary: w.more.or(w.summary).unwrap_or_default(),
        links: w.links,
        embeds: w.embeds,
        tags: w.tags,
        problems: w.problems,
        terms: w.terms.top(TERMS_KEPT),
        images: w.images,
    }
}

/// `text` with each run of spaces made one space.
fn fold_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c != ' ' || !text[..i].ends_with(' ') {
            out.push(c);
        }
    }
    out
}

/// A wikilink's target without the backslash of `\|`: inside a table the
/// label's or size's pipe is escaped (`[[Note\|label]]`, `![[a.png\|100]]`),
/// as Obsidian writes it there.
fn table_pipe(dest: CowStr<'_>) -> CowStr<'_> {
    match dest.strip_suffix('\\') {
        Some(target) => target.to_owned().into(),
        None => dest,
    }
}

/// What `[[Note#Heading#Sub]]` shows, as Obsidian shows it: `Note >
/// Heading > Sub` (`Heading` alone for a heading of the same note); `None`
/// when the target has no heading or block.
fn wikilink_text(target: &str) -> Option<String> {
    let (note, fragment) = target.split_once('#')?;
    let parts: Vec<&str> = fragment.split('#').map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    let note = note.trim();
    let shown = parts.join(" > ");
    Some(if note.is_empty() { shown } else { format!("{note} > {shown}") })
}

fn handle<'a>(
    w: &mut Writer<'a, '_>,
    event: Event<'a>,
    range: Range<usize>,
    rest: &mut impl Iterator<Item = Spanned<'a>>,
) {
    match event {
        Event::Start(Tag::Heading { level, id, classes, .. }) => {
            w.heading = Some(OpenHeading {
                level,
                id,
                classes: classes.iter().map(|c| c.to_string()).collect(),
                events: Vec::new(),
                text: String::new(),
            });
        }
        Event::End(TagEnd::Heading(_)) => w.close_heading(),
        Event::Start(Tag::Paragraph) => {
            w.flush_block();
            if w.summary.is_none() && w.heading.is_none() && w.footnote.is_none() {
                w.summary_open = Some(String::new());
            }
            w.push(Event::Start(Tag::Paragraph));
        }
        Event::End(TagEnd::Paragraph) => {
            w.flush_block();
            if let Some(before_more) = &mut w.before_more {
                before_more.push(' ');
            }
            if let Some(text) = w.summary_open.take() {
                let text = text.trim();
                if !text.is_empty() {
                    w.summary = Some(text.to_owned());
                }
            }
            w.block_anchor();
            if let Some((at, title)) = w.titled_image.take()
                && images::make_figure(w.target(), at, &title)
            {
                return;
            }
            // An embed may have left an empty paragraph behind.
            if w.target().last().is_some_and(|e| matches!(e, Event::Start(Tag::Paragraph))) {
                w.target().pop();
            } else {
                w.push(Event::End(TagEnd::Paragraph));
            }
        }
        Event::Start(tag @ (Tag::Item | Tag::TableCell)) => {
            w.flush_block();
            w.push(Event::Start(tag));
        }
        Event::End(end @ (TagEnd::Item | TagEnd::TableCell)) => {
            w.flush_block();
            // A tight list item's text ends here, not in a paragraph.
            if end == TagEnd::Item {
                w.block_anchor();
            }
            w.push(Event::End(end));
        }
        Event::Start(tag @ Tag::List(_)) => {
            // `- parent ^id` followed by its own list.
            w.block_anchor();
            w.push(Event::Start(tag));
        }
        Event::Html(html) if let Some(output) = w.expanded.substitute(&html) => w.push(Event::Html(output.into())),
        Event::InlineHtml(html) if let Some(output) = w.expanded.substitute(&html) => w.html(output),
        Event::Html(html) if let Some(output) = w.markdown_hrefs(&html) => w.push(Event::Html(output.into())),
        Event::InlineHtml(html) if let Some(output) = w.markdown_hrefs(&html) => w.html(output),
        Event::Html(html) | Event::InlineHtml(html) if html.contains("<!--") => {
            if w.more.is_none() && html.trim() == "<!-- more -->" {
                let before_more = w.before_more.as_deref().unwrap_or_default();
                w.more = Some(before_more.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            w.push(Event::Html(html));
        }
        Event::Text(text) => {
            let text = match w.wikilink_text.take() {
                Some(shown) => shown.into(),
                // `%%comments%%` are blanked out with spaces, to keep
                // offsets; a run of spaces shows as one in HTML anyway.
                None if text.contains("  ") => fold_spaces(&text).into(),
                None => text,
            };
            w.text(&text);
            w.prose(text);
        }
        Event::Code(code) => {
            w.text(&code);
            w.push(Event::Code(code));
        }
        Event::InlineMath(latex) => w.math(&latex, false, range.start),
        Event::DisplayMath(latex) => w.math(&latex, true, range.start),
        Event::SoftBreak | Event::HardBreak => {
            w.text(" ");
            w.push(event);
        }
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = match link_type {
                LinkType::WikiLink { .. } => table_pipe(dest_url),
                _ => dest_url,
            };
            w.open_link(link_type, dest_url, title, id, range.start);
        }
        Event::End(TagEnd::Link) => w.close_link(),
        Event::Start(Tag::Image { link_type: LinkType::WikiLink { has_pothole }, dest_url, .. }) => {
            let label = image_alt(&mut rest.map(|(e, _)| e));
            w.wiki_embed(&table_pipe(dest_url), &label, has_pothole, range.start);
        }
        Event::Start(Tag::Image { dest_url, title, .. }) => {
            let alt = image_alt(&mut rest.map(|(e, _)| e));
            if let Some((html, block)) = media::external_html(&dest_url, &alt) {
                if block {
                    w.block_html(html)
                } else {
                    w.html(html)
                }
                return;
            }
            // `![](Note.md#Part)`: a note embedded with image syntax.
            if links::is_markdown_link(&dest_url)
                && let Some(ctx) = w.options.links
                && let Some(Target::Page { index, fragment }) =
                    ctx.site.links.resolve_relative(&ctx.site.pages, ctx.page, &dest_url)
            {
                w.transclude(&ctx, index, fragment.as_deref(), range.start);
                return;
            }
            let src = with_base_path(w.beside_source(dest_url, range.start), w.options.base_path);
            if let Some(kind) = media::media_kind(&src).filter(|_| !src.contains("://")) {
                let name = if alt.trim().is_empty() { images::file_stem(&src) } else { alt.clone() };
                w.html(media::media_html(kind, &src, &name));
                return;
            }
            let (alt, asked) = media::sized_alt(&alt);
            let url_at = images::url_offset(&w.expanded.text, &range);
            if alt.trim().is_empty() {
                w.problem(images::no_alt(&src), url_at);
            }
            w.image(&src, alt, asked, range.start, url_at);
            if !title.is_empty() {
                let at = w.target().len();
                w.titled_image = Some((at, title.to_string()));
            }
        }
        Event::Start(Tag::CodeBlock(kind)) => {
            // The code is read whole here, so it never reaches the prose
            // handling (words, summary, tags).
            let mut code = String::new();
            for (event, _) in &mut *rest {
                match event {
                    Event::Text(text) => code.push_str(&text),
                    Event::End(TagEnd::CodeBlock) => break,
                    _ => {}
                }
            }
            let block = highlight::code_block(&kind, &code, !w.options.plain_code);
            // Once per misspelt language on a page, at its first block; a
            // language tend cannot colour is no mistake of the page's.
            if let Some(language) = block.unknown_language
                && w.unknown_languages.insert(language.to_owned())
                && let Some(meant) = highlight::misspelt(language)
            {
                let warning = Diagnostic::warning(format!("unknown language `{language}` in a code block"))
                    .hint(format!("did you mean `{meant}`? the block is shown without highlighting"))
                    .kind(Kind::UnknownLanguage);
                w.problem(warning, range.start);
            }
            w.push(Event::Html(block.html.into()));
        }
        Event::Start(Tag::Table(alignment)) => {
            w.push(Event::Html(
                "<div class=\"table-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"Table\">\n".into(),
            ));
            w.push(Event::Start(Tag::Table(alignment)));
        }
        Event::End(TagEnd::Table) => {
            w.push(Event::End(TagEnd::Table));
            w.push(Event::Html("</div>\n".into()));
        }
        Event::TaskListMarker(done) => {
            let marker = if done {
                "<span class=\"task-marker\" data-done=\"true\" aria-hidden=\"true\"></span><span class=\"visually-hidden\">Done: </span>"
            } else {
                "<span class=\"task-marker\" aria-hidden=\"true\"></span><span class=\"visually-hidden\">To do: </span>"
            };
            w.push(Event::InlineHtml(marker.into()));
        }
        Event::FootnoteReference(label) => {
            let html = w.footnotes.reference(&label);
            w.push(Event::InlineHtml(html.into()));
        }
        Event::Start(Tag::FootnoteDefinition(label)) => {
            w.footnote = Some((label.to_string(), Vec::new()));
        }
        Event::End(TagEnd::FootnoteDefinition) => {
            if let Some((label, events)) = w.footnote.take() {
                w.footnotes.define(label, events);
            }
        }
        other => w.push(other),
    }
}
