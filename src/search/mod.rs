//! Full-text search: an index of every published page, written as small
//! JSON files under `search/`, read by the theme's `search.js`.
//!
//! The index is made from each page's title, tags, description and rendered
//! Markdown, not from the themed page, so the site's chrome (menus,
//! backlinks, related notes) stays out of the results. It is split so that
//! a browser downloads only what one query needs:
//!
//! - `search/meta.json`: how many pages, the shards that exist, the words
//!   too common to index, and a version to keep caches honest;
//! - `search/terms/<key>.json`: every word starting with the two characters
//!   `key`, each with its postings `[page, score, page, score, …]`;
//! - `search/pages/<n>.json`: URL, title and section of [`CHUNK`] pages.
//!
//! A score is the BM25 weight of the word in the page (title and tags count
//! more than body text), so the browser only multiplies by the word's
//! rarity and adds. Excerpts are cut in the browser from the result page.
//!
//! Pagefind was tried first, as a library: it adds pages one at a time
//! behind a lock, and took many times as long as the whole rest of the
//! build (bench/README.md, "Measurements behind the code").

use std::borrow::Cow;

use crate::model::{BASE_END, BASE_START, OutputFile, Page, Rendered, Site};
use crate::text::{self, Word, WordMap, packed};
use rayon::prelude::{IntoParallelIterator, ParallelIterator};
use serde::Serialize;
use serde_json::json;

/// The folder of the output that holds the index.
pub(crate) const DIR: &str = "search";

/// Pages per `pages/<n>.json` file.
pub(crate) const CHUNK: usize = 500;

/// Words longer than this are not indexed (hashes, long URLs).
const MAX_WORD: usize = 40;

/// On sites of at least this many pages, words in more than half of them
/// are left out: they cannot tell pages apart and their lists are long.
const COMMON_FROM: usize = 50;

/// Pages counted in parallel before their counts are merged.
const BATCH: usize = 512;

/// How much one occurrence counts, by where it is.
const TITLE_WEIGHT: u32 = 8;
const TAG_WEIGHT: u32 = 5;
const HEADING_WEIGHT: u32 = 3;
const DESCRIPTION_WEIGHT: u32 = 2;

/// Shards are keyed by a word's first two characters…
const KEY_LENGTH: usize = 2;
/// …and split by one more character while bigger than this…
const SHARD_BYTES: usize = 96 * 1024;
/// …down to keys of this many characters.
const MAX_KEY_LENGTH: usize = 4;

