//! `i18n/LANG.toml`: the site's own words for the theme, over the built-in
//! table for its language. Each key is one of `theme/i18n/en.toml`'s; a key
//! the theme does not have, a placeholder it does not fill or a plural
//! table without `other` is a warning at its line, and that word keeps its
//! built-in text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{
    BUILTIN_TABLES, Diagnostic, I18N_DIR, Locale, Location, Message, builtin_table, line_column, parse_table,
    placeholders,
};

/// The locale of `language` (set at `line` of tend.toml) for the site in
/// `root`.
pub(super) fn load_locale(root: &Path, language: &str, line: usize) -> (Arc<Locale>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let site = match site_table(root, language) {
        Some(file) => read_table(root, &file, &mut problems),
        None => {
            if builtin_table(language).is_none() {
                problems.push(no_words(language, line));
            }
            HashMap::new()
        }
    };
    (Arc::new(Locale::new(language, site)), problems)
}

/// The site's table for `language`: `i18n/de-CH.toml`, else the
/// language's `i18n/de.toml`.
fn site_table(root: &Path, language: &str) -> Option<PathBuf> {
    let dir = root.join(I18N_DIR);
    let base = language.split(['-', '_']).next().unwrap_or(language);
    [language, base].into_iter().map(|name| dir.join(format!("{name}.toml"))).find(|path| path.is_file())
}

/// The words of the table at `file`, the ones tend can use.
fn read_table(root: &Path, file: &Path, problems: &mut Vec<Diagnostic>) -> HashMap<String, Message> {
    let relative = file.strip_prefix(root).unwrap_or(file).to_path_buf();
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            problems.push(Diagnostic::error(format!("cannot read {}: {e}", relative.display())));
            return HashMap::new();
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let table = match parse_table(text) {
        Ok(table) => table,
        Err(err) => {
            let (line, column) = err.span().map_or((1, 1), |s| line_column(text, s.start));
            let message = err.message().lines().next().unwrap_or_default().to_owned();
            problems.push(
                Diagnostic::error(format!("{} is not a table of words: {message}", relative.display()))
                    .at(Location::new(&relative, line, column).with_source(text))
                    .hint("each line is `key = \"text\"`, or `key = { one = \"…\", other = \"…\" }` for a number"),
            );
            return HashMap::new();
        }
    };
    let english = parse_table(BUILTIN_TABLES[0].1).unwrap_or_default();
    let mut keys: Vec<&String> = table.keys().collect();
    keys.sort();
    let mut kept = HashMap::new();
    for key in keys {
        let at = Location::new(&relative, line_of(text, key), 1).with_source(text);
        match check(key, &table[key], english.get(key)) {
            Ok(()) => {
                kept.insert(key.clone(), table[key].clone());
            }
            Err((message, hint)) => problems.push(Diagnostic::warning(message).at(at).hint(hint)),
        }
    }
    kept
}

/// Whether the site's `message` can stand for the theme's `reference`.
fn check(key: &str, message: &Message, reference: Option<&Message>) -> Result<(), (String, String)> {
    let Some(reference) = reference else {
        let known = parse_table(BUILTIN_TABLES[0].1).unwrap_or_default();
        let near = known
            .keys()
            .filter(|k| strsim::jaro_winkler(k, key) > 0.85)
            .max_by(|a, b| strsim::jaro_winkler(a, key).total_cmp(&strsim::jaro_winkler(b, key)));
        let hint = match near {
            Some(near) => format!("did you mean `{near}`?"),
            None => "the theme's words are the keys of theme/i18n/en.toml in tend's source".to_owned(),
        };
        return Err((format!("`{key}` is not one of the theme's words; it is left out"), hint));
    };
    let allowed = match reference {
        Message::Text(text) => placeholders(text),
        Message::Forms(forms) => forms.get("other").map(|t| placeholders(t)).unwrap_or_default(),
    };
    let texts: Vec<&String> = match (message, reference) {
        (Message::Text(text), _) => vec![text],
        (Message::Forms(forms), Message::Forms(_)) if forms.contains_key("other") => forms.values().collect(),
        (Message::Forms(_), Message::Forms(_)) => {
            return Err((
                format!("`{key}` has no `other` form; the built-in text is used"),
                "a table of forms needs `other`, the form for any number the others do not take".to_owned(),
            ));
        }
        (Message::Forms(_), Message::Text(_)) => {
            return Err((
                format!("`{key}` takes no number, so it is one text, not a table of forms"),
                format!("write `{key} = \"…\"`"),
            ));
        }
    };
    for text in texts {
        if let Some(unknown) = placeholders(text).into_iter().find(|p| !allowed.contains(p)) {
            let offered = allowed.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(", ");
            let offered = if offered.is_empty() { "none".to_owned() } else { offered };
            return Err((
                format!("`{key}` uses {{{unknown}}}, which tend does not fill in there; the built-in text is used"),
                format!("`{key}` can use: {offered}"),
            ));
        }
    }
    Ok(())
}

/// The line of `key = …` in `text`, else 1.
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim_start().trim_start_matches('"');
            line.strip_prefix(key).is_some_and(|rest| rest.trim_start_matches('"').trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

/// A note that the theme has no words in `language`.
fn no_words(language: &str, line: usize) -> Diagnostic {
    let languages: Vec<&str> = BUILTIN_TABLES.iter().map(|(name, _)| *name).collect();
    Diagnostic::warning(format!(
        "tend has no words in `{language}` (tend.toml's `language`), so the theme's words are English"
    ))
    .at(Location::new(crate::model::CONFIG_FILE, line, 1))
    .hint(format!(
        "write them in {I18N_DIR}/{language}.toml (its keys are those of theme/i18n/en.toml in tend's source); built in: {}",
        languages.join(", ")
    ))
}
