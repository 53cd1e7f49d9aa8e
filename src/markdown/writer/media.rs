//! Embeds that are not pictures or notes: sound, video and PDF files of the
//! site shown with the browser's own players, and videos or posts on other
//! sites shown as cards that load nothing from those sites until the reader
//! asks (as Obsidian Publish shows `![](https://youtu.be/…)`, without its
//! third-party frame on page load).

use pulldown_cmark_escape::{escape_href, escape_html};

use crate::markdown::escaped;
use crate::model::Locale;

/// A file of the site that an embed plays or shows in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Media {
    /// `mp3`, `ogg`, `wav`, `m4a`, `flac`, `webm` sound.
    Audio,
    /// `mp4`, `webm`, `mov`, `ogv`.
    Video,
    /// `pdf`.
    Pdf,
}

/// What kind of media the file at `path` is, by its extension.
pub(super) fn media_kind(path: &str) -> Option<Media> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
    match extension.as_str() {
        "mp3" | "ogg" | "oga" | "wav" | "m4a" | "flac" | "3gp" => Some(Media::Audio),
        "mp4" | "webm" | "mov" | "ogv" | "mkv" => Some(Media::Video),
        "pdf" => Some(Media::Pdf),
        _ => None,
    }
}

/// The player or viewer for the file at `url` (escaped here), named `name`
/// for people who cannot use it. Phrasing content: it may sit in a
/// paragraph.
pub(super) fn media_html(kind: Media, url: &str, name: &str, words: &Locale) -> String {
    let mut href = String::new();
    let _ = escape_href(&mut href, url);
    let download = escaped(&words.text("download", &[("name", name)]));
    match kind {
        Media::Audio => format!(
            "<audio class=\"embed-audio\" controls preload=\"metadata\" src=\"{href}\"><a href=\"{href}\">{download}</a></audio>"
        ),
        Media::Video => format!(
            "<video class=\"embed-video\" controls preload=\"metadata\" src=\"{href}\"><a href=\"{href}\">{download}</a></video>"
        ),
        Media::Pdf => {
            let title = escaped(&words.text("pdf", &[("name", name)]));
            let download = escaped(&words.text("download_pdf", &[("name", name)]));
            format!(
                "<span class=\"embed-pdf\"><iframe src=\"{href}\" title=\"{title}\" loading=\"lazy\"></iframe><a href=\"{href}\" download>{download}</a></span>"
            )
        }
    }
}

/// A video on another site: the player's address, the page to watch it
/// on, and the site's name.
struct Video {
    embed: String,
    watch: String,
    host: &'static str,
}

fn video(url: &str) -> Option<Video> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").or_else(|| rest.strip_prefix("m.")).unwrap_or(rest);
    let id_ok = |id: &str| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if let Some(query) = rest.strip_prefix("youtube.com/watch?") {
        let id = query.split('&').find_map(|pair| pair.strip_prefix("v="))?;
        return id_ok(id).then(|| youtube(id, url));
    }
    for prefix in ["youtu.be/", "youtube.com/shorts/", "youtube.com/embed/"] {
        if let Some(id) = rest.strip_prefix(prefix) {
            let id = id.split(['?', '&', '/', '#']).next().unwrap_or_default();
            return id_ok(id).then(|| youtube(id, url));
        }
    }
    if let Some(id) = rest.strip_prefix("vimeo.com/") {
        let id = id.split(['?', '/', '#']).next().unwrap_or_default();
        return (!id.is_empty() && id.chars().all(|c| c.is_ascii_digit())).then(|| Video {
            embed: format!("https://player.vimeo.com/video/{id}?autoplay=1&dnt=1"),
            watch: url.to_owned(),
            host: "Vimeo",
        });
    }
    None
}

fn youtube(id: &str, url: &str) -> Video {
    Video {
        embed: format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1"),
        watch: url.to_owned(),
        host: "YouTube",
    }
}

/// A post on a social site (`…/status/…`), shown as a link card.
fn post_host(url: &str) -> Option<&'static str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").or_else(|| rest.strip_prefix("mobile.")).unwrap_or(rest);
    let (host, path) = rest.split_once('/')?;
    let name = match host {
        "twitter.com" | "x.com" => "X",
        "bsky.app" => "Bluesky",
        "threads.net" | "threads.com" => "Threads",
        _ => return None,
    };
    (path.contains("/status/") || path.contains("/post/")).then_some(name)
}

