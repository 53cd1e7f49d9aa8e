//! The stages that make the model, before any file is written: load and
//! resolve the site, load the templates, render every body's Markdown, and
//! make the resized images the bodies show.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rayon::prelude::{IndexedParallelIterator, IntoParallelIterator, IntoParallelRefIterator, ParallelIterator};

use super::progress::{Counter, Progress, Stopwatch};
use super::{BuildError, BuildOptions, STATIC_DIR, hooks, output_folder};
use crate::bases;
use crate::diagrams::Diagrams;
use crate::images::{self, Cache};
use crate::load::{self, set_base_url};
use crate::markdown;
use crate::model::{CodeMemo, Content, Diagnostic, Garden, Location, PageKind, Rendered, Site, catch_bug};
use crate::render::Theme;
use crate::site::{self, ResolveOptions, Skipped};
use crate::write;

/// The file in `.tend-cache/code/` that holds the code the last build
/// coloured (`CodeMemo`).
const CODE_MEMO: &str = "highlighted.bin";

/// Everything the stages made from the site's sources, before any file is
/// written: what the build writes, and what `tend serve` keeps between
/// rebuilds.
pub struct Model {
    /// The site model.
    pub site: Site,
    /// The compiled templates.
    pub theme: Theme,
    /// The theme's stylesheet and scripts: (fingerprinted name, contents).
    pub assets: Vec<(String, String)>,
    /// Rendered Markdown of each page, in `site.pages` order.
    pub page_bodies: Vec<Rendered>,
    /// Rendered Markdown of each section's `_index.md`.
    pub section_bodies: Vec<Rendered>,
    /// Backlinks, related notes and the graph.
    pub garden: Garden,
    /// Files under `static/`: (source, path in the output).
    pub static_files: Vec<(PathBuf, PathBuf)>,
    /// Files beside pages: (source, path in the output).
    pub page_assets: Vec<(PathBuf, PathBuf)>,
    /// The resized copies of images, made or found in the cache.
    pub images: images::Made,
    /// Where they are kept until linked into the output (it may be a
    /// temporary folder).
    pub image_cache: Option<Cache>,
    /// The Mermaid diagrams drawn so far, for rebuilds.
    pub diagrams: Diagrams,
    /// The social cards, drawn or found in the cache.
    pub cards: images::CardsMade,
    /// Where they are kept, as `image_cache`.
    pub card_cache: Option<Cache>,
    /// Each page's front-matter tags, before inline `#tags` joined them
    /// (kept with `keep_text`, for rebuilds; else empty).
    pub front_tags: Vec<Vec<String>>,
    /// Problems found loading the content and the templates, and making
    /// images (the bodies hold their own).
    pub problems: Vec<Diagnostic>,
    /// What was left out.
    pub skipped: Skipped,
}

impl Model {
    /// Every problem found: loading, templates, images, and each body's.
    pub fn all_problems(&self) -> Vec<Diagnostic> {
        let bodies = self.page_bodies.iter().chain(&self.section_bodies);
        self.problems.iter().chain(bodies.flat_map(|b| &b.problems)).cloned().collect()
    }
}

/// Loads the site in `root`, one `Content` per language (the default
/// first; one for a site of one language), with every problem found.
pub(super) fn load(
    options: &BuildOptions,
    root: &Path,
    clock: &mut Stopwatch,
) -> Result<(Vec<Content>, Vec<Diagnostic>), BuildError> {
    let (mut content, problems) = load::load(root, Some(&output_folder(options, root)));
    if let Some(url) = &options.base_url {
        set_base_url(&mut content.config, url).map_err(|e| BuildError::Usage(e.to_string()))?;
    }
    let contents = load::split_languages(content);
    clock.lap("load");
    Ok((contents, problems))
}

/// Resolves `content`, the site in `root` (or one language of it), measures
/// its images and loads its templates: a model whose bodies are still to be
/// rendered, holding `problems`. With `copy_static`, it copies `static/`.
pub(super) fn read(
    options: &BuildOptions,
    root: &Path,
    content: Content,
    mut problems: Vec<Diagnostic>,
    copy_static: bool,
    clock: &mut Stopwatch,
) -> Model {
    let (mut site, skipped, found) =
        site::resolve(content, ResolveOptions { drafts: options.drafts, now: Timestamp::now() });
    problems.extend(found);
    let mut static_files = write::files_under(&root.join(STATIC_DIR));
    static_files.retain(|(_, relative)| !write::is_clutter(relative));
    let page_assets: Vec<(PathBuf, PathBuf)> =
        site.assets.iter().map(|(from, to)| (root.join(from), to.clone())).collect();
    site.images = load::measure_images(&page_assets);
    site.images.extend(load::measure_images(&static_files));
    if !copy_static {
        static_files.clear();
    }
    clock.lap("resolve");
    // Templates before Markdown: pages call the shortcode templates.
    let (theme, found) = Theme::load(root, &site.config.locale);
    problems.extend(found);
    problems.extend(other_generators_layouts(&mut site, &theme));
    let (assets, found) =
        crate::render::theme_assets(markdown::code_stylesheet(), &site.config.theme, root, &site.config.locale);
    problems.extend(found);
    let diagrams = Diagrams::new(root, options.images, options.keep_text, std::sync::Arc::clone(&site.config.locale));
    Model {
        site,
        theme,
        assets,
        page_bodies: Vec::new(),
        section_bodies: Vec::new(),
        garden: Garden::default(),
        static_files,
        page_assets,
        images: images::Made::default(),
        image_cache: None,
        diagrams,
        cards: images::CardsMade::default(),
        card_cache: None,
        front_tags: Vec::new(),
        problems,
        skipped,
    }
}

