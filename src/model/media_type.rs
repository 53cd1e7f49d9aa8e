//! The `Content-Type` of an output file, from its extension: the types a
//! static site holds, text ones with their charset. `tend serve` sends it,
//! and `tend deploy` stores it with each object.

use std::path::Path;

/// The media type for a file at `path`: plain text without an extension,
/// `application/octet-stream` for an unknown one.
pub fn media_type(path: &Path) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" | "xsl" => "application/xml",
        // No extension: `_redirects`, `CNAME`, `_headers`.
        "txt" | "md" | "" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "bmp" => "image/bmp",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "wav" => "audio/wav",
        "m4a" => "audio/mp4",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::media_type as for_path;

    #[test]
    fn common_types() {
        assert_eq!(for_path(Path::new("index.html")), "text/html; charset=utf-8");
        assert_eq!(for_path(Path::new("style.3f2a9c1d.CSS")), "text/css; charset=utf-8");
        assert_eq!(for_path(Path::new("feed.xml")), "application/xml");
        assert_eq!(for_path(Path::new("graph.json")), "application/json");
        assert_eq!(for_path(Path::new("photo.svg")), "image/svg+xml");
        assert_eq!(for_path(Path::new("_redirects")), "text/plain; charset=utf-8");
        assert_eq!(for_path(Path::new("data.bin")), "application/octet-stream");
    }
}
