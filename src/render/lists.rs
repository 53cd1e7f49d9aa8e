//! Rendering the generated lists: the tag index and tag pages, each
//! taxonomy's terms and term pages, series, the
//! archive, and redirect pages for aliases.

use std::path::PathBuf;

use minijinja::Value;
use minijinja::value::Serde;

use super::view::{self, ArchiveMonth, ArchiveYear, Link, PageSummary, Paginator, SeriesPageView, TagView};
use super::{Shared, feed_links, graph_svg, permalink};
use crate::model::{Diagnostic, OutputFile, Site, Tag, Taxonomy, smarten, title_id};

fn output(path: &str, contents: String) -> OutputFile {
    OutputFile { path: PathBuf::from(path).join("index.html"), contents }
}

/// Every term of a list (tags, or a taxonomy's) with its count.
fn term_views<'a>(site: &Site, terms: &'a [Tag], path: impl Fn(&Tag) -> String) -> Vec<TagView<'a>> {
    terms
        .iter()
        .map(|t| TagView {
            name: &t.name,
            slug: &t.slug,
            url: view::url(site, &path(t)),
            count: t.pages.len(),
            pages: Vec::new(),
        })
        .collect()
}

/// `/tags/`: every tag with its count.
pub(super) fn tag_index(shared: &Shared) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let tags = term_views(site, &site.tags, Tag::path);
    let url = view::url(site, "tags/");
    let extra = minijinja::context! { tags => Value::from(Serde(&tags)) };
    Ok(output("tags/", shared.render("tags.html", &url, &[], extra)?))
}

/// One list page of a term: its view, its paginator and its path.
fn term_page<'a>(
    shared: &'a Shared,
    term: &'a Tag,
    term_path: &str,
    per_page: usize,
    number: usize,
    total: usize,
) -> (TagView<'a>, Paginator, String) {
    let site = shared.site;
    let start = ((number - 1) * per_page).min(term.pages.len());
    let end = (start + per_page).min(term.pages.len());
    let first_url = view::url(site, term_path);
    let view = TagView {
        name: &term.name,
        slug: &term.slug,
        url: first_url.clone(),
        count: term.pages.len(),
        pages: view::summaries(shared.site, shared.bodies.pages, &term.pages[start..end]),
    };
    (view, Paginator::new(&first_url, number, total), view::list_page_path(term_path, number))
}

/// `/tags/<slug>/` (and `/tags/<slug>/page/N/`): the pages with one tag.
pub(super) fn tag(shared: &Shared, index: usize, number: usize, total: usize) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let tag = &site.tags[index];
    let (view, paginator, path) = term_page(shared, tag, &tag.path(), site.config.paginate_by, number, total);
    let url = view::url(site, &path);
    let feeds = feed_links(site, &tag.path(), &site.config.locale.text("tagged", &[("tag", &tag.name)]));
    let extra = minijinja::context! {
        tag => Value::from(Serde(&view)),
        paginator => Value::from(Serde(&paginator)),
        title_id => title_id(&tag.name),
    };
    Ok(output(&path, shared.render("tag.html", &url, &feeds, extra)?))
}

/// A taxonomy as templates see it: `name`, `title` and `url`.
fn taxonomy_view(site: &Site, taxonomy: &Taxonomy) -> Value {
    minijinja::context! {
        name => &taxonomy.name,
        title => &taxonomy.title,
        url => view::url(site, &taxonomy.path()),
    }
}

/// `/<taxonomy>/`: every term of a taxonomy with its count.
pub(super) fn taxonomy_index(shared: &Shared, index: usize) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let taxonomy = &site.taxonomies[index];
    let terms = term_views(site, &taxonomy.terms, |t| taxonomy.term_path(t));
    let path = taxonomy.path();
    let url = view::url(site, &path);
    let extra = minijinja::context! {
        taxonomy => taxonomy_view(site, taxonomy),
        terms => Value::from(Serde(&terms)),
        title_id => title_id(&taxonomy.title),
    };
    Ok(output(&path, shared.render("taxonomy.html", &url, &[], extra)?))
}

/// `/<taxonomy>/<slug>/` (and its `page/N/`): the pages with one term.
pub(super) fn term(
    shared: &Shared,
    place: (usize, usize),
    number: usize,
    total: usize,
) -> Result<OutputFile, Diagnostic> {
    let site = shared.site;
    let taxonomy = &site.taxonomies[place.0];
    let term = &taxonomy.terms[place.1];
    let term_path = taxonomy.term_path(term);
    let (view, paginator, path) = term_page(shared, term, &term_path, taxonomy.paginate_by, number, total);
    let url = view::url(site, &path);
    let feeds = if taxonomy.feed {
        feed_links(site, &term_path, &format!("{}: {}", taxonomy.title, term.name))
    } else {
        Vec::new()
    };
    let extra = minijinja::context! {
        taxonomy => taxonomy_view(site, taxonomy),
        term => Value::from(Serde(&view)),
        paginator => Value::from(Serde(&paginator)),
        title_id => title_id(&term.name),
    };
    Ok(output(&path, shared.render("term.html", &url, &feeds, extra)?))
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
        pages: view::summaries(shared.site, shared.bodies.pages, &series.pages),
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
                name: site.config.locale.month_name(year, month),
                title: site.config.locale.month(year, month),
                id: format!("{year}-{month:02}"),
                pages: Vec::new(),
            });
        }
        if let Some(current_month) = current_year.months.last_mut() {
            current_month.pages.push(PageSummary::new(
                &site.pages[i],
                &shared.bodies.pages[i],
                view::url(site, &site.pages[i].path),
                &site.config.locale,
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
    let svg = graph_svg::svg(site, shared.bodies.garden);
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
