//! `tend check`: every problem a build would hit, plus a lint of what it
//! would write, without writing anything. The pipeline runs with a [`Sink`]
//! that reads each generated page instead of writing it: the links, anchors
//! and ids it holds, images without alt text, headings that skip a level,
//! links with no text. Once every page is read, each internal link and
//! `#anchor` is looked up among the files the build would have written.

mod external;
mod page;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::build::{self, BuildError, BuildOptions};
use crate::model::{Diagnostic, Kind, Location, OutputFile, Severity, Sink, SinkError, Site, join_path};
pub use external::{ExternalOptions, default_cache};
use page::Facts;

/// Reads what the build would write.
#[derive(Default)]
struct Linter {
    files: Mutex<HashSet<String>>,
    pages: Mutex<HashMap<String, Facts>>,
}

fn key(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl Sink for Linter {
    fn write(&self, file: &OutputFile) -> Result<(), SinkError> {
        let path = key(&file.path);
        if path.ends_with(".html") {
            let facts = page::read(&file.contents);
            if let Ok(mut pages) = self.pages.lock() {
                pages.insert(path.clone(), facts);
            }
        }
        if let Ok(mut files) = self.files.lock() {
            files.insert(path);
        }
        Ok(())
    }

    fn copy(&self, _from: &Path, to: &Path) -> Result<(), SinkError> {
        if let Ok(mut files) = self.files.lock() {
            files.insert(key(to));
        }
        Ok(())
    }
}

/// Checks the site described by `options`, and its links to other sites
/// when `external` says how. Returns every problem found, sorted by file.
pub fn check(options: &BuildOptions, external: Option<&ExternalOptions>) -> Result<Vec<Diagnostic>, BuildError> {
    let root = build::site_root(options)?;
    let linter = Linter::default();
    let built = build::run(options, &root, &linter, &build::Silent)?;
    let files = linter.files.into_inner().unwrap_or_default();
    let pages = linter.pages.into_inner().unwrap_or_default();
    let mut problems = built.report.problems;
    // The build itself reports missing images and alt text, in the same
    // words: each once.
    let place = |p: &Diagnostic| (p.location.as_ref().map(|l| (l.file.clone(), l.line)), p.message.clone());
    let reported: HashSet<_> = problems.iter().map(place).collect();
    let found = findings(&root, (&built.model.site, &built.languages), &files, &pages, external);
    problems.extend(found.into_iter().filter(|p| !reported.contains(&place(p))));
    // A build shows a broken link and goes on; a check, which gates a
    // site's CI, fails on it.
    for problem in &mut problems {
        if problem.kind == Kind::BrokenLink {
            problem.severity = Severity::Error;
        }
    }
    problems.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    problems.dedup();
    Ok(problems)
}

/// Which source file an output page comes from: of `site`, or of another
/// language's site, written under its folder.
fn sources(site: &Site, languages: &[(PathBuf, Site)]) -> HashMap<String, PathBuf> {
    let mut map = HashMap::new();
    let all =
        std::iter::once(("", site)).chain(languages.iter().map(|(folder, site)| (folder.to_str().unwrap_or(""), site)));
    for (folder, site) in all {
        for page in &site.pages {
            map.insert(format!("{folder}{}index.html", page.path), page.source.clone());
        }
        for section in &site.sections {
            map.entry(format!("{folder}{}index.html", section.path)).or_insert_with(|| section.file());
        }
    }
    map
}

/// The output file a link from `from` (an output path) points to, and its
/// fragment; `None` for links that leave the site.
fn target(href: &str, from: &str, base_path: &str) -> Option<(String, Option<String>)> {
    if href.contains("://") || href.starts_with("//") || href.starts_with("mailto:") || href.starts_with("data:") {
        return None;
    }
    let href = href.split('?').next().unwrap_or(href);
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(crate::model::percent_decode(f))),
        None => (href, None),
    };
    let path = crate::model::percent_decode(path);
    let joined = if path.is_empty() {
        from.to_owned()
    } else if let Some(rest) = path.strip_prefix(base_path) {
        rest.to_owned()
    } else if path.starts_with('/') {
        format!("\u{0}outside{path}")
    } else {
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        format!("{dir}/{path}")
    };
    let mut file = join_path("", &joined);
    if joined.ends_with('/') || joined.is_empty() || file.is_empty() {
        file = if file.is_empty() { "index.html".to_owned() } else { format!("{file}/index.html") };
    } else if !file.rsplit('/').next().unwrap_or_default().contains('.') {
        // `/notes/a` is served as `/notes/a/index.html` by most hosts.
        file.push_str("/index.html");
    }
    Some((file, fragment))
}

