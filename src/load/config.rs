//! Reading `tend.toml`. The file is optional: a missing file gives the
//! defaults; a broken one is an error at its line and column.

use std::path::Path;

use serde_json::Value;

use super::front_matter::toml_table_to_json;
use super::image_config::read_images;
use super::meta::suggest;
use crate::model::{
    BaseUrl, BaseUrlError, CONFIG_FILE, Config, Diagnostic, Location, SITE_SETTINGS, SeriesConfig, keys, line_column,
};

/// Reads and checks `tend.toml` in `root`.
pub fn load_config(root: &Path) -> (Config, Vec<Diagnostic>) {
    let path = root.join(CONFIG_FILE);
    let file = Path::new(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return (Config::default(), Vec::new());
        }
        Err(e) => {
            let problem = Diagnostic::error(format!("cannot read {CONFIG_FILE}: {e}")).at(Location::new(file, 1, 1));
            return (Config::default(), vec![problem]);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let table = match text.parse::<toml::Table>() {
        Ok(table) => table,
        Err(err) => {
            let (line, column) = err.span().map_or((1, 1), |s| line_column(text, s.start));
            let problem = Diagnostic::error(format!(
                "{CONFIG_FILE} is not valid TOML: {}",
                err.message().lines().next().unwrap_or_default()
            ))
            .at(Location::new(file, line, column).with_source(text))
            .hint("settings are `key = \"value\"` lines, e.g. title = \"My Garden\"");
            return (Config::default(), vec![problem]);
        }
    };
    let line_of = |key: &str| {
        text.lines()
            .position(|l| {
                let l = l.trim_start_matches('[').trim_start();
                l.starts_with(key) || l.starts_with(&format!("\"{key}"))
            })
            .map_or(1, |i| i + 1)
    };
    let at = |key: &str| Location::new(file, line_of(key), 1).with_source(text);
    let mut problems = Vec::new();
    let mut map = toml_table_to_json(table);
    let mut config = Config::default();
    let text_value =
        |map: &mut serde_json::Map<String, Value>, key: &str, problems: &mut Vec<Diagnostic>| match map.remove(key) {
            None => None,
            Some(Value::String(s)) => Some(s),
            Some(_) => {
                problems.push(
                    Diagnostic::error(format!("`{key}` in {CONFIG_FILE} must be text"))
                        .at(at(key))
                        .hint(format!("write it as {key} = \"…\"")),
                );
                None
            }
        };
    if let Some(v) = text_value(&mut map, "title", &mut problems) {
        config.title = v;
    }
    if let Some(v) = text_value(&mut map, "description", &mut problems) {
        config.description = v;
    }
    if let Some(v) = text_value(&mut map, "author", &mut problems) {
        config.author = v;
    }
    if let Some(v) = text_value(&mut map, "language", &mut problems) {
        config.language = v;
    }
    config.home = text_value(&mut map, "home", &mut problems)
        .filter(|name| !name.trim().is_empty())
        .map(|n| (n, line_of("home")));
    if let Some(v) = text_value(&mut map, "base_url", &mut problems) {
        match set_base_url(&mut config, &v) {
            Ok(()) => {}
            Err(error) => problems.push(
                Diagnostic::error(error.to_string())
                    .at(at("base_url"))
                    .hint("write the address the site is served from, e.g. base_url = \"https://example.org/blog/\""),
            ),
        }
    }
    for (key, slot) in [("paginate_by", &mut config.paginate_by), ("feed_limit", &mut config.feed_limit)] {
        match map.remove(key) {
            None => {}
            Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n > 0) => {
                *slot = usize::try_from(n.as_u64().unwrap_or(1)).unwrap_or(usize::MAX);
            }
            Some(_) => problems.push(
                Diagnostic::error(format!("`{key}` in {CONFIG_FILE} must be a positive whole number"))
                    .at(at(key))
                    .hint(format!("write e.g. {key} = 20")),
            ),
        }
    }
    for (key, slot) in [
        ("hover_previews", &mut config.hover_previews),
        ("highlight", &mut config.highlight),
        ("search", &mut config.search),
        ("feeds", &mut config.feeds),
        ("toc", &mut config.toc),
        ("mark_external_links", &mut config.mark_external_links),
        ("copy_button", &mut config.copy_button),
    ] {
        match map.remove(key) {
            None => {}
            Some(Value::Bool(on)) => *slot = on,
            Some(_) => problems.push(
                Diagnostic::error(format!("`{key}` in {CONFIG_FILE} must be true or false"))
                    .at(at(key))
                    .hint(format!("write {key} = true or {key} = false")),
            ),
        }
    }
    if let Some(images) = map.remove("images") {
        let (images, found) = read_images(images, &at);
        config.images = images;
        problems.extend(found);
    }
    match map.remove("series") {
        None => {}
        Some(Value::Object(series)) => {
            for (name, value) in series {
                let Value::Object(mut fields) = value else {
                    problems.push(
                        Diagnostic::error(format!("series `{name}` in {CONFIG_FILE} must be a table"))
                            .at(at("series"))
                            .hint(format!("write [series.\"{name}\"] and under it title = \"…\" and closing = \"…\"")),
                    );
                    continue;
                };
                let mut take = |k: &str| match fields.remove(k) {
                    Some(Value::String(s)) => Some(s),
                    _ => None,
                };
                let described =
                    SeriesConfig { title: take("title"), closing: take("closing"), description: take("description") };
                config.series.insert(name, described);
            }
        }
        Some(_) => problems.push(
            Diagnostic::error(format!("`series` in {CONFIG_FILE} must be tables of series"))
                .at(at("series"))
                .hint("write [series.\"name\"] with title = \"…\" and closing = \"…\""),
        ),
    }
    if let Some(Value::Object(extra)) = map.remove("extra") {
        config.extra.extend(extra);
    }
    for (key, value) in map {
        if let Some(suggestion) = suggest(&key, &keys(SITE_SETTINGS)) {
            problems.push(
                Diagnostic::warning(format!("unknown setting `{key}` in {CONFIG_FILE}"))
                    .at(at(&key))
                    .hint(format!("did you mean `{suggestion}`?")),
            );
        }
        config.extra.insert(key, value);
    }
    (config, problems)
}

/// Sets `base_url` and the path part derived from it. Accepts an absolute
/// `http(s)://` URL or a path starting with `/`.
pub fn set_base_url(config: &mut Config, url: &str) -> Result<(), BaseUrlError> {
    let base = BaseUrl::parse(url)?;
    config.base_url = base.url;
    config.base_path = base.path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::set_base_url;
    use crate::model::Config;

    #[test]
    fn base_url_gives_base_path() {
        let mut c = Config::default();
        set_base_url(&mut c, "https://example.org/blog").expect("valid");
        assert_eq!(c.base_url, "https://example.org/blog/");
        assert_eq!(c.base_path, "/blog/");
        set_base_url(&mut c, "https://example.org").expect("valid");
        assert_eq!(c.base_path, "/");
        set_base_url(&mut c, "/sub/").expect("valid");
        assert_eq!((c.base_url.as_str(), c.base_path.as_str()), ("", "/sub/"));
        assert!(set_base_url(&mut c, "example.org").is_err());
        assert!(set_base_url(&mut c, "https://x.org/../up").is_err());
    }
}
