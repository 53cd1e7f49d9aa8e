//! Every setting tend reads, in `tend.toml` and in front matter, with its
//! kind, default and meaning. This is the one list: the readers check keys
//! against it (an unknown key, "did you mean"), a test sets each key to
//! its sample and sees it read, and `docs/settings.md` is made from it
//! ([`reference`]).

/// One setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    /// The key as written.
    pub key: &'static str,
    /// What it takes.
    pub kind: &'static str,
    /// Its value when it is not given.
    pub default: &'static str,
    /// What it does.
    pub meaning: &'static str,
    /// A valid value, as written in the file (TOML for `tend.toml`, YAML
    /// for front matter).
    pub sample: &'static str,
}

const fn setting(
    key: &'static str,
    kind: &'static str,
    default: &'static str,
    meaning: &'static str,
    sample: &'static str,
) -> Setting {
    Setting { key, kind, default, meaning, sample }
}

/// The top level of `tend.toml`.
pub const SITE_SETTINGS: &[Setting] = &[
    setting("title", "text", "`My Garden`", "The site's name, in the header and every page's title.", "\"Notes\""),
    setting(
        "description",
        "text",
        "empty",
        "One line about the site: the home page's description and the feeds'.",
        "\"Field notes\"",
    ),
    setting(
        "base_url",
        "URL or path",
        "empty",
        "Where the site is served from (`https://example.org/blog/`, or `/blog/`): feeds and the sitemap hold full URLs only when it is a URL. `--base-url` overrides it.",
        "\"https://example.org/\"",
    ),
    setting("author", "text", "empty", "The writer's name, in feeds and page metadata.", "\"Ada\""),
    setting(
        "language",
        "language tag",
        "`en`",
        "The content's language (`en`, `de-CH`): `<html lang>` and `dir`, the theme's words (built in for en, de, fr, es, pt, it, nl, pl, ru, uk, ja, zh-Hans, zh-Hant, ko, ar and he; change any word, or add a language, in `i18n/LANG.toml`, whose keys are those of `theme/i18n/en.toml`), and dates, numbers and plural forms as CLDR writes them.",
        "\"de\"",
    ),
    setting(
        "languages",
        "tables",
        "none",
        "More languages, each a `[languages.xx]` table: its pages are the files named `name.xx.md`, under `/xx/` (`path = \"…\"` names another folder), with its own lists, tags, feeds, search and garden. The table may set `name` (shown in the language switcher) and any setting of this file (`title`, `description`, `[[languages.xx.menu]]`…) for that language.",
        "{ de = { title = \"Mein Garten\" } }",
    ),
    setting(
        "shared_garden",
        "`true` or `false`",
        "`false`",
        "On a site in several languages, a page's \"Links to this page\" also names the notes of the other languages that link to it or to its translations; off, each language's garden is its own.",
        "true",
    ),
    setting(
        "paginate_by",
        "whole number > 0",
        "`20`",
        "How many pages a tag's page lists before the next one (a section sets its own in `_index.md`).",
        "10",
    ),
    setting("feed_limit", "whole number > 0", "`20`", "How many entries a feed holds.", "50"),
    setting(
        "feeds",
        "true or false",
        "`true`",
        "Write Atom and JSON feeds for the site, its sections and its tags.",
        "false",
    ),
    setting(
        "hover_previews",
        "true or false",
        "`false`",
        "Show a preview of a linked note on hover (a small script).",
        "true",
    ),
    setting(
        "highlight",
        "true or false",
        "`true`",
        "Colour fenced code at build time; coloured blocks are kept in `.tend-cache/code/`, so the next build colours only new or changed ones.",
        "false",
    ),
    setting("search", "true or false", "`true`", "Write the search index and show the search box.", "false"),
    setting(
        "toc",
        "true or false",
        "`false`",
        "A table of contents on every page with headings (a page's `toc` wins).",
        "true",
    ),
    setting(
        "mark_external_links",
        "true or false",
        "`false`",
        "Mark links to other sites (an arrow, and `rel=\"noopener\"`).",
        "true",
    ),
    setting("copy_button", "true or false", "`false`", "A Copy button on code blocks.", "true"),
    setting("images", "table", "see `[images]`", "Resized copies of local photos.", "{ quality = 70 }"),
    setting(
        "theme",
        "table",
        "see `[theme]`",
        "The built-in theme's colours, fonts and width.",
        "{ accent = \"#7a2e8c\" }",
    ),
    setting(
        "menu",
        "list of tables",
        "the top-level sections",
        "The header menu: `[[menu]]` entries with `name`, `url` and `weight` (see `[[menu]]`).",
        "[{ name = \"About\", url = \"/about/\" }]",
    ),
    setting(
        "markdown",
        "table",
        "see `[markdown]`",
        "How Markdown is read: what becomes of the HTML in it.",
        "{ raw_html = \"sanitize\" }",
    ),
    setting(
        "series",
        "tables",
        "none",
        "`[series.\"name\"]` with `title`, `description` and `closing` (the sentence at the foot of each part).",
        "{ trip = { title = \"The trip\" } }",
    ),
    setting(
        "taxonomies",
        "tables",
        "none (tags only)",
        "Taxonomies beside tags, each by its name: pages list their terms under that name in front matter (`categories: [essays]`), and each gets a page of terms, a paginated page per term and feeds (see `[taxonomies]`).",
        "{ categories = { title = \"Categories\" } }",
    ),
    setting(
        "cards",
        "table",
        "cards on",
        "The social card each page shows when its link is shared (see `[cards]`).",
        "{ enabled = false }",
    ),
    setting(
        "deploy",
        "table",
        "none",
        "Where `tend deploy` sends the site: a bucket of S3-compatible storage or an rsync target (see `[deploy]`).",
        "{ bucket = \"my-site\" }",
    ),
    setting("extra", "table", "empty", "Free values for templates, as `config.extra`.", "{ mastodon = \"@ada\" }"),
    setting(
        "home",
        "text",
        "none",
        "The note that is the home page when there is no `index.md` and no note with `permalink: /` (its file name or title, e.g. `Home`).",
        "\"Home\"",
    ),
];

