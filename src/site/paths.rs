//! URLs: every section and page gets a path made of safe segments, and no two
//! files may claim the same one (compared without regard to case, since many
//! file systems and hosts ignore it).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::{Diagnostic, Location, Page, PageKind, PageSource, Section, is_safe_segment, slugify, spelled_slug};

/// Where a page goes: the section that lists it (or whose page it is), its
/// URL path and its last segment.
#[derive(Debug)]
pub(super) struct Place {
    pub section: usize,
    pub path: String,
    pub slug: String,
}

/// Sets `path` on every section, and places every page (`listed_in` gives
/// each page's section); returns the places and the problems found.
pub(super) fn assign(
    sections: &mut [Section],
    pages: &[PageSource],
    listed_in: Vec<usize>,
) -> (Vec<Place>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    // Parents come before children (see `sections::group`).
    for i in 1..sections.len() {
        let parent = sections[i].parent.unwrap_or(0);
        let name = sections[i].dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let segment = match sections[i].meta.slug.as_deref() {
            Some(slug) if is_safe_segment(slug) => slug.to_owned(),
            _ => non_empty(slugify(name), "section"),
        };
        sections[i].path = format!("{}{segment}/", sections[parent].path);
    }
    let mut places = Vec::with_capacity(pages.len());
    for (i, (page, section)) in pages.iter().zip(listed_in).enumerate() {
        let listed = || format!("{}{}/", sections[section].path, page.slug);
        let path = match &page.meta.permalink {
            _ if sections[section].page == Some(i) => sections[section].path.clone(),
            Some(permalink) => permalink_path(permalink).unwrap_or_else(|| {
                problems.push(permalink_problem(page, permalink));
                listed()
            }),
            None => listed(),
        };
        places.push(Place { section, path, slug: page.slug.clone() });
    }
    adopt_folder_pages(sections, pages, &mut places);
    spell_out_clashes(sections, pages, &mut places);
    problems.extend(unchoose_clashing_slugs(sections, pages, &mut places));
    problems.extend(collisions(sections, pages, &places));
    (places, problems)
}

/// File names that differ only in symbols a slug drops (`C.md` and
/// `C++.md`, `Bash.md` and `Bash &&.md`, `a-b.md` and `a_b.md`) would share
/// a URL the writer never chose: the plainest name keeps it, the others
/// spell their symbols out (`c-plus-plus`) or keep their underscores. Names the writer chose (`slug`, `permalink`) are never
/// changed; a clash between them stays an error.
fn spell_out_clashes(sections: &[Section], pages: &[PageSource], places: &mut [Place]) {
    // Only pages that share a URL are looked at: on a site without clashes
    // this is one pass of hashing.
    let mut by_path: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, place) in places.iter().enumerate() {
        by_path.entry(place.path.to_lowercase()).or_default().push(i);
    }
    let chosen = |page: &PageSource| page.meta.slug.is_some() || page.meta.permalink.is_some();
    let stem = |page: &PageSource| page.stem.clone();
    let mut clashes: Vec<Vec<usize>> = by_path.values().filter(|group| group.len() > 1).cloned().collect();
    clashes.sort();
    for mut group in clashes {
        // Names the writer chose first, then the plainest file name.
        group.sort_by_cached_key(|&i| {
            (!chosen(&pages[i]), spelled_slug(&stem(&pages[i])) != places[i].slug, pages[i].source.clone())
        });
        let first = group[0];
        for &i in &group[1..] {
            let (name, first_name) = (stem(&pages[i]), stem(&pages[first]));
            // `_` and `-` are one in a slug: a name that differs from the
            // first only there keeps its underscores.
            let spelled = match spelled_slug(&name) {
                same if same == spelled_slug(&first_name) => underscored_slug(&name),
                spelled => spelled,
            };
            // Names that differ only in spaces and dashes (`open
            // source.md`, `Open-Source.md`) are numbered; in case alone, they
            // are one file on most systems, and stay an error.
            let spelled = match spelled == places[first].slug {
                true => (2..)
                    .map(|n| format!("{spelled}-{n}"))
                    .find(|s| {
                        !by_path.contains_key(&format!("{}{s}/", sections[places[i].section].path).to_lowercase())
                    })
                    .unwrap_or(spelled),
                false => spelled,
            };
            // Only names that differ in symbols alone (not `hello` and
            // `2025-01-01-hello`, nor `Post` and `post`).
            let symbols_only = slugify(&name) == slugify(&first_name)
                && spelled != places[first].slug
                && name.to_lowercase() != first_name.to_lowercase();
            if chosen(&pages[i])
                || !matches!(pages[i].kind, PageKind::File | PageKind::Canvas | PageKind::Base)
                || !symbols_only
                || spelled.is_empty()
            {
                continue;
            }
            let path = format!("{}{spelled}/", sections[places[i].section].path);
            if by_path.contains_key(&path.to_lowercase()) {
                continue;
            }
            places[i].slug = spelled;
            places[i].path = path.clone();
            by_path.insert(path.to_lowercase(), vec![i]);
        }
    }
}

