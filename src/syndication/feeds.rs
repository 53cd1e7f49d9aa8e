//! Atom (`feed.xml`) and JSON Feed 1.1 (`feed.json`) for the whole site,
//! each section with dated pages, each tag, and each term of a taxonomy
//! whose feeds are on: newest first, at most `feed_limit` entries; a site
//! or tag with no dated page lists its notes last tended first. The site's
//! and sections' feeds carry each page's full content with every link made
//! absolute; a tag's (or term's) feed carries the summary and the link, so
//! that a site with many tags does not copy every recent page into every
//! one of its tags' feeds (200 tags would be 8,000 copies of pages at the
//! default `feed_limit`).

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};
use serde::Serialize;

use super::absolute::absolutize;
use super::{xml_escape, xml_escape_into};
use crate::model::{BaseUrl, OutputFile, Rendered, SinkError, Site, smarten};

/// One feed: what it covers and which pages it holds.
struct Feed {
    /// Where it is written (`posts/` gives `posts/feed.xml`).
    path: String,
    title: String,
    description: String,
    /// The HTML page the feed mirrors.
    list_path: String,
    pages: Vec<usize>,
    /// Whether entries carry the page's content, or only its summary.
    full: bool,
}

impl Feed {
    /// What the feed shows of `entry` beyond its summary.
    fn content<'a>(&self, entry: &'a Entry) -> Option<&'a str> {
        if self.full { entry.content.as_deref() } else { None }
    }
}

/// One page, ready to go into any feed.
struct Entry {
    title: String,
    url: String,
    published: String,
    updated: String,
    summary: String,
    /// The page's HTML, when a feed with full content lists the page.
    content: Option<String>,
    tags: Vec<String>,
}

/// The pages of a feed listing `pages`: the newest dated ones; where none
/// is dated (a tag only garden notes carry), the notes last tended, so the
/// feed is not empty.
fn newest(site: &Site, pages: &[usize]) -> Vec<usize> {
    let mut dated: Vec<usize> = pages.iter().copied().filter(|&i| site.pages[i].date.is_some()).collect();
    dated.sort_by(|&a, &b| site.pages[b].date.cmp(&site.pages[a].date));
    if dated.is_empty() {
        dated = pages.iter().copied().filter(|&i| site.pages[i].tended.is_some()).collect();
        // By day, as pages show it: a save that changes nothing a reader
        // sees (a new modification time) changes no feed.
        let tended = |i: usize| site.pages[i].tended.map(|(date, _)| date.day);
        dated.sort_by(|&a, &b| tended(b).cmp(&tended(a)).then_with(|| site.pages[a].source.cmp(&site.pages[b].source)));
    }
    dated.truncate(site.config.feed_limit);
    dated
}

fn all_feeds(site: &Site) -> Vec<Feed> {
    let config = &site.config;
    if !config.feeds {
        return Vec::new();
    }
    let mut feeds = vec![Feed {
        path: String::new(),
        title: config.title.clone(),
        description: config.description.clone(),
        list_path: String::new(),
        pages: if site.recent.is_empty() {
            // A garden of undated notes: every listed note, last tended first.
            let listed: Vec<usize> = site.sections.iter().flat_map(|s| s.pages.iter().copied()).collect();
            newest(site, &listed)
        } else {
            newest(site, &site.recent)
        },
        full: true,
    }];
    for (index, section) in site.sections.iter().enumerate() {
        if site.section_has_feed(index) {
            feeds.push(Feed {
                path: section.path.clone(),
                title: format!("{} · {}", section.title, config.title),
                description: section.meta.description.clone().unwrap_or_default(),
                list_path: section.path.clone(),
                pages: newest(site, &section.pages),
                full: true,
            });
        }
    }
    for tag in &site.tags {
        feeds.push(Feed {
            path: tag.path(),
            title: format!("{} · {}", config.locale.text("tagged", &[("tag", &tag.name)]), config.title),
            description: String::new(),
            list_path: tag.path(),
            pages: newest(site, &tag.pages),
            full: false,
        });
    }
    for taxonomy in site.taxonomies.iter().filter(|t| t.feed) {
        for term in &taxonomy.terms {
            feeds.push(Feed {
                path: taxonomy.term_path(term),
                title: format!("{}: {} · {}", taxonomy.title, term.name, config.title),
                description: String::new(),
                list_path: taxonomy.term_path(term),
                pages: newest(site, &term.pages),
                full: false,
            });
        }
    }
    feeds
}

/// Every feed of the site (or those listing one of `showing`), in both
/// formats, each handed to `emit` as soon as it is made so that no more
/// than a few feeds are held at once (a site's tag feeds together can be
/// many times its text). Returns how many files were emitted, or the first
/// error `emit` gave.
pub(super) fn write_feeds_showing(
    site: &Site,
    bodies: &[Rendered],
    urls: &BaseUrl,
    showing: Option<&BTreeSet<usize>>,
    emit: &(dyn Fn(OutputFile) -> Result<(), SinkError> + Sync),
) -> Result<usize, SinkError> {
    let mut feeds = all_feeds(site);
    if let Some(showing) = showing {
        feeds.retain(|feed| feed.pages.iter().any(|i| showing.contains(i)));
    }
    // Each page listed, with whether a feed shows its content.
    let mut needed: Vec<(usize, bool)> = feeds.iter().flat_map(|f| f.pages.iter().map(|&i| (i, f.full))).collect();
    needed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    needed.dedup_by_key(|(i, _)| *i);
    let entries: HashMap<usize, Entry> =
        needed.par_iter().map(|&(i, full)| (i, entry(site, &bodies[i], i, urls, full))).collect();
    feeds.par_iter().try_for_each(|feed| {
        let items: Vec<&Entry> = feed.pages.iter().filter_map(|i| entries.get(i)).collect();
        emit(OutputFile { path: format!("{}feed.xml", feed.path).into(), contents: atom(site, feed, &items, urls) })?;
        emit(OutputFile { path: format!("{}feed.json", feed.path).into(), contents: json(site, feed, &items, urls) })
    })?;
    Ok(feeds.len() * 2)
}