/// The `[images]` table of `tend.toml`.
pub const IMAGE_SETTINGS: &[Setting] = &[
    setting(
        "widths",
        "list of widths in pixels",
        "`[480, 960, 1440]`",
        "The widths of the resized copies (`[]`: none).",
        "[320, 640]",
    ),
    setting("quality", "1 to 100", "`80`", "The quality of the resized copies.", "70"),
    setting(
        "avif",
        "`true` or `false`",
        "`false`",
        "Make AVIF copies too, offered before WebP: some 15% smaller than WebP at the same quality, but the image work of a build takes about 3.3 times as long the first time (copies are cached). Needs a tend built with the `avif` feature.",
        "true",
    ),
    setting("sizes", "text", "fits the theme's column", "The `sizes` attribute of resized images.", "\"100vw\""),
];

/// The `[markdown]` table of `tend.toml`.
pub const MARKDOWN_SETTINGS: &[Setting] = &[setting(
    "raw_html",
    "`allow`, `sanitize` or `escape`",
    "`allow`",
    "HTML written in notes, and the wikilink labels, callout titles and embedded notes that hold it: `allow` keeps it as written (your own HTML); `sanitize` keeps what is safe and drops scripts, styles, event handlers, frames, forms and `javascript:` URLs (for notes clipped from the web); `escape` shows it as text.",
    "\"sanitize\"",
)];

/// The `[theme]` table of `tend.toml`.
pub const THEME_SETTINGS: &[Setting] = &[
    setting(
        "accent",
        "colour (`#rrggbb`)",
        "`#1f5f4a`",
        "Links and highlights on the light background; it must reach a 4.5:1 contrast with it.",
        "\"#7a2e8c\"",
    ),
    setting(
        "accent_dark",
        "colour (`#rrggbb`)",
        "`#8fd1b2`",
        "The same on the dark background (4.5:1 there too).",
        "\"#d9a7e6\"",
    ),
    setting(
        "font_body",
        "font stack",
        "Charter, Georgia, serif",
        "The text's fonts, first found first.",
        "\"Iowan Old Style, serif\"",
    ),
    setting(
        "font_headings",
        "font stack",
        "the system's sans-serif",
        "Headings' and the interface's fonts.",
        "\"Avenir Next, sans-serif\"",
    ),
    setting("width", "length (`ch`, `rem`, `em`, `px`)", "`66ch`", "The width of the column of text.", "\"72ch\""),
    setting(
        "toggle",
        "true or false",
        "`false`",
        "A light/dark button in the header that keeps the reader's choice (a small script); without it, or without JavaScript, the system's setting decides.",
        "true",
    ),
    setting(
        "css",
        "list of files in `static/`",
        "none",
        "Stylesheets added after the theme's, fingerprinted like it.",
        "[\"css/site.css\"]",
    ),
];

