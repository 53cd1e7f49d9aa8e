//! Which templates use which: `{% extends %}`, `{% include %}`, `{% import %}`
//! and `{% from … import %}` name the templates a template needs, so a change
//! to one template re-renders only the pages whose template needs it.
//!
//! A name that is not a plain string (`{% include page.extra.part %}`) could
//! be any template: then every template counts as using every other.

use std::collections::{BTreeMap, BTreeSet};

/// The templates `source` names, or `None` when one is named by an
/// expression.
pub(super) fn named_templates(source: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("{%") {
        let tag = &rest[start + 2..];
        let end = tag.find("%}").unwrap_or(tag.len());
        let inner = tag[..end].trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        rest = &tag[end..];
        let Some(keyword) = inner.split_whitespace().next() else { continue };
        if !matches!(keyword, "extends" | "include" | "import" | "from") {
            continue;
        }
        let argument = inner[keyword.len()..].trim_start();
        let quote = argument.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let name = &argument[1..];
        names.push(name[..name.find(quote)?].to_owned());
    }
    Some(names)
}

/// The templates among `all` that use one of `changed`, directly or
/// through others, the changed ones included; `None` when that cannot be
/// told (a template names another by an expression).
pub(super) fn users_of(sources: &BTreeMap<String, String>, changed: &BTreeSet<String>) -> Option<BTreeSet<String>> {
    let mut used_by: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (name, source) in sources {
        for used in named_templates(source)? {
            used_by.entry(used).or_default().push(name);
        }
    }
    let mut users: BTreeSet<String> = changed.clone();
    let mut queue: Vec<String> = changed.iter().cloned().collect();
    while let Some(name) = queue.pop() {
        for user in used_by.get(&name).map_or(&[][..], Vec::as_slice) {
            if users.insert((*user).to_owned()) {
                queue.push((*user).to_owned());
            }
        }
    }
    Some(users)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::{named_templates, users_of};

    #[test]
    fn names_in_tags() {
        let source = "{% extends \"base.html\" %}{%- import 'macros.html' as m -%}{% include \"a.html\" ignore missing %}{% from \"b.html\" import x %}{% if x %}{% endif %}";
        assert_eq!(
            named_templates(source),
            Some(vec!["base.html".into(), "macros.html".into(), "a.html".into(), "b.html".into()])
        );
        assert_eq!(named_templates("{% include page.extra.part %}"), None);
    }

    #[test]
    fn users_follow_chains() {
        let sources: BTreeMap<String, String> = [
            ("base.html", "{% include \"nav.html\" %}"),
            ("page.html", "{% extends \"base.html\" %}"),
            ("tag.html", "{% import \"macros.html\" as m %}"),
            ("nav.html", ""),
            ("macros.html", ""),
        ]
        .into_iter()
        .map(|(n, s)| (n.to_owned(), s.to_owned()))
        .collect();
        let changed: BTreeSet<String> = ["nav.html".to_owned()].into();
        let users = users_of(&sources, &changed).unwrap_or_default();
        assert_eq!(users.into_iter().collect::<Vec<_>>(), ["base.html", "nav.html", "page.html"]);
    }
}
