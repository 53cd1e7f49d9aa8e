//! The import rule ARCHITECTURE.md states, read from the source: stages
//! depend inward on `model` only, the modules that run them depend on the
//! stages and never the other way round, and no two files import each
//! other, whether across modules or inside one. Test code is left out: a
//! stage's tests may build a real site with the earlier stages.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The modules every other may use, innermost first.
const LEAVES: [&str; 2] = ["text", "model"];
/// The stages of the pipeline: each may use only [`LEAVES`].
const STAGES: [&str; 11] =
    ["load", "site", "markdown", "bases", "diagrams", "garden", "images", "render", "search", "syndication", "write"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `folder`, test files left out.
fn sources(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(folder) else { return files };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "tests" {
                files.extend(sources(&path));
            }
        } else if name.ends_with(".rs") && name != "tests.rs" {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The text of a source file without its comments and its `#[cfg(test)]`
/// module.
fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("read a source file");
    let mut code = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") && lines.peek().is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// The paths a piece of code names under `crate::`, as lists of segments,
/// with `use crate::{a::b, c}` groups spread out.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find("};").unwrap_or(group.len());
            for item in split_top(&group[..end]) {
                paths.push(segments(item));
            }
        } else {
            paths.push(segments(rest));
        }
    }
    paths
}

/// Splits a `use` group at its top-level commas.
fn split_top(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    items
}

/// The leading `a::b::c` of a path.
fn segments(path: &str) -> Vec<String> {
    let path = path.trim_start();
    let end = path.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(path.len());
    path[..end].split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// The top-level modules of `src/` and what each imports from the others.
fn module_imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = src();
    let mut modules = BTreeMap::new();
    for entry in fs::read_dir(&src).expect("read src").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let module = name.trim_end_matches(".rs").to_owned();
        if module == "lib" || module == "bin" || module == "main" {
            continue;
        }
        let files = if entry.path().is_dir() { sources(&entry.path()) } else { vec![entry.path()] };
        let mut imports = BTreeSet::new();
        for file in files {
            for path in crate_paths(&code_of(&file)) {
                if let Some(first) = path.first()
                    && *first != module
                {
                    imports.insert(first.clone());
                }
            }
        }
        modules.insert(module, imports);
    }
    modules
}

/// A cycle in `graph`, as the list of its nodes, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn stages_depend_inward_only() {
    let modules = module_imports();
    for stage in STAGES {
        assert!(modules.contains_key(stage), "no module `{stage}` in src/: update this test");
    }
    let mut wrong = Vec::new();
    for (module, imports) in &modules {
        let allowed: &[&str] = if LEAVES.contains(&module.as_str()) {
            &LEAVES[..LEAVES.iter().position(|l| l == module).unwrap_or(0)]
        } else if STAGES.contains(&module.as_str()) {
            &LEAVES
        } else {
            continue;
        };
        for import in imports {
            if !allowed.contains(&import.as_str()) {
                wrong.push(format!("{module} uses {import}"));
            }
        }
    }
    assert!(wrong.is_empty(), "a stage may use only {LEAVES:?}:\n{}", wrong.join("\n"));
}

#[test]
fn no_import_cycle_between_modules() {
    let modules = module_imports();
    assert!(modules.len() > STAGES.len(), "the modules of src/ were not found");
    if let Some(cycle) = find_cycle(&modules) {
        panic!("modules import each other: {}", cycle.join(" → "));
    }
}

