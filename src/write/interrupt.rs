//! Ctrl-C during a build: the staging folder is removed and the previous
//! output is left as it was.
//!
//! A signal arrives on its own thread, outside every stage, so the folders
//! to remove are kept in one process-wide list: the only global state in
//! tend, because a signal handler has no other way to reach them.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

static STAGING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static HANDLER: Once = Once::new();

/// Installs the Ctrl-C handler that removes staging folders. `tend build`
/// calls it; a program with its own handler (`tend serve`) does not, and
/// cleans up itself.
pub fn handle_interrupts() {
    HANDLER.call_once(|| {
        // If another handler is installed already, an interrupted build
        // leaves a hidden staging folder, which the next build replaces.
        let _ = ctrlc::set_handler(|| {
            if let Ok(list) = STAGING.lock() {
                for path in list.iter() {
                    let _ = std::fs::remove_dir_all(path);
                }
            }
            eprintln!("interrupted; the previous output was left as it was");
            std::process::exit(130);
        });
    });
}

/// Removes `path` if the process is interrupted (with the handler
/// installed) before [`forget`] is called for it.
pub(super) fn remove_on_interrupt(path: &Path) {
    if let Ok(mut list) = STAGING.lock() {
        list.push(path.to_path_buf());
    }
}

/// Runs the swap of `path` into place without being interrupted halfway: a
/// Ctrl-C that arrives meanwhile waits for it, and then finds nothing to
/// remove.
pub(super) fn uninterrupted<T>(path: &Path, swap: impl FnOnce() -> T) -> T {
    let mut list = STAGING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let result = swap();
    list.retain(|p| p != path);
    result
}

/// `path` is no longer the build's to remove (committed, or removed).
pub(super) fn forget(path: &Path) {
    if let Ok(mut list) = STAGING.lock() {
        list.retain(|p| p != path);
    }
}
