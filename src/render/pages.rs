//! Rendering pages and sections (with the home page and paginated lists).

use std::path::{Path, PathBuf};

use minijinja::Value;
use minijinja::value::Serde;

use super::view::{
    self, BacklinkView, Link, NoteView, Ordering, PageView, Paginator, SectionView, SeriesView, TermsView,
};
use super::{Shared, feed_links, permalink};
use crate::model::{Diagnostic, Kind, Location, OutputFile, Rendered, Site, slugify, smarten, term_names, title_id};

fn page_link(site: &Site, index: usize) -> Link {
    let page = &site.pages[index];
    Link { title: page.shown_title.clone(), url: view::url(site, &page.path) }
}

/// The pages before and after `index` in its section's reading order
/// (oldest to newest for dated sections).
fn neighbours(shared: &Shared, index: usize) -> (Option<Link>, Option<Link>) {
    let site = shared.site;
    let section = site.pages[index].section;
    // Pages at the top (about, now, a vault's loose notes) are not a series
    // to page through.
    if section == 0 {
        return (None, None);
    }
    let list = &site.sections[section].pages;
    let Some(position) = shared.places.in_section[index] else { return (None, None) };
    let before = position.checked_sub(1).map(|p| list[p]);
    let after = list.get(position + 1).copied();
    let (previous, next) = if site.section_is_chronological(section) { (after, before) } else { (before, after) };
    (previous.map(|i| page_link(site, i)), next.map(|i| page_link(site, i)))
}

fn series_view<'a>(shared: &Shared<'a>, index: usize) -> Option<SeriesView<'a>> {
    let site = shared.site;
    let name = site.pages[index].meta.series.as_deref()?;
    let (series, position) = shared.places.in_series[index]?;
    let series = &site.series[series];
    Some(SeriesView {
        name,
        title: smarten(&series.title),
        closing: series.closing.as_deref().map(smarten),
        url: view::url(site, &series.path()),
        part: position + 1,
        parts: series.pages.len(),
        previous: position.checked_sub(1).map(|p| page_link(site, series.pages[p])),
        next: series.pages.get(position + 1).map(|&i| page_link(site, i)),
    })
}

/// The terms of page `index` in each taxonomy, linked to their pages.
fn terms_of(shared: &Shared, index: usize) -> Vec<TermsView> {
    let site = shared.site;
    let page = &site.pages[index];
    let mut all = Vec::new();
    for (taxonomy, by_slug) in site.taxonomies.iter().zip(&shared.places.terms) {
        let Some(value) = page.meta.extra.get(&taxonomy.name) else { continue };
        let mut terms: Vec<Link> = Vec::new();
        for name in term_names(value).unwrap_or_default() {
            let slug = slugify(&name);
            let Some(&term) = by_slug.get(slug.as_str()) else { continue };
            let term = &taxonomy.terms[term];
            let link = Link { title: term.name.clone(), url: view::url(site, &taxonomy.term_path(term)) };
            if !terms.iter().any(|t| t.url == link.url) {
                terms.push(link);
            }
        }
        if !terms.is_empty() {
            all.push(TermsView { title: taxonomy.title.clone(), url: view::url(site, &taxonomy.path()), terms });
        }
    }
    all
}

