//! Deploying through the system's rsync: the output folder's contents
//! copied to a target (`user@host:path` over SSH, or a folder), sending
//! only files whose bytes differ (by checksum: every build writes every
//! file anew, so times say nothing).

use std::path::Path;
use std::process::Command;

use super::DeployError;

/// Copies `output`'s contents to `target`; `delete` removes files the
/// site no longer has there, `dry_run` only lists what would change.
/// Returns rsync's list of changes.
pub fn rsync(output: &Path, target: &str, delete: bool, dry_run: bool) -> Result<String, DeployError> {
    let mut command = Command::new("rsync");
    command.args(["--recursive", "--links", "--perms", "--times", "--checksum", "--compress", "--itemize-changes"]);
    command.args(["--exclude", crate::model::OUTPUT_MARKER]);
    if delete {
        command.arg("--delete");
    }
    if dry_run {
        command.arg("--dry-run");
    }
    // The trailing slash copies the folder's contents, not the folder.
    let mut source = output.as_os_str().to_owned();
    source.push("/");
    command.arg(source).arg(target);
    let out = command.output().map_err(|e| {
        DeployError::Rsync(match e.kind() {
            std::io::ErrorKind::NotFound => {
                "rsync is not installed: install it (e.g. apt install rsync), or deploy to a bucket".to_owned()
            }
            _ => format!("cannot run rsync: {e}"),
        })
    })?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(DeployError::Rsync(format!("rsync to {target} failed ({}): {}", out.status, stderr.trim())));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
