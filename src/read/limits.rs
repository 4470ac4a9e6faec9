//! Bounds on what reading one document may cost. A hostile or broken file
//! (junk with a PDF header, an image declaring billions of pixels, a tiny
//! file that inflates to gigabytes) is refused quickly and by name, rather
//! than read whole or decoded until memory runs out.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::DocumentProblem;

/// The largest document read: far beyond any report (the 410-page bench
/// pack's reports total 27 MB), small enough to be held in memory.
pub const MAX_DOCUMENT_BYTES: u64 = 2 << 30;

/// The most pixels an image may have: an A3 page scanned at 600 dpi has
/// 70 million.
pub const MAX_IMAGE_PIXELS: u64 = 100_000_000;

/// The most bytes an image may decode to (pixels × channels × bytes per
/// channel): an A3 colour scan at 600 dpi is 210 MB. Converting holds about
/// twice this at once.
pub const MAX_IMAGE_BYTES: u64 = 256 << 20;

/// The most pages a multi-page TIFF may have.
pub const MAX_TIFF_PAGES: usize = 2000;

/// How much of a PDF's start and end is searched for its structure before
/// the rest is read.
const PROBE: usize = 1 << 20;

/// Whether the file at `path` is read as a PDF (not an image or an office
/// file), by its name as [`super::convert::Kind::of`] sees it.
fn read_as_pdf(path: &Path) -> bool {
    match super::convert::Kind::of(path) {
        Some(kind) => kind == super::convert::Kind::Pdf,
        None => !super::office::is_office(path),
    }
}

/// The whole of `file` (`len` bytes long) and its BLAKE3 hash. A file too large, or one to be read as a PDF in which neither
/// the first nor the last megabyte holds any PDF structure, is refused
/// before the rest is read.
pub fn read_document(
    file: &mut File,
    len: u64,
    path: &Path,
) -> Result<(Vec<u8>, [u8; 32]), DocumentProblem> {
    let unreadable = |e: std::io::Error| DocumentProblem::Unreadable(e.to_string());
    // An image is known by its first bytes: junk named .png is refused
    // before it is read.
    if let Some(kind) = super::convert::Kind::of(path)
        && len >= 8
    {
        let mut magic = [0; 8];
        read_at(file, &mut magic, 0).map_err(unreadable)?;
        if let Some(what) = kind.misnamed(&magic) {
            return Err(DocumentProblem::BadImage(what));
        }
    }
    if read_as_pdf(path) && len > 2 * PROBE as u64 {
        let mut head = vec![0; PROBE];
        let mut tail = vec![0; PROBE];
        read_at(file, &mut head, 0).map_err(unreadable)?;
        read_at(file, &mut tail, len - PROBE as u64).map_err(unreadable)?;
        if !has_pdf_structure(&head) && !has_pdf_structure(&tail) {
            return Err(if has_pdf_header(&head) {
                DocumentProblem::Damaged(format!(
                    "no PDF objects, cross-reference table or trailer in the first or last megabyte of its {}",
                    size(len)
                ))
            } else {
                DocumentProblem::NotPdf
            });
        }
    }
    if len > MAX_DOCUMENT_BYTES {
        return Err(DocumentProblem::TooLarge(format!(
            "it is {}, more than the {} a document may be",
            size(len),
            size(MAX_DOCUMENT_BYTES)
        )));
    }
    // Read straight into the document's buffer (no zeroed bounce buffer,
    // no second copy), at most one byte past the limit: a file that grew
    // while it was read is still bounded.
    let mut data = Vec::with_capacity(len as usize);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut *file, MAX_DOCUMENT_BYTES + 1),
        &mut data,
    )
    .map_err(unreadable)?;
    if data.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(DocumentProblem::TooLarge(format!(
            "it grew past the {} a document may be while it was read",
            size(MAX_DOCUMENT_BYTES)
        )));
    }
    let digest = *blake3::hash(&data).as_bytes();
    Ok((data, digest))
}

fn read_at(file: &mut File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(())
}

