//! The template engine: minijinja with the site's `templates/` folder first
//! and the built-in theme second, tend's filters, and template errors turned
//! into diagnostics that name the template file and line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior, Value};

use super::shortcodes::{self, Entry};
use super::template_errors;
use super::theme::{self, ASSETS, TEMPLATES};
use crate::model::{
    ArgValue, Card, CardTemplate, Diagnostic, Kind, Locale, Location, Shortcode, ShortcodeError, Shortcodes,
    ThemeConfig, slugify,
};

/// The folder of template overrides under the site root.
pub const TEMPLATES_DIR: &str = "templates";

/// Compiled templates: the site's overrides, then the built-in theme.
pub struct Theme {
    env: Environment<'static>,
    overrides: BTreeSet<String>,
    shortcodes: BTreeMap<String, Entry>,
}

impl Theme {
    /// Compiles every template the site will use; returns the theme and a
    /// problem for each template that does not compile.
    pub fn load(root: &Path, locale: &Arc<Locale>) -> (Theme, Vec<Diagnostic>) {
        let dir = root.join(TEMPLATES_DIR);
        let overrides = list_overrides(&dir);
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        let syntax = SyntaxConfig::builder().keep_trailing_newline(true).trim_blocks(true).lstrip_blocks(true).build();
        if let Ok(syntax) = syntax {
            env.set_syntax(syntax);
        }
        let loader_dir = dir.clone();
        env.set_loader(move |name| load_template(&loader_dir, name));
        env.set_formatter(escape_html_value);
        // A card's SVG is XML: a title such as "Generics <T>" is text in it.
        env.set_auto_escape_callback(|name| match name.ends_with(".svg") {
            true => AutoEscape::Html,
            false => minijinja::default_auto_escape_callback(name),
        });
        super::words::add_to(&mut env, locale);
        env.add_filter("slugify", |s: &str| slugify(s));
        env.add_filter("truncate", truncate);
        env.add_filter("markdown_escape", markdown_escape);
        env.add_function("fail", shortcodes::fail);
        // Which hooks the site has, so the layout includes only those.
        let hooks = HOOKS.iter().map(|(key, file)| (Value::from(*key), Value::from(overrides.contains(*file))));
        env.add_global("hooks", Value::from_pairs(hooks));
        let builtin: Vec<&str> = TEMPLATES.iter().map(|(n, _)| *n).collect();
        let shortcodes = shortcodes::collect(&env, &builtin, &overrides);
        let theme = Theme { env, overrides, shortcodes };
        let names: BTreeSet<&str> = builtin.into_iter().chain(theme.overrides.iter().map(String::as_str)).collect();
        let problems = names
            .into_iter()
            .filter_map(|name| theme.env.get_template(name).err())
            .map(|err| theme.problem(&err))
            .collect();
        (theme, problems)
    }

    /// The template a page's `template: name` means: `name` when the
    /// theme has it, else `name.html` for a name without an extension.
    /// `None` when it has neither.
    pub fn template_named(&self, name: &str) -> Option<String> {
        let named = [name.to_owned(), format!("{name}.html")];
        let candidates = if name.contains('.') { &named[..1] } else { &named[..] };
        candidates.iter().find(|n| self.env.get_template(n).is_ok()).cloned()
    }

    /// Renders template `name` with `ctx`.
    pub fn render(&self, name: &str, ctx: Value) -> Result<String, Diagnostic> {
        let template = self.env.get_template(name).map_err(|e| self.problem(&e))?;
        template.render(ctx.clone()).map_err(|e| self.problem_in(&e, Some(&ctx)))
    }

    /// A diagnostic for a template error, located in the template file.
    fn problem(&self, err: &minijinja::Error) -> Diagnostic {
        self.problem_in(err, None)
    }

