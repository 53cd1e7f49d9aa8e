//! The links a page makes to other pages, each with the sentence around it
//! (backlinks show it), gathered from the text the writer reads.

use super::super::links::Sentences;
use crate::model::OutgoingLink;

/// The links so far.
#[derive(Debug, Default)]
pub(super) struct Outgoing {
    /// Plain text of the current block.
    block_text: String,
    /// Links in the current block, waiting for their sentence: the page
    /// linked to and where in `block_text` the link is.
    pending: Vec<(usize, usize)>,
    links: Vec<OutgoingLink>,
}

impl Outgoing {
    /// Text read.
    pub(super) fn text(&mut self, text: &str) {
        self.block_text.push_str(text);
    }

    /// A link to page `page` at this point of the text.
    pub(super) fn link_to(&mut self, page: usize) {
        self.pending.push((page, self.block_text.len()));
    }

    /// The current block ends: each link in it gets its sentence.
    pub(super) fn end_block(&mut self) {
        if !self.pending.is_empty() {
            let sentences = Sentences::new(&self.block_text);
            for (page, at) in self.pending.drain(..) {
                self.links.push(OutgoingLink { page, context: sentences.around(at) });
            }
        }
        self.block_text.clear();
    }

    /// Every link, in order.
    pub(super) fn finish(mut self) -> Vec<OutgoingLink> {
        self.end_block();
        self.links
    }
}
