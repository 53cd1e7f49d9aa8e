//! `data/`: TOML, YAML and JSON files every template sees as
//! `data.<name>` (`data/books.yaml` is `data.books`; a file in a folder is
//! under the folder's name, `data/people/ada.toml` is `data.people.ada`).
//! A file that cannot be read is an error at its line and column.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::front_matter::toml_table_to_json;
use crate::model::{Diagnostic, Location, line_column};

/// The folder of data files under the site root.
pub const DATA_DIR: &str = "data";

/// Reads every data file under `root`'s `data/` folder.
pub(super) fn load_data(root: &Path) -> (Map<String, Value>, Vec<Diagnostic>) {
    let mut data = Map::new();
    let mut problems = Vec::new();
    let dir = root.join(DATA_DIR);
    if !dir.is_dir() {
        return (data, problems);
    }
    let mut files: Vec<PathBuf> = ignore::WalkBuilder::new(&dir)
        .hidden(true)
        .require_git(false)
        .build()
        .flatten()
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .map(|entry| entry.into_path())
        .collect();
    files.sort();
    for path in files {
        let Some(format) = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase) else { continue };
        if !["toml", "yaml", "yml", "json"].contains(&format.as_str()) {
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(Diagnostic::error(format!("cannot read {}: {e}", relative.display())));
                continue;
            }
        };
        match parse(&format, text.strip_prefix('\u{feff}').unwrap_or(&text), &relative) {
            Ok(value) => {
                if let Err(problem) = insert(&mut data, &path, &dir, &relative, value) {
                    problems.push(problem);
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    (data, problems)
}

fn parse(format: &str, text: &str, file: &Path) -> Result<Value, Diagnostic> {
    let at = |line: usize, column: usize| Location::new(file, line.max(1), column.max(1)).with_source(text);
    match format {
        "toml" => text.parse::<toml::Table>().map(|t| Value::Object(toml_table_to_json(t))).map_err(|err| {
            let (line, column) = err.span().map_or((1, 1), |s| line_column(text, s.start));
            Diagnostic::error(format!("{} is not valid TOML: {}", file.display(), first_line(err.message())))
                .at(at(line, column))
                .hint("TOML is `key = value` lines; quote text, e.g. title = \"Dune\"")
        }),
        "json" => serde_json::from_str(text).map_err(|err| {
            Diagnostic::error(format!("{} is not valid JSON: {err}", file.display()))
                .at(at(err.line(), err.column()))
                .hint("check the commas, quotes and brackets")
        }),
        _ => serde_saphyr::from_str::<Value>(text).map_err(|err| {
            let (line, column) = err.location().map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
            Diagnostic::error(format!("{} is not valid YAML: {}", file.display(), first_line(&err.to_string())))
                .at(at(line, column))
                .hint("check the indentation, and quote values that contain `: ` or start with `[`, `{` or `*`")
        }),
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// Puts `value` at the place `path` names under `dir` in `data`; two files
/// of one name (`books.toml` and `books.json`) are an error.
fn insert(
    data: &mut Map<String, Value>,
    path: &Path,
    dir: &Path,
    relative: &Path,
    value: Value,
) -> Result<(), Diagnostic> {
    let inside = path.strip_prefix(dir).unwrap_or(path).with_extension("");
    let names: Vec<String> = inside.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let Some((last, folders)) = names.split_last() else { return Ok(()) };
    let mut map = data;
    for folder in folders {
        let slot = map.entry(folder.clone()).or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(inner) = slot else { return Err(clash(relative, &names)) };
        map = inner;
    }
    if map.contains_key(last) {
        return Err(clash(relative, &names));
    }
    map.insert(last.clone(), value);
    Ok(())
}

fn clash(file: &Path, names: &[String]) -> Diagnostic {
    Diagnostic::error(format!("{} is a second file for `data.{}`", file.display(), names.join(".")))
        .at(Location::new(file, 1, 1))
        .hint("keep one file of each name in data/ (books.toml or books.json, not both)")
}