/// Renders page `index`.
pub(super) fn page(shared: &Shared, index: usize) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let page = &site.pages[index];
    let body = &shared.bodies.pages[index];
    let (date, date_display) = view::date_strings(page.date, &site.config.locale);
    let (updated, updated_display) = view::date_strings(page.meta.updated, &site.config.locale);
    let (tended, tended_display) = view::date_strings(page.tended.map(|(d, _)| d), &site.config.locale);
    let url = view::url(site, &page.path);
    let (previous, next) = neighbours(shared, index);
    let tags = page
        .meta
        .tags
        .iter()
        .filter_map(|name| {
            let slug = crate::model::slugify(name);
            let tag = &site.tags[*shared.places.tags.get(slug.as_str())?];
            Some(Link { title: tag.name.clone(), url: view::url(site, &tag.path()) })
        })
        .collect();
    let view = PageView {
        title: page.shown_title.clone(),
        title_id: title_id(&page.title),
        permalink: permalink(site, &page.path),
        url: url.clone(),
        date,
        date_display,
        updated,
        updated_display,
        tended,
        tended_display,
        tended_source: page.tended.map(|(_, source)| source),
        description: page.meta.description.as_deref().map(smarten),
        tags,
        taxonomies: terms_of(shared, index),
        series: series_view(shared, index),
        previous,
        next,
        backlinks: backlinks(shared, index),
        related: related(shared, index),
        content: &body.html,
        toc: &body.toc,
        show_toc: page.meta.toc.unwrap_or(site.config.toc) && !body.toc.is_empty(),
        has_code: has_code(body),
        has_video: has_video(body),
        has_canvas: has_canvas(body),
        words: body.words,
        reading_minutes: view::reading_minutes(body),
        summary: view::page_summary(page, body),
        status: page.meta.status.map(|s| s.as_str()),
        cssclasses: &page.meta.cssclasses,
        image: page.meta.image.as_deref().map(|i| image_url(site, &page.path, i)),
        draft: page.meta.draft,
        section: view::section_link(site, &site.sections[page.section]),
        extra: &page.meta.extra,
        source: page.source.display().to_string(),
    };
    let template = page.meta.template.as_deref().unwrap_or("page.html");
    let extra = minijinja::context! { page => Value::from(Serde(&view)) };
    let contents = shared
        .render(template, &url, &[], extra)
        .map_err(|p| attribute(p, &page.source, page.meta.line_of("template")))?;
    Ok(OutputFile { path: PathBuf::from(&page.path).join("index.html"), contents })
}

/// The absolute URL of a page's social image.
fn image_url(site: &Site, page_path: &str, image: &str) -> String {
    if image.contains("://") {
        image.to_owned()
    } else if let Some(rooted) = image.strip_prefix('/') {
        permalink(site, rooted)
    } else {
        permalink(site, &format!("{page_path}{image}"))
    }
}

/// When the template itself is missing, the page that asked for it is the
/// place to fix.
fn attribute(problem: Diagnostic, source: &Path, line: usize) -> Diagnostic {
    if problem.kind == Kind::MissingTemplate {
        Diagnostic { location: Some(Box::new(Location::new(source, line, 1))), ..problem }
    } else {
        problem
    }
}

/// Sections of undated notes also get a list by last tended, newest first.
pub(super) fn has_tended_order(site: &Site, index: usize) -> bool {
    index != 0 && site.sections[index].pages.len() > 1 && !site.section_is_chronological(index)
}

/// The path of a section's list by last tended.
fn tended_path(section_path: &str) -> String {
    format!("{section_path}recently-tended/")
}

/// Renders list page `number` of `total` of section `index` (the home page
/// for index 0).
pub(super) fn section(shared: &Shared, index: usize, number: usize, total: usize) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let section = &site.sections[index];
    let listed: &[usize] = if index == 0 {
        &site.recent[..site.recent.len().min(site.config.home_recent)]
    } else {
        match section.meta.paginate_by {
            Some(per_page) => {
                let start = (number - 1) * per_page;
                &section.pages[start.min(section.pages.len())..(start + per_page).min(section.pages.len())]
            }
            None => &section.pages,
        }
    };
    let path = view::list_page_path(&section.path, number);
    let paginator = section.meta.paginate_by.map(|_| Paginator::new(&view::url(site, &section.path), number, total));
    render_section(shared, index, listed, &path, paginator, false)
}

/// Renders section `index` listed by last tended, newest first.
pub(super) fn section_by_tended(shared: &Shared, index: usize) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let section = &site.sections[index];
    let mut listed = section.pages.clone();
    listed.sort_by(|&a, &b| site.pages[b].tended.map(|t| t.0).cmp(&site.pages[a].tended.map(|t| t.0)));
    render_section(shared, index, &listed, &tended_path(&section.path), None, true)
}

