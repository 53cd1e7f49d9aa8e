//! Words: found in text eight bytes at a time and counted without a
//! string per word ([`packed`]), in one kind of map ([`WordMap`]) that
//! related notes (the Markdown stage's terms) and the search index both
//! count by. The leaf below the model: it depends on nothing in the crate.

pub(crate) mod packed;
mod script;

pub(crate) use script::{fold, ideographs, split_ideographs};

use std::borrow::Cow;
use std::cmp::Ordering;

use rustc_hash::FxHashMap;

/// A word as it is counted: packed when it fits in 16 bytes, else text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Word<'a> {
    /// Up to 16 bytes, packed.
    Packed(u128),
    /// Longer, as text.
    Long(Cow<'a, str>),
}

impl Word<'_> {
    /// Calls `f` with the word's bytes.
    pub(crate) fn with_bytes<T>(&self, f: impl FnOnce(&[u8]) -> T) -> T {
        match self {
            Word::Packed(word) => packed::with_bytes(*word, f),
            Word::Long(word) => f(word.as_bytes()),
        }
    }

    /// Orders as the words' text does.
    pub(crate) fn cmp_text(&self, other: &Word) -> Ordering {
        match (self, other) {
            (Word::Packed(a), Word::Packed(b)) => a.cmp(b),
            _ => self.with_bytes(|a| other.with_bytes(|b| a.cmp(b))),
        }
    }

    /// The word as text.
    pub(crate) fn into_string(self) -> String {
        match self {
            Word::Packed(word) => packed::unpack(word),
            Word::Long(word) => word.into_owned(),
        }
    }
}

/// A value per word: words of up to 16 bytes (nearly all) are keys packed
/// into a number, with nothing allocated for a new word; longer ones are
/// strings.
#[derive(Debug)]
pub(crate) struct WordMap<V> {
    short: FxHashMap<u128, V>,
    long: FxHashMap<String, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap { short: FxHashMap::default(), long: FxHashMap::default() }
    }
}

impl<V: Default> WordMap<V> {
    /// A map with room for `words` short words from the start.
    pub(crate) fn with_capacity(words: usize) -> WordMap<V> {
        WordMap { short: FxHashMap::with_capacity_and_hasher(words, Default::default()), long: FxHashMap::default() }
    }

    /// The value of a packed word.
    pub(crate) fn packed(&mut self, word: u128) -> &mut V {
        self.short.entry(word).or_default()
    }

    /// Updates the value of a word too long to pack, which is copied (when
    /// borrowed) only the first time it is seen.
    pub(crate) fn update_long(&mut self, word: Cow<str>, update: impl FnOnce(&mut V)) {
        match self.long.get_mut(word.as_ref()) {
            Some(value) => update(value),
            None => {
                let mut value = V::default();
                update(&mut value);
                self.long.insert(word.into_owned(), value);
            }
        }
    }

    /// The value of a word, which is copied if it is long and borrowed.
    pub(crate) fn entry(&mut self, word: Word) -> &mut V {
        match word {
            Word::Packed(short) => self.packed(short),
            Word::Long(long) => self.long.entry(long.into_owned()).or_default(),
        }
    }

    /// Updates the value of a counted word.
    pub(crate) fn update(&mut self, word: Word, update: impl FnOnce(&mut V)) {
        match word {
            Word::Packed(short) => update(self.packed(short)),
            Word::Long(long) => self.update_long(long, update),
        }
    }
}

impl<V> WordMap<V> {
    /// Every value, in no order.
    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.short.values_mut().chain(self.long.values_mut())
    }

    /// Keeps the words whose value `keep` accepts; returns the others.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&V) -> bool) -> Vec<String> {
        let mut dropped = Vec::new();
        self.short.retain(|&word, value| {
            let kept = keep(value);
            if !kept {
                dropped.push(packed::unpack(word));
            }
            kept
        });
        self.long.retain(|word, value| {
            let kept = keep(value);
            if !kept {
                dropped.push(word.clone());
            }
            kept
        });
        dropped
    }

    /// Empties the map into a list, keeping the map's memory.
    pub(crate) fn drain(&mut self) -> Vec<(Word<'static>, V)> {
        let long = self.long.drain().map(|(word, value)| (Word::Long(Cow::Owned(word)), value));
        self.short.drain().map(|(word, value)| (Word::Packed(word), value)).chain(long).collect()
    }

    /// Every word with its value, in no order.
    pub(crate) fn into_counted(self) -> impl Iterator<Item = (Word<'static>, V)> {
        let long = self.long.into_iter().map(|(word, value)| (Word::Long(Cow::Owned(word)), value));
        self.short.into_iter().map(|(word, value)| (Word::Packed(word), value)).chain(long)
    }

    /// Every word as text, with its value, in no order.
    pub(crate) fn into_words(self) -> impl Iterator<Item = (String, V)> {
        self.short.into_iter().map(|(word, value)| (packed::unpack(word), value)).chain(self.long)
    }
}
