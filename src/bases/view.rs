//! A base's view written as HTML: a table (a scrolling region, headed by
//! the properties' names, a body per group), cards (with their cover
//! image) or a list; every value as the site shows it (a note's name
//! linked to it, dates in the site's words).

use std::fmt::Write as _;

use pulldown_cmark_escape::{escape_href, escape_html};

use super::eval::Scope;
use super::functions::shown;
use super::value::Value;
use crate::model::Site;

/// What a view is written with.
pub(super) struct Writing<'a> {
    pub site: &'a Site,
    pub scope: &'a Scope<'a>,
    /// The columns: property names.
    pub columns: &'a [String],
    /// Their headings.
    pub headings: &'a [String],
    /// Groups of rows: the group's label (none when not grouped) and its
    /// pages.
    pub groups: &'a [(Option<String>, Vec<usize>)],
    /// For cards: the property of the cover image.
    pub image: Option<&'a str>,
    /// The view's name, for the region's label.
    pub label: &'a str,
}

/// Writes the view as `kind` (`table`, `cards`, `list`) into `out`.
pub(super) fn write(w: &Writing, kind: &str, out: &mut String) {
    if w.groups.iter().all(|(_, rows)| rows.is_empty()) {
        let _ = writeln!(out, "<p class=\"base-empty\">{}</p>", escaped(&w.site.config.locale.text("base_empty", &[])));
        return;
    }
    match kind {
        "cards" => cards(w, out),
        "list" => list(w, out),
        _ => table(w, out),
    }
}

fn escaped(text: &str) -> String {
    let mut out = String::new();
    let _ = escape_html(&mut out, text);
    out
}

