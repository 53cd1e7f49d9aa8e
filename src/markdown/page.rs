//! A page's or a section's Markdown rendered as the build renders it: its
//! links resolved against the site, the ids the theme's templates use kept
//! free, its shortcodes called, problems located in its file.

use std::cell::Cell;

use super::links::Here;
use super::{LinkContext, MarkdownOptions, render};
use crate::model::{CodeMemo, PageKind, Rendered, Shortcodes, Site, title_id};

/// What a page is rendered with besides the site: the templates
/// shortcodes call, and the code an earlier build coloured.
#[derive(Clone, Copy)]
struct Helpers<'a> {
    shortcodes: Option<&'a dyn Shortcodes>,
    code_memo: Option<&'a CodeMemo>,
}

/// Ids the page template uses beside the title's, which no heading of a
/// page may take.
const PAGE_IDS: [&str; 3] = ["content", "links-to-this-page", "related-notes"];
/// Ids the list and home templates use beside the title's.
const LIST_IDS: [&str; 4] = ["content", "recent", "explore", "pages"];

/// Whether Markdown might embed another page (`![[note]]`, `![](note.md)`)
/// or call a shortcode, which could write an embed: where no page does, a
/// page's text is not needed once its own HTML is made.
pub fn might_embed(text: &str) -> bool {
    text.contains("![[")
        || text.contains("{{<")
        || (text.contains("![") && text.lines().any(|l| l.contains("![") && l.contains(".md")))
}

/// Page `index`'s Markdown `text` rendered: wikilinks and embeds resolved
/// against `site`, the title's id reserved, shortcodes called from
/// `shortcodes` (the theme; `None` leaves calls as written), code blocks
/// `code_memo` remembers not coloured again.
pub fn render_page(
    site: &Site,
    index: usize,
    text: &str,
    shortcodes: Option<&dyn Shortcodes>,
    code_memo: Option<&CodeMemo>,
) -> Rendered {
    let title_id = title_id(&site.pages[index].title);
    let reserved = [PAGE_IDS[0], title_id.as_str(), PAGE_IDS[1], PAGE_IDS[2]];
    render_as_page(site, index, text, &reserved, Helpers { shortcodes, code_memo })
}

/// The Markdown of section `index` rendered as its list's intro: its
/// `_index.md`, or the folder's own page, whose links are resolved as on
/// any page (its problems are the page's, reported there). An `_index.md`'s
/// links are resolved from its folder, and its problems are its own.
pub fn render_section(
    site: &Site,
    index: usize,
    shortcodes: &dyn Shortcodes,
    code_memo: Option<&CodeMemo>,
) -> Rendered {
    let section = &site.sections[index];
    let title_id = title_id(&section.title);
    let reserved = [LIST_IDS[0], title_id.as_str(), LIST_IDS[1], LIST_IDS[2], LIST_IDS[3]];
    let helpers = Helpers { shortcodes: Some(shortcodes), code_memo };
    if let Some(page_index) = section.page {
        let mut rendered = render_as_page(site, page_index, &site.pages[page_index].body, &reserved, helpers);
        rendered.problems.clear();
        return rendered;
    }
    // Its links are resolved from its `_index.md`, as a page's are.
    let embeds_done = Cell::new(0);
    let links = section.source.as_ref().map(|_| LinkContext {
        site,
        here: Here::Section(index),
        embed_stack: &[],
        part: None,
        embeds_done: &embeds_done,
    });
    let options = MarkdownOptions {
        base_path: &site.config.base.path,
        root_path: &site.config.site_base().path,
        reserved_ids: &reserved,
        body_line: section.body_line,
        links,
        mark_external: site.config.mark_external_links.then_some(site.config.site_base().url.as_str()),
        plain_code: !site.config.highlight,
        code_memo,
        shortcodes: Some(shortcodes),
        raw_html: site.config.raw_html,
        file: section.source.as_deref(),
        locale: Some(&site.config.locale),
        ..MarkdownOptions::default()
    };
    render(&section.body, &options)
}

/// Page `index`'s Markdown `text` rendered with its links resolved and
/// its title dropped from the body, with the ids `reserved` taken.
fn render_as_page(
    site: &Site,
    index: usize,
    text: &str,
    reserved: &[&str],
    Helpers { shortcodes, code_memo }: Helpers<'_>,
) -> Rendered {
    let page = &site.pages[index];
    // The body's heading text has typographic punctuation; so must the title.
    let title = &page.shown_title;
    let embeds_done = Cell::new(0);
    let options = MarkdownOptions {
        base_path: &site.config.base.path,
        root_path: &site.config.site_base().path,
        drop_title: page.title_in_body.then_some(title.as_str()),
        reserved_ids: reserved,
        id_prefix: "",
        body_line: page.body_line,
        links: Some(LinkContext {
            site,
            here: Here::Page(index),
            embed_stack: &[],
            part: None,
            embeds_done: &embeds_done,
        }),
        plain_code: !site.config.highlight,
        code_memo,
        mark_external: site.config.mark_external_links.then_some(site.config.site_base().url.as_str()),
        shortcodes,
        raw_html: site.config.raw_html,
        file: None,
        locale: Some(&site.config.locale),
    };
    match page.kind {
        PageKind::Canvas => super::canvas::board(text, &options),
        PageKind::Base => super::bases::page_body(site, index, text),
        _ => render(text, &options),
    }
}
