//! Finding what a link names: a note by file name, title or alias (without
//! regard to case), a note by path (`folder/Note`), or an attachment by file
//! name anywhere in the vault. When several notes share a name, the one in
//! the nearest folder wins and the others are reported.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::page::{Page, PageSource};
use super::section::Section;
use super::slug::slugify;
use super::url::join_path;

/// Lookup tables over every page and attachment of the site.
#[derive(Debug, Clone, Default)]
pub struct LinkIndex {
    /// Pages by lowercased file name (the folder's, for bundles and folder
    /// pages), which a link names first, as in Obsidian.
    stems: HashMap<String, Vec<usize>>,
    /// Pages by lowercased title, slug and alias, for a name no file has.
    names: HashMap<String, Vec<usize>>,
    paths: HashMap<String, usize>,
    /// Attachments by lowercased file name: (their folder's lowercased
    /// components under the content folder, their output path).
    files: HashMap<String, Vec<(Vec<String>, String)>>,
    file_paths: HashMap<String, String>,
    /// Folders by lowercased path under the content folder, with their
    /// URL path.
    folders: HashMap<String, String>,
    /// The content folder's path components, lowercased.
    content: Vec<String>,
    /// Names of the notes left out of the site (`publish: false`, drafts,
    /// future dates), with their file and why.
    left_out: HashMap<String, (PathBuf, &'static str)>,
    /// On a multilingual site, the names of the other languages' notes,
    /// with where a link to each leads: its translation in this language
    /// (a page here), else the note itself (its URL).
    elsewhere: HashMap<String, Translated>,
}

/// What a link resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page, with the id to jump to (a heading slug or `^block`).
    Page {
        /// Index into `Site::pages`.
        index: usize,
        /// The fragment, without `#`.
        fragment: Option<String>,
    },
    /// An attachment: its path in the output folder.
    File(String),
    /// A note of another language of a multilingual site, by its URL from
    /// the host's root: a note this language lacks links to the language
    /// that has it.
    Elsewhere(String),
    /// Nothing has this name.
    Missing,
}

/// Where a link to another language's note leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Translated {
    /// Its translation in the linking language, a page of its site.
    Here(usize),
    /// The note itself, by its URL from the host's root.
    Url(String),
}

/// A resolved link, with the other candidates when the name was ambiguous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The chosen target.
    pub target: Target,
    /// Pages that also had the name and are as near (later in path order).
    pub passed_over: Vec<usize>,
}

/// Where a link is written: the file that holds it (relative to the site
/// root), and the page it is, if it is one (a folder's `_index.md` is
/// not): a link finds the note nearest to its file, and `[[#part]]` is a
/// part of its own page.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    /// The file.
    pub source: &'a Path,
    /// The page, by index into `Site::pages`.
    pub page: Option<usize>,
}

fn key(text: &str) -> String {
    text.trim().to_lowercase()
}

/// A page's path under the content folder without the extension
/// (`notes/rust/ownership`), lowercased; for bundles and folder pages, the
/// folder.
/// A page's path as links name it: `source` relative to `content_dir`,
/// its file name `stem` (without extension or language), `index` dropped.
fn page_key(source: &Path, stem: &str, content_dir: &Path) -> String {
    let mut path = source.with_file_name(stem);
    if path.file_name().is_some_and(|n| n.eq_ignore_ascii_case("index")) {
        path.pop();
    }
    let path = path.strip_prefix(content_dir).map(Path::to_path_buf).unwrap_or(path);
    path.to_string_lossy().replace('\\', "/").to_lowercase()
}

fn folder_of(source: &Path) -> Vec<String> {
    source.parent().map(|p| p.iter().map(|c| c.to_string_lossy().to_lowercase()).collect()).unwrap_or_default()
}

