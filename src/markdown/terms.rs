//! Counting a page's meaningful words (lowercased, four letters or more, not
//! among the most common English words), so that related notes can be found
//! by what pages talk about.

use std::borrow::Cow;

use crate::text::packed::{self, pack};
use crate::text::{Word, WordMap};

/// Common words that say nothing about a page's subject.
const STOPWORDS: &[&str] = &[
    "about", "after", "again", "also", "always", "because", "been", "before", "being", "both", "cannot", "come",
    "could", "does", "doing", "done", "down", "each", "even", "ever", "every", "from", "have", "here", "into", "just",
    "keep", "know", "like", "made", "make", "many", "more", "most", "much", "must", "need", "never", "only", "other",
    "over", "same", "should", "some", "still", "such", "take", "than", "that", "their", "them", "then", "there",
    "these", "they", "thing", "things", "this", "those", "through", "time", "very", "want", "well", "were", "what",
    "when", "where", "which", "while", "will", "with", "would", "your", "yours",
];

/// Word counts of one page, in a [`WordMap`]: with strings as keys,
/// counting was a large share of a minimal build.
#[derive(Debug, Default)]
pub(super) struct Terms {
    counts: WordMap<u32>,
    word: String,
}

impl Terms {
    /// Counts for a page of `bytes` of Markdown, with room for its words
    /// from the start: growing the maps word by word was a sixth of the
    /// counting.
    pub(super) fn for_text_of(bytes: usize) -> Terms {
        // One distinct word of four letters or more per 14-20 bytes of an
        // English page.
        let words = bytes / 16;
        Terms { counts: WordMap::with_capacity(words), word: String::new() }
    }

    /// Counts the meaningful words of `text` and returns how many words
    /// (runs between whitespace) it has.
    ///
    /// Most words are ASCII: their runs are found eight bytes at a time
    /// (`packed::alphanumeric_runs`) and packed straight from the text,
    /// lower-cased on the way: one character at a time, this was a large
    /// share of a minimal build's CPU.
    pub(super) fn add(&mut self, text: &str) -> usize {
        for (start, end, ascii) in packed::alphanumeric_runs(text) {
            if ascii {
                self.count_ascii(&text.as_bytes()[start..], end - start);
            } else {
                self.count_any(&text[start..end]);
            }
        }
        packed::whitespace_words(text)
    }

    /// Counts the word of the first `n` bytes of `bytes`, ASCII letters and
    /// digits, unless it is short or only digits.
    fn count_ascii(&mut self, bytes: &[u8], n: usize) {
        let word = &bytes[..n];
        if n < 4 || word.iter().all(u8::is_ascii_digit) {
            return;
        }
        if n <= 16 {
            *self.counts.packed(packed::pack_ascii(bytes, n)) += 1;
        } else {
            self.word.clear();
            self.word.extend(word.iter().map(|b| char::from(b.to_ascii_lowercase())));
            self.count_long();
        }
    }

    /// Counts a run of letters and digits of any script, lower-cased,
    /// unless it is short or only digits.
    fn count_any(&mut self, raw: &str) {
        if raw.len() < 4 || raw.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        self.word.clear();
        self.word.extend(raw.chars().flat_map(char::to_lowercase));
        // Stop words are counted too, and left out by `top`, once each.
        match pack(&self.word) {
            Some(packed) => *self.counts.packed(packed) += 1,
            None => self.count_long(),
        }
    }

    /// Counts `self.word`, longer than a packed word.
    fn count_long(&mut self) {
        self.counts.update_long(Cow::Borrowed(&self.word), |count| *count += 1);
    }

