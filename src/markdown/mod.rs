//! Stage 3, render Markdown: one page's Markdown body to HTML, with heading
//! ids and self-links, a table of contents, footnotes gathered at the end,
//! lazy images, focusable code blocks and tables, a word count and a summary.
//!
//! Pure: text in, [`Rendered`] out, no file access, so pages render in
//! parallel and the function is tested on strings.

mod footnotes;
mod headings;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use pulldown_cmark_escape::{escape_href, escape_html};

use footnotes::Footnotes;
pub use headings::{Heading, IdAllocator, heading_slug, write_anchor};
use headings::{nest, write_heading};

/// What rendering needs to know about the page.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownOptions<'a> {
    /// The site's base path (`/` or `/blog/`), prefixed to links that start
    /// with `/`.
    pub base_path: &'a str,
    /// The page title when the body repeats it as its first `# heading`: that
    /// heading is dropped, since the theme shows the title as the only `h1`.
    pub drop_title: Option<&'a str>,
    /// Ids the theme uses on the same page, which headings must not take.
    pub reserved_ids: &'a [&'a str],
}

/// A rendered body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Headings, nested by level.
    pub toc: Vec<Heading>,
    /// Words of prose (code blocks not counted).
    pub words: usize,
    /// Plain text of the first paragraph.
    pub summary: String,
}

/// The Markdown dialect: CommonMark with GFM tables, strikethrough, task
/// lists and footnotes, smart punctuation and `{#id .class}` on headings.
fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

struct OpenHeading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<String>,
    events: Vec<Event<'a>>,
    text: String,
}