/// BM25's saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Builds the index of every page in `site`, whose rendered bodies are
/// `bodies` (same order as `site.pages`).
pub(crate) fn index(site: &Site, bodies: &[Rendered]) -> Vec<OutputFile> {
    // Pages are counted in parallel a batch at a time and merged at once,
    // so only one batch's word counts are held: postings start as
    // [page, weighted count, …] and become scores once the average page
    // length is known.
    let pages = site.pages.len();
    // Words of up to 16 bytes are counted packed into numbers (no string
    // per word), longer ones as strings.
    let mut postings: WordMap<Vec<u32>> = WordMap::default();
    let mut lengths: Vec<u32> = Vec::with_capacity(pages);
    for start in (0..pages).step_by(BATCH) {
        let batch: Vec<Counted> = (start..(start + BATCH).min(pages))
            .into_par_iter()
            .map_init(Counter::default, |counter, i| {
                counter.count(&site.pages[i], bodies.get(i).map_or("", |b| b.html.as_str()))
            })
            .collect();
        for (page, counted) in (start..).zip(batch) {
            lengths.push(counted.length);
            for (word, weight) in counted.words {
                postings.entry(word).extend([page as u32, weight]);
            }
        }
    }
    let average = (lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / pages.max(1) as f64).max(1.0);
    for list in postings.values_mut() {
        for pair in list.chunks_exact_mut(2) {
            let length = lengths.get(pair[0] as usize).copied().unwrap_or_default();
            let norm = K1 * (1.0 - B + B * f64::from(length) / average);
            let weight = f64::from(pair[1]);
            // Scaled to whole numbers; at most (K1 + 1) × 100.
            pair[1] = (100.0 * weight * (K1 + 1.0) / (weight + norm)).round().max(1.0) as u32;
        }
    }
    let mut common: Vec<String> = Vec::new();
    if pages >= COMMON_FROM {
        common = postings.retain(|list| list.len() / 2 <= pages / 2);
    }
    let postings: Vec<(String, Vec<u32>)> = postings.into_words().collect();
    common.sort_unstable();

    let mut words: Vec<Postings> = postings.iter().map(|(word, list)| (word.as_str(), list.as_slice())).collect();
    words.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut shards: Vec<Shard> = Vec::new();
    split_shards(&words, 0, &mut shards);
    let mut files: Vec<OutputFile> = shards
        .iter()
        .map(|(key, words)| OutputFile {
            path: format!("{DIR}/terms/{}.json", file_key(key)).into(),
            contents: shard_json(words),
        })
        .collect();
    for (n, chunk) in site.pages.chunks(CHUNK).enumerate() {
        let entries: Vec<PageEntry> = chunk.iter().map(|page| page_entry(site, page)).collect();
        files.push(OutputFile {
            path: format!("{DIR}/pages/{n}.json").into(),
            contents: serde_json::to_string(&entries).unwrap_or_default(),
        });
    }
    let version = version(&files);
    let meta = json!({
        "version": version,
        "pages": pages,
        "chunk": CHUNK,
        "shards": shards.iter().map(|(key, _)| key.as_str()).collect::<Vec<_>>(),
        "common": common,
    });
    files.push(OutputFile { path: format!("{DIR}/meta.json").into(), contents: meta.to_string() });
    files
}

/// A page's words with their weighted counts, and its length in words.
struct Counted {
    /// Each word with its weighted count.
    words: Vec<(Word<'static>, u32)>,
    length: u32,
}

/// Counts the words of one page after another. Its maps are emptied for
/// each page but keep their memory, so a page's counting neither grows a
/// new map nor touches fresh memory; a page's counts are handed on as
/// lists of the exact size.
#[derive(Default)]
struct Counter {
    counts: WordMap<u32>,
}

impl Counter {
    fn count(&mut self, page: &Page, html: &str) -> Counted {
        let mut length = 0;
        let mut add = |text: &str, weight: u32| {
            counted_words(text, |word| {
                length += 1;
                self.counts.update(word, |total| *total += weight);
            });
        };
        add(&page.title, TITLE_WEIGHT);
        for tag in &page.meta.tags {
            add(tag, TAG_WEIGHT);
        }
        if let Some(description) = &page.meta.description {
            add(description, DESCRIPTION_WEIGHT);
        }
        for part in without_bases(html) {
            for (text, in_heading) in html_text(part) {
                add(text, if in_heading { HEADING_WEIGHT } else { 1 });
            }
        }
        Counted { words: self.counts.drain(), length }
    }
}

/// `html` without the views of Obsidian bases it shows, which list other
/// notes: a search for a note finds the note, not every base that lists
/// it. The bases stage writes each view between [`BASE_START`] and
/// [`BASE_END`].
fn without_bases(html: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(BASE_START) {
        parts.push(&rest[..start]);
        rest = rest[start..].find(BASE_END).map_or("", |end| &rest[start + end + BASE_END.len()..]);
    }
    parts.push(rest);
    parts
}

/// The words of `text` as the index keeps them: runs of letters and digits,
/// lower-cased and without accents, Chinese characters and kana in pairs.
/// `search.js` splits a query the same way. The index counts them with
/// [`counted_words`], which the tests hold to this.
#[cfg(test)]
fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).flat_map(run_words)
}

