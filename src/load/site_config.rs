//! `tend.toml` as a whole: the file read, its settings checked
//! (`config.rs`), its languages (`languages.rs`) and their words
//! (`i18n.rs`).

use std::path::Path;

use super::config::{header_lines, line_of, read_table};
use crate::model::{CONFIG_FILE, Config, Diagnostic, Location, line_column};

/// Reads and checks `tend.toml` in `root`.
pub fn load_config(root: &Path) -> (Config, Vec<Diagnostic>) {
    let path = root.join(CONFIG_FILE);
    let file = Path::new(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            let problem = Diagnostic::error(format!("cannot read {CONFIG_FILE}: {e}")).at(Location::new(file, 1, 1));
            return (Config::default(), vec![problem]);
        }
    };
    let (mut config, mut problems) = read_config(&text);
    let line = text.lines().position(|l| l.trim_start().starts_with("language")).map_or(1, |i| i + 1);
    let (locale, found) = super::i18n::load_locale(root, &config.language, line);
    config.locale = locale;
    problems.extend(found);
    for other in &mut config.other_languages {
        let line = super::languages::table_line(&text, &other.language);
        let (locale, found) = super::i18n::load_locale(root, &other.language, line);
        other.locale = locale;
        problems.extend(found);
    }
    (config, problems)
}

/// Reads and checks the text of a `tend.toml`.
pub fn read_config(text: &str) -> (Config, Vec<Diagnostic>) {
    let file = Path::new(CONFIG_FILE);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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
    let languages = table.get("languages").cloned();
    let line_of = |key: &str| line_of(text, 0, key);
    // Each `[[menu]]` entry's line, for its problems.
    let menu_lines = header_lines(text, "[[menu]]");
    let (mut config, mut problems) = read_table(table.clone(), text, &line_of, &menu_lines);
    if let Some(languages) = languages {
        super::languages::read_languages(languages, &table, text, &mut config, &mut problems);
    }
    (config, problems)
}
