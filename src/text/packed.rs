//! Short words packed into a number, for counting words fast: a word of up
//! to 16 bytes becomes a `u128` that hashes as two machine words, compares
//! as one number and needs no allocation. Packing is big-endian with zero
//! padding, so packed words order as their text does (a word never holds a
//! zero byte).

/// `word` packed, or `None` when it is longer than 16 bytes.
pub(crate) fn pack(word: &str) -> Option<u128> {
    let mut bytes = [0u8; 16];
    bytes.get_mut(..word.len())?.copy_from_slice(word.as_bytes());
    Some(u128::from_be_bytes(bytes))
}

/// Calls `f` with the bytes of a packed word.
pub(crate) fn with_bytes<T>(packed: u128, f: impl FnOnce(&[u8]) -> T) -> T {
    let bytes = packed.to_be_bytes();
    let len = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    f(&bytes[..len])
}

/// The word that was packed.
pub(crate) fn unpack(packed: u128) -> String {
    with_bytes(packed, |bytes| String::from_utf8_lossy(bytes).into_owned())
}

/// Eight copies of `byte`.
const fn each(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// Per byte of `x` (each below 0x80), the high bit set when it is in
/// `low..=high`. No sum carries into the next byte.
fn within(x: u64, low: u8, high: u8) -> u64 {
    (x + each(0x80 - low)) & !(x + each(0x7f - high)) & each(0x80)
}

/// Where the run of ASCII letters and digits that starts at `i` in `bytes`
/// ends. Eight bytes are tested at once, so that the end of an ordinary
/// word costs one well-predicted branch rather than a test per byte (5-7% of
/// the search index's time on the 1,000-post benchmark).
pub(crate) fn ascii_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(eight) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let raw = u64::from_le_bytes(*eight);
        let ascii = raw & !each(0x80);
        // Letters as lower case: their 0x20 bit set.
        let alphanumeric = within(ascii, b'0', b'9') | within(ascii | each(0x20), b'a', b'z');
        // Bytes of other characters (0x80 and up) are neither.
        let other = !(alphanumeric & !raw) & each(0x80);
        if other != 0 {
            // The first byte is the lowest (little-endian).
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..].iter().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(bytes.len() - i)
}

/// The runs of letters and digits (`char::is_alphanumeric`) of `text`, in
/// order: each run's start and end, and whether it is all ASCII (then
/// [`pack_ascii`] can pack it straight from the text). ASCII runs are found
/// eight bytes at a time; a run that goes on into other characters is read
/// a character at a time from there.
pub(crate) fn alphanumeric_runs(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let start = i;
            i = ascii_run_end(bytes, i);
            let mut next = i + 1;
            if let Some(c) = text[i..].chars().next().filter(|c| !c.is_ascii()) {
                if c.is_alphanumeric() {
                    i = text[i..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |n| i + n);
                    return Some((start, i, false));
                }
                next = i + c.len_utf8();
            }
            let end = i;
            // Past the character that ended the run.
            i = next;
            if end > start {
                return Some((start, end, true));
            }
        }
        None
    })
}

/// The first `n` bytes of `bytes`, 1 to 16 ASCII letters and digits,
/// lower-cased and packed as [`pack`] packs: setting the `0x20`
/// bit of each byte lower-cases these characters (digits already have it).
/// Sixteen bytes are read at once and the ones after the word cleared,
/// which is cheaper than copying a word of any length.
pub(crate) fn pack_ascii(bytes: &[u8], n: usize) -> u128 {
    let sixteen = match bytes.first_chunk::<16>() {
        Some(chunk) => u128::from_be_bytes(*chunk),
        // The text ends within 16 bytes.
        None => {
            let mut padded = [0u8; 16];
            padded[..bytes.len()].copy_from_slice(bytes);
            u128::from_be_bytes(padded)
        }
    };
    (sixteen | u128::from_be_bytes([0x20; 16])) & (u128::MAX << (8 * (16 - n)))
}

/// How many words `text` has, words being runs between whitespace (as
/// [`str::split_whitespace`] counts them). Runs of eight ASCII bytes are
/// tested at once; other characters one at a time.
pub(crate) fn whitespace_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    // Whether the byte before `i` is whitespace (the text's start counts).
    let mut after_space = true;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(eight) = bytes[i..].first_chunk::<8>() {
            let raw = u64::from_le_bytes(*eight);
            if raw & each(0x80) == 0 {
                // Tab, line feed, vertical tab, form feed, carriage return
                // and space.
                let space = within(raw, 0x09, 0x0d) | within(raw, b' ', b' ');
                // Each byte's high bit moved to the next byte's: the byte
                // before is whitespace (the lowest byte is the first).
                let before = (space << 8) | (u64::from(after_space) << 7);
                words += (!space & before & each(0x80)).count_ones() as usize;
                after_space = space >> 63 == 1;
                i += 8;
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else { break };
        let space = c.is_whitespace();
        words += usize::from(after_space && !space);
        after_space = space;
        i += c.len_utf8();
    }
    words
}