/// A note whose front-matter `slug` takes a URL another note has (copied
/// front matter, or a Quartz folder, where `slug` is not read) keeps the
/// URL of its file name instead, with a warning naming both; the first
/// by path keeps the slug. When the file name's URL is taken too, the
/// clash stays an error.
fn unchoose_clashing_slugs(sections: &[Section], pages: &[PageSource], places: &mut [Place]) -> Vec<Diagnostic> {
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    let mut order: Vec<usize> = (0..pages.len()).collect();
    let stem = |i: usize| pages[i].stem.clone();
    // A slug that is the file name's own goes first: `pulmonology.md` keeps
    // /pulmonology/ from `chest.md` with `slug: pulmonology`.
    order.sort_by_cached_key(|&i| {
        let borrowed = pages[i].meta.slug.as_ref().is_some_and(|slug| *slug != slugify(&stem(i)));
        (pages[i].meta.slug.is_some() && borrowed, pages[i].source.clone())
    });
    for i in order {
        let key = places[i].path.to_lowercase();
        let Some(&first) = taken.get(&key) else {
            taken.insert(key, i);
            continue;
        };
        let page = &pages[i];
        let movable = page.meta.slug.is_some()
            && page.meta.permalink.is_none()
            && matches!(page.kind, PageKind::File | PageKind::Canvas | PageKind::Base);
        let folder = &sections[places[i].section].path;
        let free = |slug: &String| {
            let path = format!("{folder}{slug}/");
            !taken.contains_key(&path.to_lowercase()) && !sections.iter().any(|s| s.path == path)
        };
        // The file name's URL, else the same numbered (two notes with one
        // `slug` and one file name but for spaces).
        let base = non_empty(slugify(&stem(i)), "page");
        let Some(own) = std::iter::once(base.clone()).chain((2..100).map(|n| format!("{base}-{n}"))).find(free) else {
            continue;
        };
        if !movable {
            continue;
        }
        let path = format!("{folder}{own}/");
        problems.push(
            Diagnostic::warning(format!(
                "`slug` takes /{}, which {} has: this page keeps /{path}, its file name's",
                places[i].path,
                pages[first].source.display()
            ))
            .at(Location::new(page.source.clone(), page.meta.line_of("slug"), 1))
            .hint("give it a slug of its own, or drop the line"),
        );
        places[i].slug = own;
        places[i].path = path.clone();
        taken.insert(path.to_lowercase(), i);
    }
    problems
}

/// The slug of `name` with its underscores kept (`memory_management`).
fn underscored_slug(name: &str) -> String {
    name.split('_').map(slugify).collect::<Vec<_>>().join("_")
}

/// A folder's own page gives the folder its title and description, unless
/// its `_index.md` does.
pub(super) fn adopt_titles(sections: &mut [Section], pages: &[PageSource]) {
    for section in sections.iter_mut() {
        let Some(page) = section.page.map(|i| &pages[i]) else { continue };
        if section.meta.title.is_none() && !page.title.trim().is_empty() {
            section.title = page.title.clone();
            section.meta.title = Some(page.title.clone());
        }
        if section.meta.description.is_none() {
            section.meta.description = page.meta.description.clone();
        }
    }
}

/// `home = "Home"` in tend.toml: the note of that file name or title is
/// the home page, unless the content names one itself (`index.md`,
/// `permalink: /`). A name no note has is an error at its line.
pub(super) fn adopt_home(
    sections: &mut [Section],
    pages: &[PageSource],
    places: &mut [Place],
    name: &str,
    line: usize,
) -> Option<Diagnostic> {
    if sections[0].page.is_some() {
        return None;
    }
    let wanted = name.trim().to_lowercase();
    let stem = |page: &PageSource| page.stem.to_lowercase();
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by_key(|&i| (pages[i].source.components().count(), pages[i].source.clone()));
    let Some(i) = order.into_iter().find(|&i| stem(&pages[i]) == wanted || pages[i].title.to_lowercase() == wanted)
    else {
        return Some(
            Diagnostic::error(format!("`home` in tend.toml names `{name}`, but no note has that name or title"))
                .at(Location::new("tend.toml", line, 1))
                .hint("write the file name of the note to show as the home page, e.g. home = \"Home\""),
        );
    };
    let listed_in = places[i].section;
    sections[listed_in].pages.retain(|&p| p != i);
    sections[0].page = Some(i);
    places[i].section = 0;
    places[i].path = String::new();
    None
}