/// Renders every section's and page's Markdown, pages in parallel, and
/// adds the pages' inline `#tags` to the site. With `keep_text`, pages
/// keep their Markdown (a rebuild renders some of them again). With a
/// `memo_root`, code that site's last build coloured is taken from its
/// cache, and this build's kept there.
pub(super) fn render_markdown(
    model: &mut Model,
    keep_text: bool,
    memo_root: Option<&Path>,
    progress: &dyn Progress,
    clock: &mut Stopwatch,
) {
    let Model { site, theme, .. } = model;
    let memo = memo_root.filter(|_| site.config.highlight).map(|root| {
        let cache = open_cache(root, "code", &mut model.problems);
        // Each language of a site keeps the code it shows apart.
        let name = if site.config.is_default_language() {
            CODE_MEMO.to_owned()
        } else {
            format!("highlighted.{}.bin", site.config.language)
        };
        let file = cache.named(&name);
        let memo = std::fs::read(&file).map(|bytes| CodeMemo::read(&bytes, markdown::code_memo_version()));
        (cache, file, memo.unwrap_or_default())
    });
    let code_memo = memo.as_ref().map(|(_, _, memo)| memo);
    // Sections first: a folder's own page is read again as its list's
    // intro, before the pages' text may be dropped.
    model.section_bodies =
        (0..site.sections.len()).map(|s| markdown::render_section(site, s, theme, code_memo)).collect();
    let counter = Counter::new(progress, "Rendering Markdown", site.pages.len());
    // Another page's Markdown is read only to embed it (a board shows
    // notes too), and a shortcode could write an embed. Where neither can
    // occur, each page's text is dropped as soon as its HTML is made, so
    // the HTML takes the memory the Markdown held.
    let drop_early = !keep_text
        && !site.pages.par_iter().any(|p| p.kind == PageKind::Canvas || markdown::might_embed(&p.body))
        && !site.sections.iter().any(|s| markdown::might_embed(&s.body));
    let texts: Vec<Option<String>> =
        site.pages.iter_mut().map(|p| drop_early.then(|| std::mem::take(&mut p.body))).collect();
    model.page_bodies = texts
        .into_par_iter()
        .enumerate()
        .map(|(i, text)| {
            let markdown = text.as_deref().unwrap_or(&site.pages[i].body);
            let body = render_page_text_safely(site, i, markdown, theme, code_memo);
            drop(text);
            counter.tick();
            body
        })
        .collect();
    // Kept for the next build only when this one coloured something new
    // or no longer shows something the file holds; a cache that cannot
    // be written only costs the next build its colouring.
    if let Some((cache, file, memo)) = &memo
        && let Some(bytes) = memo.to_write(markdown::code_memo_version())
    {
        let _ = cache.store_unsynced(file, &bytes);
    }
    clock.lap("markdown");
    if model.page_bodies.iter().chain(&model.section_bodies).any(|b| !b.diagrams.is_empty()) {
        let mut bodies: Vec<&mut Rendered> =
            model.page_bodies.iter_mut().chain(model.section_bodies.iter_mut()).collect();
        model.diagrams.draw(&mut bodies);
        clock.lap("diagrams");
    }
    if bases::any(&model.page_bodies) || bases::any(&model.section_bodies) {
        bases::show(site, &mut model.page_bodies, &mut model.section_bodies, jiff::Timestamp::now());
        clock.lap("bases");
    }
    if keep_text {
        model.front_tags = site.pages.iter().map(|p| p.meta.tags.clone()).collect();
    } else {
        // The Markdown is rendered (embeds included); its text is not
        // needed again.
        for page in &mut site.pages {
            page.body = String::new();
        }
    }
    site::add_inline_tags(site, model.page_bodies.iter().map(|b| b.tags.as_slice()));
}

/// Page `i`'s Markdown rendered, a bug in it turned into a problem.
pub fn render_page_body_safely(site: &Site, i: usize, theme: &Theme) -> Rendered {
    render_page_text_safely(site, i, &site.pages[i].body, theme, None)
}