/// The words in a run of letters and digits, as the index keeps them: none
/// empty or longer than [`MAX_WORD`].
fn run_words(run: &str) -> Vec<Cow<'_, str>> {
    let fits = |word: &str| !word.is_empty() && (word.len() <= MAX_WORD || word.chars().count() <= MAX_WORD);
    if run.is_ascii() {
        let lower = match run.bytes().any(|b| b.is_ascii_uppercase()) {
            true => Cow::Owned(run.to_ascii_lowercase()),
            false => Cow::Borrowed(run),
        };
        return if fits(&lower) { vec![lower] } else { Vec::new() };
    }
    let lower = run.to_lowercase();
    let folded = text::fold(&lower);
    text::split_ideographs(&folded)
        .into_iter()
        .filter(|word| fits(word))
        .map(|word| Cow::Owned(word.to_owned()))
        .collect()
}

/// Calls `count` with each word of `text`, the same as `words` gives.
///
/// Most words are short and ASCII: those are lower-cased and packed
/// straight from the text, without going through a string. Runs with
/// other characters go through [`run_words`]. A callback rather than an
/// iterator, so the common word costs no more than a packing and a call.
fn counted_words<'t>(text: &'t str, mut count: impl FnMut(Word<'t>)) {
    for (start, end, ascii) in packed::alphanumeric_runs(text) {
        match end - start {
            n @ 1..=16 if ascii => count(Word::Packed(packed::pack_ascii(&text.as_bytes()[start..], n))),
            _ => {
                for word in run_words(&text[start..end]) {
                    count(packed::pack(&word).map_or(Word::Long(word), Word::Packed));
                }
            }
        }
    }
}

/// The text runs of rendered HTML, each with whether it is inside a
/// heading. Tags are dropped; character references (`&amp;`) never stand
/// for letters in tend's output, so they only separate words. `memchr`
/// finds the next `<` or `>` faster than `str::find` (a tenth of the
/// index's time on the 1,000-post benchmark, whose code blocks are many
/// short runs).
fn html_text(html: &str) -> impl Iterator<Item = (&str, bool)> + '_ {
    let mut rest = html;
    let mut in_heading = false;
    std::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            if let Some(tag) = rest.strip_prefix('<') {
                let end = memchr::memchr(b'>', tag.as_bytes()).map_or(tag.len(), |i| i + 1);
                let name = tag[..end].trim_start_matches('/');
                if is_heading(name) {
                    in_heading = !tag.starts_with('/');
                }
                rest = &tag[end..];
                continue;
            }
            let end = memchr::memchr(b'<', rest.as_bytes()).unwrap_or(rest.len());
            let (text, after) = rest.split_at(end);
            rest = after;
            return Some((text, in_heading));
        }
    })
}