impl LinkIndex {
    /// Indexes `pages`, the folders of `sections` and the attachments in
    /// `assets` (source relative to the site root, destination relative to
    /// the output folder) of the content in `content_dir`.
    pub fn build(pages: &[Page], sections: &[Section], assets: &[(PathBuf, PathBuf)], content_dir: &Path) -> LinkIndex {
        let mut index = LinkIndex {
            content: content_dir.iter().map(|c| c.to_string_lossy().to_lowercase()).collect(),
            ..LinkIndex::default()
        };
        for (i, page) in pages.iter().enumerate() {
            let path = page_key(&page.source, &page.stem, content_dir);
            let stem = path.rsplit('/').next().unwrap_or(&path).to_owned();
            // `index.md` is also `[[index]]`, as in Obsidian.
            let file_stem = key(&page.stem);
            let mut stems = vec![stem, file_stem];
            stems.dedup();
            for name in stems {
                index.stems.entry(name).or_default().push(i);
            }
            let mut names = vec![key(&page.title), page.slug.clone()];
            names.extend(page.meta.aliases.iter().filter(|a| !a.starts_with('/')).map(|a| key(a)));
            names.sort();
            names.dedup();
            for name in names {
                index.names.entry(name).or_default().push(i);
            }
            index.paths.insert(path, i);
        }
        for (source, destination) in assets {
            let destination = destination.to_string_lossy().replace('\\', "/");
            let relative = source.strip_prefix(content_dir).unwrap_or(source);
            if let Some(name) = source.file_name() {
                let folder = folder_of(relative);
                index.files.entry(key(&name.to_string_lossy())).or_default().push((folder, destination.clone()));
            }
            index.file_paths.insert(key(&relative.to_string_lossy().replace('\\', "/")), destination);
        }
        for section in sections {
            let folder = key(&section.dir.to_string_lossy().replace('\\', "/"));
            index.folders.insert(folder, section.path.clone());
        }
        index
    }

    /// Resolves the target of a wikilink or embed (`Note`, `Note#Heading`,
    /// `Note#^block`, `Note^block`, `folder/Note`, `image.png`) written in the
    /// page `from`.
    pub fn resolve(&self, pages: &[Page], from: Origin, target: &str) -> Resolution {
        let (name, fragment) = split_fragment(target);
        let found = self.resolve_split(pages, from, (name, fragment.clone()));
        let name = key(name.strip_suffix(".md").unwrap_or(name));
        if found.target == Target::Missing
            && let Some(translated) = self.elsewhere.get(name.trim_start_matches("./").trim_start_matches('/'))
        {
            let target = match (translated, fragment) {
                (Translated::Here(index), fragment) => Target::Page { index: *index, fragment },
                (Translated::Url(url), Some(fragment)) => Target::Elsewhere(format!("{url}#{fragment}")),
                (Translated::Url(url), None) => Target::Elsewhere(url.clone()),
            };
            return Resolution { target, passed_over: Vec::new() };
        }
        // `Note^id` names a block, unless the note's own name holds a `^`
        // (`Proving e^x`).
        if found.target == Target::Missing && !target.contains('#') && target.contains('^') {
            return self.resolve_split(pages, from, (target.trim(), None));
        }
        found
    }

    fn resolve_split(&self, pages: &[Page], from: Origin, split: (&str, Option<String>)) -> Resolution {
        let (name, fragment) = split;
        let missing = Resolution { target: Target::Missing, passed_over: Vec::new() };
        if name.is_empty() {
            let Some(index) = from.page else { return missing };
            return Resolution { target: Target::Page { index, fragment }, passed_over: Vec::new() };
        }
        let name = name.strip_suffix(".md").unwrap_or(name);
        let lowered = key(name);
        if lowered.contains('/') {
            // `[[../Folder/Note]]` is relative to the note's own folder.
            let relative = (lowered.starts_with("../") || lowered.starts_with("./"))
                .then(|| beside_source(from.source, &self.content, &lowered));
            let trimmed = relative.as_deref().unwrap_or(&lowered);
            let trimmed = trimmed.trim_start_matches("./").trim_start_matches('/');
            // `[[folder/]]` and `[[folder/index]]` are the folder.
            let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
            let trimmed = trimmed.strip_suffix("/index").unwrap_or(trimmed);
            if let Some(&index) = self.paths.get(trimmed) {
                return Resolution { target: Target::Page { index, fragment }, passed_over: Vec::new() };
            }
            if let Some(file) = self.file_paths.get(trimmed) {
                return Resolution { target: Target::File(file.clone()), passed_over: Vec::new() };
            }
            if let Some(folder) = self.folders.get(trimmed) {
                return Resolution { target: Target::File(folder.clone()), passed_over: Vec::new() };
            }
            // `[[tags/name]]` is the tag's page, which tend writes itself.
            if let Some(tag) = trimmed.strip_prefix("tags/")
                && !slugify(tag).is_empty()
            {
                return Resolution { target: Target::File(format!("tags/{}/", slugify(tag))), passed_over: Vec::new() };
            }
            let suffix = format!("/{trimmed}");
            let candidates: Vec<usize> =
                self.paths.iter().filter(|(p, _)| p.ends_with(&suffix)).map(|(_, &i)| i).collect();
            if let Some((index, passed_over)) = self.nearest(pages, from.source, candidates) {
                return Resolution { target: Target::Page { index, fragment }, passed_over };
            }
            // A path whose folders moved: the note of that name, as
            // Obsidian still finds it.
            let last = trimmed.rsplit('/').next().unwrap_or(trimmed);
            if let Some(candidates) = self.stems.get(last)
                && let Some((index, passed_over)) = self.nearest(pages, from.source, candidates.clone())
            {
                return Resolution { target: Target::Page { index, fragment }, passed_over };
            }
            return missing;
        }
        // A file of that name wins over a title or alias (a note titled
        // "Rust" does not take the links meant for `Rust.md`).
        for table in [&self.stems, &self.names] {
            if let Some(candidates) = table.get(&lowered)
                && let Some((index, passed_over)) = self.nearest(pages, from.source, candidates.clone())
            {
                return Resolution { target: Target::Page { index, fragment }, passed_over };
            }
        }
        if let Some((file, _)) = self.attachment_named(from.source, &lowered) {
            return Resolution { target: Target::File(file), passed_over: Vec::new() };
        }
        missing
    }

