//! What a good rebuild changed, as the browsers hear it: the URL paths of the
//! output files whose bytes differ from the last good build's (changed,
//! added or removed), found by comparing the two builds' fingerprints.
//!
//! Bytes are the truth: a list, tag or home page that shows an edited note's
//! title changes too, and so is listed, while a page whose bytes are the same
//! is not, however its sources were touched. A page's path is that of its
//! folder (`/notes/a/` for `notes/a/index.html`, `/` for the home page);
//! every other file's is its own (`/404.html`, `/extra.css`). Paths are
//! plain text, not percent-encoded. When there is no earlier build to
//! compare with, or more than [`MOST_PATHS`] files changed, the answer is
//! "everything", which reloads every page.

use std::path::{Component, Path};
use std::sync::Arc;

use crate::write::Fingerprints;

/// More changed files than this are not listed one by one: every page
/// reloads (a rebuild that touches this much is a theme or config change),
/// and the event stays small for every open browser.
pub(super) const MOST_PATHS: usize = 1000;

/// What a good build changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Changed {
    /// Everything may have changed: every page reloads.
    Everything,
    /// These URL paths changed, sorted; nothing else did.
    Paths(Arc<[String]>),
}

impl Changed {
    /// What changed from `earlier` to `now`, when both are known.
    pub(super) fn between(earlier: Option<&Fingerprints>, now: Option<&Fingerprints>) -> Changed {
        Self::of_files(earlier, now, false)
    }

    /// What changed from `earlier` to `now` through the work done once the
    /// writer pauses, which rewrites the search index and the social cards:
    /// no page shows them (the search script fetches its shards afresh,
    /// the cards are named in `<meta>` tags), so when there are too many
    /// to list, only the pages among them are listed, and thousands of
    /// cards are no reason to reload every page.
    pub(super) fn of_pages_between(earlier: Option<&Fingerprints>, now: Option<&Fingerprints>) -> Changed {
        Self::of_files(earlier, now, true)
    }

    fn of_files(earlier: Option<&Fingerprints>, now: Option<&Fingerprints>, pages_at_most: bool) -> Changed {
        let (Some(earlier), Some(now)) = (earlier, now) else {
            return Changed::Everything;
        };
        let mut files = now.changed_since(earlier);
        if files.len() > MOST_PATHS && pages_at_most {
            files.retain(|file| file.extension().is_some_and(|e| e == "html"));
        }
        if files.len() > MOST_PATHS {
            return Changed::Everything;
        }
        let mut paths: Vec<String> = files.into_iter().map(url_path).collect();
        paths.sort_unstable();
        Changed::Paths(paths.into())
    }

    /// What `builds` changed in all, one after another: everything when
    /// one of them did, or when the paths are too many to list.
    pub(super) fn union<'a>(builds: impl IntoIterator<Item = &'a Changed>) -> Changed {
        let mut all: Vec<String> = Vec::new();
        for changed in builds {
            match changed {
                Changed::Everything => return Changed::Everything,
                Changed::Paths(paths) => all.extend(paths.iter().cloned()),
            }
        }
        all.sort_unstable();
        all.dedup();
        if all.len() > MOST_PATHS { Changed::Everything } else { Changed::Paths(all.into()) }
    }

    /// How many paths changed; `None` for everything.
    pub(super) fn count(&self) -> Option<usize> {
        match self {
            Changed::Everything => None,
            Changed::Paths(paths) => Some(paths.len()),
        }
    }
}

