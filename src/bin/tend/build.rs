//! `tend build`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use serde_json::json;
use tend::build::{Report, Silent};
use tend::site::Skipped;
use tend::{BuildError, BuildOptions, build};

use crate::ui::Ui;

/// Options of `tend build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// The site folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: public/ in the site folder].
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Include drafts and pages dated in the future.
    #[arg(long)]
    drafts: bool,
    /// The URL the site is served from, overriding base_url in tend.toml.
    #[arg(long)]
    base_url: Option<String>,
    /// Replace the output folder even if tend did not create it.
    #[arg(long)]
    force: bool,
    /// Print how long each stage of the build took.
    #[arg(long)]
    timings: bool,
}

impl BuildArgs {
    /// Runs the build and reports.
    pub(crate) fn run(self, ui: &Ui) -> ExitCode {
        let started = Instant::now();
        tend::write::handle_interrupts();
        let timings = self.timings;
        let options = BuildOptions {
            root: self.root,
            output: self.output,
            drafts: self.drafts,
            base_url: self.base_url,
            force: self.force,
            search: true,
            images: true,
            cards: true,
            fingerprints: false,
            keep_text: false,
        };
        match build_and_report(ui, &options, timings, started) {
            Ok(_) => ExitCode::SUCCESS,
            Err(code) => code,
        }
    }
}

/// Builds as `tend build` does, with its progress bar and its report; the
/// build's report when it succeeded, else the exit code it calls for.
pub(crate) fn build_and_report(
    ui: &Ui,
    options: &BuildOptions,
    timings: bool,
    started: Instant,
) -> Result<Report, ExitCode> {
    let bar = ui.progress_bar();
    let result = match &bar {
        Some(bar) => build(options, bar),
        None => build(options, &Silent),
    }
    .map(|built| built.report);
    if let Some(bar) = &bar {
        bar.finish();
    }
    match result {
        Ok(report) => {
            built(ui, &report, timings, started);
            Ok(report)
        }
        Err(BuildError::Content(problems)) => {
            ui.problems(&problems);
            let errors = problems.iter().filter(|p| p.is_error()).count();
            let warnings = problems.len() - errors;
            let line = format!(
                "error: build failed with {errors} error{} and {warnings} warning{}; the previous output was left as it was",
                plural(errors),
                plural(warnings)
            );
            let ms = started.elapsed().as_millis();
            ui.summary("build", &line, json!({ "ok": false, "errors": errors, "warnings": warnings, "ms": ms }));
            Err(ExitCode::from(1))
        }
        Err(other) => {
            ui.error(&other.to_string());
            Err(ExitCode::from(if other.is_environment() { 3 } else { 2 }))
        }
    }
}

/// Reports a build that succeeded.
fn built(ui: &Ui, report: &Report, timings: bool, started: Instant) {
    ui.problems(&report.problems);
    if let Some(line) = skipped_line(report.skipped) {
        ui.status(&line);
    }
    for note in &report.notes {
        ui.status(note);
    }
    let images = report.images;
    if images.processed + images.reused > 0 {
        ui.status(&format!("images: {} resized, {} reused from the cache", images.processed, images.reused));
    }
    let cards = report.cards;
    if cards.processed + cards.reused > 0 {
        ui.status(&format!("social cards: {} drawn, {} reused from the cache", cards.processed, cards.reused));
    }
    if timings {
        for (stage, took) in &report.timings {
            eprintln!("{:>8.1} ms  {stage}", took.as_secs_f64() * 1000.0);
        }
    }
    let ms = started.elapsed().as_millis();
    ui.summary(
        "build",
        &format!(
            "built {} from {} and copied {} into {} in {ms} ms",
            crate::ui::count(report.pages, "page", "pages"),
            tend::load::describe_content(&report.content_dir),
            crate::ui::count(report.copied, "file", "files"),
            report.output.display(),
        ),
        json!({
            "ok": true,
            "pages": report.pages,
            "copied": report.copied,
            "errors": 0,
            "warnings": report.problems.len(),
            "images_processed": images.processed,
            "images_reused": images.reused,
            "cards_drawn": cards.processed,
            "cards_reused": cards.reused,
            "output": report.output.display().to_string(),
            "content": report.content_dir.display().to_string(),
            "ms": ms,
        }),
    );
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "left out 2 drafts and 1 future-dated page (build with --drafts to include them)".
fn skipped_line(skipped: Skipped) -> Option<String> {
    let mut parts = Vec::new();
    if skipped.drafts > 0 {
        parts.push(format!("{} draft{}", skipped.drafts, plural(skipped.drafts)));
    }
    if skipped.future > 0 {
        parts.push(format!("{} future-dated page{}", skipped.future, plural(skipped.future)));
    }
    let mut line = String::new();
    if !parts.is_empty() {
        line = format!("left out {} (build with --drafts to include them)", parts.join(" and "));
    }
    if skipped.unpublished > 0 {
        if !line.is_empty() {
            line.push_str("; ");
        }
        line.push_str(&format!(
            "left out {} page{} marked `publish: false`",
            skipped.unpublished,
            plural(skipped.unpublished)
        ));
    }
    (!line.is_empty()).then_some(line)
}
