//! A site in several languages: the `[languages.xx]` tables of `tend.toml`,
//! each made into that language's whole configuration, and the content
//! split by language, a file's language named before its extension
//! (`about.de.md`).

use std::path::Path;

use super::config::{header_lines, line_of, read_table};
use crate::model::{BaseUrl, CONFIG_FILE, Config, Content, Diagnostic, Language, Location, is_safe_segment};

/// Reads `languages`, the `[languages.xx]` tables of the `tend.toml` whose
/// text is `text` and whose other settings are `root`: each language's
/// settings are `root` with its table over it. The default language (the
/// site's `language`) may have a table too, whose settings apply to it.
pub(super) fn read_languages(
    languages: toml::Value,
    root: &toml::Table,
    text: &str,
    config: &mut Config,
    problems: &mut Vec<Diagnostic>,
) {
    let toml::Value::Table(tables) = languages else {
        problems.push(
            Diagnostic::error(format!("`languages` in {CONFIG_FILE} must be a table per language"))
                .at(at(text, line_of(text, 0, "languages")))
                .hint("write [languages.de] on a line of its own, and under it e.g. title = \"Mein Garten\""),
        );
        return;
    };
    let mut shared = root.clone();
    shared.remove("languages");
    let default = config.language.clone();
    let mut entries =
        vec![Language { code: default.clone(), name: String::new(), folder: String::new(), base: BaseUrl::default() }];
    let mut others = Vec::new();
    // In the order tend.toml lists them, for the switcher.
    let mut tables: Vec<(String, toml::Value)> = tables.into_iter().collect();
    tables.sort_by_key(|(code, _)| table_line(text, code));
    for (code, value) in tables {
        let Some(read) = read_language(&code, value, &shared, text, problems) else { continue };
        if code == default {
            entries[0].name = read.name;
            *config = read.config;
            continue;
        }
        let folder = format!("{}/", read.folder.unwrap_or_else(|| code.clone()));
        if entries.iter().any(|e| e.folder == folder) {
            problems.push(
                Diagnostic::error(format!("two languages of {CONFIG_FILE} are under /{folder}"))
                    .at(at(text, table_line(text, &code)))
                    .hint("give each language its own `path`"),
            );
            continue;
        }
        entries.push(Language { code, name: read.name, folder, base: BaseUrl::default() });
        others.push(read.config);
    }
    if entries.len() > 1 {
        config.languages = entries;
        config.other_languages = others;
    }
}

/// A location in tend.toml, whose text is `text`.
fn at(text: &str, line: usize) -> Location {
    Location::new(Path::new(CONFIG_FILE), line, 1).with_source(text)
}

/// One `[languages.xx]` table, read.
struct Read {
    /// The language's settings: tend.toml's with the table's over them.
    config: Config,
    /// `name`, or empty.
    name: String,
    /// `path`, when it is one URL segment.
    folder: Option<String>,
}