    /// A diagnostic for a template error met while rendering with `ctx`
    /// (to name what an undefined value was probably meant to be).
    fn problem_in(&self, err: &minijinja::Error, ctx: Option<&Value>) -> Diagnostic {
        let mut inner = err;
        let mut source = std::error::Error::source(err);
        while let Some(next) = source {
            if let Some(e) = next.downcast_ref::<minijinja::Error>()
                && e.name().is_some()
            {
                inner = e;
            }
            source = next.source();
        }
        let name = inner.name().unwrap_or("?");
        let file = if let Some(builtin) = name.strip_prefix(BUILTIN_PREFIX) {
            Path::new("(built-in theme)").join(TEMPLATES_DIR).join(builtin)
        } else if self.overrides.contains(name) {
            Path::new(TEMPLATES_DIR).join(name)
        } else {
            Path::new("(built-in theme)").join(TEMPLATES_DIR).join(name)
        };
        let text = inner
            .template_source()
            .map(str::to_owned)
            .or_else(|| self.env.get_template(name).ok().map(|t| t.source().to_owned()));
        let mut location = Location::new(file, inner.line().unwrap_or(1), 1);
        if let Some(text) = &text {
            location = location.with_source(text);
            if let Some(range) = inner.range() {
                let (_, column) = crate::model::line_column(text, range.start);
                location.column = column;
                location.width = text.get(range).map_or(1, |s| s.chars().count());
            }
        }
        let told = template_errors::tell(inner, text.as_deref(), ctx);
        if let Some(line) = told.line {
            location = Location::new(location.file.clone(), line, 1);
            if let Some(text) = &text {
                location = location.with_source(text).with_width(2);
            }
        }
        let (what, hint) = (told.what, told.hint);
        // A page's own template that does not exist is the page's problem.
        let kind = if inner.kind() == ErrorKind::TemplateNotFound && inner.name().is_none() {
            Kind::MissingTemplate
        } else {
            Kind::Other
        };
        Diagnostic::error(format!("template error: {what}")).at(location).hint(hint).kind(kind)
    }
}

impl Theme {
    /// The templates that use one of `changed` (by name, as `page.html`),
    /// directly or through others, the changed ones included; `None` when
    /// that cannot be told.
    pub fn users_of(&self, changed: &BTreeSet<String>) -> Option<BTreeSet<String>> {
        let names = TEMPLATES.iter().map(|(n, _)| (*n).to_owned()).chain(self.overrides.iter().cloned());
        let sources: BTreeMap<String, String> = names
            .filter_map(|name| {
                let source = self.env.get_template(&name).ok()?.source().to_owned();
                Some((name, source))
            })
            .collect();
        super::uses::users_of(&sources, changed)
    }
}

impl CardTemplate for Theme {
    fn card_svg(&self, name: &str, card: &Card) -> Result<String, Diagnostic> {
        self.render(name, minijinja::context! { card => Value::from(minijinja::value::Serde(card)) })
    }
}

impl Shortcodes for Theme {
    fn find(&self, name: &str) -> Option<Shortcode> {
        self.shortcodes.get(name).map(|entry| entry.shortcode.clone())
    }

    fn names(&self) -> Vec<String> {
        self.shortcodes.keys().cloned().collect()
    }

    fn render(&self, name: &str, args: &[(String, ArgValue)], body: &str) -> Result<String, ShortcodeError> {
        let entry = self.shortcodes.get(name).ok_or_else(|| ShortcodeError {
            message: format!("there is no `{name}` shortcode"),
            hint: "create it in templates/shortcodes/".to_owned(),
        })?;
        shortcodes::render(&self.env, entry, args, body)
    }
}

fn list_overrides(dir: &Path) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let walker = ignore::WalkBuilder::new(dir).hidden(true).require_git(false).build();
    for entry in walker.flatten() {
        if entry.file_type().is_some_and(|t| t.is_file())
            && let Ok(relative) = entry.path().strip_prefix(dir)
            && let Some(name) = relative.to_str()
        {
            names.insert(name.replace('\\', "/"));
        }
    }
    names
}

/// The prefix that names a built-in template whatever the site overrides:
/// a site's `base.html` can `{% extends "tend/base.html" %}`.
const BUILTIN_PREFIX: &str = "tend/";

/// The hooks the built-in layout includes when the site has them, by the
/// name templates ask for them with.
const HOOKS: [(&str, &str); 4] = [
    ("head", "hooks/head.html"),
    ("header", "hooks/header.html"),
    ("footer", "hooks/footer.html"),
    ("body_end", "hooks/body-end.html"),
];

fn load_template(dir: &Path, name: &str) -> Result<Option<String>, minijinja::Error> {
    if let Some(builtin) = name.strip_prefix(BUILTIN_PREFIX) {
        return Ok(theme::builtin_template(builtin).map(str::to_owned));
    }
    let safe = !name.is_empty()
        && !name.starts_with('/')
        && name.split('/').all(|s| !s.is_empty() && s != "." && s != "..")
        && !name.contains('\\');
    if safe {
        let path = dir.join(name);
        if path.is_file() {
            return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                minijinja::Error::new(ErrorKind::InvalidOperation, format!("cannot read {}: {e}", path.display()))
            });
        }
    }
    Ok(theme::builtin_template(name).map(str::to_owned))
}

/// Escapes like HTML needs and no more: `&`, `<`, `>`, `"` and `'`. (The
/// default also escapes `/`, which makes every URL in an attribute
/// unreadable.)
fn escape_html_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if *state.auto_escape() == AutoEscape::Html && !value.is_safe() && !value.is_undefined() && !value.is_none() {
        let text = value.to_string();
        let mut escaped = String::with_capacity(text.len() + 8);
        // Writing into a String cannot fail.
        let _ = pulldown_cmark_escape::escape_html(&mut escaped, &text);
        return std::fmt::Write::write_str(out, &escaped)
            .map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string()));
    }
    minijinja::escape_formatter(out, state, value)
}

