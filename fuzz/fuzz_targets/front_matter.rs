//! Front matter: any bytes go the way the loader takes a Markdown file's
//! bytes: `decode_text` (UTF-8, BOM, line endings), `split` at the fences
//! and, when there is a block, `parse` (YAML or TOML). None may panic,
//! whatever the bytes, and a parse error must name a line of the file.
//! Date values also go through `parse_date`, as `date` and `updated` do
//! when they are checked.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tend::load::front_matter::{parse, split};
use tend::load::decode_text;
use tend::model::parse_date;

fuzz_target!(|bytes: &[u8]| {
    let file = Path::new("content/fuzz.md");
    let Ok(text) = decode_text(bytes.to_vec(), file) else { return };
    let Ok(parts) = split(&text, file) else { return };
    let Some((format, block)) = parts.block else { return };
    match parse(format, block, parts.block_line, file, &text) {
        Ok(raw) => {
            for key in ["date", "updated"] {
                if let Some(serde_json::Value::String(value)) = raw.map.get(key) {
                    let _ = parse_date(value);
                }
            }
        }
        Err(problem) => {
            let location = problem.location.expect("a front-matter error names its place");
            // The closing fence's line is the last a block error can name.
            let last = parts.body_line - 1;
            assert!((1..=last).contains(&location.line), "line {} of a block ending on line {last}", location.line);
        }
    }
});