/// The URL path of the file at `relative` in the output folder.
pub(super) fn url_path(relative: &Path) -> String {
    let mut path = String::from("/");
    let names: Vec<_> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy()),
            _ => None,
        })
        .collect();
    let (folder, last) = match names.split_last() {
        Some((last, folder)) if last == "index.html" => (folder, None),
        Some((last, folder)) => (folder, Some(last)),
        None => (&names[..0], None),
    };
    for name in folder {
        path.push_str(name);
        path.push('/');
    }
    if let Some(last) = last {
        path.push_str(last);
    }
    path
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Changed, MOST_PATHS, url_path};
    use crate::model::{OutputFile, Sink, SinkError};
    use crate::write::{Fingerprints, Recorder};

    /// Takes every file and keeps none.
    struct Nowhere;

    impl Sink for Nowhere {
        fn write(&self, _file: &OutputFile) -> Result<(), SinkError> {
            Ok(())
        }

        fn copy(&self, _from: &Path, _to: &Path) -> Result<(), SinkError> {
            Ok(())
        }
    }

    /// Fingerprints of `count` pages whose text is `text`, and one more.
    fn site(count: usize, text: &str) -> Fingerprints {
        let recorder = Recorder::new(&Nowhere);
        for i in 0..count {
            let page = OutputFile { path: format!("p{i}/index.html").into(), contents: text.to_owned() };
            recorder.write(&page).expect("write");
        }
        recorder.write(&OutputFile { path: "index.html".into(), contents: text.to_owned() }).expect("write");
        recorder.finish()
    }

    #[test]
    fn changed_paths_until_there_are_too_many() {
        let before = site(2, "old");
        let after = site(1, "new");
        assert_eq!(
            Changed::between(Some(&before), Some(&after)),
            Changed::Paths(vec!["/".into(), "/p0/".into(), "/p1/".into()].into())
        );
        assert_eq!(Changed::between(None, Some(&after)), Changed::Everything, "nothing to compare with");
        assert_eq!(Changed::between(Some(&before), None), Changed::Everything);
        let (before, after) = (site(MOST_PATHS, "old"), site(MOST_PATHS, "new"));
        assert_eq!(Changed::between(Some(&before), Some(&after)).count(), None, "every page reloads");
    }

    #[test]
    fn work_done_in_a_pause_names_only_the_pages_it_changed() {
        let with = |cards: &str, search: &str, about: &str| {
            let recorder = Recorder::new(&Nowhere);
            for i in 0..=MOST_PATHS {
                let card = OutputFile { path: format!("p{i}/social-card.png").into(), contents: cards.to_owned() };
                recorder.write(&card).expect("write");
            }
            for (path, text) in [("search/0.json", search), ("about/index.html", about)] {
                recorder.write(&OutputFile { path: path.into(), contents: text.to_owned() }).expect("write");
            }
            recorder.finish()
        };
        let (before, after) = (with("", "", "a"), with("drawn", "index", "a"));
        assert_eq!(Changed::between(Some(&before), Some(&after)), Changed::Everything);
        assert_eq!(Changed::of_pages_between(Some(&before), Some(&after)), Changed::Paths(Vec::new().into()));
        let after = with("drawn", "index", "b");
        assert_eq!(
            Changed::of_pages_between(Some(&before), Some(&after)),
            Changed::Paths(vec!["/about/".into()].into())
        );
        // A few are listed, as after any build.
        let (before, after) = (site(2, "a"), site(2, "b"));
        assert_eq!(
            Changed::of_pages_between(Some(&before), Some(&after)),
            Changed::between(Some(&before), Some(&after))
        );
    }

    #[test]
    fn builds_in_a_row_changed_what_any_of_them_changed() {
        let paths = |list: &[&str]| Changed::Paths(list.iter().map(|p| (*p).to_owned()).collect());
        assert_eq!(
            Changed::union([&paths(&["/b/", "/a/"]), &paths(&["/a/", "/c.css"])]),
            paths(&["/a/", "/b/", "/c.css"])
        );
        assert_eq!(Changed::union([]), paths(&[]));
        assert_eq!(Changed::union([&paths(&["/a/"]), &Changed::Everything]), Changed::Everything);
        let many: Vec<String> = (0..=MOST_PATHS).map(|i| format!("/p{i}/")).collect();
        let (first, second) = many.split_at(MOST_PATHS / 2);
        let halves = [Changed::Paths(first.into()), Changed::Paths(second.into())];
        assert_eq!(Changed::union(&halves), Changed::Everything, "too many to list");
    }

    #[test]
    fn pages_are_named_by_their_folder() {
        assert_eq!(url_path(Path::new("index.html")), "/");
        assert_eq!(url_path(Path::new("notes/a/index.html")), "/notes/a/");
        assert_eq!(url_path(Path::new("404.html")), "/404.html");
        assert_eq!(url_path(Path::new("extra.css")), "/extra.css");
        assert_eq!(url_path(Path::new("tags/été/feed.xml")), "/tags/été/feed.xml");
        assert_eq!(url_path(Path::new("")), "/");
    }
}
