//! Front matter: any bytes go the way the loader takes a Markdown file's
//! bytes: `decode_text` (UTF-8, BOM, line endings), `split` at the fences
//! and, when there is a block, `parse` (YAML, TOML or JSON) and the check
//! that types every key, dates included. None may panic, whatever the
//! bytes, and a parse error must name a line of the file.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tend::load::front_matter::{parse, split};
use tend::load::{FileKind, check_front_matter, decode_text};

fuzz_target!(|bytes: &[u8]| {
    let file = Path::new("content/fuzz.md");
    let Ok(text) = decode_text(bytes.to_vec(), file) else { return };
    let Ok(parts) = split(&text, file) else { return };
    let Some((format, block)) = parts.block else { return };
    match parse(format, block, parts.block_line, file, &text) {
        Ok(raw) => {
            let _ = check_front_matter(raw, FileKind::Page, file, &text);
        }
        Err(problem) => {
            let location = problem.location.expect("a front-matter error names its place");
            // The closing fence's line is the last a block error can name.
            let last = parts.body_line - 1;
            assert!((1..=last).contains(&location.line), "line {} of a block ending on line {last}", location.line);
        }
    }
});