fn findings(
    root: &Path,
    (site, languages): (&Site, &[(PathBuf, Site)]),
    files: &HashSet<String>,
    pages: &HashMap<String, Facts>,
    external: Option<&ExternalOptions>,
) -> Vec<Diagnostic> {
    let sources = sources(site, languages);
    let base_path = site.config.base.path.as_str();
    let mut problems = Vec::new();
    let mut texts = Texts { root, read: HashMap::new() };
    let mut order: Vec<&String> = pages.keys().collect();
    order.sort();
    // External links, each with the pages that use it.
    let mut leaving: BTreeMap<&str, Vec<&Path>> = BTreeMap::new();
    for path in order {
        let facts = &pages[path];
        // Problems in pages tend makes itself (tags, archive) belong to the
        // templates; only content pages are linted for writing mistakes.
        let Some(source) = sources.get(path) else { continue };
        for href in &facts.links {
            if external::is_external(href) {
                let users = leaving.entry(href.as_str()).or_default();
                if !users.contains(&source.as_path()) {
                    users.push(source);
                }
            }
            let Some((file, fragment)) = target(href, path, base_path) else { continue };
            let last_segment = href.trim_end_matches('/').rsplit('/').next().unwrap_or(href);
            if !files.contains(&file) {
                problems.push(
                    Diagnostic::warning(format!("link to `{href}`, which the site does not have"))
                        .kind(Kind::BrokenLink)
                        .at(texts.locate(source, &[href, last_segment]))
                        .hint("fix the address, or create the page or file it points to"),
                );
            } else if let Some(fragment) = fragment.filter(|f| !f.is_empty())
                && let Some(target) = pages.get(&file)
                && !target.ids.contains(&fragment)
            {
                problems.push(
                    Diagnostic::warning(format!("link to `{href}`, but that page has no `#{fragment}`"))
                        .kind(Kind::BrokenLink)
                        .at(texts.locate(source, &[href, &format!("#{fragment}"), &fragment]))
                        .hint("check the heading's text: its id is the heading in lower case with hyphens"),
                );
            }
        }
        writing_mistakes(facts, source, &mut texts, &mut problems);
    }
    if let Some(options) = external {
        let urls: Vec<String> = leaving.keys().map(|url| (*url).to_owned()).collect();
        for (url, why) in external::check_urls(&urls, options) {
            for source in leaving.get(url.as_str()).into_iter().flatten() {
                problems.push(
                    Diagnostic::warning(format!("link to `{url}` is broken: {why}"))
                        .at(texts.locate(source, &[&url]))
                        .hint("update the address, link to an archived copy, or remove the link"),
                );
            }
        }
    }
    problems
}

/// A page's mistakes of writing: images without alt text, skipped heading
/// levels, links without text, ids used twice.
fn writing_mistakes(facts: &Facts, source: &Path, texts: &mut Texts, problems: &mut Vec<Diagnostic>) {
    for src in &facts.images_without_alt {
        let name = src.rsplit('/').next().unwrap_or(src);
        problems.push(
            Diagnostic::warning(format!("image `{name}` has no alt text"))
                .at(texts.locate(source, &[src, &format!("]({name}"), name]))
                .hint("describe the image between the brackets: ![A boat at dawn](boat.jpg)"),
        );
    }
    for (from, to, text) in &facts.skipped_levels {
        problems.push(
            Diagnostic::warning(format!("heading “{text}” skips from level {from} to level {to}"))
                .at(texts.locate(source, &[text]))
                .hint(format!("use a level-{} heading here, so screen readers see the structure", from + 1)),
        );
    }
    for href in &facts.empty_links {
        problems.push(
            Diagnostic::warning(format!("link to `{href}` has no text"))
                .at(texts.locate(source, &[&format!("[]({href}"), &format!("]({href}"), href]))
                .hint("write the words to click between the brackets: [the text](address)"),
        );
    }
    for id in &facts.duplicate_ids {
        problems.push(
            Diagnostic::warning(format!("the id `{id}` is used more than once on the page"))
                .at(texts.locate(source, &[id]))
                .hint("give one of the headings or elements another id"),
        );
    }
}

/// The sources' texts, each read once, to point problems at their lines.
struct Texts<'r> {
    root: &'r Path,
    read: HashMap<PathBuf, String>,
}

impl Texts<'_> {
    /// The first line of `file` holding the first of `needles` found, and
    /// where in it, without regard to ASCII case (`#Layout` made the id
    /// `#layout`); line 1 when none is.
    fn locate(&mut self, file: &Path, needles: &[&str]) -> Location {
        let root = self.root;
        let text = self
            .read
            .entry(file.to_path_buf())
            .or_insert_with(|| std::fs::read_to_string(root.join(file)).unwrap_or_default());
        let (line, column) = needles
            .iter()
            .filter(|n| !n.is_empty())
            .find_map(|needle| {
                let needle = needle.to_ascii_lowercase();
                text.lines().enumerate().find_map(|(i, l)| {
                    l.to_ascii_lowercase().find(&needle).map(|at| (i + 1, l[..at].chars().count() + 1))
                })
            })
            .unwrap_or((1, 1));
        Location::new(file, line, column).with_source(text)
    }
}

#[cfg(test)]
mod tests {
    use super::target;

    #[test]
    fn targets() {
        let t = |href| target(href, "posts/a/index.html", "/");
        assert_eq!(t("/notes/b/"), Some(("notes/b/index.html".into(), None)));
        assert_eq!(t("photo.png"), Some(("posts/a/photo.png".into(), None)));
        assert_eq!(t("../b/#part"), Some(("posts/b/index.html".into(), Some("part".into()))));
        assert_eq!(t("#here"), Some(("posts/a/index.html".into(), Some("here".into()))));
        assert_eq!(t("/"), Some(("index.html".into(), None)));
        assert_eq!(t("https://example.org/"), None);
        assert_eq!(target("/blog/x/", "index.html", "/blog/"), Some(("x/index.html".into(), None)));
    }
}