fn is_heading(tag: &str) -> bool {
    let bytes = tag.as_bytes();
    bytes.len() >= 2
        && bytes[0].eq_ignore_ascii_case(&b'h')
        && (b'1'..=b'6').contains(&bytes[1])
        && bytes.get(2).is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// A word and its postings, `[page, score, page, score, …]`.
type Postings<'w> = (&'w str, &'w [u32]);

/// A shard's key and its words, in order.
type Shard<'w> = (String, &'w [Postings<'w>]);

/// Splits `words` (sorted, all sharing their first `depth` characters)
/// into shards: one per first [`KEY_LENGTH`] characters, and a shard that
/// would exceed [`SHARD_BYTES`] once more by the next character, down to
/// [`MAX_KEY_LENGTH`]. Words no longer than a split key stay in that key's
/// shard. The browser finds a word's shard as the longest key it starts
/// with.
fn split_shards<'w>(words: &'w [Postings<'w>], depth: usize, shards: &mut Vec<Shard<'w>>) {
    let mut start = 0;
    while start < words.len() {
        let key = prefix(words[start].0, depth + 1);
        let end = start + words[start..].iter().take_while(|(w, _)| prefix(w, depth + 1) == key).count();
        let group = &words[start..end];
        let bytes: usize = group.iter().map(|(w, list)| w.len() + 4 + list.len() * 4).sum();
        let key_length = key.chars().count();
        let split = bytes > SHARD_BYTES && group.len() > 1 && key_length < MAX_KEY_LENGTH;
        if key_length < KEY_LENGTH || split {
            // Words as short as the key stay in its own shard.
            let short = group.iter().take_while(|(w, _)| w.chars().count() == key_length).count();
            if key_length >= KEY_LENGTH || short > 0 {
                shards.push((key.to_owned(), &group[..short]));
            }
            split_shards(&group[short..], depth + 1, shards);
        } else {
            shards.push((key.to_owned(), group));
        }
        start = end;
    }
}

/// The first `n` characters of `word`.
fn prefix(word: &str, n: usize) -> &str {
    word.char_indices().nth(n).map_or(word, |(i, _)| &word[..i])
}

/// A shard key as a file name: ASCII letters and digits as they are, any
/// other character as `_` and its code point in hex.
pub(crate) fn file_key(key: &str) -> String {
    let mut name = String::new();
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else {
            name.push_str(&format!("_{:x}", u32::from(c)));
        }
    }
    name
}

/// `{"word": [page gap, score, page gap, score, …]}`: page numbers as the
/// gap from the previous one, which keeps the numbers short.
fn shard_json(words: &[Postings]) -> String {
    // Serialized as it goes rather than through a `serde_json::Value`,
    // which cost a value per number. The words are sorted and distinct, so
    // this is the text a `serde_json::Map` (sorted by key) would give.
    serde_json::to_string(&ShardJson(words)).unwrap_or_default()
}

/// A shard's words, serialized as [`shard_json`] describes.
struct ShardJson<'w>(&'w [Postings<'w>]);

impl Serialize for ShardJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (word, list) in self.0 {
            map.serialize_entry(word, &Gaps(list))?;
        }
        map.end()
    }
}

/// Postings `[page, score, …]` serialized with each page as the gap from
/// the one before.
struct Gaps<'w>(&'w [u32]);

impl Serialize for Gaps<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        let mut previous = 0;
        for pair in self.0.chunks_exact(2) {
            seq.serialize_element(&(pair[0] - previous))?;
            seq.serialize_element(&pair[1])?;
            previous = pair[0];
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct PageEntry<'a> {
    url: String,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    section: &'a str,
}

fn page_entry<'a>(site: &'a Site, page: &'a Page) -> PageEntry<'a> {
    let section = site.sections.get(page.section).filter(|s| s.parent.is_some()).map_or("", |s| s.title.as_str());
    PageEntry { url: site.config.base.local(&page.path), title: &page.title, section }
}