    /// The `n` most frequent words, most frequent first (ties by word).
    pub(super) fn top(self, n: usize) -> Vec<(String, u32)> {
        if n == 0 {
            return Vec::new();
        }
        let mut all: Vec<(Word, u32)> = self
            .counts
            .into_counted()
            .filter(|(word, _)| !matches!(word, Word::Packed(w) if is_stop_word(*w)))
            .collect();
        if all.len() > n {
            // Most words of a page are used once or twice, so ordering them
            // by count and word compares words all the time. Cut by count
            // alone, then order by word only the words tied at the cut.
            all.select_nth_unstable_by(n - 1, |a, b| b.1.cmp(&a.1));
            let cut = all[n - 1].1;
            let (mut top, mut tied): (Vec<_>, Vec<_>) =
                all.into_iter().filter(|&(_, count)| count >= cut).partition(|&(_, count)| count > cut);
            let wanted = n - top.len();
            if tied.len() > wanted {
                tied.select_nth_unstable_by(wanted - 1, |a, b| a.0.cmp_text(&b.0));
                tied.truncate(wanted);
            }
            top.append(&mut tied);
            all = top;
        }
        all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp_text(&b.0)));
        let mut top: Vec<(String, u32)> = all.into_iter().map(|(word, count)| (word.into_string(), count)).collect();
        // Kept for the whole build: only as long as it needs to be.
        top.shrink_to_fit();
        top
    }
}

fn is_stop_word(word: u128) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<u128>> =
        std::sync::LazyLock::new(|| STOPWORDS.iter().filter_map(|w| pack(w)).collect());
    SET.contains(&word)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::Terms;
    use crate::text::packed;

    /// Every word counted, stop words too.
    fn counts(terms: Terms) -> BTreeMap<String, u32> {
        terms.counts.into_words().collect()
    }

    /// What `add` counts, the plain way: runs of letters and digits, four
    /// bytes or more, not only digits, lower-cased.
    fn plain_counts(text: &str) -> BTreeMap<String, u32> {
        let mut counts = BTreeMap::new();
        for run in text.split(|c: char| !c.is_alphanumeric()) {
            if run.len() >= 4 && !run.bytes().all(|b| b.is_ascii_digit()) {
                *counts.entry(run.chars().flat_map(char::to_lowercase).collect()).or_insert(0) += 1;
            }
        }
        counts
    }

    #[test]
    fn counts_what_the_plain_way_counts() {
        for text in packed::mixtures(packed::MIXTURE_PIECES, 3000, 30, 3) {
            let mut terms = Terms::default();
            assert_eq!(terms.add(&text), text.split_whitespace().count(), "{text:?}");
            assert_eq!(counts(terms), plain_counts(&text), "{text:?}");
        }
    }

    #[test]
    fn counts_meaningful_words() {
        let mut terms = Terms::default();
        terms.add("Gardens grow. The garden, the GARDENS: gardens and soil; that soil 2025");
        assert_eq!(terms.top(2), vec![("gardens".to_owned(), 3), ("soil".to_owned(), 2)]);
    }

    #[test]
    fn stop_words_are_never_reported_however_often_they_come() {
        let mut terms = Terms::default();
        terms.add("that that THAT That with with soil");
        assert_eq!(terms.top(5), vec![("soil".to_owned(), 1)]);
    }

    #[test]
    fn words_are_runs_between_any_whitespace() {
        for text in [
            "",
            "  one ",
            "one\u{b}two\u{c}three\r\nfour\tfive",
            "non\u{a0}breaking and\u{2003}em space",
            "Ünïcödé wörds, ÉCOLE 東京 tokyo-to 1234 x2y2",
            "trailing-",
        ] {
            let mut terms = Terms::default();
            assert_eq!(terms.add(text), text.split_whitespace().count(), "{text:?}");
        }
    }

    #[test]
    fn lowercases_any_script_and_skips_numbers() {
        let mut terms = Terms::default();
        terms.add("ÉCOLE école Écolé 2025 20250101 Straße STRASSE x2y2z");
        let top = terms.top(10);
        assert_eq!(
            top,
            vec![
                ("école".to_owned(), 2),
                ("strasse".to_owned(), 1),
                ("straße".to_owned(), 1),
                ("x2y2z".to_owned(), 1),
                ("écolé".to_owned(), 1),
            ]
        );
    }

    #[test]
    fn ties_at_the_cut_go_by_word() {
        let mut terms = Terms::default();
        terms.add("zebra zebra zebra yak yak walrus vole vole unicorn toad toad");
        assert_eq!(terms.top(3), vec![("zebra".to_owned(), 3), ("toad".to_owned(), 2), ("vole".to_owned(), 2)]);
        let mut terms = Terms::default();
        terms.add("zebra yak walrus vole");
        assert_eq!(terms.top(2), vec![("vole".to_owned(), 1), ("walrus".to_owned(), 1)]);
        assert!(Terms::default().top(0).is_empty());
    }
}
