//! A base's YAML read into what it asks for: filters (a tree of `and`,
//! `or` and `not` over expressions), formulas, the properties' display
//! names and the views, each with its own filters, columns, sort, limit,
//! grouping and card image. What does not fit is named, for a warning.

use serde_json::Value as Json;

/// A filter: all, any or none of its parts, or one expression.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Filter {
    All(Vec<Filter>),
    Any(Vec<Filter>),
    None(Vec<Filter>),
    Test(String),
}

/// One view of the base.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct View {
    /// `table`, `cards`, `list`, or one tend does not draw.
    pub kind: String,
    /// Its name.
    pub name: Option<String>,
    /// Its own filters, on top of the base's.
    pub filters: Option<Filter>,
    /// The properties shown, in order.
    pub order: Vec<String>,
    /// Sort keys: property, and whether descending.
    pub sort: Vec<(String, bool)>,
    /// How many rows at most.
    pub limit: Option<usize>,
    /// The property rows are grouped by, and whether descending.
    pub group_by: Option<(String, bool)>,
    /// For cards: the property holding the cover image.
    pub image: Option<String>,
}

/// A base.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Spec {
    pub filters: Option<Filter>,
    /// Formulas by name, with their expressions' text.
    pub formulas: Vec<(String, String)>,
    /// Display names of properties.
    pub names: Vec<(String, String)>,
    pub views: Vec<View>,
}

/// Reads a base from its YAML, parsed: the base and what in it is not
/// understood (to warn about, each naming its key).
pub(super) fn read(yaml: &Json) -> (Spec, Vec<String>) {
    let mut odd = Vec::new();
    let mut spec = Spec::default();
    let Some(map) = yaml.as_object() else {
        if !yaml.is_null() {
            odd.push("a base is a map of `filters`, `formulas`, `properties` and `views`".to_owned());
        }
        return (spec, odd);
    };
    for (key, value) in map {
        match key.as_str() {
            "filters" => spec.filters = filter(value, &mut odd),
            "formulas" => {
                spec.formulas = entries(value).filter_map(|(k, v)| Some((k, scalar(v)?))).collect();
            }
            "properties" => {
                spec.names =
                    entries(value).filter_map(|(k, v)| Some((k, v.get("displayName").and_then(scalar)?))).collect();
            }
            "views" => match value {
                Json::Array(views) => spec.views = views.iter().map(|v| view(v, &mut odd)).collect(),
                _ => odd.push("`views` is a list of views".to_owned()),
            },
            "summaries" => {}
            other => odd.push(format!("`{other}` is not part of a base")),
        }
    }
    (spec, odd)
}

fn entries(value: &Json) -> impl Iterator<Item = (String, &Json)> {
    value.as_object().into_iter().flatten().map(|(k, v)| (k.clone(), v))
}

/// A string, number or boolean as text (YAML may read `5` or `true`).
fn scalar(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn filter(value: &Json, odd: &mut Vec<String>) -> Option<Filter> {
    match value {
        Json::Null => None,
        Json::Object(map) if map.len() == 1 => {
            let (key, parts) = map.iter().next()?;
            let parts: Vec<Filter> = match parts {
                Json::Array(items) => items.iter().filter_map(|p| filter(p, odd)).collect(),
                single => filter(single, odd).into_iter().collect(),
            };
            match key.as_str() {
                "and" => Some(Filter::All(parts)),
                "or" => Some(Filter::Any(parts)),
                "not" => Some(Filter::None(parts)),
                other => {
                    odd.push(format!("`{other}` in a filter: a filter has `and`, `or` or `not`"));
                    None
                }
            }
        }
        other => match scalar(other) {
            Some(test) => Some(Filter::Test(test)),
            None => {
                odd.push("a filter is an expression, or one of `and`, `or` and `not` with a list".to_owned());
                None
            }
        },
    }
}

fn view(value: &Json, odd: &mut Vec<String>) -> View {
    let text = |key: &str| value.get(key).and_then(scalar);
    let direction =
        |v: &Json| v.get("direction").and_then(Json::as_str).is_some_and(|d| d.eq_ignore_ascii_case("desc"));
    View {
        kind: text("type").unwrap_or_else(|| "table".to_owned()),
        name: text("name"),
        filters: value.get("filters").and_then(|f| filter(f, odd)),
        order: value.get("order").and_then(Json::as_array).into_iter().flatten().filter_map(scalar).collect(),
        sort: value
            .get("sort")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter_map(|s| Some((s.get("property").and_then(scalar)?, direction(s))))
            .collect(),
        limit: value.get("limit").and_then(Json::as_u64).map(|n| n as usize),
        group_by: value.get("groupBy").and_then(|g| Some((g.get("property").and_then(scalar)?, direction(g)))),
        image: text("image"),
    }
}

/// How a property is headed: its display name, else its name without the
/// `note.` or `formula.` before it (`file.name` is "file name").
pub(super) fn heading(names: &[(String, String)], property: &str) -> String {
    if let Some((_, shown)) = names.iter().find(|(name, _)| name == property) {
        return shown.clone();
    }
    match property.split_once('.') {
        Some(("note" | "formula", name)) => name.to_owned(),
        Some(("file", name)) => format!("file {name}"),
        _ => property.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Filter, read};

    #[test]
    fn reads_filters_formulas_and_views() {
        let yaml: serde_json::Value = serde_saphyr::from_str(
            "filters:\n  or:\n    - file.hasTag(\"book\")\n    - not:\n        - 'status == \"done\"'\nformulas:\n  ppu: (price / age).toFixed(2)\nproperties:\n  status:\n    displayName: Status\nviews:\n  - type: cards\n    name: Shelf\n    limit: 3\n    groupBy:\n      property: note.status\n      direction: DESC\n    sort:\n      - property: file.name\n        direction: ASC\n    image: note.cover\nextra: 1\n",
        )
        .expect("YAML");
        let (spec, odd) = read(&yaml);
        assert_eq!(
            spec.filters,
            Some(Filter::Any(vec![
                Filter::Test("file.hasTag(\"book\")".into()),
                Filter::None(vec![Filter::Test("status == \"done\"".into())])
            ]))
        );
        assert_eq!(spec.formulas, vec![("ppu".into(), "(price / age).toFixed(2)".into())]);
        assert_eq!(spec.names, vec![("status".into(), "Status".into())]);
        let view = &spec.views[0];
        assert_eq!((view.kind.as_str(), view.limit, view.image.as_deref()), ("cards", Some(3), Some("note.cover")));
        assert_eq!(view.group_by, Some(("note.status".into(), true)));
        assert_eq!(view.sort, vec![("file.name".into(), false)]);
        assert_eq!(odd, vec!["`extra` is not part of a base".to_owned()]);
    }
}