fn entry(site: &Site, body: &Rendered, index: usize, urls: &BaseUrl, full: bool) -> Entry {
    let page = &site.pages[index];
    let url = urls.absolute(&page.path);
    let published = page.date.map(|d| d.instant.to_string()).unwrap_or_default();
    let updated = match (page.meta.updated.or(page.date), page.tended) {
        (Some(date), _) => date.instant.to_string(),
        // The day it was last tended, as its page shows it.
        (None, Some((tended, _))) => format!("{}T00:00:00Z", tended.day),
        (None, None) => String::new(),
    };
    let summary = match &page.meta.description {
        Some(description) => smarten(description),
        None => body.summary.clone(),
    };
    let content = full.then(|| absolutize(&body.html, &url, urls.origin()));
    Entry { title: page.shown_title.clone(), content, url, published, updated, summary, tags: page.meta.tags.clone() }
}

fn author(site: &Site) -> &str {
    if site.config.author.is_empty() { &site.config.title } else { &site.config.author }
}

fn atom(site: &Site, feed: &Feed, items: &[&Entry], urls: &BaseUrl) -> String {
    let feed_url = urls.absolute(&format!("{}feed.xml", feed.path));
    let updated = items.iter().map(|e| e.updated.as_str()).max().unwrap_or("1970-01-01T00:00:00Z");
    // Sized up front: the contents are most of it (escaped, about a fifth
    // longer), and growing 200 kB by doubling would copy it several times.
    let size = |e: &&Entry| feed.content(e).map_or(0, str::len) * 5 / 4 + e.summary.len() + 512;
    let mut out = String::with_capacity(4096 + items.iter().map(size).sum::<usize>());
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(&site.config.language)
    ));
    out.push_str(&format!("  <title>{}</title>\n", xml_escape(&feed.title)));
    if !feed.description.is_empty() {
        out.push_str(&format!("  <subtitle>{}</subtitle>\n", xml_escape(&feed.description)));
    }
    out.push_str(&format!("  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n", xml_escape(&feed_url)));
    out.push_str(&format!(
        "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
        xml_escape(&urls.absolute(&feed.list_path))
    ));
    out.push_str(&format!("  <id>{}</id>\n", xml_escape(&feed_url)));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str(&format!("  <author><name>{}</name></author>\n", xml_escape(author(site))));
    out.push_str("  <generator>tend</generator>\n");
    for entry in items {
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml_escape(&entry.title)));
        out.push_str(&format!(
            "    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
            xml_escape(&entry.url)
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml_escape(&entry.url)));
        // An undated note was never published on a day; it was tended.
        if !entry.published.is_empty() {
            out.push_str(&format!("    <published>{}</published>\n", entry.published));
        }
        out.push_str(&format!("    <updated>{}</updated>\n", entry.updated));
        if !entry.summary.is_empty() {
            out.push_str(&format!("    <summary>{}</summary>\n", xml_escape(&entry.summary)));
        }
        for tag in &entry.tags {
            out.push_str(&format!("    <category term=\"{}\"/>\n", xml_escape(tag)));
        }
        if let Some(content) = feed.content(entry) {
            out.push_str("    <content type=\"html\">");
            xml_escape_into(&mut out, content);
            out.push_str("</content>\n");
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    home_page_url: String,
    feed_url: String,
    language: &'a str,
    authors: [JsonAuthor<'a>; 1],
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    /// JSON Feed wants content of some kind: a tag's feed gives the
    /// summary (or the title) as text.
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    date_published: &'a str,
    date_modified: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
}

fn json(site: &Site, feed: &Feed, items: &[&Entry], urls: &BaseUrl) -> String {
    let document = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &feed.title,
        description: &feed.description,
        home_page_url: urls.absolute(&feed.list_path),
        feed_url: urls.absolute(&format!("{}feed.json", feed.path)),
        language: &site.config.language,
        authors: [JsonAuthor { name: author(site) }],
        items: items
            .iter()
            .map(|e| JsonItem {
                id: &e.url,
                url: &e.url,
                title: &e.title,
                content_html: feed.content(e),
                content_text: match feed.content(e) {
                    Some(_) => None,
                    None if e.summary.is_empty() => Some(&e.title),
                    None => Some(&e.summary),
                },
                summary: &e.summary,
                date_published: &e.published,
                date_modified: &e.updated,
                tags: &e.tags,
            })
            .collect(),
    };
    // Sized up front, as in `atom`.
    let size = |e: &&Entry| feed.content(e).map_or(0, |c| c.len() + c.len() / 8) + e.summary.len() + 512;
    let mut out = Vec::with_capacity(4096 + items.iter().map(size).sum::<usize>());
    // Serialising plain strings and numbers into memory cannot fail, and
    // serde_json writes only UTF-8.
    serde_json::to_writer_pretty(&mut out, &document).ok();
    String::from_utf8(out).unwrap_or_default()
}
