//! The summary a page's lists and feeds show, gathered from the text the
//! writer reads: the first paragraph with text, or everything before a
//! `<!-- more -->` marker.

/// The summary so far.
#[derive(Debug, Default)]
pub(super) struct Summary {
    /// The first paragraph with text, once it has ended.
    first: Option<String>,
    /// The text of that paragraph while it is read.
    open: Option<String>,
    /// Text of every paragraph so far (none when the page has no marker
    /// to summarise up to).
    before_more: Option<String>,
    /// Everything before the marker, once it was met.
    more: Option<String>,
}

impl Summary {
    /// A summary of a text that holds `<!-- more -->` or not.
    pub(super) fn new(has_marker: bool) -> Summary {
        Summary { before_more: has_marker.then(String::new), ..Summary::default() }
    }

    /// Text read; `in_body` when it is in no heading and no footnote.
    pub(super) fn text(&mut self, text: &str, in_body: bool) {
        if let Some(open) = &mut self.open {
            open.push_str(text);
        }
        if in_body
            && self.more.is_none()
            && let Some(before_more) = &mut self.before_more
        {
            before_more.push_str(text);
        }
    }

    /// A paragraph starts; `in_body` as for [`Summary::text`].
    pub(super) fn open_paragraph(&mut self, in_body: bool) {
        if self.first.is_none() && in_body {
            self.open = Some(String::new());
        }
    }

    /// A paragraph ends.
    pub(super) fn close_paragraph(&mut self) {
        if let Some(before_more) = &mut self.before_more {
            before_more.push(' ');
        }
        if let Some(text) = self.open.take() {
            let text = text.trim();
            if !text.is_empty() {
                self.first = Some(text.to_owned());
            }
        }
    }

    /// An HTML comment: the first `<!-- more -->` ends the summary.
    pub(super) fn comment(&mut self, html: &str) {
        if self.more.is_none() && html.trim() == "<!-- more -->" {
            let before_more = self.before_more.as_deref().unwrap_or_default();
            self.more = Some(before_more.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    /// The summary: up to the marker if there is one, else the first
    /// paragraph.
    pub(super) fn finish(self) -> String {
        self.more.or(self.first).unwrap_or_default()
    }
}
