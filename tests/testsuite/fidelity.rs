//! Merged pages look as they did before: a sample of corpus pages rendered
//! before and after the merge (pdftoppm) match pixel for pixel, away from
//! the bands at the top and bottom where the stamps go. Pages whose content
//! fills those bands are shrunk to keep the stamps clear of it (see
//! `stamp_clearance`); the sample's are listed.

use std::path::Path;
use std::process::Command;

use crate::support::*;

/// Renders one page as a viewer shows it (the crop box) to a greyscale
/// bitmap at 24 dpi.
fn render(pdf: &Path, page: usize, dir: &Path, tag: &str) -> (u32, u32, Vec<u8>) {
    let stem = dir.join(tag);
    let status = Command::new("pdftoppm")
        .args([
            "-r",
            "24",
            "-cropbox",
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(pdf)
        .arg(&stem)
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(status.success());
    let file = std::fs::File::open(stem.with_extension("png")).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    // pdftoppm may write RGB even when asked for grey: average the channels.
    let channels = info.color_type.samples();
    let grey = buf
        .chunks(channels)
        .map(|p| (p.iter().map(|&v| v as u32).sum::<u32>() / channels as u32) as u8)
        .collect();
    (info.width, info.height, grey)
}

#[test]
fn merged_pages_render_as_before_outside_the_stamp_bands() {
    let sample: [(&str, &[usize]); 9] = [
        ("habibi-rotated.pdf", &[1, 2, 3, 4]),
        ("AutoCad_Diagram.pdf", &[1]),
        ("grid_example.pdf", &[1, 3]),
        ("GeoBase_NHNC1_Data_Model_UML_EN.pdf", &[1, 7]),
        ("google-doc-document.pdf", &[1]),
        ("multilang.pdf", &[1]),
        ("libreoffice-form.pdf", &[1]),
        ("r6-owner-password.pdf", &[1]),
        ("Seige_of_Vicksburg_Sample_OCR.pdf", &[2]),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    let mut shrunk = Vec::new();
    for (name, pages) in sample {
        let source = corpus(name);
        let pack = pack_with(dir.path(), &[item("Report", &[&source])]);
        let pdf = dir.path().join("out.pdf");
        let result = run(&["build", pack.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
        assert!(result.status.success(), "build failed: {}", stderr(&result));
        let warnings = stderr(&result);
        let total = load(&pdf).get_pages().len();
        let source_pages = load(Path::new(&source)).get_pages().len();
        let front = total - source_pages - source_pages % 2;
        for &page in pages {
            // Printed page N is the report's page N here.
            let listed = |p: usize| {
                warnings.contains(&format!("page {p} (printed page"))
                    || (1..p).any(|first| warnings.contains(&format!("pages {first}-{p} (")))
                    || (p + 1..=source_pages).any(|last| {
                        (1..=p).any(|first| warnings.contains(&format!("pages {first}-{last} (")))
                    })
            };
            if listed(page) {
                shrunk.push(format!("{name} {page}"));
                continue;
            }
            let (w0, h0, before) = render(Path::new(&source), page, dir.path(), "before");
            let (w1, h1, after) = render(&pdf, front + page, dir.path(), "after");
            assert_eq!((w0, h0), (w1, h1), "{name} page {page}: same visible size");
            // Stamps sit within 40 pt of the top and bottom: 14 px at 24 dpi.
            let band = 14usize;
            let (w, h) = (w0 as usize, h0 as usize);
            let mut differ = 0usize;
            let mut counted = 0usize;
            for y in band..h.saturating_sub(band) {
                for x in 0..w {
                    counted += 1;
                    if before[y * w + x].abs_diff(after[y * w + x]) > 48 {
                        differ += 1;
                    }
                }
            }
            let share = differ as f64 / counted.max(1) as f64;
            assert!(
                share < 0.002,
                "{name} page {page}: {differ} of {counted} pixels differ"
            );
            compared += 1;
        }
    }
    // A grid over a whole 200 pt page; an OCR text layer down to the foot.
    assert_eq!(
        shrunk,
        [
            "grid_example.pdf 1",
            "grid_example.pdf 3",
            "Seige_of_Vicksburg_Sample_OCR.pdf 2"
        ]
    );
    assert_eq!(compared, 14 - shrunk.len());
}
