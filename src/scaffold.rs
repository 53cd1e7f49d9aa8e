//! New sites and new posts: `tend init` copies the starter site (real files
//! in `starter/`, embedded here from one list: content, settings, and the
//! files that put it online); `tend new` writes a post or note with front
//! matter filled in.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::load::content_folder;
use crate::model::slugify;

/// The starter site, by path relative to the new site's folder.
const STARTER: &[(&str, &str)] = &[
    ("tend.toml", include_str!("../starter/tend.toml")),
    ("content/_index.md", include_str!("../starter/content/_index.md")),
    ("content/about.md", include_str!("../starter/content/about.md")),
    ("content/posts/_index.md", include_str!("../starter/content/posts/_index.md")),
    ("content/posts/hello-world.md", include_str!("../starter/content/posts/hello-world.md")),
    ("content/notes/_index.md", include_str!("../starter/content/notes/_index.md")),
    ("content/notes/first-note.md", include_str!("../starter/content/notes/first-note.md")),
    ("static/.gitkeep", ""),
    (".gitignore", include_str!("../starter/.gitignore")),
    // Putting it online: GitHub Pages, Netlify, and a note for the rest.
    (".github/workflows/pages.yml", include_str!("../starter/.github/workflows/pages.yml")),
    ("netlify.toml", include_str!("../starter/netlify.toml")),
    ("PUBLISHING.md", include_str!("../starter/PUBLISHING.md")),
];

/// Why a site or post could not be created.
#[derive(Debug, Error)]
pub enum ScaffoldError {
    /// The folder for a new site already has files.
    #[error("{0} is not empty; tend init only creates a site in a new or empty folder")]
    NotEmpty(PathBuf),
    /// The post or note exists already.
    #[error("{0} already exists; choose another title or edit that file")]
    Exists(PathBuf),
    /// The site folder given to `tend new` does not exist.
    #[error(
        "the site folder {0} does not exist; pass the folder of your site with --root, or create one with `tend init`"
    )]
    NoSite(PathBuf),
    /// The title has no letters or digits to make a file name from.
    #[error("the title {0:?} has no letters or digits to make a file name from")]
    EmptySlug(String),
    /// `tend new` was asked for a kind it does not know.
    #[error("tend new knows no kind `{kind}`; it knows {known} (add archetypes/{kind}.md to make one)")]
    UnknownKind {
        /// The kind asked for.
        kind: String,
        /// The kinds it knows, as a sentence.
        known: String,
    },
    /// `tend theme eject` was asked for a template the theme does not have.
    #[error("the built-in theme has no template `{name}`; it has {known} (or pass --all)")]
    UnknownTemplate {
        /// The name asked for.
        name: String,
        /// The templates it has.
        known: String,
    },
    /// `tend new --lang` was given a language the site does not have.
    #[error(
        "the site has no language `{lang}`; its languages are {known} (add [languages.{lang}] to tend.toml to write in it)"
    )]
    UnknownLanguage {
        /// The language asked for.
        lang: String,
        /// The site's languages.
        known: String,
    },
    /// Ejecting would overwrite a template of the site's.
    #[error("{0} exists already; tend theme eject never overwrites a file (move it away to eject it again)")]
    WouldOverwrite(PathBuf),
    /// Writing failed.
    #[error("cannot write {path}: {message}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The system's message.
        message: String,
    },
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> ScaffoldError + '_ {
    move |e| ScaffoldError::Io { path: path.to_path_buf(), message: e.to_string() }
}