    /// The attachment called `name` (a file name, no folder) nearest to
    /// the page `from`: in its folder, else the one sharing most folders
    /// with it, as Obsidian finds it; with the others as near, which make
    /// the name ambiguous.
    pub fn attachment_named(&self, from: &Path, name: &str) -> Option<(String, Vec<String>)> {
        let files = self.files.get(&key(name))?;
        let here = folder_of(from.strip_prefix(self.content_path()).unwrap_or(from));
        let closeness = |folder: &[String]| {
            let shared = here.iter().zip(folder).take_while(|(a, b)| a == b).count();
            (shared, usize::MAX - folder.len())
        };
        let best = files.iter().map(|(folder, _)| closeness(folder)).max()?;
        let mut nearest: Vec<&String> =
            files.iter().filter(|(folder, _)| closeness(folder) == best).map(|(_, file)| file).collect();
        nearest.sort();
        let chosen = nearest.first()?.to_string();
        let others = nearest.iter().skip(1).map(|f| f.to_string()).collect();
        Some((chosen, others))
    }

    /// The names a link may give `page` by (file name, path, title, slug,
    /// aliases), as this index keys them.
    pub fn names_of(page: &Page, content_dir: &Path) -> Vec<String> {
        let path = page_key(&page.source, &page.stem, content_dir);
        let mut names = vec![path.rsplit('/').next().unwrap_or(&path).to_owned(), key(&page.stem), key(&page.title)];
        names.push(page.slug.clone());
        names.extend(page.meta.aliases.iter().filter(|a| !a.starts_with('/')).map(|a| key(a)));
        names.push(path);
        names
    }

    /// Lets links name the notes of other languages: `names`, each with
    /// the URL its link leads to. A name of this language's notes wins.
    pub fn add_elsewhere(&mut self, names: impl IntoIterator<Item = (String, Translated)>) {
        for (name, to) in names {
            self.elsewhere.entry(name).or_insert(to);
        }
    }

