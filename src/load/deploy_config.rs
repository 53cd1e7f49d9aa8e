//! The `[deploy]` table of `tend.toml`: where `tend deploy` sends the
//! site. A value that is not valid is an error at its line; credentials
//! written here are refused, since tend.toml is usually in git.

use serde_json::Value;

use super::meta::unknown_setting;
use crate::model::{CONFIG_FILE, DEPLOY_SETTINGS, DeployConfig, Diagnostic, Location};

/// Keys that would hold a secret.
const SECRETS: &[&str] = &[
    "access_key",
    "access_key_id",
    "aws_access_key_id",
    "secret_key",
    "secret_access_key",
    "aws_secret_access_key",
    "session_token",
    "token",
    "password",
];

/// Reads the `[deploy]` table; `at` finds a key's line in tend.toml.
pub(super) fn read_deploy(value: Value, at: &dyn Fn(&str) -> Location) -> (DeployConfig, Vec<Diagnostic>) {
    let mut deploy = DeployConfig { line: at("deploy").line, ..DeployConfig::default() };
    let mut problems = Vec::new();
    let Value::Object(mut table) = value else {
        let problem = Diagnostic::error(format!("`deploy` in {CONFIG_FILE} must be a table"))
            .at(at("deploy"))
            .hint("write [deploy] on a line of its own, and under it e.g. bucket = \"my-site\"");
        return (deploy, vec![problem]);
    };
    let mut text = |key: &str, problems: &mut Vec<Diagnostic>| {
        let value = table.remove(key)?;
        match value.as_str().map(str::trim).filter(|s| !s.is_empty()) {
            Some(text) => Some(text.to_owned()),
            None => {
                problems.push(
                    Diagnostic::error(format!("`{key}` in [deploy] of {CONFIG_FILE} must be text"))
                        .at(at(key))
                        .hint(format!("write e.g. {key} = \"…\" or leave it out")),
                );
                None
            }
        }
    };
    deploy.bucket = text("bucket", &mut problems);
    deploy.region = text("region", &mut problems);
    deploy.rsync = text("rsync", &mut problems);
    deploy.prefix = text("prefix", &mut problems).map(|p| p.trim_matches('/').to_owned()).unwrap_or_default();
    if let Some(endpoint) = text("endpoint", &mut problems) {
        if endpoint.starts_with("https://") || endpoint.starts_with("http://") {
            deploy.endpoint = Some(endpoint.trim_end_matches('/').to_owned());
        } else {
            problems.push(
                Diagnostic::error(format!("`endpoint` in [deploy] of {CONFIG_FILE} must be an http(s) URL"))
                    .at(at("endpoint"))
                    .hint("write e.g. endpoint = \"https://s3.eu-west-1.amazonaws.com\""),
            );
        }
    }
    if let Some(value) = table.remove("path_style") {
        match value.as_bool() {
            Some(on) => deploy.path_style = Some(on),
            None => problems.push(
                Diagnostic::error(format!("`path_style` in [deploy] of {CONFIG_FILE} must be true or false"))
                    .at(at("path_style"))
                    .hint("write path_style = true or path_style = false"),
            ),
        }
    }
    for key in table.keys() {
        if SECRETS.contains(&key.to_lowercase().as_str()) {
            problems.push(
                Diagnostic::error(format!("`{key}` in [deploy]: tend never reads credentials from {CONFIG_FILE}"))
                    .at(at(key))
                    .hint("remove it (and rotate it if the file was shared); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or use ~/.aws/credentials"),
            );
        } else {
            problems.push(unknown_setting("[deploy]", key, DEPLOY_SETTINGS, at));
        }
    }
    (deploy, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(toml: &str) -> (DeployConfig, Vec<String>) {
        let value: toml::Value = toml.parse::<toml::Table>().map(toml::Value::Table).expect("valid TOML");
        let json = serde_json::to_value(value).expect("JSON");
        let (deploy, problems) = read_deploy(json, &|_| Location::new("tend.toml", 3, 1));
        (deploy, problems.into_iter().map(|p| p.message).collect())
    }

    #[test]
    fn reads_a_bucket_and_its_address() {
        let (deploy, problems) = read(
            "bucket = \"site\"\nendpoint = \"http://127.0.0.1:9000/\"\nregion = \"auto\"\nprefix = \"/blog/\"\npath_style = true",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(deploy.bucket.as_deref(), Some("site"));
        assert_eq!(deploy.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!((deploy.region.as_deref(), deploy.prefix.as_str()), (Some("auto"), "blog"));
        assert_eq!(deploy.path_style, Some(true));
    }

    #[test]
    fn refuses_credentials_and_bad_values() {
        let (_, mut problems) =
            read("bucket = 3\nendpoint = \"s3.example.org\"\nsecret_access_key = \"abc\"\nbuckt = \"x\"");
        // In any order: they are sorted by line when reported.
        problems.sort();
        assert_eq!(
            problems,
            [
                "`bucket` in [deploy] of tend.toml must be text",
                "`endpoint` in [deploy] of tend.toml must be an http(s) URL",
                "`secret_access_key` in [deploy]: tend never reads credentials from tend.toml",
                "unknown setting `buckt` in [deploy] of tend.toml",
            ]
        );
    }
}