/// Pieces for [`mixtures`] of words: letters, digits and longer runs of
/// them, the bytes on either side of each ASCII range (`/:@[`{`), spaces,
/// and letters and punctuation of other scripts, some of which change
/// length when lower-cased.
#[cfg(test)]
pub(crate) const MIXTURE_PIECES: &[&str] = &[
    "a",
    "Z",
    "9",
    "0",
    "x2",
    "abcd",
    "abcdefghij",
    "ABCDEFGH",
    "1234",
    " ",
    "-",
    "/",
    ":",
    "@",
    "[",
    "`",
    "{",
    "\u{7f}",
    "\t",
    "é",
    "É",
    "ß",
    "’",
    "\u{a0}",
    "日",
    "東京",
    "İ",
    "Σ",
];

/// `count` texts of up to `most - 1` of `pieces` each, chosen by a fixed
/// pseudo-random sequence from `seed`: mixtures that put every kind of
/// character at every offset, for tests that compare a fast way of
/// reading text with a plain one.
#[cfg(test)]
pub(crate) fn mixtures(pieces: &[&str], count: usize, most: usize, mut seed: u32) -> Vec<String> {
    let mut next = move || {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (seed >> 16) as usize
    };
    (0..count)
        .map(|_| {
            let length = next() % most;
            (0..length).map(|_| pieces[next() % pieces.len()]).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{alphanumeric_runs, ascii_run_end, mixtures, pack, unpack, whitespace_words};

    #[test]
    fn packs_words_that_fit_and_keeps_their_order() {
        for word in ["a", "soil", "sixteen-letters!", "école", "東京"] {
            assert_eq!(unpack(pack(word).expect("fits")), word);
        }
        assert_eq!(pack("seventeen-letters"), None);
        let mut words = ["soils", "soil", "zebra", "a", "ab", "école", "b"];
        let mut packed: Vec<u128> = words.iter().map(|w| pack(w).expect("fits")).collect();
        words.sort_unstable();
        packed.sort_unstable();
        assert_eq!(packed.into_iter().map(unpack).collect::<Vec<_>>(), words);
    }

    #[test]
    fn a_run_ends_at_the_first_byte_not_an_ascii_letter_or_digit() {
        for byte in 0..=255u8 {
            for at in 0..20 {
                let mut bytes = [b'a'; 24];
                bytes[at] = byte;
                let end = if byte.is_ascii_alphanumeric() { bytes.len() } else { at };
                assert_eq!(ascii_run_end(&bytes, 0), end, "{byte:#x} at {at}");
                assert_eq!(ascii_run_end(&bytes[..at + 1], 0), end.min(at + 1), "{byte:#x} at {at}, at the end");
            }
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let mut texts: Vec<String> = ["", " ", "one", "  one ", "one two", "trailing-"].map(String::from).into();
        // Random mixtures put every kind of space at every offset, inside
        // and across the eight-byte steps.
        let pieces = [
            "a", "Zz", " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{a0}", "\u{2003}", "\u{85}", "é", "東", "-",
            "\u{1f}", "\u{7f}",
        ];
        texts.extend(mixtures(&pieces, 5000, 40, 7));
        for text in &texts {
            assert_eq!(whitespace_words(text), text.split_whitespace().count(), "{text:?}");
        }
    }

    #[test]
    fn runs_are_what_splitting_on_other_characters_gives() {
        let pieces = ["a", "Zz", "9", "abcdefghij", " ", "-", "/", "@", "`", "{", "é", "東", "’", "\u{a0}", "ß"];
        for text in mixtures(&pieces, 3000, 30, 11) {
            let runs: Vec<&str> = alphanumeric_runs(&text).map(|(start, end, _)| &text[start..end]).collect();
            let plain: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|r| !r.is_empty()).collect();
            assert_eq!(runs, plain, "{text:?}");
            for (start, end, ascii) in alphanumeric_runs(&text) {
                assert_eq!(ascii, text[start..end].is_ascii(), "{text:?}");
            }
        }
    }
}
