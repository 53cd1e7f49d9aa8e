//! Rendering the generated lists: the tag index and tag pages, series, the
//! archive, and redirect pages for aliases.

use std::path::PathBuf;

use minijinja::Value;
use minijinja::value::Serde;

use super::view::{self, ArchiveMonth, ArchiveYear, Link, PageSummary, Paginator, SeriesPageView, TagView};
use super::{Shared, feed_links, graph_svg, permalink};
use crate::model::{Diagnostic, OutputFile, Site, smarten, title_id};

fn summaries<'a>(shared: &'a Shared, pages: &[usize]) -> Vec<PageSummary<'a>> {
    let site = shared.site;
    pages
        .iter()
        .map(|&i| PageSummary::new(&site.pages[i], &shared.bodies.pages[i], view::url(site, &site.pages[i].path)))
        .collect()
}

fn output(path: &str, contents: String) -> OutputFile {
    OutputFile { path: PathBuf::from(path).join("index.html"), contents }
}

/// `/tags/`: every tag with its count.
pub(super) fn tag_index(shared: &Shared) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let tags: Vec<TagView> = site
        .tags
        .iter()
        .map(|t| TagView {
            name: &t.name,
            slug: &t.slug,
            url: view::url(site, &t.path()),
            count: t.pages.len(),
            pages: Vec::new(),
        })
        .collect();
    let url = view::url(site, "tags/");
    let extra = minijinja::context! { tags => Value::from(Serde(&tags)) };
    Ok(output("tags/", shared.render("tags.html", &url, &[], extra)?))
}

/// `/tags/<slug>/` (and `/tags/<slug>/page/N/`): the pages with one tag.
pub(super) fn tag(shared: &Shared, index: usize, number: usize, total: usize) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let tag = &site.tags[index];
    let per_page = site.config.paginate_by;
    let start = ((number - 1) * per_page).min(tag.pages.len());
    let end = (start + per_page).min(tag.pages.len());
    let first_url = view::url(site, &tag.path());
    let view = TagView {
        name: &tag.name,
        slug: &tag.slug,
        url: first_url.clone(),
        count: tag.pages.len(),
        pages: summaries(shared, &tag.pages[start..end]),
    };
    let paginator = Paginator::new(&first_url, number, total);
    let path = view::list_page_path(&tag.path(), number);
    let url = view::url(site, &path);
    let feeds = feed_links(site, &tag.path(), &format!("Tagged {}", tag.name));
    let extra = minijinja::context! {
        tag => Value::from(Serde(&view)),
        paginator => Value::from(Serde(&paginator)),
        title_id => title_id(&tag.name),
    };
    Ok(output(&path, shared.render("tag.html", &url, &feeds, extra)?))
}

fn series_page_view<'a>(shared: &'a Shared, index: usize) -> SeriesPageView<'a> {
    let site = shared.site;
    let series = &site.series[index];
    SeriesPageView {
        name: &series.name,
        title: smarten(&series.title),
        title_id: title_id(&series.title),
        description: series.description.as_deref().map(smarten),
        url: view::url(site, &series.path()),
        pages: summaries(shared, &series.pages),
    }
}

/// `/series/`: every series.
pub(super) fn series_index(shared: &Shared) -> Result<OutputFile, Diagnostic> {
    let all: Vec<SeriesPageView> = (0..shared.site.series.len()).map(|i| series_page_view(shared, i)).collect();
    let url = view::url(shared.site, "series/");
    let extra = minijinja::context! { all_series => Value::from(Serde(&all)) };
    Ok(output("series/", shared.render("series-index.html", &url, &[], extra)?))
}

/// `/series/<slug>/`: the parts of one series, in order.
pub(super) fn series(shared: &Shared, index: usize) -> Result<OutputFile, Diagnostic> {
    let view = series_page_view(shared, index);
    let path = shared.site.series[index].path();
    let extra = minijinja::context! { series => Value::from(Serde(&view)) };
    Ok(output(&path, shared.render("series.html", &view.url, &[], extra)?))
}

/// `/archive/`: every dated page, by year and month, newest first.
pub(super) fn archive(shared: &Shared) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let mut years: Vec<ArchiveYear> = Vec::new();
    for &i in &site.recent {
        let Some(date) = site.pages[i].date else { continue };
        let (year, month) = (date.day.year(), date.day.month());
        if years.last().is_none_or(|y| y.year != year) {
            years.push(ArchiveYear { year, months: Vec::new() });
        }
        let Some(current_year) = years.last_mut() else { continue };
        if current_year.months.last().is_none_or(|m| m.month != month) {
            current_year.months.push(ArchiveMonth {
                month,
                name: date.day.strftime("%B").to_string(),
                id: format!("{year}-{month:02}"),
                pages: Vec::new(),
            });
        }
        if let Some(current_month) = current_year.months.last_mut() {
            current_month.pages.push(PageSummary::new(
                &site.pages[i],
                &shared.bodies.pages[i],
                view::url(site, &site.pages[i].path),
            ));
        }
    }
    let url = view::url(site, "archive/");
    let extra = minijinja::context! { years => Value::from(Serde(&years)) };
    Ok(output("archive/", shared.render("archive.html", &url, &[], extra)?))
}

/// `/graph/`: the link graph, drawn at build time.
pub(super) fn graph(shared: &Shared) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let graph = &shared.bodies.garden.graph;
    let svg = graph_svg::svg(site, graph);
    let url = view::url(site, "graph/");
    let json_url = view::url(site, "graph.json");
    let extra = minijinja::context! {
        svg => Value::from_safe_string(svg),
        pages => graph.nodes.len(),
        links => graph.edges.len(),
        json_url => json_url,
    };
    Ok(output("graph/", shared.render("graph.html", &url, &[], extra)?))
}

/// The search page: a search box whose results `search.js` fills in.
pub(super) fn search(shared: &Shared) -> Result<OutputFile, Diagnostic> {
    let url = view::url(shared.site, "search/");
    Ok(output("search/", shared.render("search.html", &url, &[], Value::UNDEFINED)?))
}

/// A redirect page at an old URL.
pub(super) fn alias(shared: &Shared, index: usize) -> Result<OutputFile, Diagnostic> {
    let site: &Site = shared.site;
    let alias = &site.aliases[index];
    let page = &site.pages[alias.page];
    let target = Link { title: page.shown_title.clone(), url: permalink(site, &page.path) };
    let extra = minijinja::context! { target => Value::from(Serde(&target)) };
    let contents = shared.render("redirect.html", &target.url, &[], extra)?;
    let path = if alias.path.ends_with('/') {
        PathBuf::from(&alias.path).join("index.html")
    } else {
        PathBuf::from(&alias.path)
    };
    Ok(OutputFile { path, contents })
}
