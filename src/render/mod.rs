//! Stage 4, render templates: every page, section, the home page and the 404
//! page through the theme's Jinja templates (minijinja), in parallel.
//!
//! Templates are compiled once and shared by all threads. A template problem
//! names the template file and line; identical problems from many pages are
//! reported once.

mod theme;
mod view;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior, Value, context};
use rayon::prelude::{IndexedParallelIterator, IntoParallelRefIterator, ParallelIterator};

use crate::markdown::{Rendered, heading_slug, smarten};
use crate::model::{Diagnostic, Location, OutputFile, Site, slugify};
pub use theme::{ASSETS, TEMPLATES};
use view::{Link, PageSummary, PageView, SectionView, SeriesView, SiteView};

/// The folder of template overrides under the site root.
pub const TEMPLATES_DIR: &str = "templates";

/// Compiled templates: the site's overrides, then the built-in theme.
pub struct Theme {
    env: Environment<'static>,
    overrides: BTreeSet<String>,
}

impl Theme {
    /// Compiles every template the site will use; returns the theme and a
    /// problem for each template that does not compile.
    pub fn load(root: &Path) -> (Theme, Vec<Diagnostic>) {
        let dir = root.join(TEMPLATES_DIR);
        let overrides = list_overrides(&dir);
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        let syntax = SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build();
        if let Ok(syntax) = syntax {
            env.set_syntax(syntax);
        }
        let loader_dir = dir.clone();
        env.set_loader(move |name| load_template(&loader_dir, name));
        env.set_formatter(escape_html_value);
        env.add_filter("date", format_date);
        env.add_filter("slugify", |s: &str| slugify(s));
        env.add_filter("truncate", truncate);
        let theme = Theme { env, overrides };
        let names: BTreeSet<&str> = TEMPLATES
            .iter()
            .map(|(n, _)| *n)
            .chain(theme.overrides.iter().map(String::as_str))
            .collect();
        let problems = names
            .into_iter()
            .filter_map(|name| theme.env.get_template(name).err())
            .map(|err| theme.problem(&err))
            .collect();
        (theme, problems)
    }

    fn render(&self, name: &str, ctx: Value) -> Result<String, Diagnostic> {
        let template = self.env.get_template(name).map_err(|e| self.problem(&e))?;
        template.render(ctx).map_err(|e| self.problem(&e))
    }

    /// A diagnostic for a template error, located in the template file.
    fn problem(&self, err: &minijinja::Error) -> Diagnostic {
        let mut inner = err;
        let mut source = std::error::Error::source(err);
        while let Some(next) = source {
            if let Some(e) = next.downcast_ref::<minijinja::Error>()
                && e.name().is_some()
            {
                inner = e;
            }
            source = next.source();
        }
        let name = inner.name().unwrap_or("?");
        let file = if self.overrides.contains(name) {
            Path::new(TEMPLATES_DIR).join(name)
        } else {
            Path::new("(built-in theme)").join(TEMPLATES_DIR).join(name)
        };
        let what = match inner.detail() {
            Some(detail) => format!("{}: {detail}", inner.kind()),
            None => inner.kind().to_string(),
        };
        let mut location = Location::new(file, inner.line().unwrap_or(1), 1);
        if let Some(source) = inner.template_source() {
            location = location.with_source(source);
            if let Some(range) = inner.range() {
                let (_, column) = crate::load::line_column(source, range.start);
                location.column = column;
                location.width = source.get(range).map_or(1, |s| s.chars().count());
            }
        }
        let hint = match inner.kind() {
            ErrorKind::TemplateNotFound => {
                "create the template in templates/, or fix the name".to_owned()
            }
            ErrorKind::UndefinedError => {
                "check the variable's spelling; use `{% if x is defined %}` for optional values"
                    .to_owned()
            }
            ErrorKind::SyntaxError => {
                "check the tag's syntax: blocks are `{% … %}`, values `{{ … }}`".to_owned()
            }
            _ => "fix the template, or delete it to use the built-in one".to_owned(),
        };
        Diagnostic::error(format!("template error: {what}"))
            .at(location)
            .hint(hint)
    }
}

fn list_overrides(dir: &Path) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .require_git(false)
        .build();
    for entry in walker.flatten() {
        if entry.file_type().is_some_and(|t| t.is_file())
            && let Ok(relative) = entry.path().strip_prefix(dir)
            && let Some(name) = relative.to_str()
        {
            names.insert(name.replace('\\', "/"));
        }
    }
    names
}

