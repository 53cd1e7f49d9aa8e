//! `tend.toml`: any text goes through the reader a site's settings file
//! goes through. It must not panic, whatever the TOML (valid or not, any
//! setting of any type), and a problem must name a line of the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tend::load::read_config;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let (_, problems) = read_config(text);
    let last = text.lines().count().max(1) + 1;
    for problem in &problems {
        if let Some(location) = &problem.location {
            assert!((1..=last).contains(&location.line), "{}: line {} of {last}", problem.message, location.line);
        }
    }
});
