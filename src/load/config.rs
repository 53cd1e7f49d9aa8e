//! Reading `tend.toml`. The file is optional: a missing file gives the
//! defaults; a broken one is an error at its line and column.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::card_config::read_cards;
use super::deploy_config::read_deploy;
use super::front_matter::{toml_table_to_json, toml_to_json};
use super::image_config::read_images;
use super::meta::{suggest, unknown_setting};
use super::taxonomy_config::read_taxonomies;
use super::theme_config::read_theme;
use serde_json::Value;

use crate::model::{
    BaseUrl, BaseUrlError, CONFIG_FILE, Config, Diagnostic, Location, MARKDOWN_SETTINGS, MenuEntry, RawHtml,
    SITE_SETTINGS, SeriesConfig, keys,
};

/// The first line at or after `from` (0-based) that sets `key`, else 1.
pub(super) fn line_of(text: &str, from: usize, key: &str) -> usize {
    text.lines()
        .enumerate()
        .skip(from)
        .position(|(_, l)| {
            let l = l.trim_start_matches('[').trim_start();
            l.starts_with(key) || l.starts_with(&format!("\"{key}"))
        })
        .map_or(1, |i| i + from + 1)
}

/// The 1-based lines that are exactly `header` (`[[menu]]`).
pub(super) fn header_lines(text: &str, header: &str) -> Vec<usize> {
    text.lines().enumerate().filter(|(_, l)| l.trim() == header).map(|(i, _)| i + 1).collect()
}

/// The configuration `table` of the `tend.toml` whose text is `text` sets;
/// `line_of` finds a key's line, `menu_lines` the `[[menu]]` entries'.
pub(super) fn read_table(
    table: toml::Table,
    text: &str,
    line_of: &dyn Fn(&str) -> usize,
    menu_lines: &[usize],
) -> (Config, Vec<Diagnostic>) {
    let file = Path::new(CONFIG_FILE);
    let at = |key: &str| Location::new(file, line_of(key), 1).with_source(text);
    let known = keys(SITE_SETTINGS);
    let mut unknown = table.clone();
    unknown.retain(|key, _| !known.contains(&key));
    // Every field is an `Option<Field<_>>`, which cannot fail: a value of
    // the wrong type is reported below, at its line.
    let raw = RawConfig::deserialize(toml::Value::Table(table)).unwrap_or_default();
    let (mut config, mut problems) = checked(raw, &at, line_of, menu_lines);
    for (key, value) in toml_table_to_json(unknown) {
        if let Some(suggestion) = suggest(&key, &known) {
            problems.push(
                Diagnostic::warning(format!("unknown setting `{key}` in {CONFIG_FILE}"))
                    .at(at(&key))
                    .hint(format!("did you mean `{suggestion}`?")),
            );
        }
        config.extra.insert(key, value);
    }
    if config.language != "en" {
        config.locale = std::sync::Arc::new(crate::model::Locale::new(&config.language, Default::default()));
    }
    (config, problems)
}

/// `tend.toml` as written: every setting of [`SITE_SETTINGS`], each a
/// value of its type or a value of the wrong type, which [`checked`]
/// reports. Keys that are not settings are read apart, for `extra`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct RawConfig {
    title: Option<Field<String>>,
    description: Option<Field<String>>,
    base_url: Option<Field<String>>,
    author: Option<Field<String>>,
    language: Option<Field<String>>,
    paginate_by: Option<Field<u64>>,
    feed_limit: Option<Field<u64>>,
    feeds: Option<Field<bool>>,
    hover_previews: Option<Field<bool>>,
    highlight: Option<Field<bool>>,
    search: Option<Field<bool>>,
    toc: Option<Field<bool>>,
    mark_external_links: Option<Field<bool>>,
    copy_button: Option<Field<bool>>,
    shared_garden: Option<Field<bool>>,
    images: Option<toml::Value>,
    markdown: Option<toml::Value>,
    menu: Option<toml::Value>,
    theme: Option<toml::Value>,
    series: Option<Field<toml::Table>>,
    taxonomies: Option<toml::Value>,
    deploy: Option<toml::Value>,
    cards: Option<toml::Value>,
    extra: Option<Field<toml::Table>>,
    home: Option<Field<String>>,
    languages: Option<toml::Value>,
}

/// A setting's value: of the type it must have, or not.
#[derive(Debug)]
enum Field<T> {
    Right(T),
    Wrong,
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Field<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A date is read as the text it was written as, as in `extra`.
        let value = match toml::Value::deserialize(deserializer)? {
            toml::Value::Datetime(date) => toml::Value::String(date.to_string()),
            value => value,
        };
        Ok(T::deserialize(value).map_or(Field::Wrong, Field::Right))
    }
}

