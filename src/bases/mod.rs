//! Stage: Obsidian Bases, evaluated at build time. A base (a `.base`
//! file's page, a ```` ```base ```` block, an embedded base) filters the
//! site's published notes by their properties, links and tags, computes
//! its formulas, and shows each of its views (a table, cards or a list,
//! sorted, limited and grouped) in the place the Markdown stage marked.
//!
//! Runs once every body is rendered, since a base reads every note's links
//! and inline tags. `this` is the note that shows the base. Problems are
//! at the base's file and line: YAML that cannot be read is an error; an
//! expression that cannot be parsed, a function or view type tend does
//! not know, and what is not part of a base are warnings, and the rest
//! still shows.

mod eval;
mod expr;
mod facts;
mod functions;
mod spec;
mod value;
mod view;

use std::collections::HashMap;

use jiff::Timestamp;
use rayon::prelude::*;

use crate::model::{BASE_END, BASE_START, BaseUse, Diagnostic, Location, Origin, Rendered, Site, line_column};
use eval::Scope;
use expr::Expr;
use spec::{Filter, Spec};
use value::{Value, sort_order};

/// The view types tend draws; another is drawn as a table, with a warning.
const VIEW_KINDS: [&str; 3] = ["table", "cards", "list"];

/// Whether any of `bodies` shows a base.
pub(crate) fn any(bodies: &[Rendered]) -> bool {
    bodies.iter().any(|b| !b.bases.is_empty())
}

/// Fills in the bases that `page_bodies` (the site's pages') and `others`
/// (folders' texts) show and have not shown yet, reading every page's
/// facts from `page_bodies`, as of `now`.
pub(crate) fn show(site: &Site, page_bodies: &mut [Rendered], others: &mut [Rendered], now: Timestamp) {
    if !any(page_bodies) && !any(others) {
        return;
    }
    let facts = facts::gather(site, &page_bodies.iter().collect::<Vec<_>>());
    let fill = |body: &mut Rendered| {
        for base in body.bases.clone() {
            if !body.html.contains(&base.markup) {
                continue;
            }
            let (html, problems) = one(site, &facts, &base, now);
            body.html = body.html.replacen(&base.markup, &html, 1);
            if !base.embedded {
                body.problems.extend(problems);
            }
        }
    };
    page_bodies.par_iter_mut().filter(|b| !b.bases.is_empty()).for_each(fill);
    others.par_iter_mut().filter(|b| !b.bases.is_empty()).for_each(fill);
}

/// The HTML of `base`, and its problems.
fn one(site: &Site, facts: &[facts::Facts], base: &BaseUse, now: Timestamp) -> (String, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let yaml: serde_json::Value = match serde_saphyr::from_str(&base.source) {
        Ok(yaml) => yaml,
        Err(err) => {
            let (line, column) = err.location().map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
            let at = Location::new(&base.at.file, base.at.line + line.max(1) - 1, column.max(1));
            let message = err.to_string();
            let first = message.lines().next().unwrap_or_default();
            problems.push(Diagnostic::error(format!("this base is not valid YAML: {first}")).at(at).hint(
                "a base is YAML: check the indentation, and quote expressions that hold `: ` or start with a quote",
            ));
            return (String::new(), problems);
        }
    };
    let (spec, odd) = spec::read(&yaml);
    for what in odd {
        problems.push(warning(base, base.at.line, format!("{what}; it is left out"), "see Obsidian's Bases syntax"));
    }
    let page = base.this.map(|i| &site.pages[i].source).unwrap_or(&base.at.file);
    let link = |text: &str| facts::link_to(site, Origin { source: page, page: base.this }, text);
    let name = |i: usize| facts[i].name.clone();
    let cx = functions::Context { facts, now, link: &link, name: &name };
    let formulas: HashMap<String, Expr> = spec
        .formulas
        .iter()
        .filter_map(|(key, text)| Some((key.clone(), parsed(text, base, &mut problems)?)))
        .collect();
    let scope = Scope::new(cx, formulas, base.this);
    let rows = matching(&scope, spec.filters.as_ref(), (0..site.pages.len()).collect(), base, &mut problems);
    let mut html = format!("{BASE_START}<div class=\"base\">\n");
    let mut views = if spec.views.is_empty() { vec![spec::View::default()] } else { spec.views.clone() };
    if let Some(wanted) = &base.view {
        // Named as written, or as a heading's link names it.
        let named = |v: &spec::View| {
            v.name
                .as_ref()
                .is_some_and(|n| n == wanted || crate::model::heading_slug(n) == crate::model::heading_slug(wanted))
        };
        if views.iter().any(named) {
            views.retain(named);
        } else {
            problems.push(warning(
                base,
                base.at.line,
                format!("this base has no view named `{wanted}`; every view is shown"),
                "name one of its views after `#`, as the base names it",
            ));
        }
    }
    let mut ids = Vec::new();
    for view in &views {
        let shown = Shown { rows: &rows, ids: &mut ids, problems: &mut problems };
        write_view(site, &scope, &spec, view, shown, base, &mut html);
    }
    html.push_str("</div>");
    html.push_str(BASE_END);
    html.push('\n');
    (html, problems)
}

