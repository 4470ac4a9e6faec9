//! Scanned images as attachments: one A4 page per image, portrait or
//! landscape by the image's shape, stamped like any report page.

use std::path::Path;

use crate::support::*;

fn write_png(path: &Path, w: u32, h: u32) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(file, w, h);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    let data: Vec<u8> = (0..w * h)
        .flat_map(|i| [(i % 251) as u8, 90, 160])
        .collect();
    writer.write_image_data(&data).unwrap();
}

fn write_jpeg(path: &Path, w: u32, h: u32) {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 255) as u8, (y % 255) as u8, 128])
    });
    img.save(path).unwrap();
}

/// A three-page TIFF: grey portrait, RGB landscape, bilevel portrait.
fn write_tiff(path: &Path) {
    use tiff::encoder::{TiffEncoder, colortype};
    let file = std::fs::File::create(path).unwrap();
    let mut tiff = TiffEncoder::new(file).unwrap();
    let grey: Vec<u8> = (0..200 * 300).map(|i| (i % 256) as u8).collect();
    tiff.write_image::<colortype::Gray8>(200, 300, &grey)
        .unwrap();
    let rgb: Vec<u8> = (0..400 * 250 * 3).map(|i| (i % 200) as u8).collect();
    tiff.write_image::<colortype::RGB8>(400, 250, &rgb).unwrap();
    let grey2: Vec<u8> = vec![255; 100 * 140];
    tiff.write_image::<colortype::Gray8>(100, 140, &grey2)
        .unwrap();
}

#[test]
fn images_become_a4_pages_by_shape_and_are_stamped() {
    let dir = tempfile::tempdir().unwrap();
    let portrait = dir.path().join("scan.png");
    let landscape = dir.path().join("plan.jpg");
    let multi = dir.path().join("minutes.tiff");
    write_png(&portrait, 300, 420);
    write_jpeg(&landscape, 640, 400);
    write_tiff(&multi);
    let pack = pack_with(
        dir.path(),
        &[item(
            "Scans",
            &[
                portrait.to_str().unwrap(),
                landscape.to_str().unwrap(),
                multi.to_str().unwrap(),
            ],
        )],
    );
    let pdf = build(&pack, dir.path());
    let doc = load(&pdf);
    let pages = pages(&doc);
    // 1 + 1 (+ blank) + 3 (+ blank): printed 1, 3, 5-7, blank 2, 4, 8.
    let front = pages.len() - 8;
    let sizes: Vec<(f32, f32)> = (0..8)
        .map(|i| {
            let (_, w, h) = words(&pdf, front + i + 1);
            (w.round(), h.round())
        })
        .collect();
    let (p, l) = ((595.0, 842.0), (842.0, 595.0));
    assert_eq!(sizes, vec![p, p, l, p, p, l, p, p], "page sizes");
    for printed in 1..=8 {
        assert!(page_text(&pdf, front + printed).contains(&format!("Page {printed}")));
    }
    assert!(page_text(&pdf, front + 1).contains("Agenda Item 1"));
    // The images are drawn: each image page has an XObject image.
    for printed in [1, 3, 5, 6, 7] {
        let images = doc
            .get_page_images(pages[front + printed - 1])
            .unwrap_or_default();
        let out = std::process::Command::new("pdfimages")
            .args([
                "-list",
                "-f",
                &(front + printed).to_string(),
                "-l",
                &(front + printed).to_string(),
            ])
            .arg(&pdf)
            .output()
            .unwrap();
        let listed = String::from_utf8_lossy(&out.stdout)
            .lines()
            .count()
            .saturating_sub(2);
        assert!(
            listed >= 1 || !images.is_empty(),
            "page {printed} shows an image"
        );
    }
    qpdf_check(&pdf);
}

#[test]
fn unreadable_images_and_unknown_kinds_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.png");
    std::fs::write(&broken, b"\x89PNG\r\n\x1a\nnot really").unwrap();
    let sheet = dir.path().join("budget.numbers");
    std::fs::write(&sheet, b"PK\x03\x04 spreadsheet").unwrap();
    for (path, why) in [
        (&broken, "image cannot be read"),
        (&sheet, "cannot go into a pack"),
    ] {
        let pack = pack_with(dir.path(), &[item("Bad", &[path.to_str().unwrap()])]);
        let out = dir.path().join("out.pdf");
        let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert_eq!(result.status.code(), Some(4), "{}", stderr(&result));
        let err = stderr(&result);
        assert!(
            err.contains(path.file_name().unwrap().to_str().unwrap()) && err.contains(why),
            "{err}"
        );
        assert!(!out.exists());
    }
}