/// A note on a folder's URL becomes that folder's page, unless the folder
/// has one already (then the two claim one URL, and that is reported): by
/// its `permalink` (`/` for the home page), or by its name beside the
/// folder (`yocto.md` beside `yocto/`, as Obsidian's folder notes keep
/// them). Notes with a permalink go first.
fn adopt_folder_pages(sections: &mut [Section], pages: &[PageSource], places: &mut [Place]) {
    let by_path: HashMap<String, usize> =
        sections.iter().enumerate().map(|(i, s)| (s.path.to_lowercase(), i)).collect();
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| {
        (pages[a].meta.permalink.is_none(), &pages[a].source)
            .cmp(&(pages[b].meta.permalink.is_none(), &pages[b].source))
    });
    for i in order {
        let Some(&folder) = by_path.get(&places[i].path.to_lowercase()) else { continue };
        if sections[folder].page.is_some() {
            continue;
        }
        let listed_in = places[i].section;
        sections[listed_in].pages.retain(|&p| p != i);
        sections[folder].page = Some(i);
        places[i].section = folder;
    }
}

fn non_empty(slug: String, fallback: &str) -> String {
    if slug.is_empty() { fallback.to_owned() } else { slug }
}

/// A permalink as a path: segments checked, no leading slash, trailing `/`.
fn permalink_path(permalink: &str) -> Option<String> {
    let trimmed = permalink.trim();
    if trimmed == "/" {
        // The home page (Obsidian Publish's way to name it).
        return Some(String::new());
    }
    let trimmed = trimmed.trim_matches('/');
    // Eleventy writes file names: `/about/index.html`, `/404.html`.
    let trimmed = trimmed.strip_suffix("index.html").map_or(trimmed, |t| t.trim_end_matches('/'));
    let trimmed = trimmed.strip_suffix(".html").unwrap_or(trimmed);
    if trimmed.is_empty() {
        return None;
    }
    let mut path = String::with_capacity(trimmed.len() + 1);
    for segment in trimmed.split('/') {
        if !is_safe_segment(segment) {
            return None;
        }
        path.push_str(segment);
        path.push('/');
    }
    Some(path)
}

fn permalink_problem(page: &PageSource, permalink: &str) -> Diagnostic {
    let line = page.meta.line_of("permalink");
    Diagnostic::error(format!("`permalink` `{permalink}` is not a path tend can write"))
        .at(Location::new(page.source.clone(), line, 1))
        .hint("use `/` for the home page, or segments of letters, digits, `-`, `_` and `.` separated by `/`, e.g. `permalink: notes/my-note`; `..` is not allowed")
}

fn collisions(sections: &[Section], pages: &[PageSource], places: &[Place]) -> Vec<Diagnostic> {
    let mut claimed: HashMap<String, PathBuf> = HashMap::new();
    // A folder with a page of its own is claimed by that page.
    for section in sections.iter().filter(|s| s.page.is_none()) {
        claimed.insert(section.path.to_lowercase(), section.file());
    }
    let mut order: Vec<(&PageSource, &Place)> = pages.iter().zip(places).collect();
    order.sort_by(|a, b| a.0.source.cmp(&b.0.source));
    let mut problems = Vec::new();
    for (page, place) in order {
        let key = place.path.to_lowercase();
        match claimed.get(&key) {
            Some(first) => problems.push(
                Diagnostic::error(format!(
                    "{} and {} both claim the URL /{}",
                    first.display(),
                    page.source.display(),
                    place.path
                ))
                .at(Location::new(page.source.clone(), 1, 1))
                .hint("give one of them another `slug` or `permalink`, or rename one file"),
            ),
            None => {
                claimed.insert(key, page.source.clone());
            }
        }
    }
    problems
}

/// Top-level paths tend writes itself; no page or section may take them.
pub(super) const GENERATED: &[(&str, &str)] = &[
    ("tags/", "the tag pages"),
    ("series/", "the series pages"),
    ("archive/", "the archive"),
    ("graph/", "the graph of links"),
    ("search/", "the search page and its index"),
];