fn load_template(dir: &Path, name: &str) -> Result<Option<String>, minijinja::Error> {
    let safe = !name.is_empty()
        && !name.starts_with('/')
        && name
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
        && !name.contains('\\');
    if safe {
        let path = dir.join(name);
        if path.is_file() {
            return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                minijinja::Error::new(
                    ErrorKind::InvalidOperation,
                    format!("cannot read {}: {e}", path.display()),
                )
            });
        }
    }
    Ok(theme::builtin_template(name).map(str::to_owned))
}

/// Escapes like HTML needs and no more: `&`, `<`, `>`, `"` and `'`. (The
/// default also escapes `/`, which makes every URL in an attribute
/// unreadable.)
fn escape_html_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if *state.auto_escape() == AutoEscape::Html
        && !value.is_safe()
        && !value.is_undefined()
        && !value.is_none()
    {
        let text = value.to_string();
        let mut escaped = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            match c {
                '&' => escaped.push_str("&amp;"),
                '<' => escaped.push_str("&lt;"),
                '>' => escaped.push_str("&gt;"),
                '"' => escaped.push_str("&quot;"),
                '\'' => escaped.push_str("&#39;"),
                c => escaped.push(c),
            }
        }
        return std::fmt::Write::write_str(out, &escaped)
            .map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string()));
    }
    minijinja::escape_formatter(out, state, value)
}

/// Shortens text to at most `length` characters, cutting at a word boundary
/// and ending with an ellipsis.
fn truncate(text: &str, length: Option<usize>) -> String {
    let length = length.unwrap_or(255);
    if text.chars().count() <= length {
        return text.to_owned();
    }
    let cut: String = text.chars().take(length.saturating_sub(1)).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
    )
}

fn format_date(value: &str, format: Option<&str>) -> Result<String, minijinja::Error> {
    let date = crate::load::parse_date(value).ok_or_else(|| {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("`{value}` is not a date"),
        )
    })?;
    let format = format.unwrap_or("%B %-d, %Y");
    jiff::fmt::strtime::format(format, date.day)
        .map_err(|e| minijinja::Error::new(ErrorKind::InvalidOperation, e.to_string()))
}

/// The fingerprinted theme assets: (file name in the output root, contents).
pub fn theme_assets() -> Vec<(String, &'static str)> {
    ASSETS
        .iter()
        .map(|(name, contents)| (fingerprinted_name(name, contents), *contents))
        .collect()
}

fn fingerprinted_name(name: &str, contents: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(contents.as_bytes());
    let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    }
}

/// Rendered Markdown of every page and section, by index.
pub struct Bodies<'a> {
    /// One per page, same order as `Site::pages`.
    pub pages: &'a [Rendered],
    /// One per section, same order as `Site::sections`.
    pub sections: &'a [Rendered],
}

/// Renders every page of the site into output files.
pub fn render_site(
    theme: &Theme,
    site: &Site,
    bodies: &Bodies,
    style_file: &str,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let site_view = site_view(site, style_file);
    let site_value = Value::from(Serde(&site_view));
    let mut results: Vec<Result<OutputFile, Diagnostic>> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, _)| render_page(theme, site, bodies, i, &site_value))
        .collect();
    results.extend(
        (0..site.sections.len())
            .collect::<Vec<_>>()
            .par_iter()
            .map(|&i| render_section(theme, site, bodies, i, &site_value))
            .collect::<Vec<_>>(),
    );
    results.push(
        theme
            .render(
                "404.html",
                context! { site => site_value.clone(), current_url => "" },
            )
            .map(|contents| OutputFile {
                path: PathBuf::from("404.html"),
                contents,
            }),
    );
    let mut files = Vec::with_capacity(results.len());
    let mut problems: Vec<Diagnostic> = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(problem) if !problems.contains(&problem) => problems.push(problem),
            Err(_) => {}
        }
    }
    (files, problems)
}

fn site_view<'a>(site: &'a Site, style_file: &str) -> SiteView<'a> {
    let root = &site.sections[0];
    let mut menu: Vec<Link> = root
        .subsections
        .iter()
        .map(|&i| view::section_link(site, &site.sections[i]))
        .collect();
    menu.extend(root.pages.iter().map(|&i| {
        let page = &site.pages[i];
        Link {
            title: smarten(&page.title),
            url: view::url(site, &page.path),
        }
    }));
    let config = &site.config;
    SiteView {
        title: &config.title,
        description: &config.description,
        author: &config.author,
        language: &config.language,
        base_url: &config.base_url,
        base_path: &config.base_path,
        style_url: view::url(site, style_file),
        menu,
        extra: &config.extra,
    }
}

