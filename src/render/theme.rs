//! The built-in theme: templates and assets embedded in the binary from the
//! `theme/` folder, listed once here. A site's `templates/` folder overrides
//! any template by name; lookup order is the site's folder, then built-in.

/// Built-in templates by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../theme/templates/base.html")),
    ("home.html", include_str!("../../theme/templates/home.html")),
    ("section.html", include_str!("../../theme/templates/section.html")),
    ("page.html", include_str!("../../theme/templates/page.html")),
    ("404.html", include_str!("../../theme/templates/404.html")),
    ("macros.html", include_str!("../../theme/templates/macros.html")),
    ("tags.html", include_str!("../../theme/templates/tags.html")),
    ("tag.html", include_str!("../../theme/templates/tag.html")),
    ("taxonomy.html", include_str!("../../theme/templates/taxonomy.html")),
    ("term.html", include_str!("../../theme/templates/term.html")),
    ("series.html", include_str!("../../theme/templates/series.html")),
    ("series-index.html", include_str!("../../theme/templates/series-index.html")),
    ("archive.html", include_str!("../../theme/templates/archive.html")),
    ("redirect.html", include_str!("../../theme/templates/redirect.html")),
    ("graph.html", include_str!("../../theme/templates/graph.html")),
    ("search.html", include_str!("../../theme/templates/search.html")),
    ("card.svg", include_str!("../../theme/templates/card.svg")),
    ("shortcodes/aside.html", include_str!("../../theme/templates/shortcodes/aside.html")),
    ("shortcodes/details.html", include_str!("../../theme/templates/shortcodes/details.html")),
    ("shortcodes/figure.md", include_str!("../../theme/templates/shortcodes/figure.md")),
    ("shortcodes/video.html", include_str!("../../theme/templates/shortcodes/video.html")),
    // Hugo's built-in shortcodes, so a Hugo posts folder builds as it is.
    ("shortcodes/youtube.html", include_str!("../../theme/templates/shortcodes/youtube.html")),
    ("shortcodes/vimeo.html", include_str!("../../theme/templates/shortcodes/vimeo.html")),
    ("shortcodes/x.html", include_str!("../../theme/templates/shortcodes/x.html")),
    ("shortcodes/tweet.html", include_str!("../../theme/templates/shortcodes/tweet.html")),
    ("shortcodes/gist.html", include_str!("../../theme/templates/shortcodes/gist.html")),
    ("shortcodes/instagram.html", include_str!("../../theme/templates/shortcodes/instagram.html")),
];

/// Built-in assets, written to the output root with a content hash in their
/// name (`style.css` becomes `style.3f2a9c01.css`).
pub const ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../../theme/static/style.css")),
    ("garden.js", include_str!("../../theme/static/garden.js")),
    ("search.js", include_str!("../../theme/static/search.js")),
    ("code.js", include_str!("../../theme/static/code.js")),
    ("video.js", include_str!("../../theme/static/video.js")),
    ("canvas.js", include_str!("../../theme/static/canvas.js")),
    ("scheme.js", include_str!("../../theme/static/scheme.js")),
];

/// The built-in template named `name`.
pub(super) fn builtin_template(name: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, source)| *source)
}