impl<T> Serialize for Field<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

/// The checked configuration of `raw`, every setting of the wrong type an
/// error at its line (`at`) that keeps the default.
fn checked(
    raw: RawConfig,
    at: &dyn Fn(&str) -> Location,
    line_of: &dyn Fn(&str) -> usize,
    menu_lines: &[usize],
) -> (Config, Vec<Diagnostic>) {
    let RawConfig {
        title,
        description,
        base_url,
        author,
        language,
        paginate_by,
        feed_limit,
        feeds,
        hover_previews,
        highlight,
        search,
        toc,
        mark_external_links,
        copy_button,
        shared_garden,
        images,
        markdown,
        menu,
        theme,
        series,
        taxonomies,
        deploy,
        cards,
        extra,
        home,
        languages: _,
    } = raw;
    let mut problems = Vec::new();
    let mut config = Config::default();
    let mut text = |key: &str, field: Option<Field<String>>| read_text(key, field, at, &mut problems);
    for (slot, key, field) in [
        (&mut config.title, "title", title),
        (&mut config.description, "description", description),
        (&mut config.author, "author", author),
        (&mut config.language, "language", language),
    ] {
        *slot = text(key, field).unwrap_or(std::mem::take(slot));
    }
    config.home = text("home", home).filter(|name| !name.trim().is_empty()).map(|n| (n, line_of("home")));
    if let Some(url) = text("base_url", base_url)
        && let Err(error) = set_base_url(&mut config, &url)
    {
        problems.push(
            Diagnostic::error(error.to_string())
                .at(at("base_url"))
                .hint("write the address the site is served from, e.g. base_url = \"https://example.org/blog/\""),
        );
    }
    let counts =
        [("paginate_by", &mut config.paginate_by, paginate_by), ("feed_limit", &mut config.feed_limit, feed_limit)];
    read_counts(counts, at, &mut problems);
    let switches = [
        ("hover_previews", &mut config.hover_previews, hover_previews),
        ("highlight", &mut config.highlight, highlight),
        ("search", &mut config.search, search),
        ("feeds", &mut config.feeds, feeds),
        ("toc", &mut config.toc, toc),
        ("mark_external_links", &mut config.mark_external_links, mark_external_links),
        ("copy_button", &mut config.copy_button, copy_button),
        ("shared_garden", &mut config.shared_garden, shared_garden),
    ];
    read_switches(switches, at, &mut problems);
    let tables = Tables { images, theme, menu, markdown, taxonomies, deploy, cards };
    read_tables(tables, &mut config, at, menu_lines, &mut problems);
    read_series(series, &mut config, at, &mut problems);
    if let Some(Field::Right(extra)) = extra {
        config.extra.extend(toml_table_to_json(extra));
    }
    (config, problems)
}

/// The `[[menu]]` entries: each a name and a URL, with a weight; an entry
/// with a problem is left out, with an error at its line (`lines`, one per
/// `[[menu]]` header, else the `menu` key's).
fn read_menu(
    value: Value,
    at: &dyn Fn(&str) -> Location,
    lines: &[usize],
    problems: &mut Vec<Diagnostic>,
) -> Vec<MenuEntry> {
    let menu_at = at("menu");
    let Value::Array(items) = value else {
        problems.push(
            Diagnostic::error(format!("`menu` in {CONFIG_FILE} must be a list of entries"))
                .at(menu_at)
                .hint("write each entry as [[menu]] with name = \"…\" and url = \"…\" under it"),
        );
        return Vec::new();
    };
    let mut entries = Vec::new();
    for (n, item) in items.into_iter().enumerate() {
        let line = lines.get(n).copied().unwrap_or(menu_at.line);
        let location = Location { line, ..menu_at.clone() };
        let bad = |what: &str| {
            Diagnostic::error(format!("menu entry {} in {CONFIG_FILE} {what}", n + 1)).at(location.clone()).hint(
                "write e.g. [[menu]] name = \"About\" url = \"/about/\" (a site path, a content file or a full URL)",
            )
        };
        let Value::Object(mut table) = item else {
            problems.push(bad("is not a table"));
            continue;
        };
        let text = |value: Option<Value>| value.and_then(|v| v.as_str().map(str::trim).map(str::to_owned));
        let (name, url) = (text(table.remove("name")), text(table.remove("url")));
        let weight = match table.remove("weight") {
            None => Some(0),
            Some(w) => w.as_i64(),
        };
        match (name, url, weight) {
            (Some(name), Some(url), Some(weight)) if !name.is_empty() && !url.is_empty() => {
                entries.push(MenuEntry { name, url, weight, line });
            }
            (None, ..) | (Some(_), None, _) => problems.push(bad("needs a `name` and a `url`, each text")),
            (_, _, None) => problems.push(bad("has a `weight` that is not a whole number")),
            _ => problems.push(bad("has an empty `name` or `url`")),
        }
        for key in table.keys() {
            problems.push(
                Diagnostic::warning(format!("unknown setting `{key}` in menu entry {} of {CONFIG_FILE}", n + 1))
                    .at(location.clone())
                    .hint("a menu entry knows `name`, `url` and `weight`"),
            );
        }
    }
    entries.sort_by_key(|entry| entry.weight);
    entries
}