/// Creates a new site in `dir`, which must not exist or be empty (hidden
/// files such as `.git` are allowed). Returns the files written.
pub fn init_site(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists() {
        let entries = std::fs::read_dir(dir).map_err(io(dir))?;
        let visible = entries.flatten().any(|e| !e.file_name().to_string_lossy().starts_with('.'));
        if visible {
            return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
        }
    }
    let mut written = Vec::with_capacity(STARTER.len());
    for (relative, contents) in STARTER {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, contents).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

/// The folder archetypes are read from, under the site root.
pub const ARCHETYPES_DIR: &str = "archetypes";

/// The kinds `tend new` knows without an archetype: the kind, the folder
/// of the content it goes in (empty: the top), and the text of the file.
const KINDS: [(&str, &str, &str); 3] = [
    (
        "post",
        "posts",
        "---\ntitle: {{ title }}\ndate: {{ date }}\ndescription: \"\"\ntags: []\n---\n\nStart writing here.\n",
    ),
    ("note", "notes", "---\ntitle: {{ title }}\nstatus: seedling\ntags: []\n---\n\nA first thought.\n"),
    ("page", "", "---\ntitle: {{ title }}\n---\n\nWhat this page is about.\n"),
];

/// Writes a new page of `kind` titled `title` into the content folder of
/// the site at `root` (`content/`, or the site folder itself when it has
/// none), dated `today` (`YYYY-MM-DD`). A kind is `post` (in `posts/`),
/// `note` (in `notes/`), `page` (at the top), or the name of an archetype,
/// `archetypes/KIND.md`, whose file goes in the folder of that name; an
/// archetype of a built-in kind's name replaces its text. In the text,
/// `{{ title }}` is the title (quoted), `{{ date }}` today and
/// `{{ slug }}` the file name. Never overwrites a file.
///
/// On a multilingual site, `lang` names one of its languages: the file is
/// named for it (`titre.fr.md`), unless it is the default.
pub fn new_content(
    root: &Path,
    kind: &str,
    title: &str,
    today: &str,
    lang: Option<&str>,
) -> Result<PathBuf, ScaffoldError> {
    if !root.is_dir() {
        return Err(ScaffoldError::NoSite(root.to_path_buf()));
    }
    let suffix = match lang {
        None => String::new(),
        Some(lang) => language_suffix(root, lang)?,
    };
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(ScaffoldError::EmptySlug(title.to_owned()));
    }
    let archetype = root.join(ARCHETYPES_DIR).join(format!("{kind}.md"));
    let archetype =
        if archetype.is_file() { Some(std::fs::read_to_string(&archetype).map_err(io(&archetype))?) } else { None };
    let builtin = KINDS.iter().find(|(name, ..)| *name == kind);
    let (folder, text) = match (builtin, archetype) {
        (Some((_, folder, _)), Some(text)) => (*folder, text),
        (Some((_, folder, text)), None) => (*folder, (*text).to_owned()),
        (None, Some(text)) if crate::model::is_safe_segment(kind) => (kind, text),
        (None, _) => return Err(ScaffoldError::UnknownKind { kind: kind.to_owned(), known: known_kinds(root) }),
    };
    let path = root.join(content_folder(root)).join(folder).join(format!("{slug}{suffix}.md"));
    if path.exists() {
        return Err(ScaffoldError::Exists(path));
    }
    let quoted = serde_json::to_string(title).unwrap_or_else(|_| format!("\"{slug}\""));
    let text = text.replace("{{ title }}", &quoted).replace("{{ date }}", today).replace("{{ slug }}", &slug);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(io(&path))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(io(&path))?;
    Ok(path)
}

/// What a new file's name says of its language `lang` on the site at
/// `root`: `.fr`, or nothing for the default language.
fn language_suffix(root: &Path, lang: &str) -> Result<String, ScaffoldError> {
    let (config, _) = crate::load::load_config(root);
    let codes: Vec<&str> = std::iter::once(config.language.as_str())
        .chain(config.languages.iter().skip(1).map(|l| l.code.as_str()))
        .collect();
    match codes.iter().position(|code| code.eq_ignore_ascii_case(lang)) {
        Some(0) => Ok(String::new()),
        Some(i) => Ok(format!(".{}", codes[i])),
        None => Err(ScaffoldError::UnknownLanguage { lang: lang.to_owned(), known: codes.join(", ") }),
    }
}

/// The kinds `tend new` knows in the site at `root`, as a sentence.
fn known_kinds(root: &Path) -> String {
    let mut kinds: Vec<String> = KINDS.iter().map(|(name, ..)| (*name).to_owned()).collect();
    if let Ok(entries) = std::fs::read_dir(root.join(ARCHETYPES_DIR)) {
        let mut found: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.strip_suffix(".md").map(str::to_owned))
            .filter(|name| !kinds.contains(name))
            .collect();
        found.sort();
        kinds.extend(found);
    }
    kinds.join(", ")
}

/// Copies the built-in templates `names` (`page.html`, or `page`; every one
/// with `all`) into the site's `templates/` folder, for full control.
/// Nothing is written unless every template is known and none would
/// overwrite a file. Returns the files written.
pub fn eject(root: &Path, names: &[String], all: bool) -> Result<Vec<PathBuf>, ScaffoldError> {
    use crate::render::{TEMPLATES, TEMPLATES_DIR};
    if !root.is_dir() {
        return Err(ScaffoldError::NoSite(root.to_path_buf()));
    }
    let known = || TEMPLATES.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ");
    let mut chosen = Vec::new();
    if all {
        chosen.extend(TEMPLATES.iter().copied());
    }
    for name in names {
        let found = TEMPLATES.iter().find(|(n, _)| n == name || n.strip_suffix(".html") == Some(name.as_str()));
        match found {
            Some(template) => chosen.push(*template),
            None => return Err(ScaffoldError::UnknownTemplate { name: name.clone(), known: known() }),
        }
    }
    chosen.dedup_by_key(|(name, _)| *name);
    if chosen.is_empty() {
        return Err(ScaffoldError::UnknownTemplate { name: String::new(), known: known() });
    }
    let target = |name: &str| root.join(TEMPLATES_DIR).join(name);
    if let Some((name, _)) = chosen.iter().find(|(name, _)| target(name).exists()) {
        return Err(ScaffoldError::WouldOverwrite(target(name)));
    }
    let mut written = Vec::with_capacity(chosen.len());
    for (name, source) in chosen {
        let path = target(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(io(&path))?;
        std::io::Write::write_all(&mut file, source.as_bytes()).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}
