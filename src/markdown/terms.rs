//! Counting a page's meaningful words (lowercased, four letters or more, not
//! among the most common English words), so that related notes can be found
//! by what pages talk about.

use rustc_hash::FxHashMap;

use crate::model::packed::{self, pack};

/// Common words that say nothing about a page's subject.
const STOPWORDS: &[&str] = &[
    "about", "after", "again", "also", "always", "because", "been", "before", "being", "both", "cannot", "come",
    "could", "does", "doing", "done", "down", "each", "even", "ever", "every", "from", "have", "here", "into", "just",
    "keep", "know", "like", "made", "make", "many", "more", "most", "much", "must", "need", "never", "only", "other",
    "over", "same", "should", "some", "still", "such", "take", "than", "that", "their", "them", "then", "there",
    "these", "they", "thing", "things", "this", "those", "through", "time", "very", "want", "well", "were", "what",
    "when", "where", "which", "while", "will", "with", "would", "your", "yours",
];

/// Word counts of one page. Words of up to 16 bytes (nearly all) are keys
/// packed into a number (`model::packed`), with nothing allocated for a new
/// word: with strings as keys, counting was a fifth of a minimal build.
#[derive(Debug, Default)]
pub struct Terms {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<String, u32>,
    word: String,
}

/// A counted word, packed or not.
enum Key {
    Short(u128),
    Long(String),
}

impl Key {
    fn with_bytes<T>(&self, f: impl FnOnce(&[u8]) -> T) -> T {
        match self {
            Key::Short(packed) => packed::with_bytes(*packed, f),
            Key::Long(word) => f(word.as_bytes()),
        }
    }

    /// Orders as the words' text does.
    fn cmp(&self, other: &Key) -> std::cmp::Ordering {
        match (self, other) {
            (Key::Short(a), Key::Short(b)) => a.cmp(b),
            _ => self.with_bytes(|a| other.with_bytes(|b| a.cmp(b))),
        }
    }

    fn into_string(self) -> String {
        match self {
            Key::Short(packed) => packed::unpack(packed),
            Key::Long(word) => word,
        }
    }
}

impl Terms {
    /// Counts the meaningful words of `text` and returns how many words
    /// (runs between whitespace) it has, in one walk over it.
    pub fn add(&mut self, text: &str) -> usize {
        let mut words = 0;
        let mut in_word = false;
        // The alphanumeric run being read: where it starts, whether it is
        // lowercase already, whether it has anything but ASCII digits.
        let mut run: Option<usize> = None;
        let mut lowercase = true;
        let mut letters = false;
        for (i, c) in text.char_indices() {
            let (space, alphanumeric, lower, digit) = if c.is_ascii() {
                let b = c as u8;
                (
                    b.is_ascii_whitespace() || b == 0x0b,
                    b.is_ascii_alphanumeric(),
                    !b.is_ascii_uppercase(),
                    b.is_ascii_digit(),
                )
            } else {
                (c.is_whitespace(), c.is_alphanumeric(), c.is_lowercase(), false)
            };
            if !space && !in_word {
                words += 1;
            }
            in_word = !space;
            if alphanumeric {
                if run.is_none() {
                    run = Some(i);
                    lowercase = true;
                    letters = false;
                }
                lowercase &= lower || digit;
                letters |= !digit;
            } else if let Some(start) = run.take() {
                self.count(&text[start..i], lowercase, letters);
            }
        }
        if let Some(start) = run {
            self.count(&text[start..], lowercase, letters);
        }
        words
    }

    fn count(&mut self, raw: &str, lowercase: bool, letters: bool) {
        if raw.len() < 4 || !letters {
            return;
        }
        let word = if lowercase {
            raw
        } else {
            self.word.clear();
            if raw.is_ascii() {
                self.word.extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                self.word.extend(raw.chars().flat_map(char::to_lowercase));
            }
            self.word.as_str()
        };
        // Stop words are counted too, and left out by `top`, once each.
        if let Some(packed) = pack(word) {
            *self.short.entry(packed).or_insert(0) += 1;
        } else if let Some(count) = self.long.get_mut(word) {
            *count += 1;
        } else {
            self.long.insert(word.to_owned(), 1);
        }
    }

    /// The `n` most frequent words, most frequent first (ties by word).
    pub fn top(self, n: usize) -> Vec<(String, u32)> {
        if n == 0 {
            return Vec::new();
        }
        let short = self.short.into_iter().filter(|(word, _)| !is_stop_word(*word)).map(|(w, c)| (Key::Short(w), c));
        let mut all: Vec<(Key, u32)> = short.chain(self.long.into_iter().map(|(w, c)| (Key::Long(w), c))).collect();
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
                tied.select_nth_unstable_by(wanted - 1, |a, b| a.0.cmp(&b.0));
                tied.truncate(wanted);
            }
            top.append(&mut tied);
            all = top;
        }
        all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
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
    use super::Terms;

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
