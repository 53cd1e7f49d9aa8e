//! Where a problem is: byte offsets of the parsed text mapped back to the
//! text as written (shortcodes expanded it), then to a line and column of
//! the page's file, with that line's text shared by the problems on it.

use std::sync::Arc;

use super::Writer;
use crate::model::{Diagnostic, Location};

impl Writer<'_, '_> {
    /// A problem at byte `offset` of the parsed text.
    pub(super) fn problem(&mut self, problem: Diagnostic, offset: usize) {
        let offset = self.expanded.original_offset(offset);
        // The body of a shortcode tend has no template for is shown as it
        // is, and that call is warned about already: what its body holds
        // may be no Markdown at all (a Hugo docs theme's TOML).
        if self.expanded.unread.iter().any(|body| body.contains(&offset)) {
            return;
        }
        self.problem_as_written(problem, offset);
    }

    /// A problem at byte `offset` of the text as written.
    pub(super) fn problem_as_written(&mut self, problem: Diagnostic, offset: usize) {
        if let Some(location) = self.locate(offset) {
            self.problems.push(problem.at(location));
        }
    }

    /// Byte `offset` of the text as written as a place in the page's file;
    /// `None` for a body of no file.
    pub(super) fn locate(&mut self, offset: usize) -> Option<Location> {
        let file = match (self.options.links, self.options.file) {
            (Some(ctx), _) => ctx.source().to_path_buf(),
            (None, Some(file)) => file.to_path_buf(),
            (None, None) => return None,
        };
        let (source, offset) = (self.source, offset.min(self.source.len()));
        // Lines are found once, not once per problem: a page may have many.
        let starts = self
            .line_starts
            .get_or_insert_with(|| std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect());
        // The first start is 0, so one is at or before `offset`.
        let index = starts.partition_point(|&start| start <= offset) - 1;
        let (start, end) = (starts[index], starts.get(index + 1).map_or(source.len(), |&next| next - 1));
        let line_text = match &self.last_problem_line {
            Some((line, text)) if *line == index => Arc::clone(text),
            _ => {
                let text: Arc<str> = source[start..end].strip_suffix('\r').unwrap_or(&source[start..end]).into();
                self.last_problem_line = Some((index, Arc::clone(&text)));
                text
            }
        };
        let column = source[start..offset].chars().count() + 1;
        let location = Location::new(file, self.options.body_line.max(1) + index, column);
        Some(Location { source_line: Some(line_text), ..location })
    }
}
