//! Highlighted code remembered from one build to the next. Colouring a
//! block (a tree-sitter parse and query, or syntect's regexes) costs far
//! more than finding it again, and a writer's code blocks rarely change
//! between builds; the Markdown stage asks the memo before it colours and
//! tells it what it coloured, and the build keeps it in one file of the
//! site's `.tend-cache/`.
//!
//! Invariants: a key is a hash of everything that decides a block's HTML
//! (the highlighter's version, the fence's info string, the code), so a
//! key never means two bodies; a memo read from bytes another version
//! wrote, or from damaged bytes, is empty, never trusted in part; what is
//! written holds exactly the blocks this build asked for, so the file never
//! grows with code that is gone.
//!
//! The file: the magic line, the version line, the entry count (u32 LE),
//! then per entry its key (16 bytes) and its HTML's length (u32 LE), then
//! every entry's HTML, one after another, as UTF-8.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

const MAGIC: &[u8] = b"tend highlighted code\n";

/// A block's key: the first half of a SHA-256 of its inputs.
pub type CodeKey = [u8; 16];

/// The key of code `code` under fence `info`, for highlighter `version`.
pub fn code_key(version: &str, info: &str, code: &str) -> CodeKey {
    let mut hash = Sha256::new();
    for part in [version, info, code] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part.as_bytes());
    }
    let mut key = [0; 16];
    key.copy_from_slice(&hash.finalize()[..16]);
    key
}

/// The highlighted blocks of the last build, and those of this one.
#[derive(Default)]
pub struct CodeMemo {
    /// Every remembered body, one after another.
    text: String,
    /// Where each key's body is in `text`, and its place in `used`.
    known: FxHashMap<CodeKey, (usize, usize, usize)>,
    /// Which of `known` this build asked for.
    used: Vec<AtomicBool>,
    /// Blocks coloured in this build that the memo did not know.
    fresh: Mutex<Vec<(CodeKey, String)>>,
}

impl CodeMemo {
    /// The memo `bytes` hold if they were written for `version`; an empty
    /// one otherwise (another version, or damage).
    pub fn read(bytes: &[u8], version: &str) -> CodeMemo {
        Self::parse(bytes, version).unwrap_or_default()
    }

