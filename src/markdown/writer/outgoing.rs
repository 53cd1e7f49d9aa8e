//! The links a page makes to other pages, each with the sentence around it
//! (backlinks show it), gathered from the text the writer reads.

use super::super::links::Sentences;
use crate::model::OutgoingLink;

/// The links so far.
#[derive(Debug, Default)]
pub(super) struct Outgoing {
    /// Plain text of the current block.
    block_text: String,
    /// Links in the current block, waiting for their sentence: what is
    /// linked to and where in `block_text` the link is.
    pending: Vec<(To, usize)>,
    links: Vec<OutgoingLink>,
    elsewhere: Vec<(String, String)>,
}

/// What a link leads to.
#[derive(Debug)]
enum To {
    /// A page of the site.
    Page(usize),
    /// A note of another language, by URL.
    Elsewhere(String),
}

impl Outgoing {
    /// Text read.
    pub(super) fn text(&mut self, text: &str) {
        self.block_text.push_str(text);
    }

    /// A link to page `page` at this point of the text.
    pub(super) fn link_to(&mut self, page: usize) {
        self.pending.push((To::Page(page), self.block_text.len()));
    }

    /// A link to another language's note at `url` at this point of the
    /// text.
    pub(super) fn link_elsewhere(&mut self, url: &str) {
        let url = url.split('#').next().unwrap_or(url).to_owned();
        self.pending.push((To::Elsewhere(url), self.block_text.len()));
    }

    /// The current block ends: each link in it gets its sentence.
    pub(super) fn end_block(&mut self) {
        if !self.pending.is_empty() {
            let sentences = Sentences::new(&self.block_text);
            for (to, at) in self.pending.drain(..) {
                match to {
                    To::Page(page) => self.links.push(OutgoingLink { page, context: sentences.around(at) }),
                    To::Elsewhere(url) => self.elsewhere.push((url, sentences.around(at))),
                }
            }
        }
        self.block_text.clear();
    }

    /// Every link, in order: to pages, and to other languages' notes.
    pub(super) fn finish(mut self) -> (Vec<OutgoingLink>, Vec<(String, String)>) {
        self.end_block();
        (self.links, self.elsewhere)
    }
}