/// What the views of one base share as they are written: the rows its
/// filters pass, the ids its headings took, its problems.
struct Shown<'a> {
    rows: &'a [usize],
    ids: &'a mut Vec<String>,
    problems: &'a mut Vec<Diagnostic>,
}

/// One view of `spec`: its own filters over the base's rows, sorted,
/// limited, grouped and written into `html`.
fn write_view(
    site: &Site,
    scope: &Scope,
    spec: &Spec,
    view: &spec::View,
    shown: Shown,
    base: &BaseUse,
    html: &mut String,
) {
    let Shown { rows, ids, problems } = shown;
    let kind = if view.kind.is_empty() { "table" } else { view.kind.as_str() };
    if !VIEW_KINDS.contains(&kind) {
        problems.push(warning(
            base,
            line_of(&base.source, kind, base.at.line),
            format!("tend does not draw `{kind}` views; this one is shown as a table"),
            "tend draws table, cards and list views",
        ));
    }
    let mut rows = matching(scope, view.filters.as_ref(), rows.to_vec(), base, problems);
    let name = |i: usize| (scope.cx.name)(i);
    rows.sort_by(|&a, &b| {
        for (property, descending) in &view.sort {
            let order = sort_order(&scope.property(property, a), &scope.property(property, b), &name);
            let order = if *descending { order.reverse() } else { order };
            if order.is_ne() {
                return order;
            }
        }
        std::cmp::Ordering::Equal
    });
    if let Some(limit) = view.limit {
        rows.truncate(limit);
    }
    let groups = grouped(scope, view.group_by.as_ref(), rows);
    let columns = if view.order.is_empty() { vec!["file.name".to_owned()] } else { view.order.clone() };
    for column in &columns {
        if let Some(formula) = column.strip_prefix("formula.")
            && !scope.formulas.contains_key(formula)
        {
            problems.push(warning(
                base,
                line_of(&base.source, column, base.at.line),
                format!("`{column}` names no formula of this base; its column is empty"),
                "add the formula under `formulas:`, or take the column off `order`",
            ));
        }
    }
    let headings: Vec<String> = columns.iter().map(|c| spec::heading(&spec.names, c)).collect();
    let label = view.name.clone().unwrap_or_else(|| site.config.locale.text("base_view", &[]));
    html.push_str("<section class=\"base-view\">\n");
    if base.whole_page {
        view_heading(site, &label, ids, html);
    } else if view.name.is_some() {
        html.push_str("<p class=\"base-view-title\">");
        let _ = pulldown_cmark_escape::escape_html(&mut *html, &label);
        html.push_str("</p>\n");
    }
    let writing = view::Writing {
        site,
        scope,
        columns: &columns,
        headings: &headings,
        groups: &groups,
        image: view.image.as_deref(),
        label: &label,
    };
    view::write(&writing, kind, html);
    html.push_str("</section>\n");
}

/// A view's name as a heading of the base's page, with its own link as
/// every heading of the theme has; its id is one `ids` has not given.
fn view_heading(site: &Site, label: &str, ids: &mut Vec<String>, html: &mut String) {
    let slug = crate::model::heading_slug(label);
    let mut id = format!("view-{slug}");
    let mut n = 1;
    while ids.contains(&id) {
        n += 1;
        id = format!("view-{slug}-{n}");
    }
    ids.push(id.clone());
    let jump = site.config.locale.text("jump_to", &[("title", label)]);
    let escape = |html: &mut String, text: &str| {
        let _ = pulldown_cmark_escape::escape_html(html, text);
    };
    html.push_str("<h2 id=\"");
    escape(html, &id);
    html.push_str("\" class=\"base-view-title\">");
    escape(html, label);
    crate::model::write_anchor(html, &id, &jump);
    html.push_str("</h2>\n");
}

/// `rows` grouped by `by` (a property, and descending): one unnamed group
/// when there is none.
fn grouped(scope: &Scope, by: Option<&(String, bool)>, rows: Vec<usize>) -> Vec<(Option<String>, Vec<usize>)> {
    let Some((property, descending)) = by else { return vec![(None, rows)] };
    let name = |i: usize| (scope.cx.name)(i);
    let mut groups: Vec<(Value, String, Vec<usize>)> = Vec::new();
    for row in rows {
        let value = scope.property(property, row);
        let label = value.text(&name);
        match groups.iter_mut().find(|(_, l, _)| *l == label) {
            Some((_, _, members)) => members.push(row),
            None => groups.push((value, label, vec![row])),
        }
    }
    groups.sort_by(|a, b| {
        let order = sort_order(&a.0, &b.0, &name);
        if *descending { order.reverse() } else { order }
    });
    groups.into_iter().map(|(_, label, members)| (Some(label), members)).collect()
}

/// The rows of `rows` that pass `filter`.
fn matching(
    scope: &Scope,
    filter: Option<&Filter>,
    rows: Vec<usize>,
    base: &BaseUse,
    problems: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let Some(filter) = filter else { return rows };
    let compiled = compile(filter, base, problems);
    rows.into_iter().filter(|&row| passes(scope, &compiled, row)).collect()
}