fn render_page(
    theme: &Theme,
    site: &Site,
    bodies: &Bodies,
    index: usize,
    site_value: &Value,
) -> Result<OutputFile, Diagnostic> {
    let page = &site.pages[index];
    let body = &bodies.pages[index];
    let (date, date_display) = view::date_strings(page.date);
    let (updated, updated_display) = view::date_strings(page.meta.updated);
    let url = view::url(site, &page.path);
    let series = page.meta.series.as_deref().map(|name| {
        let described = site.config.series.get(name);
        SeriesView {
            name,
            title: described.and_then(|s| s.title.as_deref()).unwrap_or(name),
            closing: described.and_then(|s| s.closing.as_deref()),
        }
    });
    let view = PageView {
        title: smarten(&page.title),
        title_id: title_id(&page.title),
        permalink: permalink(site, &page.path),
        url: url.clone(),
        date,
        date_display,
        updated,
        updated_display,
        description: page.meta.description.as_deref().map(smarten),
        tags: &page.meta.tags,
        series,
        content: &body.html,
        toc: &body.toc,
        show_toc: page.meta.toc.unwrap_or(false) && !body.toc.is_empty(),
        words: body.words,
        reading_minutes: view::reading_minutes(body.words),
        summary: view::page_summary(page, body),
        status: page.meta.status.map(|s| s.as_str()),
        cssclasses: &page.meta.cssclasses,
        image: page.meta.image.as_deref(),
        draft: page.meta.draft,
        section: view::section_link(site, &site.sections[page.section]),
        extra: &page.meta.extra,
        source: page.source.display().to_string(),
    };
    let template = page.meta.template.as_deref().unwrap_or("page.html");
    let ctx = context! { site => site_value.clone(), page => Value::from(Serde(&view)), current_url => url };
    let contents = theme
        .render(template, ctx)
        .map_err(|p| attribute(p, &page.source, page.meta.line_of("template")))?;
    Ok(OutputFile {
        path: PathBuf::from(&page.path).join("index.html"),
        contents,
    })
}

/// When the template itself is missing, the page that asked for it is the
/// place to fix.
fn attribute(problem: Diagnostic, source: &Path, line: usize) -> Diagnostic {
    if problem.message.contains("template not found") {
        let message = problem.message.clone();
        Diagnostic {
            location: Some(Box::new(Location::new(source, line, 1))),
            message,
            ..problem
        }
    } else {
        problem
    }
}

fn render_section(
    theme: &Theme,
    site: &Site,
    bodies: &Bodies,
    index: usize,
    site_value: &Value,
) -> Result<OutputFile, Diagnostic> {
    let section = &site.sections[index];
    let is_home = index == 0;
    let title = if is_home && section.meta.title.is_none() {
        site.config.title.as_str()
    } else {
        section.title.as_str()
    };
    let listed: &[usize] = if is_home {
        &site.recent[..site.recent.len().min(site.config.home_recent)]
    } else {
        &section.pages
    };
    let pages = listed
        .iter()
        .map(|&i| {
            PageSummary::new(
                &site.pages[i],
                &bodies.pages[i],
                view::url(site, &site.pages[i].path),
            )
        })
        .collect();
    let url = view::url(site, &section.path);
    let description =
        section
            .meta
            .description
            .as_deref()
            .or(if is_home && !site.config.description.is_empty() {
                Some(site.config.description.as_str())
            } else {
                None
            });
    let view = SectionView {
        title: smarten(title),
        title_id: title_id(title),
        description: description.map(smarten),
        url: url.clone(),
        content: &bodies.sections[index].html,
        pages,
        subsections: section
            .subsections
            .iter()
            .map(|&i| view::section_link(site, &site.sections[i]))
            .collect(),
        extra: &section.meta.extra,
    };
    let default = if is_home { "home.html" } else { "section.html" };
    let template = section.meta.template.as_deref().unwrap_or(default);
    let ctx = context! { site => site_value.clone(), section => Value::from(Serde(&view)), current_url => url };
    let contents = theme.render(template, ctx)?;
    Ok(OutputFile {
        path: PathBuf::from(&section.path).join("index.html"),
        contents,
    })
}

/// The id of a page's title `h1`; the Markdown renderer reserves it.
pub fn title_id(title: &str) -> String {
    let slug = heading_slug(title);
    if slug.is_empty() {
        "title".to_owned()
    } else {
        slug
    }
}

fn permalink(site: &Site, path: &str) -> String {
    if site.config.base_url.is_empty() {
        view::url(site, path)
    } else {
        format!("{}{}", site.config.base_url, path)
    }
}
