//! `tend deploy`: build, then send the output to where the site is served.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use serde_json::json;
use tend::BuildOptions;
use tend::deploy::{self, Destination, Plan, Remote};

use crate::build::build_and_report;
use crate::ui::{Ui, count};

/// Options of `tend deploy`.
#[derive(Debug, Args)]
pub(crate) struct DeployArgs {
    /// The site folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where the build writes before the deploy [default: public/ in the site folder].
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// The URL the site is served from, overriding base_url in tend.toml.
    #[arg(long)]
    base_url: Option<String>,
    /// Copy the site with rsync to this target (`user@host:path`, or a
    /// folder) instead of the bucket of [deploy] in tend.toml.
    #[arg(long, value_name = "TARGET")]
    rsync: Option<String>,
    /// Delete files at the destination that the site no longer has.
    #[arg(long)]
    delete: bool,
    /// Build and list what would be sent and deleted, without sending.
    #[arg(long)]
    dry_run: bool,
}

impl DeployArgs {
    /// Builds the site and, if the build succeeds, deploys it.
    pub(crate) fn run(self, ui: &Ui) -> ExitCode {
        let started = Instant::now();
        tend::write::handle_interrupts();
        let (config, _) = tend::load::load_config(&self.root);
        let destination = match deploy::destination(&config.deploy, self.rsync.as_deref()) {
            Ok(destination) => destination,
            Err(error) => {
                ui.error(&error.to_string());
                ui.status("hint: add [deploy] with bucket = \"…\" (and endpoint = \"…\" for storage other than AWS) to tend.toml, or pass --rsync user@host:path");
                return ExitCode::from(2);
            }
        };
        // Credentials are looked for before the build, so a deploy that
        // cannot happen says so at once.
        let remote = match &destination {
            Destination::Bucket(settings) => match Remote::connect(settings) {
                Ok(remote) => Some((remote, settings)),
                Err(error) => {
                    ui.error(&error.to_string());
                    return ExitCode::from(2);
                }
            },
            Destination::Rsync(_) => None,
        };
        let options = BuildOptions {
            root: self.root.clone(),
            output: self.output.clone(),
            drafts: false,
            base_url: self.base_url.clone(),
            force: false,
            search: true,
            images: true,
            cards: true,
            fingerprints: false,
            keep_text: false,
        };
        let report = match build_and_report(ui, &options, false, started) {
            Ok(report) => report,
            Err(code) => {
                ui.status("nothing was deployed");
                return code;
            }
        };
        let result = match (&destination, remote) {
            (Destination::Rsync(target), _) => self.rsync(ui, &report.output, target),
            (Destination::Bucket(_), Some((remote, settings))) => {
                let prefix = settings.prefix.as_str();
                self.to_bucket(ui, &report.output, &remote, prefix, &settings.bucket, started)
            }
            (Destination::Bucket(_), None) => Ok(()),
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                ui.error(&error.to_string());
                if !self.dry_run {
                    ui.status("the deploy stopped part way: what was sent stays, and the next deploy sends the rest");
                }
                ExitCode::from(3)
            }
        }
    }

    fn rsync(&self, ui: &Ui, output: &std::path::Path, target: &str) -> Result<(), deploy::DeployError> {
        let changes = deploy::rsync(output, target, self.delete, self.dry_run)?;
        // rsync itemizes every change (`>f.st......` a file sent, `*deleting`
        // one removed); folders whose times moved are no news.
        let changed: Vec<&str> = changes
            .lines()
            .filter(|l| l.starts_with("*deleting") || (l.len() > 2 && l.as_bytes()[1] == b'f' && !l.starts_with('.')))
            .collect();
        for line in &changed {
            ui.status(line);
        }
        let verb = if self.dry_run { "dry run: rsync would change" } else { "deployed with rsync:" };
        let line = format!("{verb} {} at {target}", count(changed.len(), "file", "files"));
        ui.summary(
            "deploy",
            &line,
            json!({ "ok": true, "target": target, "changes": changed.len(), "dry_run": self.dry_run }),
        );
        Ok(())
    }

    fn to_bucket(
        &self,
        ui: &Ui,
        output: &std::path::Path,
        remote: &Remote,
        prefix: &str,
        bucket: &str,
        started: Instant,
    ) -> Result<(), deploy::DeployError> {
        let local = deploy::local_files(output, prefix)?;
        let plan = deploy::plan(local, &remote.list()?);
        let bytes: u64 = plan.uploads.iter().map(|u| u.file.size).sum();
        let deleting = if self.delete { plan.stale.len() } else { 0 };
        if self.dry_run {
            print_plan(ui, &plan, self.delete);
            let line = format!(
                "dry run: would upload {} ({}) and delete {} in bucket `{bucket}`, {} unchanged; nothing was sent",
                count(plan.uploads.len(), "file", "files"),
                size(bytes),
                count(deleting, "file", "files"),
                plan.unchanged
            );
            let fields = json!({ "ok": true, "dry_run": true, "upload": plan.uploads.len(), "delete": deleting, "unchanged": plan.unchanged });
            ui.summary("deploy", &line, fields);
            return Ok(());
        }
        remote.put_all(&plan.uploads, &|upload| {
            ui.status(&format!("uploaded {}{}", upload.file.key, if upload.new { " (new)" } else { "" }));
        })?;
        if self.delete {
            remote.delete(&plan.stale)?;
            for key in &plan.stale {
                ui.status(&format!("deleted {key}"));
            }
        } else if !plan.stale.is_empty() {
            ui.status(&format!(
                "{} in the bucket the site no longer has kept (deploy with --delete to remove them)",
                count(plan.stale.len(), "file", "files")
            ));
        }
        let ms = started.elapsed().as_millis();
        let line = format!(
            "deployed to bucket `{bucket}`: uploaded {} ({}), deleted {}, {} unchanged, in {ms} ms",
            count(plan.uploads.len(), "file", "files"),
            size(bytes),
            count(deleting, "file", "files"),
            plan.unchanged
        );
        let fields = json!({ "ok": true, "uploaded": plan.uploads.len(), "deleted": deleting, "unchanged": plan.unchanged, "ms": ms });
        ui.summary("deploy", &line, fields);
        Ok(())
    }
}

/// What a dry run would do, one line per file.
fn print_plan(ui: &Ui, plan: &Plan, delete: bool) {
    for upload in &plan.uploads {
        let why = if upload.new { "new" } else { "changed" };
        ui.status(&format!("would upload {} ({why}, {})", upload.file.key, upload.file.content_type));
    }
    for key in &plan.stale {
        if delete {
            ui.status(&format!("would delete {key}"));
        } else {
            ui.status(&format!("would keep {key} (the site no longer has it; --delete removes it)"));
        }
    }
}

/// `1.2 MB`, `34 KB`, `512 bytes`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1_000_000.0),
        b if b >= 1_000 => format!("{} KB", b / 1_000),
        b => count(b as usize, "byte", "bytes"),
    }
}
