//! Making a page's links absolute, for feeds: a feed reader shows the HTML
//! away from the site, where `photo.jpg` or `/notes/a/` mean nothing.

use lol_html::{RewriteStrSettings, element, rewrite_str};

/// Resolves `url` against `page_url` (an absolute URL or a root-relative
/// path ending in `/`) and `origin` (`https://example.org`, or empty).
/// URLs with a scheme (`https:`, `mailto:`) are returned as they are.
pub(super) fn resolve(url: &str, page_url: &str, origin: &str) -> String {
    let url = url.trim();
    let has_scheme = url.find(':').is_some_and(|colon| !url[..colon].contains(['/', '?', '#']));
    if has_scheme || url.is_empty() {
        return url.to_owned();
    }
    if let Some(rest) = url.strip_prefix("//") {
        return format!("https://{rest}");
    }
    if url.starts_with('/') {
        return format!("{origin}{url}");
    }
    if url.starts_with(['#', '?']) {
        return format!("{page_url}{url}");
    }
    // A relative path: drop `.` and resolve `..` against the page's folder.
    let (page_origin, page_path) = split_origin(page_url);
    let mut segments: Vec<&str> = page_path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    let (path, suffix) = match url.find(['?', '#']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    for part in path.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let trailing = if path.ends_with('/') && !segments.is_empty() { "/" } else { "" };
    format!("{page_origin}/{}{trailing}{suffix}", segments.join("/"))
}

fn split_origin(url: &str) -> (&str, &str) {
    match url.find("://") {
        Some(scheme_end) => {
            let host_start = scheme_end + 3;
            match url[host_start..].find('/') {
                Some(slash) => url.split_at(host_start + slash),
                None => (url, "/"),
            }
        }
        None => ("", url),
    }
}

/// Rewrites the links and image sources of `html` to absolute URLs, and
/// leaves out sidenotes.
pub(super) fn absolutize(html: &str, page_url: &str, origin: &str) -> String {
    let fix = |value: &str| resolve(value, page_url, origin);
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("a[href], area[href]", |el| {
            if let Some(href) = el.get_attribute("href") {
                el.set_attribute("href", &fix(&href))?;
            }
            Ok(())
        }))
        .append_element_content_handler(element!(
            "img[src], source[src], video[src], audio[src], track[src], video[poster]",
            |el| {
                for attribute in ["src", "poster"] {
                    if let Some(src) = el.get_attribute(attribute) {
                        el.set_attribute(attribute, &fix(&src))?;
                    }
                }
                Ok(())
            }
        ))
        .append_element_content_handler(element!("img[srcset], source[srcset]", |el| {
            if let Some(srcset) = el.get_attribute("srcset") {
                let fixed: Vec<String> = srcset
                    .split(',')
                    .map(|candidate| {
                        let candidate = candidate.trim();
                        match candidate.split_once(' ') {
                            Some((url, size)) => format!("{} {size}", fix(url)),
                            None => fix(candidate),
                        }
                    })
                    .collect();
                el.set_attribute("srcset", &fixed.join(", "))?;
            }
            Ok(())
        }))
        // Sidenotes repeat the footnotes for wide screens; a feed reader
        // without the site's stylesheet would show them twice.
        .append_element_content_handler(element!("span.sidenote", |el| {
            el.remove();
            Ok(())
        }));
    // The HTML is tend's own Markdown output; should the rewriter still fail,
    // the feed keeps the content with its links as they were.
    rewrite_str(html, settings).unwrap_or_else(|_| html.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{absolutize, resolve};

    const PAGE: &str = "https://example.org/blog/posts/a/";
    const ORIGIN: &str = "https://example.org";

    #[test]
    fn resolves_every_kind_of_url() {
        assert_eq!(resolve("photo.jpg", PAGE, ORIGIN), "https://example.org/blog/posts/a/photo.jpg");
        assert_eq!(resolve("../b/", PAGE, ORIGIN), "https://example.org/blog/posts/b/");
        assert_eq!(resolve("./c.png?x=1#y", PAGE, ORIGIN), "https://example.org/blog/posts/a/c.png?x=1#y");
        assert_eq!(resolve("/blog/notes/", PAGE, ORIGIN), "https://example.org/blog/notes/");
        assert_eq!(resolve("#part", PAGE, ORIGIN), "https://example.org/blog/posts/a/#part");
        assert_eq!(resolve("//cdn.example/x.js", PAGE, ORIGIN), "https://cdn.example/x.js");
        assert_eq!(resolve("https://other.org/", PAGE, ORIGIN), "https://other.org/");
        assert_eq!(resolve("mailto:me@example.org", PAGE, ORIGIN), "mailto:me@example.org");
    }

    #[test]
    fn without_a_base_url_paths_stay_root_relative() {
        assert_eq!(resolve("photo.jpg", "/posts/a/", ""), "/posts/a/photo.jpg");
        assert_eq!(resolve("/notes/", "/posts/a/", ""), "/notes/");
    }

    #[test]
    fn rewrites_links_and_images() {
        let html = r#"<p><a href="../b/">b</a> <img src="p.png" srcset="p.png 1x, /q.png 2x" alt=""></p>"#;
        assert_eq!(
            absolutize(html, PAGE, ORIGIN),
            r#"<p><a href="https://example.org/blog/posts/b/">b</a> <img src="https://example.org/blog/posts/a/p.png" srcset="https://example.org/blog/posts/a/p.png 1x, https://example.org/q.png 2x" alt=""></p>"#
        );
    }
}
