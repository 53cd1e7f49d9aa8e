//! Where the Markdown stage meets an Obsidian base: a ```` ```base ````
//! block, a `.base` file's page, or `![[Books.base]]`. Each becomes a
//! [`BaseUse`] and its mark in the body; the bases stage, run once every
//! note's links and tags are known, puts the views in its place.

use std::sync::atomic::{AtomicU64, Ordering};

use super::links::LinkContext;
use crate::model::{BaseUse, Location, Rendered, Site, base_mark};

/// Marks handed out so far: one build's, or a serve session's, all differ.
static MARKS: AtomicU64 = AtomicU64::new(0);

fn next_mark() -> String {
    base_mark(MARKS.fetch_add(1, Ordering::Relaxed))
}

/// The base in a ```` ```base ```` block whose fence is `fence`, shown in
/// the page `ctx` renders (`this` in its expressions).
pub(super) fn block_use(yaml: &str, fence: Location, ctx: Option<&LinkContext>) -> BaseUse {
    let at = Location::new(fence.file, fence.line + 1, 1);
    BaseUse {
        source: yaml.to_owned(),
        markup: next_mark(),
        at,
        this: ctx.and_then(LinkContext::page),
        embedded: ctx.is_some_and(|c| !c.embed_stack.is_empty()),
        whole_page: false,
        view: None,
    }
}

/// The base page `index` (a `.base` file), whose body is its YAML.
pub(super) fn page_body(site: &Site, index: usize, yaml: &str) -> Rendered {
    let base = BaseUse {
        source: yaml.to_owned(),
        markup: next_mark(),
        at: Location::new(&site.pages[index].source, 1, 1),
        this: Some(index),
        embedded: false,
        whole_page: true,
        view: None,
    };
    Rendered { html: base.markup.clone(), bases: vec![base], ..Rendered::default() }
}

/// The base kept as the file `path` (in the output) embedded in the page
/// `ctx` renders, which is `this` to it. No page of its own tells its
/// problems, so this one does.
pub(super) fn kept_as_file(ctx: &LinkContext, path: &str, view: Option<&str>) -> BaseUse {
    let (source, yaml) = ctx.site.base_files.get(path).cloned().unwrap_or_default();
    BaseUse {
        source: yaml,
        markup: next_mark(),
        at: Location::new(source, 1, 1),
        this: ctx.page(),
        embedded: !ctx.embed_stack.is_empty(),
        whole_page: false,
        view: view.map(str::to_owned),
    }
}

/// The base page `index` embedded in the page `ctx` renders, which is
/// `this` to it; its problems are its own page's.
pub(super) fn embedded(ctx: &LinkContext, index: usize, view: Option<&str>) -> BaseUse {
    BaseUse {
        source: ctx.site.pages[index].body.clone(),
        markup: next_mark(),
        at: Location::new(&ctx.site.pages[index].source, 1, 1),
        this: ctx.page(),
        embedded: true,
        whole_page: false,
        view: view.map(str::to_owned),
    }
}