#[test]
fn no_import_cycle_between_files_of_a_module() {
    let mut cycles = Vec::new();
    for entry in fs::read_dir(src()).expect("read src").flatten() {
        let folder = entry.path();
        if !folder.is_dir() || entry.file_name() == "bin" {
            continue;
        }
        let module = entry.file_name().to_string_lossy().into_owned();
        // Each file (but `mod.rs`, which declares them all) and the files
        // of its own module it names, by `super::x` or `crate::module::x`.
        let mut graph = BTreeMap::new();
        for file in sources(&folder) {
            if file.file_name().is_some_and(|n| n == "mod.rs") {
                continue;
            }
            let parent = file.parent().expect("a parent folder");
            let stem = file.file_stem().expect("a file name").to_string_lossy().into_owned();
            let name = |dir: &Path, sub: &str| dir.strip_prefix(src()).map(|p| p.join(sub)).ok();
            let own = name(parent, &stem);
            let code = code_of(&file);
            let mut imports = BTreeSet::new();
            for path in crate_paths(&code) {
                if path.first() == Some(&module)
                    && let Some(sub) = path.get(1)
                {
                    imports.extend(name(&src().join(&module), sub));
                }
            }
            for (at, _) in code.match_indices("super::") {
                let sub = segments(&code[at + "super::".len()..]);
                if let Some(sub) = sub.first() {
                    imports.extend(name(parent, sub));
                }
            }
            let own = own.expect("a file under src");
            imports.remove(&own);
            let imports = imports
                .into_iter()
                .filter(|p| src().join(p).with_extension("rs").is_file() || src().join(p).is_dir())
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            graph.insert(own.to_string_lossy().into_owned(), imports);
        }
        cycles.extend(find_cycle(&graph).map(|cycle| cycle.join(" → ")));
    }
    assert!(cycles.is_empty(), "files import each other:\n{}", cycles.join("\n"));
}

/// Lines of code (tests left out) in a file, and in a function.
const FILE_LINES: usize = 600;
const FUNCTION_LINES: usize = 80;

#[test]
fn files_and_functions_stay_short() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut over = Vec::new();
    for file in sources(&src()) {
        let name = file.strip_prefix(root).expect("under the crate").to_string_lossy().replace('\\', "/");
        let text = fs::read_to_string(&file).expect("read a source file");
        let lines: Vec<&str> = text.lines().collect();
        let end = lines
            .windows(2)
            .position(|w| w[0].trim_start().starts_with("#[cfg(test)]") && w[1].trim_start().starts_with("mod "))
            .unwrap_or(lines.len());
        let lines = &lines[..end];
        over.extend(too_long(&name, lines.len(), FILE_LINES));
        for (i, line) in lines.iter().enumerate() {
            let Some(function) = function_name(line) else { continue };
            let indent = &line[..line.len() - line.trim_start().len()];
            let close = format!("{indent}}}");
            if let Some(length) = lines[i..].iter().position(|l| *l == close) {
                over.extend(too_long(&format!("{name}::{function}"), length + 1, FUNCTION_LINES));
            }
        }
    }
    assert!(over.is_empty(), "split these:\n{}", over.join("\n"));
}

/// A complaint when `what`, `length` lines long, is over `limit`.
fn too_long(what: &str, length: usize, limit: usize) -> Option<String> {
    (length > limit).then(|| format!("{what}: {length} lines, over {limit}"))
}

/// The name of the function a line starts, if it starts one.
fn function_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    for prefix in ["pub(crate) ", "pub(super) ", "pub ", "const ", "async ", "unsafe "] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let rest = rest.strip_prefix("fn ")?;
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    Some(&rest[..end])
}

/// Each output context has one escaping function (ARCHITECTURE.md,
/// "Escaping"): HTML entities are written by `pulldown_cmark_escape` and XML
/// ones by `syndication::xml_escape`, nowhere else. A hand-made escape is
/// how one context ends up missing a character.
#[test]
fn escaping_is_done_by_the_one_function_of_each_context() {
    const OWN_ESCAPER: &str = "syndication/mod.rs";
    let mut found = Vec::new();
    for path in sources(&src()) {
        let relative = path.strip_prefix(src()).expect("under src").to_string_lossy().replace('\\', "/");
        if relative == OWN_ESCAPER {
            continue;
        }
        for (number, line) in code_of(&path).lines().enumerate() {
            let entity = ["&lt;", "&gt;", "&amp;", "&quot;", "&#39;", "&#x27;"].iter().find(|e| line.contains(*e));
            if let Some(entity) = entity {
                found.push(format!("{relative}:{}: writes `{entity}` itself", number + 1));
            }
        }
    }
    assert!(found.is_empty(), "escape with the context's function instead:\n{}", found.join("\n"));
}