    /// Remembers the notes left out of the site, so a link to one can say
    /// so: `why` is the reason for each (`publish: false`).
    pub fn add_left_out(&mut self, pages: &[(PageSource, &'static str)]) {
        for (page, why) in pages {
            let path = page_key(&page.source, &page.stem, &self.content_path());
            let mut names = vec![path.rsplit('/').next().unwrap_or(&path).to_owned(), key(&page.title), path.clone()];
            names.extend(page.meta.aliases.iter().filter(|a| !a.starts_with('/')).map(|a| key(a)));
            for name in names {
                self.left_out.entry(name).or_insert_with(|| (page.source.clone(), why));
            }
        }
    }

    /// The file of a note left out of the site that `target` names, and
    /// why it was left out.
    pub fn left_out(&self, target: &str) -> Option<&(PathBuf, &'static str)> {
        let (name, _) = split_fragment(target);
        let lowered = key(name.strip_suffix(".md").unwrap_or(name));
        self.left_out.get(lowered.trim_start_matches('/'))
    }

    fn content_path(&self) -> PathBuf {
        self.content.iter().collect()
    }

    /// Resolves a Markdown link to a `.md` file (`../notes/a.md#part`)
    /// relative to the page `from`.
    pub fn resolve_relative(&self, pages: &[Page], from: Origin, href: &str) -> Option<Target> {
        let (path, fragment) = match href.split_once('#') {
            Some((p, f)) => (p, Some(f.to_owned())),
            None => (href, None),
        };
        let mut key = beside_source(from.source, &self.content, path);
        if let Some(stripped) = key.strip_suffix(".md") {
            key = stripped.to_owned();
        }
        let key = key.strip_suffix("/index").map(str::to_owned).unwrap_or(key);
        if let Some(&index) = self.paths.get(&key) {
            return Some(Target::Page { index, fragment: fragment.map(|f| slug_fragment(&f)) });
        }
        // Not beside the page: the note of that path or name nearest to it,
        // as Obsidian and Hugo's `relref` find it.
        let decoded = percent_decode(path);
        let name = decoded.trim_start_matches("./").strip_suffix(".md").unwrap_or(&decoded);
        let target = match &fragment {
            Some(fragment) => format!("{name}#{fragment}"),
            None => name.to_owned(),
        };
        match self.resolve(pages, from, &target).target {
            found @ Target::Page { .. } => Some(found),
            _ => None,
        }
    }

    /// The output path of an attachment written as a relative URL (`photo.png`,
    /// `../images/a.svg`) in the page `from`, found beside the page's source
    /// file. `None` when there is no such file.
    pub fn attachment_near(&self, from: &Path, url: &str) -> Option<&str> {
        let key = beside_source(from, &self.content, url.split(['?', '#']).next().unwrap_or(url));
        self.file_paths.get(&key).map(String::as_str)
    }

    fn nearest(&self, pages: &[Page], from: &Path, mut candidates: Vec<usize>) -> Option<(usize, Vec<usize>)> {
        if candidates.is_empty() {
            return None;
        }
        candidates.sort_by(|&a, &b| pages[a].source.cmp(&pages[b].source));
        candidates.dedup();
        let here = folder_of(from);
        let closeness = |i: usize| {
            let there = folder_of(&pages[i].source);
            let shared = here.iter().zip(&there).take_while(|(a, b)| a == b).count();
            // More folders in common is nearer; fewer folders to descend breaks ties.
            (shared, usize::MAX - there.len())
        };
        let best = candidates.iter().copied().max_by_key(|&i| (closeness(i), usize::MAX - i))?;
        // Only as near a note makes the name ambiguous: the nearest is what
        // Obsidian opens.
        let passed_over = candidates.into_iter().filter(|&i| i != best && closeness(i) == closeness(best)).collect();
        Some((best, passed_over))
    }
}

/// The lowercased path under `content/` that `url` (relative to the page's
/// source file, or to `content/` when it starts with `/`) names.
fn beside_source(source: &Path, content: &[String], url: &str) -> String {
    let folder = folder_of(source);
    let folder = folder.strip_prefix(content).unwrap_or(&folder).join("/");
    join_path(&folder, &percent_decode(url).to_lowercase())
}

/// `Note#Heading` → (`Note`, `heading`); `Note#Heading#Sub` → (`Note`,
/// `sub`), the innermost heading, as Obsidian goes to it; `Note#^id` and
/// `Note^id` → (`Note`, `^id`).
fn split_fragment(target: &str) -> (&str, Option<String>) {
    if let Some((name, fragment)) = target.split_once('#') {
        let innermost = fragment.rsplit('#').find(|part| !part.trim().is_empty()).unwrap_or(fragment);
        return (name.trim(), Some(slug_fragment(innermost)));
    }
    if let Some((name, block)) = target.split_once('^') {
        return (name.trim(), Some(format!("^{}", block.trim())));
    }
    (target.trim(), None)
}

/// A heading name becomes its id; a block reference stays as it is.
fn slug_fragment(fragment: &str) -> String {
    let fragment = fragment.trim();
    if fragment.starts_with('^') { fragment.to_owned() } else { slugify(fragment) }
}

/// Decodes `%20`-style escapes (invalid ones are kept as they are).
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && hex.bytes().all(|b| b.is_ascii_hexdigit())
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::{percent_decode, split_fragment};

    #[test]
    fn fragments() {
        assert_eq!(split_fragment("Note#My Heading"), ("Note", Some("my-heading".to_owned())));
        assert_eq!(split_fragment("Note#^abc"), ("Note", Some("^abc".to_owned())));
        assert_eq!(split_fragment("Note^abc"), ("Note", Some("^abc".to_owned())));
        assert_eq!(split_fragment("#Here"), ("", Some("here".to_owned())));
        assert_eq!(split_fragment("Plain"), ("Plain", None));
        assert_eq!(split_fragment("Note#Part#Sub part"), ("Note", Some("sub-part".to_owned())));
        assert_eq!(split_fragment("Note#Part#^blk"), ("Note", Some("^blk".to_owned())));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("My%20Note.md"), "My Note.md");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%+1 and %-f"), "%+1 and %-f", "a sign is not a hex digit");
    }
}
