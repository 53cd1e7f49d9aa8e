//! The writer's event loop: each pulldown-cmark event routed to what it
//! becomes.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd};

use super::super::highlight;
use super::super::images::{self, image_alt};
use super::super::links;
use super::super::obsidian::Spanned;
use super::{OpenHeading, Writer, media};
use crate::model::{Diagnostic, DiagramUse, Kind, RawHtml, Target, diagram_key};

/// Writes `event`, read from `range` of the text; `rest` are the events
/// after it, for constructs read whole (images' alt text, code blocks).
pub(super) fn handle<'a>(
    w: &mut Writer<'a, '_>,
    event: Event<'a>,
    range: Range<usize>,
    rest: &mut impl Iterator<Item = Spanned<'a>>,
) {
    match event {
        Event::Start(tag) => start(w, tag, range, rest),
        Event::End(end) => end_tag(w, end),
        Event::Html(html) if let Some(output) = w.expanded.substitute(&html) => {
            let output = w.trusted(output);
            w.push(Event::Html(output.into()));
        }
        Event::InlineHtml(html) if let Some(output) = w.expanded.substitute(&html) => w.trusted_html(output),
        Event::Html(html) => w.raw_html(html, true),
        Event::InlineHtml(html) => w.raw_html(html, false),
        Event::Text(text) => prose_text(w, text),
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
        Event::TaskListMarker(done) => w.push(Event::InlineHtml(task_marker(done).into())),
        Event::FootnoteReference(label) => {
            let html = w.footnotes.reference(&label, w.options.words());
            w.push(Event::InlineHtml(html.into()));
        }
        other => w.push(other),
    }
}

/// The start of a block or an inline element.
fn start<'a>(w: &mut Writer<'a, '_>, tag: Tag<'a>, range: Range<usize>, rest: &mut impl Iterator<Item = Spanned<'a>>) {
    match tag {
        Tag::Heading { level, id, classes, .. } => {
            w.heading = Some(OpenHeading {
                level,
                id,
                classes: classes.iter().map(|c| c.to_string()).collect(),
                events: Vec::new(),
                text: String::new(),
            });
        }
        Tag::Paragraph => {
            w.outgoing.end_block();
            w.summary.open_paragraph(w.in_body());
            w.push(Event::Start(Tag::Paragraph));
        }
        tag @ (Tag::Item | Tag::TableCell) => {
            w.outgoing.end_block();
            w.push(Event::Start(tag));
        }
        tag @ Tag::List(_) => {
            // `- parent ^id` followed by its own list.
            w.block_anchor();
            w.push(Event::Start(tag));
        }
        Tag::Link { link_type, dest_url, title, id } => {
            let dest_url = match link_type {
                LinkType::WikiLink { .. } => table_pipe(dest_url),
                _ => dest_url,
            };
            w.open_link(link_type, dest_url, title, id, range.start);
        }
        Tag::Image { link_type: LinkType::WikiLink { has_pothole }, dest_url, .. } => {
            let label = image_alt(&mut rest.map(|(e, _)| e), w.options.raw_html == RawHtml::Escape);
            w.wiki_embed(&table_pipe(dest_url), &label, has_pothole, range.start);
        }
        Tag::Image { dest_url, title, .. } => {
            let alt = image_alt(&mut rest.map(|(e, _)| e), w.options.raw_html == RawHtml::Escape);
            image(w, dest_url, title, alt, range);
        }
        Tag::CodeBlock(kind) => {
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
            code_block(w, &kind, &code, range.start);
        }
        Tag::Table(alignment) => {
            let name = crate::markdown::escaped(&w.options.words().text("table", &[]));
            w.push(Event::Html(
                format!("<div class=\"table-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"{name}\">\n").into(),
            ));
            w.push(Event::Start(Tag::Table(alignment)));
        }
        Tag::FootnoteDefinition(label) => w.footnote = Some((label.to_string(), Vec::new())),
        // HTML shown as text is a paragraph of its own.
        Tag::HtmlBlock if w.options.raw_html == RawHtml::Escape => w.push(Event::Start(Tag::Paragraph)),
        tag => w.push(Event::Start(tag)),
    }
}

/// The end of a block or an inline element.
fn end_tag(w: &mut Writer<'_, '_>, end: TagEnd) {
    match end {
        TagEnd::Heading(_) => w.close_heading(),
        TagEnd::Paragraph => end_paragraph(w),
        TagEnd::Item | TagEnd::TableCell => {
            w.outgoing.end_block();
            // A tight list item's text ends here, not in a paragraph.
            if end == TagEnd::Item {
                w.block_anchor();
            }
            w.push(Event::End(end));
        }
        TagEnd::Link => w.close_link(),
        TagEnd::Table => {
            w.push(Event::End(TagEnd::Table));
            w.push(Event::Html("</div>\n".into()));
        }
        TagEnd::FootnoteDefinition => {
            if let Some((label, events)) = w.footnote.take() {
                w.footnotes.define(label, events);
            }
        }
        TagEnd::HtmlBlock if w.options.raw_html == RawHtml::Escape => {
            // A block that held only a comment leaves nothing.
            if w.target().last().is_some_and(|e| matches!(e, Event::Start(Tag::Paragraph))) {
                w.target().pop();
            } else {
                w.push(Event::End(TagEnd::Paragraph));
            }
        }
        end => w.push(Event::End(end)),
    }
}

