//! Stage 6, syndication: what a site offers to machines. Feeds (Atom and
//! JSON Feed), `sitemap.xml`, `robots.txt` and a `_redirects` file, made
//! from the site model and the list of rendered files, before anything is
//! written, so they are swapped in with the rest of the output.

mod absolute;
mod feeds;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use crate::model::{BaseUrl, Garden, OutputFile, Rendered, SinkError, Site};
use serde::Serialize;

/// Escapes text for XML content and attribute values.
pub(crate) fn xml_escape(text: &str) -> String {
    // Markup in HTML escapes to about a fifth more bytes.
    let mut out = String::with_capacity(text.len() + text.len() / 4 + 16);
    xml_escape_into(&mut out, text);
    out
}

/// [`xml_escape`], appending to `out`.
pub(crate) fn xml_escape_into(out: &mut String, text: &str) {
    // Runs without anything to escape are copied whole (every byte that
    // needs care is ASCII, so a run ends on a character boundary).
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        let escaped = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            // Characters XML 1.0 does not allow at all.
            b if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') => "",
            _ => continue,
        };
        out.push_str(&text[run..i]);
        out.push_str(escaped);
        run = i + 1;
    }
    out.push_str(&text[run..]);
}

/// Every feed of the site, each handed to `emit` when made; returns how
/// many. They need only the Markdown, so the build makes them alongside
/// the templates.
pub(crate) fn feeds(
    site: &Site,
    bodies: &[Rendered],
    emit: &(dyn Fn(OutputFile) -> Result<(), SinkError> + Sync),
) -> Result<usize, SinkError> {
    feeds::write_feeds_showing(site, bodies, &site.config.base, None, emit)
}

/// Makes the sitemap, robots.txt, `graph.json` and `_redirects` for a site
/// whose pages are `rendered`. `has_robots` says the site ships its own
/// robots.txt in `static/`.
pub(crate) fn syndicate(site: &Site, garden: &Garden, rendered: &[PathBuf], has_robots: bool) -> Vec<OutputFile> {
    let urls = &site.config.base;
    let mut files = vec![OutputFile { path: "sitemap.xml".into(), contents: sitemap(site, rendered, urls) }];
    files.extend(graph_file(site, garden));
    // A multilingual site's robots.txt, at the root, names every
    // language's sitemap.
    if !has_robots && site.config.is_default_language() {
        let mut robots = String::from("User-agent: *\nAllow: /\n\n");
        let languages = site.config.languages.iter().map(|language| &language.base);
        for base in std::iter::once(urls).filter(|_| site.config.languages.is_empty()).chain(languages) {
            robots.push_str(&format!("Sitemap: {}\n", base.absolute("sitemap.xml")));
        }
        files.push(OutputFile { path: "robots.txt".into(), contents: robots });
    }
    if !site.aliases.is_empty() {
        let mut redirects = String::new();
        for alias in &site.aliases {
            let target = &site.pages[alias.page].path;
            redirects.push_str(&format!("{}{} {}{} 301\n", urls.path, alias.path, urls.path, target));
        }
        files.push(OutputFile { path: "_redirects".into(), contents: redirects });
    }
    files
}

/// The feeds that list one of `pages`, for a rebuild after their bodies
/// changed (nothing else in the feeds, nor the sitemap, depends on a body).
pub(crate) fn feeds_showing(
    site: &Site,
    bodies: &[Rendered],
    pages: &BTreeSet<usize>,
    emit: &(dyn Fn(OutputFile) -> Result<(), SinkError> + Sync),
) -> Result<usize, SinkError> {
    feeds::write_feeds_showing(site, bodies, &site.config.base, Some(pages), emit)
}

/// `graph.json`, when the site has links between pages.
pub(crate) fn graph_file(site: &Site, garden: &Garden) -> Option<OutputFile> {
    let has_links = !garden.graph.nodes.is_empty();
    has_links.then(|| OutputFile { path: "graph.json".into(), contents: graph_json(site, garden) })
}

#[derive(Serialize)]
struct GraphNode<'a> {
    id: String,
    title: String,
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    /// Another language's note (a shared garden): its language.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct GraphLink {
    source: String,
    target: String,
}

#[derive(Serialize)]
struct GraphDocument<'a> {
    nodes: Vec<GraphNode<'a>>,
    links: Vec<GraphLink>,
}

/// `graph.json`: pages (by URL) and the links between them.
fn graph_json(site: &Site, garden: &Garden) -> String {
    let graph = &garden.graph;
    let url = |i: usize| garden.node(site, i).1;
    let document = GraphDocument {
        nodes: graph
            .nodes
            .iter()
            .map(|&i| {
                let (title, id, lang) = garden.node(site, i);
                let page = site.pages.get(i);
                GraphNode {
                    id,
                    title: title.to_owned(),
                    tags: page.map_or(&[][..], |p| p.meta.tags.as_slice()),
                    status: page.and_then(|p| p.meta.status).map(|s| s.as_str()),
                    lang,
                }
            })
            .collect(),
        links: graph.edges.iter().map(|&(a, b)| GraphLink { source: url(a), target: url(b) }).collect(),
    };
    // Plain strings only: serialising cannot fail.
    serde_json::to_string(&document).unwrap_or_default()
}

/// Every rendered HTML page once (not the 404 page, not redirects), with
/// `lastmod` from `updated` or `date` where the page has one.
fn sitemap(site: &Site, rendered: &[PathBuf], urls: &BaseUrl) -> String {
    let redirects: std::collections::HashSet<String> = site
        .aliases
        .iter()
        .map(|a| if a.path.ends_with('/') { format!("{}index.html", a.path) } else { a.path.clone() })
        .collect();
    let lastmod: HashMap<String, String> = site
        .pages
        .iter()
        .filter_map(|p| Some((format!("{}index.html", p.path), p.meta.updated.or(p.date)?.day.to_string())))
        .collect();
    let mut paths: Vec<String> = rendered
        .iter()
        .map(|f| f.to_string_lossy().replace('\\', "/"))
        .filter(|p| p.ends_with("index.html") && !redirects.contains(p))
        .collect();
    paths.sort();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if site.translations.is_empty() {
        out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    } else {
        out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    }
    for path in paths {
        let page_path = path.strip_suffix("index.html").unwrap_or(&path);
        out.push_str("  <url>\n");
        out.push_str(&format!("    <loc>{}</loc>\n", xml_escape(&urls.absolute(page_path))));
        if let Some(date) = lastmod.get(&path) {
            out.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
        }
        // The page in every language that has it, itself included.
        for alternate in site.translations.get(page_path).into_iter().flatten() {
            out.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                xml_escape(&alternate.lang),
                xml_escape(&alternate.absolute)
            ));
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::xml_escape;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(xml_escape(""), "");
        assert_eq!(xml_escape("plain"), "plain");
        assert_eq!(
            xml_escape("<a href=\"x\">Tom & Jerry's</a>\u{1}\u{b}\tend\r\n"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;\tend\r\n"
        );
        assert_eq!(xml_escape("émigré <ünïcode> 東京&"), "émigré &lt;ünïcode&gt; 東京&amp;");
    }
}