/// The `[markdown]` table: the raw HTML mode, else an error that keeps the
/// default; an unknown key is a warning.
fn read_markdown(value: Value, at: &dyn Fn(&str) -> Location, problems: &mut Vec<Diagnostic>) -> RawHtml {
    let Value::Object(mut table) = value else {
        problems.push(
            Diagnostic::error(format!("`markdown` in {CONFIG_FILE} must be a table"))
                .at(at("markdown"))
                .hint("write [markdown] on a line of its own, and under it e.g. raw_html = \"sanitize\""),
        );
        return RawHtml::default();
    };
    let names = RawHtml::NAMES.map(|(name, _)| format!("\"{name}\"")).join(", ");
    let mode = match table.remove("raw_html") {
        None => RawHtml::default(),
        Some(value) => match RawHtml::NAMES.iter().find(|(name, _)| value.as_str() == Some(name)) {
            Some((_, mode)) => *mode,
            None => {
                problems.push(
                    Diagnostic::error(format!("`raw_html` in [markdown] of {CONFIG_FILE} must be one of {names}"))
                        .at(at("raw_html"))
                        .hint("allow keeps your HTML, sanitize keeps only what is safe, escape shows it as text"),
                );
                RawHtml::default()
            }
        },
    };
    problems.extend(table.keys().map(|key| unknown_setting("[markdown]", key, MARKDOWN_SETTINGS, at)));
    mode
}

/// The settings that are tables of their own, as written.
struct Tables {
    images: Option<toml::Value>,
    theme: Option<toml::Value>,
    menu: Option<toml::Value>,
    markdown: Option<toml::Value>,
    taxonomies: Option<toml::Value>,
    deploy: Option<toml::Value>,
    cards: Option<toml::Value>,
}

/// Reads `[images]`, `[theme]`, `[[menu]]`, `[markdown]`, `[taxonomies]`,
/// `[cards]` and `[deploy]` into `config`.
fn read_tables(
    tables: Tables,
    config: &mut Config,
    at: &dyn Fn(&str) -> Location,
    menu_lines: &[usize],
    problems: &mut Vec<Diagnostic>,
) {
    let Tables { images, theme, menu, markdown, taxonomies, deploy, cards } = tables;
    if let Some(cards) = cards {
        let (cards, found) = read_cards(toml_to_json(cards), at);
        config.cards = cards;
        problems.extend(found);
    }
    if let Some(deploy) = deploy {
        let (deploy, found) = read_deploy(toml_to_json(deploy), at);
        config.deploy = deploy;
        problems.extend(found);
    }
    if let Some(taxonomies) = taxonomies {
        let (taxonomies, found) = read_taxonomies(toml_to_json(taxonomies), at);
        config.taxonomies = taxonomies;
        problems.extend(found);
    }
    if let Some(images) = images {
        let (images, found) = read_images(toml_to_json(images), at);
        config.images = images;
        problems.extend(found);
    }
    if let Some(theme) = theme {
        let (theme, found) = read_theme(toml_to_json(theme), at);
        config.theme = theme;
        problems.extend(found);
    }
    if let Some(menu) = menu {
        config.menu = read_menu(toml_to_json(menu), at, menu_lines, problems);
    }
    if let Some(markdown) = markdown {
        config.raw_html = read_markdown(toml_to_json(markdown), at, problems);
    }
}