fn size(bytes: u64) -> String {
    const GIB: f64 = (1u64 << 30) as f64;
    const MIB: f64 = (1u64 << 20) as f64;
    if bytes as f64 >= GIB {
        format!("{:.1} GiB", bytes as f64 / GIB)
    } else {
        format!("{:.1} MiB", bytes as f64 / MIB)
    }
}

/// A PDF header within the first kilobyte, as readers accept.
pub fn has_pdf_header(data: &[u8]) -> bool {
    find(&data[..data.len().min(1024)], b"%PDF-").is_some()
}

/// Whether `window` holds any sign of a PDF's structure: an object header
/// (`12 0 obj`) or a cross-reference table or trailer.
fn has_pdf_structure(window: &[u8]) -> bool {
    first_object(window).is_some()
        || [&b"startxref"[..], b"trailer", b"xref"]
            .iter()
            .any(|k| find(window, k).is_some())
}

/// Whether `data`, lacking a usable header, still has a PDF's body as
/// viewers recognise it: objects, and a trailer, catalog or page tree.
pub fn has_pdf_body(data: &[u8]) -> bool {
    first_object(data).is_some()
        && [&b"trailer"[..], b"/Catalog", b"/Pages"]
            .iter()
            .any(|k| find(data, k).is_some())
}

/// Where the first object header (`12 0 obj`) in `data` starts.
pub fn first_object(data: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = find(&data[from..], b"obj") {
        let at = from + at;
        if let Some(start) = object_header_before(data, at) {
            return Some(start);
        }
        from = at + 3;
    }
    None
}

/// If `data[..at]` ends with `<number> <number> ` (the start of an object
/// header whose `obj` keyword is at `at`), where that header starts.
fn object_header_before(data: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    let mut take = |pred: fn(u8) -> bool| {
        let end = i;
        while i > 0 && pred(data[i - 1]) {
            i -= 1;
        }
        end - i
    };
    let space = |b: u8| b.is_ascii_whitespace();
    let digit = |b: u8| b.is_ascii_digit();
    let ok = take(space) > 0 && take(digit) > 0 && take(space) > 0 && take(digit) > 0;
    let delimited = i == 0 || !data[i - 1].is_ascii_alphanumeric();
    (ok && delimited).then_some(i)
}

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(at) = hay[from..].iter().position(|&b| b == first) {
        let at = from + at;
        if hay[at + 1..].starts_with(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Refuses an image of `width` × `height` pixels that decodes to
/// `bytes_per_pixel` bytes each, before it is decoded, saying why.
pub fn check_image(width: u64, height: u64, bytes_per_pixel: u64) -> Result<(), String> {
    let pixels = width.saturating_mul(height);
    let decoded = pixels.saturating_mul(bytes_per_pixel);
    if width == 0 || height == 0 {
        return Err(format!("it declares {width} × {height} pixels"));
    }
    if pixels > MAX_IMAGE_PIXELS || decoded > MAX_IMAGE_BYTES {
        return Err(format!(
            "it declares {width} × {height} pixels ({} megapixels, {} decoded), more than the {} megapixels and {} an image may have",
            pixels / 1_000_000,
            size(decoded),
            MAX_IMAGE_PIXELS / 1_000_000,
            size(MAX_IMAGE_BYTES)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_object_headers_only() {
        assert_eq!(first_object(b"%PDF-1.4\n1 0 obj\n<<>>"), Some(9));
        assert_eq!(first_object(b"x12 0 obj"), None);
        assert_eq!(first_object(b"object 1 0obj"), None);
        assert_eq!(first_object(b"junk\n\n 7 0 obj"), Some(7));
        assert!(has_pdf_body(b"1 0 obj << /Type /Catalog >> endobj"));
        assert!(!has_pdf_body(b"just text with an obj in it and a trailer"));
    }

    #[test]
    fn image_limits() {
        assert!(check_image(4961, 7016, 3).is_ok());
        assert!(check_image(20000, 20000, 3).is_err());
        assert!(check_image(0, 10, 3).is_err());
        assert!(check_image(u64::MAX, u64::MAX, 8).is_err());
    }
}
