//! Shortcodes as the Markdown stage sees them: templates a page calls by
//! name, which the render stage holds and the Markdown stage calls through
//! [`Shortcodes`].

/// What a shortcode template renders in place of its body: the output is
/// split there.
pub const BODY_PLACEHOLDER: &str = "tendshortcodebodyc4f2e9";

/// A value given to a shortcode argument.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    /// `key="text"` or `key='text'`.
    Text(String),
    /// `key=42`.
    Integer(i64),
    /// `key=1.5`.
    Float(f64),
    /// `key=true` or `key=false`.
    Bool(bool),
}

/// A shortcode the site has.
#[derive(Debug, Clone, Default)]
pub struct Shortcode {
    /// The template writes Markdown (`name.md`), not HTML.
    pub markdown: bool,
    /// The template shows a body (it uses `body`).
    pub takes_body: bool,
    /// The arguments the template reads, sorted.
    pub arguments: Vec<String>,
}

/// Why a shortcode could not be rendered.
#[derive(Debug, Clone)]
pub struct ShortcodeError {
    /// What went wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

/// The templates pages can call. The render stage has them; the Markdown
/// stage only calls them through this.
pub trait Shortcodes: Sync {
    /// The shortcode named `name`, if the site or theme has one.
    fn find(&self, name: &str) -> Option<Shortcode>;
    /// Every shortcode's name, sorted.
    fn names(&self) -> Vec<String>;
    /// Renders `name` with `args`; `body` is [`BODY_PLACEHOLDER`] when the
    /// call has a body, else empty.
    fn render(&self, name: &str, args: &[(String, ArgValue)], body: &str) -> Result<String, ShortcodeError>;
}