    fn parse(bytes: &[u8], version: &str) -> Option<CodeMemo> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let rest = rest.strip_prefix(version.as_bytes())?.strip_prefix(b"\n")?;
        let (count, mut rest) = rest.split_first_chunk::<4>()?;
        let count = u32::from_le_bytes(*count) as usize;
        let mut entries = Vec::with_capacity(count.min(rest.len() / 20));
        for _ in 0..count {
            let (entry, after) = rest.split_first_chunk::<20>()?;
            let (key, len) = entry.split_at(16);
            let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
            entries.push((CodeKey::try_from(key).ok()?, len));
            rest = after;
        }
        let text = std::str::from_utf8(rest).ok()?;
        let mut known = FxHashMap::default();
        let mut at: usize = 0;
        for (i, (key, len)) in entries.into_iter().enumerate() {
            let end = at.checked_add(len)?;
            text.get(at..end)?;
            if known.insert(key, (at, end, i)).is_some() {
                return None;
            }
            at = end;
        }
        if at != text.len() {
            return None;
        }
        let used = (0..count).map(|_| AtomicBool::new(false)).collect();
        Some(CodeMemo { text: text.to_owned(), known, used, fresh: Mutex::default() })
    }

    /// The body remembered for `key`, now counted as used.
    pub fn get(&self, key: &CodeKey) -> Option<&str> {
        let &(from, to, i) = self.known.get(key)?;
        self.used[i].store(true, Ordering::Relaxed);
        Some(&self.text[from..to])
    }

    /// Remembers `html`, the body coloured for `key`.
    pub fn remember(&self, key: CodeKey, html: &str) {
        self.fresh.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((key, html.to_owned()));
    }

    /// The bytes to keep for the next build (the blocks this build asked
    /// for), or `None` when they would be the bytes read.
    pub fn to_write(&self, version: &str) -> Option<Vec<u8>> {
        let mut fresh = std::mem::take(&mut *self.fresh.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
        let all_used = self.used.iter().all(|u| u.load(Ordering::Relaxed));
        if fresh.is_empty() && all_used {
            return None;
        }
        // The same new block on two pages is coloured twice: keep one.
        fresh.sort_unstable_by_key(|a| a.0);
        fresh.dedup_by(|a, b| a.0 == b.0);
        let mut kept: Vec<(CodeKey, &str)> = self
            .known
            .iter()
            .filter(|&(_, &(_, _, i))| self.used[i].load(Ordering::Relaxed))
            .map(|(key, &(from, to, _))| (*key, &self.text[from..to]))
            .collect();
        kept.extend(fresh.iter().map(|(key, html)| (*key, html.as_str())));
        // The same entries in the same order whatever the threads did.
        kept.sort_unstable_by_key(|a| a.0);
        let size: usize = kept.iter().map(|(_, html)| 20 + html.len()).sum();
        let mut bytes = Vec::with_capacity(MAGIC.len() + version.len() + 5 + size);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(version.as_bytes());
        bytes.push(b'\n');
        bytes.extend_from_slice(&u32::try_from(kept.len()).ok()?.to_le_bytes());
        for (key, html) in &kept {
            bytes.extend_from_slice(key);
            bytes.extend_from_slice(&u32::try_from(html.len()).ok()?.to_le_bytes());
        }
        for (_, html) in &kept {
            bytes.extend_from_slice(html.as_bytes());
        }
        Some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(memo: &CodeMemo) -> Vec<u8> {
        memo.to_write("v1").expect("something to write")
    }

    #[test]
    fn what_is_remembered_is_found_by_the_next_build() {
        let first = CodeMemo::default();
        let a = code_key("v1", "rust", "fn a() {}");
        let b = code_key("v1", "rust", "fn b() {}");
        assert_ne!(a, b);
        assert_eq!(first.get(&a), None);
        first.remember(a, "<span>a</span>");
        first.remember(b, "<span>bé</span>");
        first.remember(b, "<span>bé</span>");
        let next = CodeMemo::read(&written(&first), "v1");
        assert_eq!(next.get(&a), Some("<span>a</span>"));
        assert_eq!(next.get(&b), Some("<span>bé</span>"));
        assert_eq!(next.to_write("v1"), None, "nothing new, nothing gone: nothing to write");
    }

    #[test]
    fn blocks_no_longer_asked_for_are_dropped() {
        let first = CodeMemo::default();
        let (a, b) = (code_key("v1", "", "a"), code_key("v1", "", "b"));
        first.remember(a, "A");
        first.remember(b, "B");
        let second = CodeMemo::read(&written(&first), "v1");
        assert_eq!(second.get(&a), Some("A"));
        let third = CodeMemo::read(&written(&second), "v1");
        assert_eq!(third.get(&a), Some("A"));
        assert_eq!(third.get(&b), None);
    }

    #[test]
    fn another_version_or_damage_is_an_empty_memo() {
        let first = CodeMemo::default();
        let a = code_key("v1", "py", "x = 1");
        first.remember(a, "<b>x</b>");
        let bytes = written(&first);
        assert_eq!(CodeMemo::read(&bytes, "v2").get(&a), None);
        for cut in [0, 10, bytes.len() - 1] {
            assert_eq!(CodeMemo::read(&bytes[..cut], "v1").get(&a), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(b'x');
        assert_eq!(CodeMemo::read(&longer, "v1").get(&a), None);
        let mut broken = bytes;
        *broken.last_mut().expect("bytes") = 0xff;
        assert_eq!(CodeMemo::read(&broken, "v1").get(&a), None, "not UTF-8");
    }

    #[test]
    fn the_key_tells_its_parts_apart() {
        assert_ne!(code_key("v1", "rust", "x"), code_key("v1", "rus", "tx"));
        assert_ne!(code_key("v1", "rust", "x"), code_key("v2", "rust", "x"));
    }
}