/// Notes on URLs tend generates become those pages' intros: a note at
/// `/tags/`, `/tags/<tag>/`, `/series/`, `/series/<name>/`, `/archive/`,
/// `/graph/` or `/search/` (Quartz describes a tag with `tags/<tag>.md`),
/// or at a taxonomy's page or a term's (`taxonomies`: their names) is
/// listed nowhere and has no page of its own; its text heads the generated
/// page. Returns the intros by URL path. Content deeper under those URLs,
/// a section settings file there, or two notes on one such URL are errors.
/// Folders on those URLs are no lists: they leave their parent's list.
pub(super) fn generated_intros(
    sections: &mut [Section],
    pages: &[Page],
    taxonomies: &[&str],
) -> (HashMap<String, usize>, Vec<Diagnostic>) {
    let own: Vec<(String, String)> =
        taxonomies.iter().map(|name| (format!("{name}/"), format!("the {name} pages"))).collect();
    let generated: Vec<(&str, &str, bool)> = GENERATED
        .iter()
        .map(|&(prefix, what)| (prefix, what, matches!(prefix, "tags/" | "series/")))
        .chain(own.iter().map(|(prefix, what)| (prefix.as_str(), what.as_str(), true)))
        .collect();
    let claim = |lower: &str| generated.iter().find(|(prefix, ..)| lower.starts_with(prefix)).copied();
    let mut intros: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| pages[a].source.cmp(&pages[b].source));
    for i in order {
        let page = &pages[i];
        let lower = page.path.to_lowercase();
        let Some((prefix, what, has_terms)) = claim(&lower) else { continue };
        let rest = &lower[prefix.len()..];
        let describable = rest.is_empty() || (has_terms && rest.matches('/').count() == 1);
        if !describable {
            problems.push(generated_problem(&page.source, &page.path, what));
            continue;
        }
        if let Some(&first) = intros.get(&lower) {
            problems.push(
                Diagnostic::error(format!(
                    "{} and {} both claim the URL /{}",
                    pages[first].source.display(),
                    page.source.display(),
                    page.path
                ))
                .at(Location::new(page.source.clone(), 1, 1))
                .hint("give one of them another `slug` or `permalink`, or rename one file"),
            );
            continue;
        }
        let section = &mut sections[page.section];
        section.pages.retain(|&p| p != i);
        if section.page == Some(i) {
            section.page = None;
        }
        intros.insert(lower, i);
    }
    for index in 1..sections.len() {
        let lower = sections[index].path.to_lowercase();
        let Some((_, what, _)) = claim(&lower) else { continue };
        if let Some(source) = sections[index].source.clone() {
            problems.push(generated_problem(&source, &sections[index].path, what));
        }
        if let Some(parent) = sections[index].parent {
            sections[parent].subsections.retain(|&s| s != index);
        }
    }
    (intros, problems)
}

fn generated_problem(source: &Path, path: &str, what: &str) -> Diagnostic {
    Diagnostic::error(format!("{} claims the URL /{path}, where tend writes {what}", source.display()))
        .at(Location::new(source, 1, 1))
        .hint("rename the file or folder, or give it another `slug` or `permalink`")
}

/// Where each asset is copied: bundle files beside their page, other files
/// (found in `content_dir`) into their folder's section path.
pub(super) fn asset_destinations(
    sections: &[Section],
    pages: &[Page],
    loose: Vec<PathBuf>,
    content_dir: &Path,
) -> Vec<(PathBuf, PathBuf)> {
    let section_paths: HashMap<&Path, &str> = sections.iter().map(|s| (s.dir.as_path(), s.path.as_str())).collect();
    let mut out = Vec::new();
    for page in pages {
        let PageKind::Bundle { assets } = &page.kind else {
            continue;
        };
        let Some(bundle_dir) = page.source.parent() else {
            continue;
        };
        for asset in assets {
            if let Ok(inside) = asset.strip_prefix(bundle_dir) {
                out.push((asset.clone(), Path::new(&page.path).join(inside)));
            }
        }
    }
    for asset in loose {
        let Some(name) = asset.file_name() else {
            continue;
        };
        let dir = asset.parent().and_then(|d| d.strip_prefix(content_dir).ok()).unwrap_or(Path::new(""));
        let destination = match section_paths.get(dir) {
            Some(path) => Path::new(path).join(name),
            None => dir.join(name),
        };
        out.push((asset, destination));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::permalink_path;

    #[test]
    fn permalinks_are_checked() {
        assert_eq!(permalink_path("/notes/my-note/").as_deref(), Some("notes/my-note/"));
        assert_eq!(permalink_path("my-note").as_deref(), Some("my-note/"));
        assert_eq!(permalink_path("/about/index.html").as_deref(), Some("about/"));
        assert_eq!(permalink_path("404.html").as_deref(), Some("404/"));
        assert_eq!(permalink_path("../up"), None);
        assert_eq!(permalink_path("/").as_deref(), Some(""), "the home page");
        assert_eq!(permalink_path("//"), None);
        assert_eq!(permalink_path("a//b"), None);
        assert_eq!(permalink_path("a/%2e%2e/b"), None);
    }
}