/// Page `i` rendered from `text`, its Markdown, a bug turned into a problem.
fn render_page_text_safely(site: &Site, i: usize, text: &str, theme: &Theme, memo: Option<&CodeMemo>) -> Rendered {
    let source = &site.pages[i].source;
    catch_bug(source, "rendering the Markdown of", || {
        hooks::panic_on(source);
        markdown::render_page(site, i, text, Some(theme), memo)
    })
    .unwrap_or_else(|bug| Rendered { problems: vec![bug], ..Rendered::default() })
}

/// Makes the resized copies that pages name (none for `tend check`), with
/// a warning for each image that could not be processed, and gives the
/// pages that show one of those the plain `<img>` back. They are made
/// before the templates run, which must show the plain image then.
pub(super) fn make_images(model: &mut Model, options: &BuildOptions, root: &Path, clock: &mut Stopwatch) {
    let site = &model.site;
    let uses = || model.page_bodies.iter().flat_map(|b| &b.images);
    let jobs = if options.images { images::jobs(uses(), &site.images) } else { Vec::new() };
    if !jobs.is_empty() {
        let cache = open_cache(root, "images", &mut model.problems);
        let made = images::process(&jobs, &site.config.images, &cache);
        for (path, why) in &made.failed {
            let name = images::source_name(root, &site.images, path);
            let mut warning = Diagnostic::warning(format!("cannot make resized copies of `{name}`: {why}"))
                .hint("the page shows the image as it is; check that the file is a whole JPEG, PNG or WebP");
            if let Some(at) = uses().find(|u| u.path == *path).and_then(|u| u.at.clone()) {
                warning = warning.at(at);
            }
            model.problems.push(warning);
        }
        model.images = made;
        model.image_cache = Some(cache);
    }
    let bodies = model.page_bodies.iter_mut();
    images::unmake(&model.images.failed, bodies.map(|b| (&mut b.html, b.images.as_slice())));
    if options.images {
        clock.lap("images");
    }
    if options.cards && model.site.config.cards.enabled {
        let (cards, cache) = make_cards(&model.site, &model.theme, root, &mut model.problems);
        model.cards = cards;
        model.card_cache = Some(cache);
        clock.lap("social cards");
    }
}

/// Draws the social cards of `site` (or finds them in the cache), each
/// problem added to `problems`; returns them and the cache they are in.
pub fn make_cards(
    site: &Site,
    theme: &Theme,
    root: &Path,
    problems: &mut Vec<Diagnostic>,
) -> (images::CardsMade, Cache) {
    let cache = open_cache(root, "cards", problems);
    let mut cards = images::make_cards(site, theme, root, &cache);
    problems.append(&mut cards.problems);
    (cards, cache)
}

/// The cache `folder` of the site in `root`; a temporary one, with a
/// warning, when the site's cannot be written.
fn open_cache(root: &Path, folder: &str, problems: &mut Vec<Diagnostic>) -> Cache {
    let (cache, trouble) = Cache::open(root, folder);
    if let Some(reason) = trouble {
        problems.push(
            Diagnostic::warning(reason).hint(format!("{folder} are made again on every build until it can be written")),
        );
    }
    cache
}

/// A page's or a folder's `template` with no extension that names no
/// template (`template: post`, as Gatsby's starters write it) is another
/// generator's layout: the page is shown with tend's own, and a warning
/// says so. A name the theme has with `.html` added is that template. A
/// missing `name.html` stays the render stage's error.
fn other_generators_layouts(site: &mut Site, theme: &Theme) -> Vec<Diagnostic> {
    // By name: where it is first asked for, and how many pages ask.
    let mut missing: std::collections::BTreeMap<String, (PathBuf, usize, usize)> = Default::default();
    let mut settle = |template: &mut Option<String>, source: &Path, line: usize| {
        let Some(name) = template.clone().filter(|n| !n.contains('.')) else { return };
        *template = theme.template_named(&name);
        if template.is_none() {
            missing.entry(name).or_insert_with(|| (source.to_path_buf(), line, 0)).2 += 1;
        }
    };
    for page in &mut site.pages {
        let line = page.meta.line_of("template");
        settle(&mut page.meta.template, &page.source, line);
    }
    for section in &mut site.sections {
        if let Some(source) = section.source.clone() {
            settle(&mut section.meta.template, &source, 1);
        }
    }
    let others = |count: usize| match count {
        1 => String::new(),
        n => format!(" ({n} pages ask for it)"),
    };
    missing
        .into_iter()
        .map(|(name, (source, line, count))| {
            Diagnostic::warning(format!("no template `{name}`: the page is shown with the theme's own{}", others(count)))
                .at(Location::new(source, line, 1))
                .hint("tend's templates are files in templates/ (`template: wide.html`); another generator's layout name can go")
        })
        .collect()
}
