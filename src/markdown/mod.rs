//! Stage 3, render Markdown: one page's Markdown body to HTML, with heading
//! ids and self-links, a table of contents, footnotes gathered at the end,
//! lazy images, code highlighted at build time, focusable code blocks and
//! tables, Obsidian's wikilinks, embeds, callouts, highlights, comments and
//! inline tags, responsive `<picture>`s for local photos; plus what later
//! stages need to know: words, summary, links to other pages, inline tags,
//! the images whose resized copies the page names.
//!
//! No file access: Markdown and the site model in, [`Rendered`] out, so pages
//! render in parallel and the function is tested on strings.

mod bases;
mod canvas;
mod footnotes;
mod headings;
mod highlight;
mod images;
mod links;
mod markup;
mod math;
mod obsidian;
mod page;
mod sanitize;
mod shortcodes;
mod terms;
mod writer;

use pulldown_cmark::{Options, Parser};

use crate::model::{CodeMemo, Locale, RawHtml, Rendered, Shortcodes};
pub use headings::IdAllocator;
pub use highlight::{memo_version as code_memo_version, stylesheet as code_stylesheet};
pub use links::{Here, LinkContext, MAX_EMBEDS};
pub use page::{might_embed, render_page, render_section};

/// What rendering needs to know about the page.
#[derive(Clone, Copy, Default)]
pub struct MarkdownOptions<'a> {
    /// The site's base path (`/` or `/blog/`; for a language of a
    /// multilingual site, its folder's, `/blog/de/`), the start of the URL
    /// of every page and file it writes.
    pub base_path: &'a str,
    /// The path of the whole site, which links the writer starts with `/`
    /// are under; `base_path` when empty (a site of one language).
    pub root_path: &'a str,
    /// The page title when the body repeats it as its first `# heading`: that
    /// heading is dropped, since the theme shows the title as the only `h1`.
    pub drop_title: Option<&'a str>,
    /// Ids the theme uses on the same page, which headings must not take.
    pub reserved_ids: &'a [&'a str],
    /// Put before every id (for embedded notes, whose ids must not clash
    /// with the page's own).
    pub id_prefix: &'a str,
    /// The line of the whole file on which the body starts, for problems.
    pub body_line: usize,
    /// The site and page, for wikilinks, `.md` links and embeds; without it
    /// wikilinks point at the slug of their target.
    pub links: Option<LinkContext<'a>>,
    /// Leave code blocks uncoloured (`highlight = false` in tend.toml).
    pub plain_code: bool,
    /// Code coloured by an earlier build, and where this one's goes.
    pub code_memo: Option<&'a CodeMemo>,
    /// Mark links that leave the site (`mark_external_links` in tend.toml):
    /// `Some` of the site's own URL (`base_url`, may be empty), whose links
    /// are not external.
    pub mark_external: Option<&'a str>,
    /// The templates `{{< name >}}` calls; without them calls stay as
    /// they are written.
    pub shortcodes: Option<&'a dyn Shortcodes>,
    /// What becomes of HTML written in the Markdown (`[markdown] raw_html`).
    pub raw_html: RawHtml,
    /// The file problems are reported in when there is no `links` context
    /// (a section's `_index.md`); without either, problems are dropped.
    pub file: Option<&'a std::path::Path>,
    /// The site's language, for the words the body holds (footnotes'
    /// names, the heading links'); English without it.
    pub locale: Option<&'a Locale>,
}

impl MarkdownOptions<'_> {
    /// The path links that start with `/` are under.
    pub(crate) fn root(&self) -> &str {
        if self.root_path.is_empty() { self.base_path } else { self.root_path }
    }

    /// The site's language.
    pub(crate) fn words(&self) -> &Locale {
        self.locale.unwrap_or_else(|| crate::model::english())
    }
}

/// `text` escaped for HTML.
pub(crate) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// The Markdown dialect: CommonMark with GFM tables, strikethrough, task
/// lists and footnotes, smart punctuation, `{#id .class}` on headings,
/// Obsidian wikilinks and `$math$`.
pub(crate) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_MATH
}

/// Renders a Markdown body.
pub fn render(markdown: &str, options: &MarkdownOptions) -> Rendered {
    let text = obsidian::strip_comments(markdown);
    let expanded = shortcodes::expand(&text, options);
    let events: Vec<obsidian::Spanned> = Parser::new_ext(&expanded.text, parser_options()).into_offset_iter().collect();
    let events = obsidian::callouts(events);
    let mut rendered = writer::write(&expanded, events, options);
    // What Markdown shortcodes wrote links and reports for this page.
    for inner in expanded.inner {
        rendered.links.extend(inner.links);
        rendered.problems.extend(inner.problems);
    }
    rendered
}

#[cfg(test)]
mod tests;
