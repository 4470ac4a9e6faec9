//! Attachments that are not PDF: scanned images (JPEG, PNG, TIFF including
//! multi-page scans) become one A4 page per image, portrait or landscape by
//! the image's shape, with clear margins for the stamps.

use std::io::Cursor;
use std::path::Path;

use krilla::geom::{Size, Transform};
use krilla::image::Image;
use krilla::page::PageSettings;
use krilla::{Document, SerializeSettings};

use crate::error::DocumentProblem;

const A4_SHORT: f32 = 595.28;
const A4_LONG: f32 = 841.89;
/// Clear space around the image: the sides, and the top and bottom where
/// "Agenda Item N" and "Page N" go.
const SIDE_MARGIN: f32 = 28.0;
const STAMP_MARGIN: f32 = 44.0;

/// The kinds of file agendapack can read, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
    Tiff,
}

impl Kind {
    pub fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "pdf" => Kind::Pdf,
            "jpg" | "jpeg" => Kind::Jpeg,
            "png" => Kind::Png,
            "tif" | "tiff" => Kind::Tiff,
            _ => return None,
        })
    }
}

impl Kind {
    /// Why a file named as this kind, starting with `magic`, is not one.
    pub fn misnamed(self, magic: &[u8; 8]) -> Option<String> {
        let (ok, name) = match self {
            Kind::Pdf => return None,
            Kind::Png => (magic == b"\x89PNG\r\n\x1a\n", "PNG"),
            Kind::Jpeg => (magic.starts_with(&[0xFF, 0xD8, 0xFF]), "JPEG"),
            Kind::Tiff => (
                matches!(&magic[..4], b"II*\0" | b"MM\0*" | b"II+\0" | b"MM\0+"),
                "TIFF",
            ),
        };
        (!ok).then(|| match what_it_is(magic) {
            Some(actual) => format!(
                "it is {actual}, not a {name} image, whatever its name says; save or export it \
                 as PNG, JPEG or TIFF (the images a pack takes), or as PDF"
            ),
            None => format!("it is not a {name} image (it does not start as one does)"),
        })
    }
}

/// What a file is, by its first bytes, as a message names it ("a GIF
/// image"), for the kinds a clerk may have renamed.
pub fn what_it_is(magic: &[u8]) -> Option<&'static str> {
    let starts = |m: &[u8]| magic.starts_with(m);
    Some(if starts(b"GIF87a") || starts(b"GIF89a") {
        "a GIF image"
    } else if starts(b"BM") {
        "a BMP image"
    } else if starts(b"RIFF") {
        "a WebP image (or another RIFF file)"
    } else if magic.len() >= 8 && &magic[4..8] == b"ftyp" {
        "a HEIC/HEIF image (or another ISO media file)"
    } else if starts(b"\x89PNG") {
        "a PNG image"
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        "a JPEG image"
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        "a TIFF image"
    } else if starts(b"%PDF") {
        "a PDF"
    } else if starts(b"PK\x03\x04") {
        "a ZIP file (a Word or other Office document, perhaps)"
    } else if starts(b"<svg") || starts(b"<?xml") {
        "an SVG or other XML file"
    } else {
        return None;
    })
}