/// One taxonomy of `[taxonomies]` in `tend.toml`.
pub const TAXONOMY_SETTINGS: &[Setting] = &[
    setting("title", "text", "the name, capitalised", "What its pages are headed.", "\"Categories\""),
    setting("feed", "true or false", "`true`", "Atom and JSON feeds for each term (when `feeds` is on).", "false"),
    setting("paginate_by", "whole number", "the site's `paginate_by`", "Pages per term list page.", "50"),
];

/// The `[cards]` table of `tend.toml`: the social card each page shows
/// when its link is shared.
pub const CARD_SETTINGS: &[Setting] = &[
    setting(
        "enabled",
        "true or false",
        "`true`",
        "A 1200×630 PNG card for the home page, each page without its own `image` and each section, named in `og:image`; made once per content and kept in `.tend-cache/cards/`.",
        "false",
    ),
    setting(
        "template",
        "template name",
        "`card.svg`",
        "The SVG template that lays a card out, in `templates/` (`tend theme eject card.svg` copies the built-in one to start from).",
        "\"my-card.svg\"",
    ),
];

/// The `[deploy]` table of `tend.toml`. Credentials are not settings:
/// they come from the environment or the AWS files.
pub const DEPLOY_SETTINGS: &[Setting] = &[
    setting("bucket", "text", "none", "The bucket the site is uploaded to.", "\"my-site\""),
    setting(
        "endpoint",
        "URL",
        "AWS S3 in `region`",
        "The storage's address: another provider's (Cloudflare R2, Backblaze B2, MinIO…) or a local server's.",
        "\"https://ACCOUNT.r2.cloudflarestorage.com\"",
    ),
    setting("region", "text", "`us-east-1`", "The region requests are signed for (`auto` on R2).", "\"eu-west-1\""),
    setting("prefix", "text", "none (the bucket's root)", "A folder in the bucket to put the site in.", "\"blog\""),
    setting(
        "path_style",
        "true or false",
        "`true`, except on AWS",
        "Whether the bucket is named in the URL's path (`endpoint/bucket/`) rather than its host (`bucket.endpoint`).",
        "false",
    ),
    setting(
        "rsync",
        "text",
        "none",
        "An rsync destination (`user@host:path`, or a folder) to copy the site to instead of a bucket.",
        "\"me@example.org:/var/www/site\"",
    ),
];

/// A `[[menu]]` entry of `tend.toml`.
pub const MENU_SETTINGS: &[Setting] = &[
    setting("name", "text", "required", "The entry's text.", "\"About\""),
    setting(
        "url",
        "text",
        "required",
        "Where it leads: a site path (`/about/`, `/tags/`), a content file (`notes/now.md`, relative to the content folder), or an outside URL.",
        "\"notes/now.md\"",
    ),
    setting("weight", "whole number", "`0`", "Lighter entries come first; equal weights keep the file's order.", "10"),
];

/// A page's front matter.
pub const PAGE_SETTINGS: &[Setting] = &[
    setting("title", "text", "the first `# heading`, else the file name", "The page's title.", "A title"),
    setting(
        "date",
        "date",
        "a `YYYY-MM-DD-` file name prefix, else none",
        "When it was published; dated pages are listed newest first and are in feeds.",
        "2025-10-31",
    ),
    setting("updated", "date", "the last git commit, else the file's time", "When it was last tended.", "2025-11-02"),
    setting(
        "description",
        "text",
        "the first paragraph",
        "The lede, in lists, feeds and the page's metadata.",
        "What this is about.",
    ),
    setting("tags", "list of text", "none", "Its tags (inline `#tags` join them).", "[rust, garden]"),
    setting("series", "text", "none", "The series the page is a part of.", "trip"),
    setting("draft", "true or false", "`false`", "Left out of the build unless `--drafts`.", "true"),
    setting("slug", "text", "from the file name", "The last segment of its URL.", "my-slug"),
    setting(
        "aliases",
        "list of text",
        "none",
        "Old URLs (starting with `/`) that redirect here, and other names wikilinks may use.",
        "[/old/]",
    ),
    setting(
        "template",
        "template name",
        "`page.html`",
        "A template of `templates/` instead of the default.",
        "wide.html",
    ),
    setting("weight", "whole number", "none", "Order among the undated pages of a list (lighter first).", "3"),
    setting("status", "seedling, budding or evergreen", "none", "How grown a garden note is.", "budding"),
    setting("toc", "true or false", "the site's `toc`", "A table of contents on this page.", "true"),
    setting("extra", "map", "empty", "Free values for templates, as `page.extra`.", "{ mood: calm }"),
    setting("publish", "true or false", "`true`", "`false` leaves the page out (Obsidian Publish).", "false"),
    setting(
        "permalink",
        "URL path",
        "none",
        "The page's whole URL path (Obsidian Publish); `/` makes it the home page.",
        "/elsewhere/",
    ),
    setting(
        "translationKey",
        "text",
        "its path without extension or language (`posts/hello`)",
        "On a multilingual site, pages of different languages with the same key are translations of each other: a translation whose file name differs gives the other's path (`posts/hello`), or both give one key.",
        "posts/hello",
    ),
    setting("cssclasses", "list of text", "none", "Classes on the article (Obsidian).", "[wide]"),
    setting("cssclass", "text", "none", "Same as `cssclasses`.", "wide"),
    setting("image", "path or URL", "none", "The picture shown when the page is shared.", "cover.jpg"),
    setting("cover", "path or URL", "none", "Same as `image`.", "cover.jpg"),
];