/// Reads `[languages.CODE]`, `value`, over the site's settings `shared`;
/// its own problems are reported at their lines.
fn read_language(
    code: &str,
    value: toml::Value,
    shared: &toml::Table,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<Read> {
    let header = table_line(text, code);
    let scoped = |key: &str| line_of(text, header.saturating_sub(1), key);
    let mut table = match value {
        toml::Value::Table(table) if is_language_tag(code) => table,
        toml::Value::Table(_) => {
            problems.push(
                Diagnostic::error(format!("`{code}` in {CONFIG_FILE} is not a language tag"))
                    .at(at(text, header))
                    .hint("name the table after the language, e.g. [languages.de] or [languages.pt-BR]"),
            );
            return None;
        }
        _ => {
            problems.push(
                Diagnostic::error(format!("`languages.{code}` in {CONFIG_FILE} must be a table of settings"))
                    .at(at(text, header))
                    .hint(format!("write [languages.{code}] and under it e.g. title = \"…\"")),
            );
            return None;
        }
    };
    let mut take_text = |key: &str, problems: &mut Vec<Diagnostic>| match table.remove(key) {
        None => None,
        Some(toml::Value::String(value)) => Some(value.trim().to_owned()),
        Some(_) => {
            problems.push(
                Diagnostic::error(format!("`{key}` in [languages.{code}] of {CONFIG_FILE} must be text"))
                    .at(at(text, scoped(key)))
                    .hint(format!("write it as {key} = \"…\"")),
            );
            None
        }
    };
    let name = take_text("name", problems).unwrap_or_default();
    let folder = take_text("path", problems);
    let folder = folder.filter(|folder| {
        let safe = is_safe_segment(folder);
        if !safe {
            problems.push(
                Diagnostic::error(format!(
                    "`path` in [languages.{code}] of {CONFIG_FILE} must be one URL segment, found `{folder}`"
                ))
                .at(at(text, scoped("path")))
                .hint(format!("write e.g. path = \"{code}\"")),
            );
        }
        safe
    });
    if table.remove("language").is_some() {
        problems.push(
            Diagnostic::warning(format!("`language` in [languages.{code}] of {CONFIG_FILE} is not read"))
                .at(at(text, scoped("language")))
                .hint(format!("the table's name, `{code}`, is its language")),
        );
    }
    let own_menu = header_lines(text, &format!("[[languages.{code}.menu]]"));
    problems.extend(read_table(table.clone(), text, &scoped, &own_menu).1);
    let menu_lines = if table.contains_key("menu") { own_menu } else { header_lines(text, "[[menu]]") };
    let mut merged = shared.clone();
    merge(&mut merged, table);
    merged.insert("language".to_owned(), toml::Value::String(code.to_owned()));
    let (config, _) = read_table(merged, text, &|key| line_of(text, 0, key), &menu_lines);
    Some(Read { config, name, folder })
}

/// The line of `[languages.CODE]` (or of the `languages` key when the
/// tables are written inline).
pub(super) fn table_line(text: &str, code: &str) -> usize {
    let headers = [format!("[languages.{code}"), format!("[languages.\"{code}\""), format!("[[languages.{code}.")];
    text.lines()
        .position(|l| headers.iter().any(|h| l.trim_start().starts_with(h.as_str())))
        .map_or_else(|| line_of(text, 0, "languages"), |i| i + 1)
}

/// Sets `table`'s keys over `into`'s, a table within both merged.
fn merge(into: &mut toml::Table, table: toml::Table) {
    for (key, value) in table {
        match (into.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(value)) => merge(inner, value),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

/// A BCP 47 tag as files and folders can carry it: letters, digits and
/// hyphens, starting with two or three letters.
fn is_language_tag(code: &str) -> bool {
    let first = code.split('-').next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Names each language that its table does not name by its own table of
/// words (`Deutsch`), and tells every language's settings of the others.
pub(super) fn name_languages(config: &mut Config) {
    if config.languages.is_empty() {
        return;
    }
    let locales: Vec<_> =
        std::iter::once(&config.locale).chain(config.other_languages.iter().map(|c| &c.locale)).cloned().collect();
    for (language, locale) in config.languages.iter_mut().zip(locales) {
        if language.name.is_empty() {
            language.name = locale.text("language_name", &[]);
        }
    }
    let languages = config.languages.clone();
    for other in &mut config.other_languages {
        other.languages = languages.clone();
        other.content_dir = config.content_dir.clone();
    }
}

/// The language a Markdown file's name gives (`about.de.md` → `de`), when
/// it is one of `codes`, and the name without it (`about`).
pub fn language_of<'a>(stem: &'a str, codes: &[String]) -> (&'a str, Option<&'a str>) {
    match stem.rsplit_once('.') {
        Some((name, code)) if !name.is_empty() && codes.iter().any(|c| c.eq_ignore_ascii_case(code)) => {
            (name, Some(code))
        }
        _ => (stem, None),
    }
}

/// Splits the site by language: one `Content` per language of
/// `[languages.xx]`, the default first, each with its pages (named
/// `name.xx.md`; a name without a language is the default's), its
/// folders' pages, its own settings and a base URL under the site's
/// (`/de/`). Files beside the notes go with every language. A site of one
/// language is returned whole.
pub fn split_languages(mut content: Content) -> Vec<Content> {
    let others = std::mem::take(&mut content.config.other_languages);
    if others.is_empty() {
        return vec![content];
    }
    let site = content.config.base.clone();
    let under = |folder: &str| BaseUrl {
        url: if site.url.is_empty() { String::new() } else { format!("{}{folder}", site.url) },
        path: format!("{}{folder}", site.path),
    };
    for language in &mut content.config.languages {
        language.base = under(&language.folder);
    }
    let languages = content.config.languages.clone();
    let mut parts: Vec<Content> = others
        .into_iter()
        .zip(&languages[1..])
        .map(|(config, language)| Content {
            config: Config { base: language.base.clone(), languages: languages.clone(), ..config },
            pages: Vec::new(),
            section_indexes: Vec::new(),
            assets: content.assets.clone(),
            data: content.data.clone(),
            base_files: content.base_files.clone(),
        })
        .collect();
    let index_of = |lang: Option<&str>| {
        lang.and_then(|lang| languages.iter().skip(1).position(|l| l.code.eq_ignore_ascii_case(lang)))
    };
    for page in std::mem::take(&mut content.pages) {
        match index_of(page.lang.as_deref()) {
            Some(i) => parts[i].pages.push(page),
            None => content.pages.push(page),
        }
    }
    for section in std::mem::take(&mut content.section_indexes) {
        match index_of(section.lang.as_deref()) {
            Some(i) => parts[i].section_indexes.push(section),
            None => content.section_indexes.push(section),
        }
    }
    std::iter::once(content).chain(parts).collect()
}

#[cfg(test)]
mod tests {
    use super::{is_language_tag, language_of};

    #[test]
    fn a_file_names_its_language_before_its_extension() {
        let codes = ["en".to_owned(), "de".to_owned(), "pt-BR".to_owned()];
        assert_eq!(language_of("about.de", &codes), ("about", Some("de")));
        assert_eq!(language_of("about.pt-br", &codes), ("about", Some("pt-br")));
        assert_eq!(language_of("v1.2", &codes), ("v1.2", None));
        assert_eq!(language_of("about.fr", &codes), ("about.fr", None));
        assert_eq!(language_of(".de", &codes), (".de", None));
        assert_eq!(language_of("about", &[]), ("about", None));
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("de") && is_language_tag("zh-Hant") && is_language_tag("fil"));
        assert!(!is_language_tag("deutsch") && !is_language_tag("d") && !is_language_tag("de/x"));
    }
}
