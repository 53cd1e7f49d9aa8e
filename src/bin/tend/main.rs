//! The `tend` command: parses arguments, calls the library, prints problems,
//! and exits 0 on success, 1 on content or template errors, 2 on usage
//! errors, 3 when the machine or the network fails.

/// mimalloc instead of the system allocator: the build allocates many small
/// strings from every thread (see the commit that chose it for the figures).
/// Its `override` feature gives the C libraries (tree-sitter, Oniguruma)
/// mimalloc too: compiling a tree-sitter query allocates and frees large
/// blocks, which the C library's `malloc` maps and unmaps each time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod build;
mod check;
mod deploy;
mod init;
mod new;
mod serve;
mod theme;
mod ui;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use ui::{Format, Ui};

/// tend turns a folder of Markdown into a fast, accessible website.
#[derive(Debug, Parser)]
#[command(name = "tend", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// How problems are printed: `human` or `json` (one object per line).
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into an output folder.
    Build(build::BuildArgs),
    /// Report every problem a build would hit, plus broken links and
    /// anchors, images without alt text and skipped heading levels, without
    /// writing anything.
    Check(check::CheckArgs),
    /// Build the site and send it to where it is served: a bucket of
    /// S3-compatible storage ([deploy] in tend.toml) or an rsync target.
    Deploy(deploy::DeployArgs),
    /// Create a new site with sample content and tend.toml.
    Init(init::InitArgs),
    /// Create a new post, note, page, or page of a kind in archetypes/.
    New(new::NewArgs),
    /// Build the site, serve it on this machine and rebuild on every change.
    Serve(serve::ServeArgs),
    /// Work with the built-in theme: `tend theme eject page.html`.
    Theme(theme::ThemeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = Ui::new(cli.quiet, cli.format);
    // A panic is a bug in tend. Stages catch their own and report the file
    // they were working on; anything else ends up here, after the staging
    // folder was removed by unwinding, with the previous output untouched.
    std::panic::set_hook(Box::new(|info| eprintln!("tend: internal error (this is a bug in tend): {info}")));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match cli.command {
        Command::Build(args) => args.run(&ui),
        Command::Check(args) => args.run(&ui),
        Command::Deploy(args) => args.run(&ui),
        Command::Init(args) => args.run(&ui),
        Command::New(args) => args.run(&ui),
        Command::Serve(args) => args.run(&ui),
        Command::Theme(args) => args.run(&ui),
    }));
    outcome.unwrap_or_else(|_| {
        eprintln!("tend stopped because of a bug; nothing in the output folder was changed. Please report it.");
        ExitCode::from(70)
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
