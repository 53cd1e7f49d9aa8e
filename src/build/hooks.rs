//! Ways for tests to reach inside a debug build: set in the environment,
//! compiled out of release builds.

/// Sleeps for `TEND_DEBUG_PAUSE_MS` milliseconds, so a test can interrupt
/// a build and see its staging folder removed.
pub(super) fn pause() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var_os("TEND_DEBUG_PAUSE_MS").and_then(|v| v.to_str()?.parse().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Panics while rendering the file whose path holds `TEND_DEBUG_PANIC`, so a
/// test can see a bug turned into an error.
pub(crate) fn panic_on(source: &std::path::Path) {
    #[cfg(debug_assertions)]
    if let Some(name) = std::env::var_os("TEND_DEBUG_PANIC")
        && source.to_string_lossy().contains(&*name.to_string_lossy())
    {
        panic!("TEND_DEBUG_PANIC was set for this file");
    }
    #[cfg(not(debug_assertions))]
    let _ = source;
}