/// A text setting, or an error that keeps the default.
fn read_text(
    key: &str,
    field: Option<Field<String>>,
    at: &dyn Fn(&str) -> Location,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    match field? {
        Field::Right(value) => Some(value),
        Field::Wrong => {
            problems.push(
                Diagnostic::error(format!("`{key}` in {CONFIG_FILE} must be text"))
                    .at(at(key))
                    .hint(format!("write it as {key} = \"…\"")),
            );
            None
        }
    }
}

/// Whole-number settings: each a positive number, else an error that
/// keeps the default.
fn read_counts<const N: usize>(
    counts: [(&str, &mut usize, Option<Field<u64>>); N],
    at: &dyn Fn(&str) -> Location,
    problems: &mut Vec<Diagnostic>,
) {
    for (key, slot, field) in counts {
        match field {
            None => {}
            Some(Field::Right(n)) if n > 0 => *slot = usize::try_from(n).unwrap_or(usize::MAX),
            Some(_) => problems.push(
                Diagnostic::error(format!("`{key}` in {CONFIG_FILE} must be a positive whole number"))
                    .at(at(key))
                    .hint(format!("write e.g. {key} = 20")),
            ),
        }
    }
}

/// On-or-off settings: each `true` or `false`, else an error that keeps
/// the default.
fn read_switches<const N: usize>(
    switches: [(&str, &mut bool, Option<Field<bool>>); N],
    at: &dyn Fn(&str) -> Location,
    problems: &mut Vec<Diagnostic>,
) {
    for (key, slot, field) in switches {
        match field {
            None => {}
            Some(Field::Right(on)) => *slot = on,
            Some(Field::Wrong) => problems.push(
                Diagnostic::error(format!("`{key}` in {CONFIG_FILE} must be true or false"))
                    .at(at(key))
                    .hint(format!("write {key} = true or {key} = false")),
            ),
        }
    }
}

/// The `[series."name"]` tables: each one's `title`, `closing` and
/// `description` when they are text.
fn read_series(
    series: Option<Field<toml::Table>>,
    config: &mut Config,
    at: &dyn Fn(&str) -> Location,
    problems: &mut Vec<Diagnostic>,
) {
    let series = match series {
        None => return,
        Some(Field::Right(series)) => series,
        Some(Field::Wrong) => {
            problems.push(
                Diagnostic::error(format!("`series` in {CONFIG_FILE} must be tables of series"))
                    .at(at("series"))
                    .hint("write [series.\"name\"] with title = \"…\" and closing = \"…\""),
            );
            return;
        }
    };
    for (name, value) in series {
        let toml::Value::Table(mut fields) = value else {
            problems.push(
                Diagnostic::error(format!("series `{name}` in {CONFIG_FILE} must be a table"))
                    .at(at("series"))
                    .hint(format!("write [series.\"{name}\"] and under it title = \"…\" and closing = \"…\"")),
            );
            continue;
        };
        let mut take = |k: &str| match fields.remove(k) {
            Some(toml::Value::String(s)) => Some(s),
            _ => None,
        };
        let described =
            SeriesConfig { title: take("title"), closing: take("closing"), description: take("description") };
        config.series.insert(name, described);
    }
}

/// Sets `base_url` and the path part derived from it. Accepts an absolute
/// `http(s)://` URL or a path starting with `/`.
pub fn set_base_url(config: &mut Config, url: &str) -> Result<(), BaseUrlError> {
    config.base = BaseUrl::parse(url)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{RawConfig, set_base_url};
    use crate::model::{Config, SITE_SETTINGS, keys};

    /// The settings reference lists exactly the settings `RawConfig` reads.
    #[test]
    fn raw_config_reads_the_listed_settings() {
        let fields = serde_json::to_value(RawConfig::default()).expect("serialise");
        let mut read: Vec<&str> = fields.as_object().expect("a map").keys().map(String::as_str).collect();
        let mut listed = keys(SITE_SETTINGS);
        read.sort_unstable();
        listed.sort_unstable();
        assert_eq!(read, listed);
    }

    #[test]
    fn base_url_gives_base_path() {
        let mut c = Config::default();
        set_base_url(&mut c, "https://example.org/blog").expect("valid");
        assert_eq!(c.base.url, "https://example.org/blog/");
        assert_eq!(c.base.path, "/blog/");
        set_base_url(&mut c, "https://example.org").expect("valid");
        assert_eq!(c.base.path, "/");
        set_base_url(&mut c, "/sub/").expect("valid");
        assert_eq!((c.base.url.as_str(), c.base.path.as_str()), ("", "/sub/"));
        assert!(set_base_url(&mut c, "example.org").is_err());
        assert!(set_base_url(&mut c, "https://x.org/../up").is_err());
    }
}