fn table(w: &Writing, out: &mut String) {
    out.push_str("<div class=\"base-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
    let _ = escape_html(&mut *out, w.label);
    out.push_str("\">\n<table class=\"base-table\">\n<thead><tr>");
    for heading in w.headings {
        out.push_str("<th scope=\"col\">");
        let _ = escape_html(&mut *out, heading);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n");
    for (label, rows) in w.groups {
        out.push_str("<tbody>");
        if let Some(label) = label {
            let _ =
                write!(out, "<tr class=\"base-group\"><th colspan=\"{}\" scope=\"colgroup\">", w.columns.len().max(1));
            group_label(w, label, rows.len(), out);
            out.push_str("</th></tr>");
        }
        out.push('\n');
        for &row in rows {
            out.push_str("<tr>");
            for column in w.columns {
                out.push_str("<td>");
                cell(w, column, row, out);
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</div>\n");
}

fn group_label(w: &Writing, label: &str, count: usize, out: &mut String) {
    let label = if label.is_empty() { w.site.config.locale.text("base_no_value", &[]) } else { label.to_owned() };
    let _ = escape_html(&mut *out, &label);
    let _ = write!(out, " <span class=\"base-count\">{}</span>", w.site.config.locale.number(count));
}

/// A group's title above its cards or list items, when rows are grouped.
fn group_title(w: &Writing, label: Option<&str>, count: usize, out: &mut String) {
    if let Some(label) = label {
        out.push_str("<p class=\"base-group-title\">");
        group_label(w, label, count, out);
        out.push_str("</p>\n");
    }
}

fn cards(w: &Writing, out: &mut String) {
    for (label, rows) in w.groups {
        group_title(w, label.as_deref(), rows.len(), out);
        out.push_str("<ul class=\"base-cards\">\n");
        for &row in rows {
            out.push_str("<li class=\"base-card\">");
            if let Some(image) = w.image {
                cover(w, &w.scope.property(image, row), out);
            }
            out.push_str("<p class=\"base-card-title\">");
            file_link(w, row, out);
            out.push_str("</p>");
            properties(w, row, out);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
}

fn list(w: &Writing, out: &mut String) {
    for (label, rows) in w.groups {
        group_title(w, label.as_deref(), rows.len(), out);
        out.push_str("<ul class=\"base-list\">\n");
        for &row in rows {
            out.push_str("<li>");
            file_link(w, row, out);
            for column in w.columns.iter().filter(|c| *c != "file.name") {
                let value = w.scope.property(column, row);
                if !value.is_empty() {
                    out.push_str("<span class=\"base-separator\" aria-hidden=\"true\"> · </span>");
                    value_html(w, &value, out);
                }
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
}

/// A card's properties other than its name, each with its heading.
fn properties(w: &Writing, row: usize, out: &mut String) {
    let shown: Vec<(usize, Value)> = (0..w.columns.len())
        .filter(|&i| w.columns[i] != "file.name")
        .map(|i| (i, w.scope.property(&w.columns[i], row)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    if shown.is_empty() {
        return;
    }
    out.push_str("<dl>");
    for (i, value) in shown {
        out.push_str("<dt>");
        let _ = escape_html(&mut *out, &w.headings[i]);
        out.push_str("</dt><dd>");
        value_html(w, &value, out);
        out.push_str("</dd>");
    }
    out.push_str("</dl>");
}

/// A card's cover: a local image, an image's address, or a hex colour.
fn cover(w: &Writing, value: &Value, out: &mut String) {
    let source = match value {
        Value::Attachment(path, _) => Some(format!("{}{path}", w.site.config.base.path)),
        Value::Image(url) => Some(url.clone()),
        Value::Link { page: None, target, .. } | Value::Text(target) if target.contains("://") => Some(target.clone()),
        Value::Text(colour) if is_hex(colour) => {
            let _ = write!(out, "<div class=\"base-cover\" style=\"background:{colour}\"></div>");
            None
        }
        _ => None,
    };
    if let Some(source) = source.filter(|s| loads_safely(s)) {
        out.push_str("<img class=\"base-cover\" src=\"");
        let _ = escape_href(&mut *out, &source);
        out.push_str("\" alt=\"\" loading=\"lazy\" width=\"320\" height=\"180\">");
    }
}

/// Whether `url` is a web address or a path: no other scheme (such as
/// `javascript:`) ever reaches the page.
fn loads_safely(url: &str) -> bool {
    let url = url.trim();
    match url.find(':') {
        Some(colon) if !url[..colon].contains(['/', '?', '#']) => {
            let scheme = url[..colon].to_ascii_lowercase();
            scheme == "http" || scheme == "https"
        }
        _ => true,
    }
}

fn is_hex(text: &str) -> bool {
    let hex = text.strip_prefix('#').unwrap_or_default();
    matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

fn cell(w: &Writing, column: &str, row: usize, out: &mut String) {
    if column == "file.name" {
        file_link(w, row, out);
    } else {
        value_html(w, &w.scope.property(column, row), out);
    }
}

/// The page `row`'s name, linked to it.
fn file_link(w: &Writing, row: usize, out: &mut String) {
    let page = &w.site.pages[row];
    out.push_str("<a href=\"");
    let _ = escape_href(&mut *out, &w.site.config.base.local(&page.path));
    out.push_str("\">");
    let _ = escape_html(&mut *out, &(w.scope.cx.name)(row));
    out.push_str("</a>");
}

/// `value` as the site shows it.
fn value_html(w: &Writing, value: &Value, out: &mut String) {
    let site = w.site;
    match value {
        Value::File(page) => file_link(w, *page, out),
        Value::Link { page: Some(page), display, .. } => {
            out.push_str("<a href=\"");
            let _ = escape_href(&mut *out, &site.config.base.local(&site.pages[*page].path));
            out.push_str("\">");
            let name = display.clone().unwrap_or_else(|| site.pages[*page].shown_title.clone());
            let _ = escape_html(&mut *out, &name);
            out.push_str("</a>");
        }
        Value::Link { page: None, target, display }
            if target.starts_with("http://") || target.starts_with("https://") =>
        {
            out.push_str("<a href=\"");
            let _ = escape_href(&mut *out, target);
            out.push_str("\">");
            let _ = escape_html(&mut *out, display.as_deref().unwrap_or(target));
            out.push_str("</a>");
        }
        Value::Attachment(path, name) => {
            out.push_str("<a href=\"");
            let _ = escape_href(&mut *out, &format!("{}{path}", site.config.base.path));
            out.push_str("\">");
            let _ = escape_html(&mut *out, name);
            out.push_str("</a>");
        }
        Value::Date(at, _) => {
            let day = at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
            let _ = write!(out, "<time datetime=\"{day}\">");
            let _ = escape_html(&mut *out, &site.config.locale.date(day));
            out.push_str("</time>");
        }
        Value::Bool(b) => {
            let _ = escape_html(&mut *out, &site.config.locale.text(if *b { "base_yes" } else { "base_no" }, &[]));
        }
        Value::List(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                value_html(w, item, out);
            }
        }
        other => {
            let _ = escape_html(&mut *out, &shown(other, &w.scope.cx));
        }
    }
}