/// The end of a paragraph: a trailing block id, a lone titled image made a
/// figure, and an empty paragraph (an embed left it) dropped.
fn end_paragraph(w: &mut Writer<'_, '_>) {
    w.outgoing.end_block();
    w.summary.close_paragraph();
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

/// Prose: counted, summarised and written.
fn prose_text<'a>(w: &mut Writer<'a, '_>, text: CowStr<'a>) {
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

/// `![alt](src "title")`: outside media, a note embedded, local audio or
/// video, or an image.
fn image<'a>(w: &mut Writer<'a, '_>, dest_url: CowStr<'a>, title: CowStr<'a>, alt: String, range: Range<usize>) {
    if let Some((html, block)) = media::external_html(&dest_url, &alt, w.options.words()) {
        if block {
            w.block_html(html)
        } else {
            w.trusted_html(html)
        }
        return;
    }
    // `![](Note.md#Part)`: a note embedded with image syntax.
    if links::is_markdown_link(&dest_url)
        && let Some(ctx) = w.options.links
        && let Some(Target::Page { index, fragment }) =
            ctx.site.links.resolve_relative(&ctx.site.pages, ctx.origin(), &dest_url)
    {
        w.transclude(&ctx, index, fragment.as_deref(), range.start);
        return;
    }
    let src = w.local_url(dest_url, range.start);
    if let Some(kind) = media::media_kind(&src).filter(|_| !src.contains("://")) {
        let name = if alt.trim().is_empty() { images::file_stem(&src) } else { alt.clone() };
        w.trusted_html(media::media_html(kind, &src, &name, w.options.words()));
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

/// A fenced or indented code block, highlighted; a misspelt language is
/// warned about once per page.
fn code_block(w: &mut Writer<'_, '_>, kind: &CodeBlockKind, code: &str, at: usize) {
    let block = highlight::code_block(kind, code, !w.options.plain_code, w.options.code_memo);
    if let CodeBlockKind::Fenced(info) = kind
        && info.split_whitespace().next().is_some_and(|language| language.eq_ignore_ascii_case("mermaid"))
    {
        // Drawn by the diagram stage, which finds the block by its mark;
        // the code stays if it cannot be.
        let key = diagram_key(code);
        let markup = format!("<div class=\"diagram-code\" data-diagram=\"{key}\">{}</div>", block.html);
        let at = w.locate(w.expanded.original_offset(at));
        w.diagrams.push(DiagramUse {
            source: code.to_owned(),
            key,
            markup: markup.clone(),
            code: block.html,
            at,
            embedded: false,
        });
        let html = w.trusted(markup);
        w.push(Event::Html(html.into()));
        return;
    }
    if let CodeBlockKind::Fenced(info) = kind
        && info.split_whitespace().next().is_some_and(|language| language.eq_ignore_ascii_case("base"))
        && let Some(at) = w.locate(w.expanded.original_offset(at))
    {
        // Filled in by the bases stage, which knows every note; the YAML
        // starts on the line after the fence.
        let base = super::super::bases::block_use(code, at, w.options.links.as_ref());
        let html = w.trusted(base.markup.clone());
        w.bases.push(base);
        w.push(Event::Html(html.into()));
        return;
    }
    // Once per misspelt language on a page, at its first block; a
    // language tend cannot colour is no mistake of the page's.
    if let Some(language) = block.unknown_language
        && w.unknown_languages.insert(language.to_owned())
        && let Some(meant) = highlight::misspelt(language)
    {
        let warning = Diagnostic::warning(format!("unknown language `{language}` in a code block"))
            .hint(format!("did you mean `{meant}`? the block is shown without highlighting"))
            .kind(Kind::UnknownLanguage);
        w.problem(warning, at);
    }
    let html = w.trusted(block.html);
    w.push(Event::Html(html.into()));
}

/// A task list's box, with its state for screen readers.
fn task_marker(done: bool) -> &'static str {
    if done {
        "<span class=\"task-marker\" data-done=\"true\" aria-hidden=\"true\"></span><span class=\"visually-hidden\">Done: </span>"
    } else {
        "<span class=\"task-marker\" aria-hidden=\"true\"></span><span class=\"visually-hidden\">To do: </span>"
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