/// Collects the output events, routing them into the heading or footnote
/// being read, if any.
struct Writer<'a, 'o> {
    options: &'o MarkdownOptions<'o>,
    main: Vec<Event<'a>>,
    heading: Option<OpenHeading<'a>>,
    footnote: Option<(String, Vec<Event<'a>>)>,
    footnotes: Footnotes<'a>,
    ids: IdAllocator,
    toc: Vec<Heading>,
    title_dropped: bool,
    in_code_block: bool,
    words: usize,
    summary: Option<String>,
    summary_open: Option<String>,
    /// Text of every paragraph so far, for a `<!-- more -->` summary.
    before_more: String,
    more: Option<String>,
}

impl<'a> Writer<'a, '_> {
    fn push(&mut self, event: Event<'a>) {
        if let Some(h) = &mut self.heading {
            h.events.push(event);
        } else if let Some((_, events)) = &mut self.footnote {
            events.push(event);
        } else {
            self.main.push(event);
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(h) = &mut self.heading {
            h.text.push_str(text);
        }
        if !self.in_code_block {
            self.words += text.split_whitespace().count();
        }
        if let Some(summary) = &mut self.summary_open {
            summary.push_str(text);
        }
        if self.heading.is_none() && self.footnote.is_none() && !self.in_code_block && self.more.is_none() {
            self.before_more.push_str(text);
        }
    }

    /// `<!-- more -->` ends the summary: everything before it.
    fn html(&mut self, html: &str) {
        if self.more.is_none() && html.trim() == "<!-- more -->" {
            self.more = Some(self.before_more.split_whitespace().collect::<Vec<_>>().join(" "));
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
        let id = self.ids.allocate(&wanted);
        let mut inner = String::new();
        html::push_html(&mut inner, h.events.into_iter());
        let mut out = String::new();
        write_heading(&mut out, level, &id, &h.classes, &inner, &text);
        self.toc.push(Heading { level, id, title: text, children: Vec::new() });
        self.push(Event::Html(out.into()));
    }
}

/// Renders a Markdown body.
pub fn render(markdown: &str, options: &MarkdownOptions) -> Rendered {
    let mut w = Writer {
        options,
        main: Vec::new(),
        heading: None,
        footnote: None,
        footnotes: Footnotes::default(),
        ids: IdAllocator::default(),
        toc: Vec::new(),
        title_dropped: false,
        in_code_block: false,
        words: 0,
        summary: None,
        summary_open: None,
        before_more: String::new(),
        more: None,
    };
    for id in options.reserved_ids {
        w.ids.reserve(id);
    }
    let mut parser = Parser::new_ext(markdown, parser_options());
    while let Some(event) = parser.next() {
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
                if w.summary.is_none() && w.heading.is_none() && w.footnote.is_none() {
                    w.summary_open = Some(String::new());
                }
                w.push(Event::Start(Tag::Paragraph));
            }
            Event::Html(html) | Event::InlineHtml(html) if html.contains("<!--") => {
                w.html(&html);
                w.push(Event::Html(html));
            }
            Event::End(TagEnd::Paragraph) => {
                w.before_more.push(' ');
                if let Some(text) = w.summary_open.take() {
                    let text = text.trim();
                    if !text.is_empty() {
                        w.summary = Some(text.to_owned());
                    }
                }
                w.push(Event::End(TagEnd::Paragraph));
            }
            Event::Text(text) => {
                w.text(&text);
                w.push(Event::Text(text));
            }
            Event::Code(code) => {
                w.text(&code);
                w.push(Event::Code(code));
            }
            Event::SoftBreak | Event::HardBreak => {
                w.text(" ");
                w.push(event);
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = with_base_path(dest_url, options.base_path);
                w.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let alt = image_alt(&mut parser);
                let src = with_base_path(dest_url, options.base_path);
                w.push(Event::Html(image_html(&src, &alt, &title).into()));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                w.in_code_block = true;
                w.push(Event::Html(code_block_open(&kind).into()));
            }
            Event::End(TagEnd::CodeBlock) => {
                w.in_code_block = false;
                w.push(Event::Html("</code></pre>\n".into()));
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
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, w.main.into_iter());
    w.footnotes.write_section(&mut out);
    Rendered { html: out, toc: nest(w.toc), words: w.words, summary: w.more.or(w.summary).unwrap_or_default() }
}

/// Typographic punctuation for plain text such as titles and descriptions:
/// curly quotes and apostrophes, en and em dashes, ellipses. Everything else
/// is kept as written (Markdown syntax in the text is not interpreted).
pub fn smarten(text: &str) -> String {
    if !text.contains(['\'', '"', '-', '.']) {
        return text.to_owned();
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        let leading_marker = i == 0 && matches!(c, '-' | '+' | '=');
        if c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | '-' | '.') || leading_marker {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    // A leading "2025." would start an ordered list.
    if let Some(end) = escaped.find(|c: char| !c.is_ascii_digit())
        && end > 0
        && escaped[end..].starts_with('.')
    {
        escaped.insert(end, '\\');
    }
    let mut out = String::with_capacity(text.len() + 8);
    for event in Parser::new_ext(&escaped, Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Prefixes the site's base path to root-relative URLs (`/notes/a/`), so a
/// site served from `/blog/` keeps working links.
fn with_base_path<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if base_path.len() > 1 && url.starts_with('/') && !url.starts_with("//") {
        format!("{}{}", base_path, &url[1..]).into()
    } else {
        url
    }
}

/// Reads an image's alt text: the plain text of the events up to its end.
fn image_alt<'a>(parser: &mut impl Iterator<Item = Event<'a>>) -> String {
    let mut alt = String::new();
    let mut depth = 0;
    for event in parser.by_ref() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(TagEnd::Image) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

fn image_html(src: &str, alt: &str, title: &str) -> String {
    let mut out = String::from("<img src=\"");
    let _ = escape_href(&mut out, src);
    out.push_str("\" alt=\"");
    let _ = escape_html(&mut out, alt);
    out.push('"');
    if !title.is_empty() {
        out.push_str(" title=\"");
        let _ = escape_html(&mut out, title);
        out.push('"');
    }
    out.push_str(" loading=\"lazy\" decoding=\"async\">");
    out
}

fn code_block_open(kind: &CodeBlockKind) -> String {
    let language = match kind {
        CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or_default(),
        CodeBlockKind::Indented => "",
    };
    if language.is_empty() {
        return "<pre tabindex=\"0\"><code>".to_owned();
    }
    let mut out = String::from("<pre tabindex=\"0\" data-lang=\"");
    let _ = escape_html(&mut out, language);
    out.push_str("\"><code class=\"language-");
    let _ = escape_html(&mut out, language);
    out.push_str("\">");
    out
}

#[cfg(test)]
mod tests;