/// An embed of another site's video or post, as block HTML (a figure) for a
/// video, whose player the theme's script loads when the reader presses
/// play, or inline HTML (a link card) for a post. `None` for other
/// addresses, which stay images.
pub(super) fn external_html(url: &str, alt: &str, words: &Locale) -> Option<(String, bool)> {
    let mut href = String::new();
    let _ = escape_href(&mut href, url);
    if let Some(video) = video(url) {
        let host = video.host;
        let title =
            if alt.trim().is_empty() { words.text("video_on", &[("host", host)]) } else { alt.trim().to_owned() };
        let title_html = escaped(&title);
        let play = escaped(&words.text("play", &[]));
        let from = escaped(&words.text("from_host", &[("host", host)]));
        let named = escaped(&words.text("play_video", &[("title", &title), ("host", host)]));
        let mut embed = String::new();
        let _ = escape_href(&mut embed, &video.embed);
        let mut watch = String::new();
        let _ = escape_href(&mut watch, &video.watch);
        let html = format!(
            "<figure class=\"video\">\n<div class=\"video-frame\" data-video-embed=\"{embed}\" data-video-title=\"{title_html}\">\n<a class=\"video-play\" href=\"{watch}\"><svg class=\"video-play-icon\" aria-hidden=\"true\" viewBox=\"0 0 24 24\" width=\"48\" height=\"48\"><path d=\"M8 5v14l11-7z\"/></svg><span class=\"video-play-label\" aria-hidden=\"true\">{play}</span> <span class=\"video-host\" aria-hidden=\"true\">{from}</span><span class=\"visually-hidden\">{named}</span></a>\n</div>\n<figcaption>{title_html}</figcaption>\n</figure>\n"
        );
        return Some((html, true));
    }
    let host = post_host(url)?;
    let mut text = String::new();
    let _ = escape_html(&mut text, if alt.trim().is_empty() { url } else { alt.trim() });
    Some((
        format!(
            "<a class=\"embed-card\" href=\"{href}\"><span class=\"embed-card-host\">{}</span> {text}</a>",
            escaped(&words.text("post_on", &[("host", host)]))
        ),
        false,
    ))
}

/// Obsidian's sizes in an image's alt text: `![250](url)` is 250 pixels
/// wide with no alt text, `![A boat|250x100](url)` is "A boat" at 250 by
/// 100. Returns the alt text and the size when there is one.
pub(super) fn sized_alt(alt: &str) -> (&str, Option<(u32, Option<u32>)>) {
    let (text, size) = match alt.rsplit_once('|') {
        Some((text, size)) => (text, size),
        None => ("", alt),
    };
    match super::super::links::image_size(size) {
        Some(size) => (text.trim(), Some(size)),
        None => (alt, None),
    }
}

#[cfg(test)]
mod tests {
    use super::{Media, external_html, media_kind, sized_alt};
    use crate::model::english;

    #[test]
    fn kinds() {
        assert_eq!(media_kind("a/Song.MP3"), Some(Media::Audio));
        assert_eq!(media_kind("clip.mov?x=1"), Some(Media::Video));
        assert_eq!(media_kind("paper.pdf"), Some(Media::Pdf));
        assert_eq!(media_kind("pic.png"), None);
        assert_eq!(media_kind("README"), None);
    }

    #[test]
    fn videos_and_posts_load_nothing_until_asked() {
        for url in
            ["https://www.youtube.com/watch?v=abc_12-3&t=4", "https://youtu.be/abc_12-3", "https://vimeo.com/123"]
        {
            let (html, block) = external_html(url, "", english()).expect(url);
            assert!(block && html.contains("data-video-embed") && !html.contains("<iframe") && !html.contains("<img"));
        }
        let (html, block) = external_html("https://x.com/someone/status/123", "", english()).expect("a post");
        assert!(!block && html.contains("A post on X") && !html.contains("<img"), "{html}");
        assert!(external_html("https://example.org/pic.png", "", english()).is_none());
        assert!(external_html("https://www.youtube.com/watch?v=<script>", "", english()).is_none());
    }

    #[test]
    fn sizes_in_alt_text() {
        assert_eq!(sized_alt("250"), ("", Some((250, None))));
        assert_eq!(sized_alt("A boat|250x100"), ("A boat", Some((250, Some(100)))));
        assert_eq!(sized_alt("A boat"), ("A boat", None));
        assert_eq!(sized_alt("Chapter 1|2"), ("Chapter 1", Some((2, None))));
    }
}