fn render_section(
    shared: &Shared,
    index: usize,
    listed: &[usize],
    path: &str,
    paginator: Option<Paginator>,
    by_tended: bool,
) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let section = &site.sections[index];
    let is_home = index == 0;
    let title =
        if is_home && section.meta.title.is_none() { site.config.title.as_str() } else { section.title.as_str() };
    let pages = view::summaries(site, shared.bodies.pages, listed);
    let first_url = view::url(site, &section.path);
    let url = view::url(site, path);
    let site_description = (is_home && !site.config.description.is_empty()).then_some(site.config.description.as_str());
    let orderings = if has_tended_order(site, index) {
        vec![
            Ordering {
                label: site.config.locale.text("order_title", &[]),
                url: first_url.clone(),
                current: !by_tended,
            },
            Ordering {
                label: site.config.locale.text("order_tended", &[]),
                url: view::url(site, &tended_path(&section.path)),
                current: by_tended,
            },
        ]
    } else {
        Vec::new()
    };
    let is_first = paginator.as_ref().is_none_or(|p| p.current == 1) && !by_tended;
    let view = SectionView {
        title: smarten(title),
        title_id: title_id(title),
        description: section.meta.description.as_deref().or(site_description).map(smarten),
        url: first_url,
        content: if is_first { &shared.bodies.sections[index].html } else { "" },
        pages,
        paginator,
        orderings,
        subsections: section.subsections.iter().map(|&i| view::section_link(site, &site.sections[i])).collect(),
        top_pages: if is_home {
            section.pages.iter().filter(|&&i| site.pages[i].date.is_none()).map(|&i| page_link(site, i)).collect()
        } else {
            Vec::new()
        },
        extra: &section.meta.extra,
    };
    let default = if is_home { "home.html" } else { "section.html" };
    let template = section.meta.template.as_deref().unwrap_or(default);
    let feeds = if site.section_has_feed(index) { feed_links(site, &section.path, &section.title) } else { Vec::new() };
    let extra = minijinja::context! { section => Value::from(Serde(&view)) };
    let contents = shared.render(template, &url, &feeds, extra)?;
    Ok(OutputFile { path: PathBuf::from(path).join("index.html"), contents })
}

/// Whether a page shows code, and so loads the copy button's script.
pub(super) fn has_code(body: &Rendered) -> bool {
    body.html.contains("<pre")
}

/// Whether a page shows a board (an Obsidian canvas), and so loads its
/// script.
pub(super) fn has_canvas(body: &Rendered) -> bool {
    body.html.contains("data-canvas")
}

/// Whether a page shows a video embed, and so loads its script.
pub(super) fn has_video(body: &Rendered) -> bool {
    body.html.contains("data-video-embed")
}

/// The notes that link to page `index`: the site's, then, when the garden
/// is shared across languages, the other languages'.
fn backlinks(shared: &Shared, index: usize) -> Vec<BacklinkView> {
    let (site, garden) = (shared.site, shared.bodies.garden);
    let own = garden.backlinks[index].iter().map(|b| BacklinkView {
        title: site.pages[b.page].shown_title.clone(),
        url: view::url(site, &site.pages[b.page].path),
        context: b.context.clone(),
        lang: None,
    });
    let others = garden.elsewhere.get(index).into_iter().flatten().map(|b| BacklinkView {
        title: b.title.clone(),
        url: b.url.clone(),
        context: b.context.clone(),
        lang: Some(b.lang.clone()),
    });
    own.chain(others).collect()
}

/// The notes related to page `index`: the site's, then, when the garden is
/// shared across languages, the other languages'.
fn related(shared: &Shared, index: usize) -> Vec<NoteView> {
    let (site, garden) = (shared.site, shared.bodies.garden);
    let own = garden.related[index].iter().map(|&i| {
        let Link { title, url } = page_link(site, i);
        NoteView { title, url, lang: None }
    });
    let others = garden.related_elsewhere.get(index).into_iter().flatten().map(|&i| {
        let note = &garden.others[i];
        NoteView { title: note.title.clone(), url: note.url.clone(), lang: Some(note.lang.clone()) }
    });
    own.chain(others).collect()
}
