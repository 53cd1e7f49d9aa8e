//! The `[taxonomies]` table of `tend.toml`: taxonomies beside tags, each a
//! name (the front-matter key and the URL segment) with a title, feeds on
//! or off, and its own page size. A name tend cannot use is an error at
//! its line; an unknown key a warning.

use serde_json::Value;

use super::meta::unknown_setting;
use crate::model::{CONFIG_FILE, Diagnostic, Location, TAXONOMY_SETTINGS, TaxonomyConfig};

/// URL segments tend writes itself, and what is there.
const TAKEN: &[(&str, &str)] = &[
    ("tags", "tags are built in: a page's `tags` already have their pages"),
    ("series", "`series` is built in: describe a series under [series.\"name\"]"),
    ("archive", "tend writes the archive at /archive/"),
    ("graph", "tend writes the graph of links at /graph/"),
    ("search", "tend writes the search page at /search/"),
];

/// Reads the `[taxonomies]` table; `at` finds a key's line in tend.toml.
pub(super) fn read_taxonomies(value: Value, at: &dyn Fn(&str) -> Location) -> (Vec<TaxonomyConfig>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let Value::Object(table) = value else {
        let problem = Diagnostic::error(format!("`taxonomies` in {CONFIG_FILE} must be a table"))
            .at(at("taxonomies"))
            .hint("write [taxonomies] on a line of its own, and under it e.g. categories = { title = \"Categories\" }");
        return (Vec::new(), vec![problem]);
    };
    let mut taxonomies = Vec::new();
    for (name, value) in table {
        // `[taxonomies.categories]` or `categories = { … }` under `[taxonomies]`.
        let own = at(&format!("taxonomies.{name}"));
        let location = if own.line > 1 { own } else { at(&name) };
        let here = |_: &str| location.clone();
        match read_one(&name, value, &here, &mut problems) {
            Ok(taxonomy) => taxonomies.push(taxonomy),
            Err(problem) => problems.push(problem),
        }
    }
    (taxonomies, problems)
}

fn read_one(
    name: &str,
    value: Value,
    at: &dyn Fn(&str) -> Location,
    problems: &mut Vec<Diagnostic>,
) -> Result<TaxonomyConfig, Diagnostic> {
    let bad = |what: String, hint: &str| {
        Diagnostic::error(format!("taxonomy `{name}` in {CONFIG_FILE} {what}")).at(at(name)).hint(hint.to_owned())
    };
    if let Some((_, why)) = TAKEN.iter().find(|(taken, _)| *taken == name) {
        return Err(bad("cannot be used".to_owned(), why));
    }
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_') {
        return Err(bad(
            "is not a name tend can use in URLs".to_owned(),
            "name it with lowercase letters, digits and hyphens, e.g. categories or reading-list",
        ));
    }
    let mut table = match value {
        Value::Object(table) => table,
        // `categories = true`: the defaults.
        Value::Bool(true) => serde_json::Map::new(),
        _ => {
            return Err(bad(
                "must be a table".to_owned(),
                "write e.g. categories = { title = \"Categories\", feed = true }",
            ));
        }
    };
    let mut taxonomy =
        TaxonomyConfig { name: name.to_owned(), title: capitalised(name), feed: true, paginate_by: None };
    if let Some(title) = table.remove("title") {
        match title.as_str().map(str::trim).filter(|t| !t.is_empty()) {
            Some(title) => taxonomy.title = title.to_owned(),
            None => problems.push(bad("has a `title` that is not text".to_owned(), "write title = \"Categories\"")),
        }
    }
    if let Some(feed) = table.remove("feed") {
        match feed.as_bool() {
            Some(on) => taxonomy.feed = on,
            None => problems.push(bad("has a `feed` that is not true or false".to_owned(), "write feed = false")),
        }
    }
    if let Some(count) = table.remove("paginate_by") {
        match count.as_u64().filter(|&n| n > 0) {
            Some(n) => taxonomy.paginate_by = Some(usize::try_from(n).unwrap_or(usize::MAX)),
            None => problems.push(bad(
                "has a `paginate_by` that is not a whole number above 0".to_owned(),
                "write e.g. paginate_by = 50",
            )),
        }
    }
    let table_name = format!("[taxonomies.{name}]");
    problems.extend(table.keys().map(|key| unknown_setting(&table_name, key, TAXONOMY_SETTINGS, at)));
    Ok(taxonomy)
}

/// `reading-list` → `Reading list`.
fn capitalised(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(toml: &str) -> (Vec<TaxonomyConfig>, Vec<Diagnostic>) {
        let value: toml::Value = toml.parse::<toml::Table>().map(toml::Value::Table).expect("valid TOML");
        let json = serde_json::to_value(value).expect("JSON");
        read_taxonomies(json, &|_| Location::new("tend.toml", 2, 1))
    }

    #[test]
    fn reads_titles_feeds_and_page_sizes_with_defaults() {
        let (taxonomies, problems) =
            read("categories = { title = \"Kinds\", feed = false, paginate_by = 5 }\nreading-list = true");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            taxonomies,
            [
                TaxonomyConfig { name: "categories".into(), title: "Kinds".into(), feed: false, paginate_by: Some(5) },
                TaxonomyConfig {
                    name: "reading-list".into(),
                    title: "Reading list".into(),
                    feed: true,
                    paginate_by: None
                },
            ]
        );
    }

    #[test]
    fn refuses_built_in_and_unusable_names_and_warns_of_unknown_keys() {
        let (taxonomies, problems) = read("tags = {}\n\"Big Ideas\" = {}\nmoods = { titel = \"Moods\" }");
        assert_eq!(taxonomies.len(), 1);
        let messages: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(
            messages,
            [
                "taxonomy `Big Ideas` in tend.toml is not a name tend can use in URLs",
                "unknown setting `titel` in [taxonomies.moods] of tend.toml",
                "taxonomy `tags` in tend.toml cannot be used",
            ]
        );
    }
}