/// Backslash-escapes ASCII punctuation, so text can go into Markdown a
/// shortcode writes (an image's alt text, a link's title) as it is.
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Shortens text to at most `length` characters, cutting at a word boundary
/// and ending with an ellipsis.
fn truncate(text: &str, length: Option<usize>) -> String {
    let length = length.unwrap_or(255);
    if text.chars().count() <= length {
        return text.to_owned();
    }
    let cut: String = text.chars().take(length.saturating_sub(1)).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation()))
}

/// The fingerprinted theme assets: (file name in the output root,
/// contents), the rules for highlighted code, `code_css`, after the theme's
/// stylesheet, and each script's words in the site's language.
pub fn theme_assets(
    code_css: &str,
    theme: &ThemeConfig,
    root: &Path,
    locale: &Locale,
) -> (Vec<(String, String)>, Vec<Diagnostic>) {
    let settings = theme_css(theme);
    let mut assets: Vec<(String, String)> = ASSETS
        .iter()
        .map(|&(name, contents)| {
            let contents = match name {
                "style.css" => format!("{contents}{code_css}{settings}"),
                _ => with_words(contents, name, locale),
            };
            (fingerprinted_name(name, &contents), contents)
        })
        .collect();
    let mut problems = Vec::new();
    for file in &theme.css {
        let file = file.trim_start_matches('/');
        match std::fs::read_to_string(root.join(crate::model::STATIC_DIR).join(file)) {
            Ok(contents) => assets.push((fingerprinted_name(file, &contents), contents)),
            Err(e) => problems.push(
                Diagnostic::error(format!("cannot read static/{file}, which [theme] css lists: {e}"))
                    .at(Location::new(crate::model::CONFIG_FILE, theme.css_line.max(1), 1))
                    .hint("put the stylesheet in static/, or take it off the list"),
            ),
        }
    }
    (assets, problems)
}

/// The script `contents` (`name`) with its words: `= TEND_SAY;` in it
/// becomes the function of `theme/static/say.js` over the words whose keys
/// start with the script's prefix (`code_` for `code.js`), without it.
fn with_words(contents: &str, name: &str, locale: &Locale) -> String {
    let prefix = match name {
        "code.js" => "code_",
        "search.js" => "search_",
        "video.js" => "video_",
        "canvas.js" => "canvas_",
        _ => return contents.to_owned(),
    };
    let say = SAY.trim_end().replacen("(TEND_WORDS)", &format!("({})", locale.script_words(prefix)), 1);
    // The helper's own comment stays in its file.
    let say = say.lines().skip_while(|line| line.starts_with("//")).collect::<Vec<_>>().join("\n");
    contents.replacen("= TEND_SAY;", &format!("= {say};"), 1)
}

/// The words' helper every script that shows text gets.
const SAY: &str = include_str!("../../theme/static/say.js");

/// The CSS that `[theme]` settings add after the theme's own.
fn theme_css(theme: &ThemeConfig) -> String {
    let mut light = String::new();
    if let Some(accent) = &theme.accent {
        light.push_str(&format!(
            "--accent: {accent}; --budding: {accent}; --accent-strong: color-mix(in srgb, {accent} 70%, #000);"
        ));
    }
    if let Some(font) = &theme.font_body {
        light.push_str(&format!("--font-text: {font};"));
    }
    if let Some(font) = &theme.font_headings {
        light.push_str(&format!("--font-headings: {font}; --font-ui: {font};"));
    }
    if let Some(width) = &theme.width {
        light.push_str(&format!("--measure: {width};"));
    }
    let mut css = String::new();
    if !light.is_empty() {
        css.push_str(&format!("\n/* [theme] in tend.toml */\n:root {{ {light} }}\n"));
    }
    if let Some(accent) = &theme.accent_dark {
        // As the theme's dark colours are chosen: by the system, or by the
        // reader with the toggle.
        let dark = format!(
            "--accent: {accent}; --budding: {accent}; --accent-strong: color-mix(in srgb, {accent} 70%, #fff);"
        );
        css.push_str(&format!(
            "@media (prefers-color-scheme: dark) {{ :root:not([data-scheme=\"light\"]) {{ {dark} }} }}\n:root[data-scheme=\"dark\"] {{ {dark} }}\n"
        ));
    }
    css
}

fn fingerprinted_name(name: &str, contents: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(contents.as_bytes());
    let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    }
}
