//! Responsive images: resized WebP and original-format copies of the photos
//! pages show, named in `<picture>` markup, cached across builds; and the
//! warnings about images that are missing, undecodable or without alt text.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::time::SystemTime;

use image::{ImageFormat, RgbImage, RgbaImage};

use crate::support::{Site, main_element, page};

/// A photo-like JPEG: smooth gradients with some texture.
pub(crate) fn jpeg(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        let noise = ((x * 7 + y * 13) % 17) as u8;
        image::Rgb([(x % 256) as u8 ^ seed, (y % 256) as u8, noise.wrapping_mul(9).wrapping_add(seed)])
    });
    let mut bytes = Vec::new();
    image.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Jpeg).expect("jpeg");
    bytes
}

/// A PNG with transparency.
fn png(width: u32, height: u32) -> Vec<u8> {
    let image = RgbaImage::from_fn(width, height, |x, y| image::Rgba([(x % 256) as u8, 80, (y % 256) as u8, 180]));
    let mut bytes = Vec::new();
    image.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).expect("png");
    bytes
}

/// The format and size of an output file, read from its bytes.
fn decoded(site: &Site, path: &str) -> (ImageFormat, u32, u32) {
    let bytes = std::fs::read(site.root().join("public").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let format = image::guess_format(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    let image = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{path} decodes: {e}"));
    (format, image.width(), image.height())
}

/// The JSON summary line of a build run with `--format json`.
fn summary(site: &Site) -> serde_json::Value {
    let run = site.build(&["--format", "json"]);
    run.ok();
    let last = run.stderr.lines().last().expect("a summary line");
    serde_json::from_str(last).expect("JSON")
}

fn image_counts(summary: &serde_json::Value) -> (u64, u64) {
    (summary["images_processed"].as_u64().expect("processed"), summary["images_reused"].as_u64().expect("reused"))
}

/// The cache's files and when each was last written.
fn cache_files(site: &Site) -> BTreeMap<String, SystemTime> {
    let dir = site.root().join(".tend-cache/images");
    std::fs::read_dir(dir)
        .expect("the cache folder")
        .flatten()
        .map(|e| {
            (e.file_name().to_string_lossy().into_owned(), e.metadata().and_then(|m| m.modified()).expect("mtime"))
        })
        .collect()
}

fn widths(widths: &str) -> String {
    format!("[images]\nwidths = {widths}\n")
}

#[test]
fn photos_get_webp_and_original_format_copies_narrower_than_themselves() {
    let site = Site::new();
    site.write("content/walk/index.md", &page("title: Walk", "![The harbour](harbour.jpg)\n\n![A shot](/shot.png)"));
    site.write_bytes("content/walk/harbour.jpg", &jpeg(1000, 600, 1));
    site.write_bytes("static/shot.png", &png(700, 400));
    site.build(&[]).ok();
    assert_eq!(decoded(&site, "walk/harbour.480w.jpg"), (ImageFormat::Jpeg, 480, 288));
    assert_eq!(decoded(&site, "walk/harbour.960w.jpg"), (ImageFormat::Jpeg, 960, 576));
    assert_eq!(decoded(&site, "walk/harbour.480w.jpg.webp"), (ImageFormat::WebP, 480, 288));
    assert_eq!(decoded(&site, "walk/harbour.960w.jpg.webp"), (ImageFormat::WebP, 960, 576));
    assert!(!site.has_output("walk/harbour.1440w.jpg"), "never wider than the original");
    assert_eq!(decoded(&site, "shot.480w.png"), (ImageFormat::Png, 480, 274));
    assert_eq!(decoded(&site, "shot.480w.png.webp"), (ImageFormat::WebP, 480, 274));
    let shot = image::load_from_memory(&std::fs::read(site.root().join("public/shot.480w.png.webp")).expect("read"))
        .expect("decodes");
    assert!(shot.color().has_alpha(), "transparency is kept");
    assert_eq!(decoded(&site, "walk/harbour.jpg"), (ImageFormat::Jpeg, 1000, 600), "the original is copied as it is");
}

#[test]
fn picture_markup() {
    let body = "![The harbour at dawn](harbour.jpg \"Dawn, *May*\")\n\nInline ![a boat](harbour.jpg) here.\n\n![[harbour.jpg|300]]\n\n![A still](still.webp)";
    let site = Site::new();
    site.write("tend.toml", &widths("[480, 960]"));
    site.write("content/walk/index.md", &page("title: Walk", body));
    site.write_bytes("content/walk/harbour.jpg", &jpeg(1000, 600, 1));
    let mut webp = Vec::new();
    image::DynamicImage::ImageRgb8(RgbImage::from_pixel(600, 300, image::Rgb([9, 9, 9])))
        .write_to(&mut Cursor::new(&mut webp), ImageFormat::WebP)
        .expect("webp");
    site.write_bytes("content/walk/still.webp", &webp);
    site.build(&[]).ok();
    let main = main_element(&site.output("walk/index.html"));
    let start = main.find("<figure>").expect("a figure");
    let end = main.rfind("</p>").expect("the last paragraph") + 4;
    insta::assert_snapshot!(&main[start..end]);
    assert_eq!(decoded(&site, "walk/still.480w.webp"), (ImageFormat::WebP, 480, 240));
}

#[test]
fn small_remote_and_other_images_stay_plain() {
    let body = "![Small](small.jpg)\n\n![Remote](https://example.org/big.jpg)\n\n![Vector](v.svg)\n\n![Moving](m.gif)";
    let site = Site::new();
    site.write("content/a/index.md", &page("title: A", body));
    site.write_bytes("content/a/small.jpg", &jpeg(300, 200, 2));
    site.write("content/a/v.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2000\" height=\"1000\"></svg>");
    // A GIF's header says 2000×10; tend never decodes one.
    site.write_bytes("content/a/m.gif", b"GIF89a\xd0\x07\x0a\x00\x00\x00\x00;");
    site.build(&[]).ok();
    let main = main_element(&site.output("a/index.html"));
    assert!(!main.contains("<picture") && !main.contains("srcset"), "{main}");
    assert!(main.contains("<img src=\"small.jpg\" alt=\"Small\" width=\"300\" height=\"200\""), "{main}");
    assert!(main.contains("<img src=\"https://example.org/big.jpg\" alt=\"Remote\" loading"), "{main}");
    let files = site.output_files();
    assert!(!files.iter().any(|f| f.contains("w.")), "no variants: {files:?}");
    assert!(!site.root().join(".tend-cache/images").exists(), "nothing to cache");
}

#[test]
fn empty_widths_turn_resizing_off() {
    let site = Site::new();
    site.write("tend.toml", &widths("[]"));
    site.write("content/a/index.md", &page("title: A", "![Big](big.jpg)"));
    site.write_bytes("content/a/big.jpg", &jpeg(1200, 600, 3));
    site.build(&[]).ok();
    let main = main_element(&site.output("a/index.html"));
    assert!(main.contains("<img src=\"big.jpg\" alt=\"Big\" width=\"1200\" height=\"600\" loading"), "{main}");
    assert!(!site.has_output("a/big.480w.jpg"));
}

#[test]
fn a_second_build_reuses_every_image_and_a_changed_one_is_made_again() {
    let site = Site::new();
    site.write("tend.toml", &widths("[200, 400]"));
    site.write("content/a/index.md", &page("title: A", "![One](one.jpg)\n\n![Two](two.jpg)"));
    site.write("content/b.md", &page("title: B", "Again: ![One](/a/one.jpg)"));
    site.write_bytes("content/a/one.jpg", &jpeg(600, 400, 4));
    site.write_bytes("content/a/two.jpg", &jpeg(500, 300, 5));
    assert_eq!(image_counts(&summary(&site)), (2, 0), "an image shown on two pages is made once");
    let first = cache_files(&site);
    assert_eq!(first.len(), 8, "two widths, two formats, two images: {first:?}");

    assert_eq!(image_counts(&summary(&site)), (0, 2));
    assert_eq!(cache_files(&site), first, "nothing in the cache was written again");
    assert_eq!(decoded(&site, "a/two.400w.jpg.webp"), (ImageFormat::WebP, 400, 240), "copied from the cache");

    site.write_bytes("content/a/two.jpg", &jpeg(500, 300, 6));
    assert_eq!(image_counts(&summary(&site)), (1, 1), "only the changed image");
    let third = cache_files(&site);
    assert_eq!(third.len(), 12, "{third:?}");
    assert!(first.iter().all(|(name, time)| third.get(name) == Some(time)), "old entries untouched");

    // New settings are a new key: quality decides the bytes.
    site.write("tend.toml", &format!("{}quality = 60\n", widths("[200, 400]")));
    assert_eq!(image_counts(&summary(&site)), (2, 0));
}

#[test]
fn an_undecodable_image_warns_and_its_page_keeps_a_plain_img() {
    // A real JPEG's headers (so its size is known) cut before its picture
    // data: a cut inside the data still decodes, grey to the end.
    let whole = jpeg(800, 600, 7);
    let scan = whole.windows(2).position(|w| w == [0xFF, 0xDA]).expect("a start of scan");
    let cut = &whole[..scan];
    let site = Site::new();
    site.write("content/a/index.md", &page("title: A", "Text.\n\n![Broken](broken.jpg)"));
    site.write_bytes("content/a/broken.jpg", cut);
    let run = site.build(&[]);
    run.ok();
    let stderr = run.stderr_redacted(&site);
    let at = stderr.find("warning: cannot make resized copies of `content/a/broken.jpg`: ").expect(&stderr);
    // The decoder's reason is kept to the message's line.
    let place = stderr[at..].lines().nth(1).unwrap_or_default();
    assert_eq!(place, " --> content/a/index.md:7:1", "{stderr}");
    let main = main_element(&site.output("a/index.html"));
    assert!(!main.contains("<picture"), "{main}");
    assert!(main.contains("<img src=\"broken.jpg\" alt=\"Broken\" width=\"800\" height=\"600\" loading"), "{main}");
}

#[test]
fn missing_images_and_alt_text_warn_at_their_line_once() {
    let body = "Text.\n\n![](there.png)\n\n![Gone](gone.png) and ![Far](https://example.org/x.png)";
    let site = Site::with(&[("content/a/index.md", &page("title: A", body))]);
    site.write_bytes("content/a/there.png", &png(10, 10));
    let run = site.build(&[]);
    run.ok();
    let stderr = run.stderr_redacted(&site);
    for (message, place) in [
        ("warning: image `there.png` has no alt text", "content/a/index.md:7:5"),
        ("warning: link to `gone.png`, which the site does not have", "content/a/index.md:9:9"),
    ] {
        let at = stderr.find(message).unwrap_or_else(|| panic!("no “{message}” in:\n{stderr}"));
        assert!(stderr[at..].lines().nth(1).is_some_and(|l| l.contains(place)), "{message} at {place}:\n{stderr}");
    }
    assert_eq!(stderr.matches("warning:").count(), 2, "{stderr}");
    let check = site.tend(&["check"]);
    // A missing file is a broken link, which fails a check (issue 18).
    check.expect_code(1);
    assert!(check.stderr.contains("1 error, 1 warning in 1 file"), "each once: {}", check.stderr);
}

#[test]
fn check_makes_no_images() {
    let site = Site::with(&[("content/a/index.md", &page("title: A", "![Big](big.jpg)"))]);
    site.write_bytes("content/a/big.jpg", &jpeg(1000, 500, 8));
    site.tend(&["check"]).ok();
    assert!(!site.root().join(".tend-cache").exists());
    assert!(!site.root().join("public").exists());
}

#[test]
fn image_settings_are_checked() {
    let site = Site::with(&[
        ("tend.toml", "title = \"T\"\n\n[images]\nwidths = \"big\"\nqualty = 70\n"),
        ("content/a.md", &page("title: A", "x")),
    ]);
    let run = site.build(&[]);
    run.expect_code(1);
    let stderr = run.stderr_redacted(&site);
    assert!(stderr.contains("error: `widths` in [images] of tend.toml must be a list of widths in pixels"), "{stderr}");
    assert!(stderr.contains("tend.toml:4:1"), "{stderr}");
    assert!(stderr.contains("warning: unknown setting `qualty` in [images] of tend.toml"), "{stderr}");
    assert!(stderr.contains("did you mean `quality`?"), "{stderr}");
}

#[test]
fn a_portrait_photo_turned_by_exif_is_measured_upright() {
    // A 60×40 JPEG whose EXIF says "turn 90°": shown 40 wide and 60 high.
    let mut bytes = jpeg(60, 40, 9);
    let tiff: &[u8] = &[b'I', b'I', 0x2A, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0];
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&u16::try_from(2 + 6 + tiff.len()).expect("short").to_be_bytes());
    app1.extend_from_slice(b"Exif\0\0");
    app1.extend_from_slice(tiff);
    bytes.splice(2..2, app1);
    let site =
        Site::with(&[("tend.toml", &widths("[20]")), ("content/a/index.md", &page("title: A", "![Tall](p.jpg)"))]);
    site.write_bytes("content/a/p.jpg", &bytes);
    site.build(&[]).ok();
    let main = main_element(&site.output("a/index.html"));
    assert!(main.contains("p.jpg 40w\" sizes") && main.contains("width=\"40\" height=\"60\""), "{main}");
    assert_eq!(decoded(&site, "a/p.20w.jpg"), (ImageFormat::Jpeg, 20, 30), "resized upright");
}

/// Whether `path` in the output is an AVIF file `width` pixels wide: no
/// AVIF decoder is built in, so its header is read (the `ispe` box holds
/// the size).
#[cfg(feature = "avif")]
fn avif_width(site: &Site, path: &str) -> Option<u32> {
    let bytes = std::fs::read(site.root().join("public").join(path)).ok()?;
    if bytes.get(4..12) != Some(b"ftypavif".as_slice()) {
        return None;
    }
    let at = bytes.windows(4).position(|w| w == b"ispe")?;
    let width = bytes.get(at + 8..at + 12)?;
    Some(u32::from_be_bytes(width.try_into().ok()?))
}

#[cfg(feature = "avif")]
#[test]
fn avif_copies_are_offered_first_when_asked_for() {
    let site = Site::new();
    site.write("tend.toml", &format!("{}avif = true\n", widths("[480]")));
    site.write("content/walk/index.md", &page("title: Walk", "![The harbour](harbour.jpg)\n\n![A shot](/shot.png)"));
    site.write_bytes("content/walk/harbour.jpg", &jpeg(1000, 600, 1));
    site.write_bytes("static/shot.png", &png(700, 400));
    assert_eq!(image_counts(&summary(&site)), (2, 0));
    assert_eq!(avif_width(&site, "walk/harbour.480w.jpg.avif"), Some(480));
    assert_eq!(avif_width(&site, "shot.480w.png.avif"), Some(480));
    assert_eq!(decoded(&site, "walk/harbour.480w.jpg.webp"), (ImageFormat::WebP, 480, 288), "WebP is still made");
    let main = main_element(&site.output("walk/index.html"));
    let avif = main.find("<source type=\"image/avif\" srcset=\"harbour.480w.jpg.avif 480w\"").expect(&main);
    let webp = main.find("<source type=\"image/webp\"").expect(&main);
    assert!(avif < webp, "AVIF comes first: {main}");
    // A second build takes them from the cache.
    assert_eq!(image_counts(&summary(&site)), (0, 2));
    assert!(cache_files(&site).keys().filter(|name| name.ends_with(".avif")).count() == 2, "{:?}", cache_files(&site));
}

#[test]
fn avif_is_off_by_default_and_a_wrong_setting_is_an_error_at_its_line() {
    let site = Site::new();
    site.write("content/walk/index.md", &page("title: Walk", "![The harbour](harbour.jpg)"));
    site.write_bytes("content/walk/harbour.jpg", &jpeg(1000, 600, 1));
    site.build(&[]).ok();
    assert!(!site.output("walk/index.html").contains("image/avif"));
    assert!(!site.has_output("walk/harbour.480w.jpg.avif"));
    site.write("tend.toml", "title = \"T\"\n\n[images]\navif = \"yes\"\n");
    let run = site.build(&[]);
    run.expect_code(1);
    let stderr = run.stderr_redacted(&site);
    assert!(stderr.contains("`avif` in [images] of tend.toml must be true or false"), "{stderr}");
    assert!(stderr.contains("tend.toml:4:1"), "{stderr}");
}