/// A section's `_index.md` front matter.
pub const SECTION_SETTINGS: &[Setting] = &[
    setting("title", "text", "the folder's name", "The section's title.", "Notes"),
    setting("description", "text", "none", "What the section holds, under its title.", "Loose notes."),
    setting(
        "sort_by",
        "date, weight or title",
        "dated pages newest first, then the others by weight and title",
        "How its list is ordered (`date` makes a missing date an error).",
        "weight",
    ),
    setting(
        "paginate_by",
        "whole number > 0",
        "all its pages on one page",
        "How many pages its list shows before the next one.",
        "5",
    ),
    setting("feed", "true or false", "`true`", "`false`: the section has no feed of its own.", "false"),
    setting(
        "template",
        "template name",
        "`section.html` (`home.html` at the top)",
        "A template of `templates/` instead of the default.",
        "cards.html",
    ),
    setting("weight", "whole number", "none", "Order among sibling sections (lighter first, then by title).", "2"),
    setting(
        "draft",
        "true or false",
        "`false`",
        "Accepted, as Hugo and Zola sites write it; it has no effect yet.",
        "true",
    ),
    setting("extra", "map", "empty", "Free values for templates, as `section.extra`.", "{ icon: leaf }"),
    setting("slug", "text", "the folder's name", "The last segment of its URL.", "field-notes"),
];

/// The keys of `settings`, in order.
pub fn keys(settings: &[Setting]) -> Vec<&'static str> {
    settings.iter().map(|s| s.key).collect()
}

/// The settings reference, `docs/settings.md`, as Markdown.
pub fn reference() -> String {
    let mut out = String::from(
        "# Settings reference\n\n\
         Every setting tend reads. This file is made from the list in\n\
         `src/model/settings.rs`; a test fails when it is not current\n\
         (`TEND_BLESS=1 cargo nextest run settings_reference` writes it again).\n\
         A key tend does not know is kept for templates (in `extra`), with a\n\
         warning when it looks like a misspelt setting.\n",
    );
    for (title, file, settings) in [
        ("Site: `tend.toml`", "tend.toml", SITE_SETTINGS),
        ("Images: `[images]` in `tend.toml`", "tend.toml", IMAGE_SETTINGS),
        ("Markdown: `[markdown]` in `tend.toml`", "tend.toml", MARKDOWN_SETTINGS),
        ("Theme: `[theme]` in `tend.toml`", "tend.toml", THEME_SETTINGS),
        ("Menu: each `[[menu]]` in `tend.toml`", "tend.toml", MENU_SETTINGS),
        ("Taxonomies: each `[taxonomies.NAME]` in `tend.toml`", "tend.toml", TAXONOMY_SETTINGS),
        ("Social cards: `[cards]` in `tend.toml`", "tend.toml", CARD_SETTINGS),
        ("Deploy: `[deploy]` in `tend.toml`", "tend.toml", DEPLOY_SETTINGS),
        ("Page front matter", "a page's front matter", PAGE_SETTINGS),
        ("Section front matter: `_index.md`", "a section's `_index.md`", SECTION_SETTINGS),
    ] {
        out.push_str(&format!(
            "\n## {title}\n\n| key | takes | default | meaning | e.g. in {file} |\n| --- | --- | --- | --- | --- |\n"
        ));
        for s in settings {
            let sample = s.sample.replace('|', "\\|");
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | `{} {} {sample}` |\n",
                s.key,
                s.kind,
                s.default,
                s.meaning,
                s.key,
                if file.starts_with("tend") { "=" } else { ":" }
            ));
        }
    }
    out
}
