//! The command line: help, usage errors, exit codes.

use crate::support::Site;

#[test]
fn help_lists_the_commands() {
    let site = Site::new();
    let run = site.tend(&["--help"]);
    run.ok();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn build_help() {
    let site = Site::new();
    let run = site.tend(&["build", "--help"]);
    run.ok();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn usage_errors_exit_with_2() {
    let site = Site::new();
    site.tend(&["build", "--no-such-flag"]).expect_code(2);
    site.tend(&["frobnicate"]).expect_code(2);
    site.tend(&["new", "essay", "x"]).expect_code(2);
}

#[test]
fn missing_site_folder_is_a_usage_error() {
    let site = Site::new();
    let run = site.tend(&["build", "--root", "nowhere"]);
    run.expect_code(2);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
}

#[test]
fn bad_base_url_is_a_usage_error() {
    let site = Site::with(&[("content/a.md", "A")]);
    let run = site.build(&["--base-url", "example.org"]);
    run.expect_code(2);
    assert!(run.stderr.contains("must start with https://"), "{}", run.stderr);
}

#[test]
fn the_summary_counts_in_words() {
    let site = Site::with(&[("content/a.md", "A"), ("static/robots.txt", "User-agent: *\n")]);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains(" and copied 1 file into "), "{}", run.stderr);
    assert!(!run.stderr.contains("1 files"), "{}", run.stderr);
}