/// A filter with its expressions parsed (one that cannot be is false).
enum Compiled {
    All(Vec<Compiled>),
    Any(Vec<Compiled>),
    None(Vec<Compiled>),
    Test(Option<Expr>),
}

fn compile(filter: &Filter, base: &BaseUse, problems: &mut Vec<Diagnostic>) -> Compiled {
    let mut each = |parts: &[Filter]| parts.iter().map(|p| compile(p, base, problems)).collect();
    match filter {
        Filter::All(parts) => Compiled::All(each(parts)),
        Filter::Any(parts) => Compiled::Any(each(parts)),
        Filter::None(parts) => Compiled::None(each(parts)),
        Filter::Test(text) => Compiled::Test(parsed(text, base, problems)),
    }
}

fn passes(scope: &Scope, filter: &Compiled, row: usize) -> bool {
    match filter {
        Compiled::All(parts) => parts.iter().all(|p| passes(scope, p, row)),
        Compiled::Any(parts) => parts.iter().any(|p| passes(scope, p, row)),
        Compiled::None(parts) => !parts.iter().any(|p| passes(scope, p, row)),
        Compiled::Test(expr) => expr.as_ref().is_some_and(|e| scope.eval(e, row).truthy()),
    }
}

/// `text` parsed, or `None` with a warning at its place in the base; a
/// function or file property tend does not know is a warning too, and
/// empty where it is used.
fn parsed(text: &str, base: &BaseUse, problems: &mut Vec<Diagnostic>) -> Option<Expr> {
    match expr::parse(text) {
        Ok(expr) => {
            let mut unknown = Vec::new();
            unknown_names(&expr, &mut unknown);
            for name in unknown {
                problems.push(warning(
                    base,
                    line_of(&base.source, text, base.at.line),
                    format!("tend does not know `{name}`; it is empty here"),
                    "see the functions Obsidian's Bases documents; tend computes the common ones",
                ));
            }
            Some(expr)
        }
        Err(error) => {
            let (line, column) = match place_of(&base.source, text) {
                Some(at) => {
                    let (line, column) = line_column(&base.source, at + error.at);
                    (base.at.line + line - 1, column)
                }
                None => (base.at.line, 1),
            };
            problems.push(
                Diagnostic::warning(format!("cannot read the expression `{text}`: {}", error.message))
                    .at(Location::new(&base.at.file, line, column))
                    .hint("fix the expression; until then it is false in a filter and empty in a formula"),
            );
            None
        }
    }
}

/// The functions and file properties in `expr` that tend does not know.
fn unknown_names(expr: &Expr, found: &mut Vec<String>) {
    match expr {
        Expr::Call { name, receiver, args, .. } => {
            let known = match receiver {
                None => functions::GLOBALS.contains(&name.as_str()),
                Some(_) => functions::METHODS.contains(&name.as_str()),
            };
            if !known {
                let on = match receiver.as_deref() {
                    Some(Expr::Name(value)) => format!("{value}."),
                    Some(_) => ".".to_owned(),
                    None => String::new(),
                };
                found.push(format!("{on}{name}()"));
            }
            receiver.iter().for_each(|r| unknown_names(r, found));
            args.iter().for_each(|a| unknown_names(a, found));
        }
        Expr::Field(value, field) => {
            if matches!(&**value, Expr::Name(n) if n == "file") && !eval::FILE_FIELDS.contains(&field.as_str()) {
                found.push(format!("file.{field}"));
            }
            unknown_names(value, found);
        }
        Expr::Index(a, b) | Expr::Binary(_, a, b) => {
            unknown_names(a, found);
            unknown_names(b, found);
        }
        Expr::Unary(_, a) => unknown_names(a, found),
        Expr::List(items) => items.iter().for_each(|i| unknown_names(i, found)),
        _ => {}
    }
}

fn warning(base: &BaseUse, line: usize, message: String, hint: &str) -> Diagnostic {
    Diagnostic::warning(message).at(Location::new(&base.at.file, line, 1)).hint(hint.to_owned())
}

/// The line of the base's file on which `text` first appears, else
/// `first` (the base's first line).
fn line_of(source: &str, text: &str, first: usize) -> usize {
    place_of(source, text).map_or(first, |at| first + line_column(source, at).0 - 1)
}

/// Where the YAML `source` writes the value `text`: quoted, or alone after
/// a key or a dash, before the first mention anywhere (a longer
/// expression may hold it).
fn place_of(source: &str, text: &str) -> Option<usize> {
    for quote in ['\'', '"'] {
        if let Some(at) = source.find(&format!("{quote}{text}{quote}")) {
            return Some(at + 1);
        }
    }
    for before in [": ", "- "] {
        let whole = format!("{before}{text}");
        let mut from = 0;
        while let Some(at) = source[from..].find(&whole).map(|at| from + at) {
            let end = at + whole.len();
            if source[end..].starts_with('\n') || end == source.len() {
                return Some(at + before.len());
            }
            from = end;
        }
    }
    source.find(text)
}
