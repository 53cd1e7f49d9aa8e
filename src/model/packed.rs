//! Short words packed into a number, for counting words fast: a word of up
//! to 16 bytes becomes a `u128` that hashes as two machine words, compares
//! as one number and needs no allocation. Packing is big-endian with zero
//! padding, so packed words order as their text does (a word never holds a
//! zero byte).

/// `word` packed, or `None` when it is longer than 16 bytes.
pub fn pack(word: &str) -> Option<u128> {
    let mut bytes = [0u8; 16];
    bytes.get_mut(..word.len())?.copy_from_slice(word.as_bytes());
    Some(u128::from_be_bytes(bytes))
}

/// Calls `f` with the bytes of a packed word.
pub fn with_bytes<T>(packed: u128, f: impl FnOnce(&[u8]) -> T) -> T {
    let bytes = packed.to_be_bytes();
    let len = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    f(&bytes[..len])
}

/// The word that was packed.
pub fn unpack(packed: u128) -> String {
    with_bytes(packed, |bytes| String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::{pack, unpack};

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
}