/// A short hash of the index, so a browser never mixes two builds' files.
fn version(files: &[OutputFile]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(file.contents.as_bytes());
    }
    hasher.finalize().iter().take(4).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_runs_of_letters_and_digits() {
        let found: Vec<Cow<str>> = words("Rust’s async/await in 2024 — Ünïcode!").collect();
        assert_eq!(found, ["rust", "s", "async", "await", "in", "2024", "unicode"]);
        let found: Vec<Cow<str>> = words("東京の Café, ソウル 서울 字").collect();
        assert_eq!(found, ["東京", "京の", "cafe", "ソウ", "ウル", "서울", "字"]);
    }

    /// The words of `text` as [`counted_words`] gives them, unpacked.
    fn counted(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        counted_words(text, |word| {
            found.push(match word {
                Word::Packed(packed) => packed::unpack(packed),
                Word::Long(word) => word.into_owned(),
            })
        });
        found
    }

    #[test]
    fn counted_words_are_the_words() {
        let mut texts: Vec<String> = [
            "",
            "Rust’s async/await in 2024 — Ünïcode!",
            "sixteen-letters! SixteenLettersAB SeventeenLettersA",
            "forty-one: abcdefghijabcdefghijabcdefghijabcdefghijA ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ",
            "İstanbul ΣΊΣΥΦΟΣ Straße naïve café日本語 abc漢字def",
            "non\u{a0}breaking\u{2009}spaces x<y>z a_b",
            "abcdefghijklmnopé ÉABCDEFGHIJKLMNOP",
        ]
        .map(String::from)
        .into();
        texts.extend(packed::mixtures(packed::MIXTURE_PIECES, 3000, 24, 1));
        for text in &texts {
            assert_eq!(counted(text), words(text).collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn shards_are_written_as_a_serde_json_map_would_be() {
        let lists = [vec![0, 120, 3, 7, 10, 220], vec![5, 1]];
        let words: Vec<Postings> = vec![("née", &lists[0]), ("zebra", &lists[1])];
        assert_eq!(shard_json(&words), r#"{"née":[0,120,3,7,7,220],"zebra":[5,1]}"#);
        // The way it was written before (words in order: serde_json's map
        // keeps its keys in the order given when a dependency asks it to).
        let map: serde_json::Map<String, serde_json::Value> =
            [("née", vec![0, 120, 3, 7, 7, 220]), ("zebra", vec![5, 1])]
                .map(|(w, l)| (w.to_owned(), l.into()))
                .into_iter()
                .collect();
        assert_eq!(shard_json(&words), serde_json::Value::Object(map).to_string());
    }

    #[test]
    fn html_text_marks_headings_and_drops_tags() {
        let html = "<h2 id=\"a\">Big <em>idea</em></h2>\n<p>Some &amp; text<br/>more</p><hr>";
        let runs: Vec<(&str, bool)> = html_text(html).filter(|(t, _)| !t.trim().is_empty()).collect();
        assert_eq!(runs, [("Big ", true), ("idea", true), ("Some &amp; text", false), ("more", false)]);
    }

    #[test]
    fn header_and_hr_are_not_headings() {
        assert!(is_heading("h2 id=\"x\">"));
        assert!(is_heading("H3>"));
        assert!(!is_heading("header>"));
        assert!(!is_heading("hr>"));
    }

    #[test]
    fn shard_keys_are_safe_file_names() {
        assert_eq!(file_key("ru"), "ru");
        assert_eq!(file_key("üb"), "_fcb");
        assert_eq!(file_key("日本"), "_65e5_672c");
    }

    /// The shards of words with postings of the given lengths.
    fn keys(words: &[(&str, usize)]) -> Vec<(String, Vec<String>)> {
        let lists: Vec<Vec<u32>> = words.iter().map(|&(_, n)| vec![0; n]).collect();
        let owned: Vec<Postings> = words.iter().zip(&lists).map(|(&(w, _), list)| (w, list.as_slice())).collect();
        let mut shards = Vec::new();
        split_shards(&owned, 0, &mut shards);
        shards.into_iter().map(|(key, group)| (key, group.iter().map(|(w, _)| (*w).to_owned()).collect())).collect()
    }

    #[test]
    fn words_are_sharded_by_two_characters() {
        let shards = keys(&[("a", 1), ("rust", 1), ("rusty", 1), ("zebra", 1)]);
        let found: Vec<(&str, Vec<&str>)> =
            shards.iter().map(|(k, words)| (k.as_str(), words.iter().map(String::as_str).collect())).collect();
        assert_eq!(found, [("a", vec!["a"]), ("ru", vec!["rust", "rusty"]), ("ze", vec!["zebra"])]);
    }

    #[test]
    fn a_big_shard_is_split_by_the_next_character() {
        let big = SHARD_BYTES / 4;
        let shards = keys(&[("re", 1), ("read", big), ("rest", big), ("rx", 1)]);
        let found: Vec<&str> = shards.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(found, ["re", "rea", "res", "rx"]);
        assert_eq!(shards[0].1, ["re"]);
    }
}
