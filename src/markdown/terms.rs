//! Counting a page's meaningful words (lowercased, four letters or more, not
//! among the most common English words), so that related notes can be found
//! by what pages talk about.

use rustc_hash::FxHashMap;

/// Common words that say nothing about a page's subject.
const STOPWORDS: &[&str] = &[
    "about", "after", "again", "also", "always", "because", "been", "before", "being", "both", "cannot", "come",
    "could", "does", "doing", "done", "down", "each", "even", "ever", "every", "from", "have", "here", "into", "just",
    "keep", "know", "like", "made", "make", "many", "more", "most", "much", "must", "need", "never", "only", "other",
    "over", "same", "should", "some", "still", "such", "take", "than", "that", "their", "them", "then", "there",
    "these", "they", "thing", "things", "this", "those", "through", "time", "very", "want", "well", "were", "what",
    "when", "where", "which", "while", "will", "with", "would", "your", "yours",
];

/// Word counts of one page.
#[derive(Debug, Default)]
pub struct Terms {
    counts: FxHashMap<String, u32>,
    word: String,
}

impl Terms {
    /// Counts the words of `text`.
    pub fn add(&mut self, text: &str) {
        for raw in text.split(|c: char| !c.is_alphanumeric()) {
            if raw.len() < 4 || raw.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let word = if raw.chars().all(|c| c.is_lowercase() || c.is_ascii_digit()) {
                raw
            } else {
                self.word.clear();
                self.word.extend(raw.chars().flat_map(char::to_lowercase));
                self.word.as_str()
            };
            if let Some(count) = self.counts.get_mut(word) {
                *count += 1;
            } else if STOPWORDS.binary_search(&word).is_err() {
                self.counts.insert(word.to_owned(), 1);
            }
        }
    }

    /// The `n` most frequent words, most frequent first (ties by word).
    pub fn top(self, n: usize) -> Vec<(String, u32)> {
        let order = |a: &(String, u32), b: &(String, u32)| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0));
        let mut all: Vec<(String, u32)> = self.counts.into_iter().collect();
        if all.len() > n && n > 0 {
            all.select_nth_unstable_by(n - 1, order);
            all.truncate(n);
        }
        all.sort_unstable_by(order);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::{STOPWORDS, Terms};

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn counts_meaningful_words() {
        let mut terms = Terms::default();
        terms.add("Gardens grow. The garden, the GARDENS: gardens and soil; that soil 2025");
        assert_eq!(terms.top(2), vec![("gardens".to_owned(), 3), ("soil".to_owned(), 2)]);
    }
}