/// A PDF of `data`, one page per image, and warnings about the images.
/// Images too large to decode are refused before they are decoded (see
/// [`super::limits`]).
pub fn image_to_pdf(data: &[u8], kind: Kind) -> Result<(Vec<u8>, Vec<String>), DocumentProblem> {
    let bad = |e: String| DocumentProblem::BadImage(e);
    let mut warnings = Vec::new();
    let images = match kind {
        // A JPEG goes in as it is, with no re-encoding: viewers decode it.
        Kind::Jpeg => {
            let image = Image::from_jpeg(data.to_vec().into(), true).map_err(bad)?;
            let (w, h) = image.size();
            super::limits::check_image(w.into(), h.into(), 3).map_err(bad)?;
            if jpeg_is_cut_short(data) {
                warnings.push(
                    "the image data ends early (the file is cut short): the rest of the picture is missing"
                        .to_string(),
                );
            }
            vec![image]
        }
        // A PNG is decoded whole, so its size is checked first.
        Kind::Png => {
            png_check(data)?;
            vec![Image::from_png(data.to_vec().into(), true).map_err(bad)?]
        }
        Kind::Tiff => tiff_frames(data)?,
        Kind::Pdf => unreachable!("PDFs are not converted"),
    };
    let settings = SerializeSettings {
        enable_tagging: false,
        xmp_metadata: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    for image in images {
        let (w, h) = image.size();
        let (pw, ph) = if w > h {
            (A4_LONG, A4_SHORT)
        } else {
            (A4_SHORT, A4_LONG)
        };
        let (bw, bh) = (pw - 2.0 * SIDE_MARGIN, ph - 2.0 * STAMP_MARGIN);
        let scale = (bw / w.max(1) as f32).min(bh / h.max(1) as f32);
        let (iw, ih) = (w as f32 * scale, h as f32 * scale);
        let mut page = document.start_page_with(PageSettings::from_wh(pw, ph).expect("A4"));
        let mut surface = page.surface();
        surface.push_transform(&Transform::from_translate((pw - iw) / 2.0, (ph - ih) / 2.0));
        if let Some(size) = Size::from_wh(iw, ih) {
            surface.draw_image(image, size);
        }
        surface.pop();
        surface.finish();
        page.finish();
    }
    // PNG data is decoded here: a fault in it shows now.
    let pdf = document.finish().map_err(|e| match e {
        krilla::error::KrillaError::Image(_, _, reason) => bad(cut_short_or(reason)),
        other => bad(format!("{other:?}")),
    })?;
    Ok((pdf, warnings))
}

/// What a decoder's complaint means for the clerk: most often a file cut
/// short (a failed upload or copy).
fn cut_short_or(reason: String) -> String {
    let lower = reason.to_ascii_lowercase();
    if lower.contains("unexpected end of file") || lower.contains("failed to fill whole buffer") {
        "the image data ends early (the file is cut short)".to_string()
    } else {
        reason
    }
}

/// Refuses a PNG whose header declares more than an image may decode to.
fn png_check(data: &[u8]) -> Result<(), DocumentProblem> {
    // The signature, then the IHDR chunk: length, type, width, height,
    // bit depth, colour type.
    let Some(header) = data.get(8..26).filter(|h| &h[4..8] == b"IHDR") else {
        return Err(DocumentProblem::BadImage(
            "it is not a PNG image (no PNG header)".into(),
        ));
    };
    let number = |at: usize| u32::from_be_bytes(header[at..at + 4].try_into().unwrap());
    let (width, height, depth, colour) = (number(8), number(12), header[16], header[17]);
    // Channels once decoded: palettes expand to RGB, and transparency
    // (tRNS) adds an alpha channel.
    let transparency = super::limits::find(data, b"tRNS").is_some();
    let channels = match colour {
        0 | 2 | 3 => [1, 3, 3][usize::from(colour.min(2))] + u64::from(transparency),
        4 => 2,
        _ => 4,
    };
    let bytes = if depth == 16 { 2 } else { 1 };
    super::limits::check_image(width.into(), height.into(), channels * bytes)
        .map_err(DocumentProblem::BadImage)
}

/// Whether a JPEG ends before its image data does: no end-of-image marker
/// after its last scan (an embedded thumbnail has its own, earlier).
fn jpeg_is_cut_short(data: &[u8]) -> bool {
    let Some(scan) = data.windows(2).rposition(|w| w == [0xFF, 0xDA]) else {
        return true;
    };
    !data[scan..].windows(2).any(|w| w == [0xFF, 0xD9])
}

/// Every frame of a (multi-page) TIFF, as RGBA images.
fn tiff_frames(data: &[u8]) -> Result<Vec<Image>, DocumentProblem> {
    use super::limits::{MAX_IMAGE_BYTES, MAX_TIFF_PAGES};
    use tiff::decoder::{Decoder, DecodingResult};
    use tiff::{ColorType, tags::Tag};
    let bad = |what: String| DocumentProblem::BadImage(what);
    let mut limits = tiff::decoder::Limits::default();
    limits.decoding_buffer_size = MAX_IMAGE_BYTES as usize;
    limits.intermediate_buffer_size = MAX_IMAGE_BYTES as usize;
    let mut decoder = Decoder::new(Cursor::new(data))
        .map_err(|e| bad(e.to_string()))?
        .with_limits(limits);
    let mut frames = Vec::new();
    loop {
        let n = frames.len() + 1;
        if n > MAX_TIFF_PAGES {
            return Err(bad(format!(
                "it has more than the {MAX_TIFF_PAGES} pages a TIFF may have"
            )));
        }
        let (w, h) = decoder
            .dimensions()
            .map_err(|e| bad(format!("page {n}: {e}")))?;
        // Each page is held as RGBA while it is converted.
        super::limits::check_image(w.into(), h.into(), 4)
            .map_err(|e| bad(format!("page {n}: {e}")))?;
        let colour = decoder
            .colortype()
            .map_err(|e| bad(format!("page {n}: {e}")))?;
        let white_is_zero = decoder.get_tag_u32(Tag::PhotometricInterpretation).ok() == Some(0);
        let pixels = decoder
            .read_image()
            .map_err(|e| bad(format!("page {n}: {}", cut_short_or(e.to_string()))))?;
        let count = w as usize * h as usize;
        let mut rgba = Vec::with_capacity(count * 4);
        let mut push_grey = |v: u8| {
            let v = if white_is_zero { 255 - v } else { v };
            rgba.extend_from_slice(&[v, v, v, 255]);
        };
        match (colour, pixels) {
            (ColorType::Gray(1), DecodingResult::U8(bits)) => {
                let row = (w as usize).div_ceil(8);
                for y in 0..h as usize {
                    for x in 0..w as usize {
                        let byte = bits.get(y * row + x / 8).copied().unwrap_or(0);
                        push_grey(if byte & (0x80 >> (x % 8)) != 0 {
                            255
                        } else {
                            0
                        });
                    }
                }
            }
            (ColorType::Gray(8), DecodingResult::U8(v)) => v.iter().for_each(|&g| push_grey(g)),
            (ColorType::Gray(16), DecodingResult::U16(v)) => {
                v.iter().for_each(|&g| push_grey((g >> 8) as u8))
            }
            (ColorType::RGB(8), DecodingResult::U8(v)) => v
                .chunks_exact(3)
                .for_each(|p| rgba.extend_from_slice(&[p[0], p[1], p[2], 255])),
            (ColorType::RGB(16), DecodingResult::U16(v)) => v.chunks_exact(3).for_each(|p| {
                rgba.extend_from_slice(&[
                    (p[0] >> 8) as u8,
                    (p[1] >> 8) as u8,
                    (p[2] >> 8) as u8,
                    255,
                ])
            }),
            (ColorType::RGBA(8), DecodingResult::U8(v)) => rgba.extend_from_slice(&v),
            (ColorType::GrayA(8), DecodingResult::U8(v)) => v
                .chunks_exact(2)
                .for_each(|p| rgba.extend_from_slice(&[p[0], p[0], p[0], p[1]])),
            (other, _) => {
                return Err(bad(format!(
                    "page {n}: TIFF colour type {other:?} is not supported"
                )));
            }
        }
        if rgba.len() != count * 4 {
            return Err(bad(format!("page {n}: image data is incomplete")));
        }
        frames.push(Image::from_rgba8(rgba, w, h));
        if !decoder.more_images() {
            break;
        }
        decoder
            .next_image()
            .map_err(|e| bad(format!("page {}: {e}", n + 1)))?;
    }
    Ok(frames)
}
