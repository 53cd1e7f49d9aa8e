//! Decoding an image, resizing it and encoding the copies.
//!
//! fast_image_resize resizes several times faster than the `image`
//! crate, and libwebp's lossy WebP (the `webp` crate) is a small fraction
//! of the size of the `image` crate's lossless one (bench/README.md,
//! "Measurements behind the code"). So: fast_image_resize, libwebp for
//! WebP, the `image` crate for decoding and for JPEG and PNG, and ravif
//! (rav1e) for AVIF, at its speed 9 in 8-bit colour: its default 10-bit
//! took up to three times as long (bench/README.md, "AVIF").

use std::io::Cursor;

use fast_image_resize::{self as resize, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageReader};

/// rav1e's speed, 0 (slowest, smallest) to 10: 9 cost 3.3× the rest of
/// the image work, 10 2.9× with larger files (bench/README.md, "AVIF").
#[cfg(feature = "avif")]
const AVIF_SPEED: u8 = 9;

/// Pixels ready to be resized: 8-bit RGB, or RGBA when the image has
/// transparency.
pub(super) struct Pixels {
    width: u32,
    height: u32,
    alpha: bool,
    bytes: Vec<u8>,
}

/// The file formats tend writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// AVIF (ravif), only ever written.
    Avif,
    /// Lossy WebP (libwebp).
    WebP,
    /// Baseline JPEG.
    Jpeg,
    /// PNG.
    Png,
}

impl Format {
    /// The format of a file with this extension (`jpg`, `PNG`…).
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "webp" => Some(Format::WebP),
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }

    /// The extension of its files in the cache.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Avif => "avif",
            Format::WebP => "webp",
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }
}

/// Decodes `bytes` (any format tend reads, whatever the file's name says),
/// turned upright as its EXIF orientation says.
pub(super) fn decode(bytes: &[u8]) -> Result<Pixels, String> {
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    let alpha = image.color().has_alpha();
    let bytes = if alpha { image.into_rgba8().into_raw() } else { image.into_rgb8().into_raw() };
    Ok(Pixels { width, height, alpha, bytes })
}

impl Pixels {
    /// The image scaled to `width` pixels wide, its proportions kept.
    pub(super) fn resized(&self, width: u32) -> Result<Pixels, String> {
        let height = u64::from(self.height) * u64::from(width) + u64::from(self.width / 2);
        let height = u32::try_from(height / u64::from(self.width.max(1))).map_err(|e| e.to_string())?.max(1);
        let kind = if self.alpha { PixelType::U8x4 } else { PixelType::U8x3 };
        let source =
            resize::images::ImageRef::new(self.width, self.height, &self.bytes, kind).map_err(|e| e.to_string())?;
        let mut target = resize::images::Image::new(width, height, kind);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(resize::FilterType::Lanczos3));
        Resizer::new().resize(&source, &mut target, &options).map_err(|e| e.to_string())?;
        Ok(Pixels { width, height, alpha: self.alpha, bytes: target.into_vec() })
    }

    /// The image as a file of `format`, lossy formats at `quality` (1–100).
    pub(super) fn encode(&self, format: Format, quality: u8) -> Result<Vec<u8>, String> {
        let kind = if self.alpha { image::ExtendedColorType::Rgba8 } else { image::ExtendedColorType::Rgb8 };
        let mut out = Vec::new();
        match format {
            Format::Avif => out = self.avif(quality)?,
            Format::WebP => {
                let layout = if self.alpha { webp::PixelLayout::Rgba } else { webp::PixelLayout::Rgb };
                let encoder = webp::Encoder::new(&self.bytes, layout, self.width, self.height);
                let encoded = encoder.encode_simple(false, f32::from(quality)).map_err(|e| format!("WebP: {e:?}"))?;
                out.extend_from_slice(&encoded);
            }
            Format::Jpeg if self.alpha => {
                // JPEG has no transparency: drop it.
                let rgb: Vec<u8> = self.bytes.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
                JpegEncoder::new_with_quality(&mut out, quality)
                    .write_image(&rgb, self.width, self.height, image::ExtendedColorType::Rgb8)
                    .map_err(|e| e.to_string())?;
            }
            Format::Jpeg => JpegEncoder::new_with_quality(&mut out, quality)
                .write_image(&self.bytes, self.width, self.height, kind)
                .map_err(|e| e.to_string())?,
            Format::Png => PngEncoder::new(&mut out)
                .write_image(&self.bytes, self.width, self.height, kind)
                .map_err(|e| e.to_string())?,
        }
        Ok(out)
    }

    /// The image as AVIF at `quality`.
    #[cfg(feature = "avif")]
    fn avif(&self, quality: u8) -> Result<Vec<u8>, String> {
        let encoder = ravif::Encoder::new()
            .with_quality(f32::from(quality.clamp(1, 100)))
            .with_speed(AVIF_SPEED)
            .with_bit_depth(ravif::BitDepth::Eight);
        let (width, height) = (self.width as usize, self.height as usize);
        let encoded = if self.alpha {
            let pixels: Vec<ravif::RGBA8> =
                self.bytes.chunks_exact(4).map(|p| ravif::RGBA8::new(p[0], p[1], p[2], p[3])).collect();
            encoder.encode_rgba(ravif::Img::new(&pixels[..], width, height))
        } else {
            let pixels: Vec<ravif::RGB8> =
                self.bytes.chunks_exact(3).map(|p| ravif::RGB8::new(p[0], p[1], p[2])).collect();
            encoder.encode_rgb(ravif::Img::new(&pixels[..], width, height))
        };
        encoded.map(|e| e.avif_file).map_err(|e| format!("AVIF: {e}"))
    }

    /// Without the `avif` feature, a setting the loader refused.
    #[cfg(not(feature = "avif"))]
    fn avif(&self, _: u8) -> Result<Vec<u8>, String> {
        Err("this tend was built without AVIF (the `avif` feature)".to_owned())
    }

    /// Width and height in pixels.
    #[cfg(test)]
    pub(super) fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }
}

#[cfg(test)]
mod tests {
    use super::{Format, decode};

    #[test]
    fn resize_and_encode_round_trip() {
        let mut source = Vec::new();
        let image = image::RgbaImage::from_fn(40, 20, |x, y| image::Rgba([x as u8 * 6, y as u8 * 12, 90, 200]));
        image.write_to(&mut std::io::Cursor::new(&mut source), image::ImageFormat::Png).expect("png");
        let pixels = decode(&source).expect("decodes");
        let small = pixels.resized(10).expect("resizes");
        assert_eq!(small.size(), (10, 5));
        for format in [Format::WebP, Format::Jpeg, Format::Png] {
            let bytes = small.encode(format, 80).expect("encodes");
            let again = image::load_from_memory(&bytes).expect("a valid file");
            assert_eq!((again.width(), again.height()), (10, 5), "{format:?}");
        }
        // No AVIF decoder is built in: the file is checked by its header.
        #[cfg(feature = "avif")]
        assert_eq!(&small.encode(Format::Avif, 80).expect("encodes")[4..12], b"ftypavif", "an AVIF file");
        assert!(decode(b"not an image").is_err());
    }
}
