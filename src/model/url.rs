//! Joining URL paths: a relative path onto a folder, with `.` and `..`
//! resolved (never above the root) and empty segments dropped.

/// Joins `relative` onto the folder `base` (both `/`-separated) and returns
/// the clean path without leading or trailing `/`. A `relative` that starts
/// with `/` ignores `base`.
pub fn join_path(base: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let start = if relative.starts_with('/') { "" } else { base };
    for part in start.split('/').chain(relative.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::join_path;

    #[test]
    fn joins() {
        assert_eq!(join_path("posts/a/", "photo.png"), "posts/a/photo.png");
        assert_eq!(join_path("posts/a", "../b/./c/"), "posts/b/c");
        assert_eq!(join_path("posts", "../../../x"), "x");
        assert_eq!(join_path("posts/a", "/root.png"), "root.png");
        assert_eq!(join_path("", ""), "");
    }
}
