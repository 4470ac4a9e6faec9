//! Hostile and broken inputs (issue 8, "Safe to publish"): images that
//! would decode to gigabytes, junk gigabytes long, nesting deep enough to
//! overflow a stack, PDFs without a header, pages whose content is damaged
//! or gone. Each is refused quickly, naming the item and file, or goes in
//! with a warning naming the page, and every report page shows its stamp.
//! The inputs are in tests/fixtures/hostile (made by its make_damaged.py), or made
//! here when large.

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// Runs `command` (`check` or `build`) on a pack of one item holding
/// `document`, within `deadline`; the output, and the built PDF if any.
fn run_on(dir: &Path, document: &str, command: &str, deadline: Duration) -> (Output, PathBuf) {
    let pack = pack_with(dir, &[item("Hostile report", &[document])]);
    let out = dir.join("out.pdf");
    let mut args = vec![command.to_string(), pack.to_str().unwrap().to_string()];
    if command == "build" {
        args.extend(["-o".to_string(), out.to_str().unwrap().to_string()]);
    }
    let started = Instant::now();
    let mut child = agendapack()
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_with_deadline(&mut child, deadline, document);
    let output = child.wait_with_output().unwrap();
    assert!(
        started.elapsed() < deadline,
        "{document}: took {:?}",
        started.elapsed()
    );
    (output, out)
}

/// Asserts `document` is refused (exit 4, not a signal or a panic), naming
/// the item and the file and saying `why`, with nothing written.
fn assert_refused(document: &str, why: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (output, out) = run_on(dir.path(), document, "build", Duration::from_secs(20));
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(4), "{document}: {err}");
    let name = Path::new(document).file_name().unwrap().to_str().unwrap();
    assert!(err.contains(name), "names the file: {err}");
    assert!(err.contains("item 1"), "names the item: {err}");
    assert!(err.contains(why), "{document} says {why:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!out.exists(), "nothing written");
}

/// Builds a pack of `document`, asserting success; the PDF and stderr.
fn build_with_warnings(dir: &Path, document: &str) -> (PathBuf, String) {
    let (output, out) = run_on(dir, document, "build", Duration::from_secs(60));
    let err = stderr(&output);
    assert!(output.status.success(), "{document}: {err}");
    (out, err)
}

/// Report pages of a one-item pack: physical page numbers after the front
/// matter, from the page map.
fn report_pages(pdf: &Path, count: usize) -> Vec<usize> {
    let total = pages(&load(pdf)).len();
    // The pack ends on an even page; the report starts after the front
    // matter, and any last blank page follows it.
    let first = total - count - (count % 2) + 1;
    (first..first + count).collect()
}

#[test]
fn images_too_large_to_decode_are_refused_by_name_before_decoding() {
    // A 44 kB PNG of 19000 × 19000 pixels: a decompression bomb.
    assert_refused(&fixture("bomb.png"), "megapixels");
    // A TIFF declaring 60000 × 60000 pixels.
    assert_refused(&fixture("huge.tiff"), "megapixels");
    // A JPEG declaring 16000 × 16000 pixels (its data is for 256 × 256).
    let dir = tempfile::tempdir().unwrap();
    let jpeg = dir.path().join("huge.jpg");
    let mut bytes = small_jpeg();
    let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    bytes[sof + 5..sof + 9].copy_from_slice(&[0x3E, 0x80, 0x3E, 0x80]);
    std::fs::write(&jpeg, bytes).unwrap();
    assert_refused(jpeg.to_str().unwrap(), "megapixels");
}

fn small_jpeg() -> Vec<u8> {
    let image = image::RgbImage::from_fn(256, 256, |x, y| {
        image::Rgb([x as u8, y as u8, (x * 7 + y * 13) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

#[test]
fn truncated_and_looping_images_are_refused_or_warned_about_by_name() {
    assert_refused(&fixture("cut-short.png"), "the file is cut short");
    assert_refused(&fixture("cut-short.tiff"), "the file is cut short");
    // A TIFF whose next page is itself: refused, not read forever.
    assert_refused(&fixture("looping-pages.tiff"), "the image cannot be read");
    // A JPEG cut short still shows what it has; the clerk is told.
    let dir = tempfile::tempdir().unwrap();
    let jpeg = dir.path().join("cut-short.jpg");
    let whole = small_jpeg();
    std::fs::write(&jpeg, &whole[..whole.len() * 3 / 4]).unwrap();
    let (_, err) = build_with_warnings(dir.path(), jpeg.to_str().unwrap());
    assert!(
        err.contains("cut-short.jpg") && err.contains("cut short"),
        "{err}"
    );
}

/// Writes a sparse file of `len` bytes that starts with `head`.
fn sparse(path: &Path, head: &[u8], len: u64) {
    let file = std::fs::File::create(path).unwrap();
    std::io::Write::write_all(&mut &file, head).unwrap();
    file.set_len(len).unwrap();
}

#[test]
fn gigabytes_of_junk_with_a_pdf_header_are_refused_without_reading_them() {
    let dir = tempfile::tempdir().unwrap();
    for (name, head, why) in [
        ("junk.pdf", &b"%PDF-1.4\n"[..], "no PDF objects"),
        // One that looks like a PDF but is beyond any report's size is
        // refused by its size, before it is read.
        (
            "big.pdf",
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
            "more than the 2.0 GiB",
        ),
        // Junk named as an image is known by its first bytes.
        ("junk.png", b"GIF89a", "not a PNG image"),
    ] {
        let path = dir.path().join(name);
        sparse(&path, head, 3 << 30);
        let started = Instant::now();
        assert_refused(path.to_str().unwrap(), why);
        let took = started.elapsed();
        assert!(took < Duration::from_secs(5), "{name}: {took:?}");
    }
}

/// A one-page PDF with `extra` in its page dictionary and `content` as its
/// page content.
fn one_page_pdf(extra: &[u8], content: &[u8]) -> Vec<u8> {
    let mut page =
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R ".to_vec();
    page.extend_from_slice(extra);
    page.extend_from_slice(b" >>");
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    let objects: [&[u8]; 4] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        &stream,
        &page,
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).bytes());
        pdf.extend_from_slice(body);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(b"xref\n0 5\n0000000000 65535 f \n");
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
    pdf
}

#[test]
fn nesting_a_hundred_thousand_deep_neither_overflows_the_stack_nor_panics() {
    let deep = [b"[".repeat(100_000), b"]".repeat(100_000)].concat();
    let dict = [b"<<".repeat(50_000), b">>".repeat(50_000)].concat();
    for (name, pdf) in [
        (
            "deep-array.pdf",
            one_page_pdf(&[b"/Deep ".as_slice(), &deep].concat(), b"0 0 m"),
        ),
        (
            "deep-dict.pdf",
            one_page_pdf(&[b"/Deep ".as_slice(), &dict].concat(), b"0 0 m"),
        ),
        (
            "deep-content.pdf",
            one_page_pdf(b"", &[b"q ".as_slice(), &deep, b" Q"].concat()),
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, pdf).unwrap();
        let (output, out) = run_on(
            dir.path(),
            path.to_str().unwrap(),
            "build",
            Duration::from_secs(30),
        );
        let err = stderr(&output);
        match output.status.code() {
            Some(0) => assert!(out.exists()),
            Some(4) => assert!(err.contains(name) && err.contains("item 1"), "{err}"),
            other => panic!("{name}: exit {other:?} (a signal if None): {err}"),
        }
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}

#[test]
fn pages_whose_content_is_lost_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, err) = build_with_warnings(dir.path(), &fixture("lost-content.pdf"));
    for page in [2, 3] {
        let warning = format!("page {page} of its 4: content could not be read and was lost");
        let line = err.lines().find(|l| l.contains(&warning));
        let line = line.unwrap_or_else(|| panic!("warns about page {page}: {err}"));
        assert!(
            line.contains("lost-content.pdf") && line.contains("item 1"),
            "{line}"
        );
    }
    assert!(
        !err.contains("page 1 of its 4") && !err.contains("page 4 of its 4"),
        "{err}"
    );
    let report = report_pages(&pdf, 4);
    assert!(page_text(&pdf, report[3]).contains("Body of page 4"));
}

#[test]
fn damaged_page_content_is_cut_to_what_reads_so_every_stamp_shows() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, err) = build_with_warnings(dir.path(), &fixture("damaged-content.pdf"));
    let report = report_pages(&pdf, 7);
    for (index, &physical) in report.iter().enumerate() {
        let n = index + 1;
        let text = page_text(&pdf, physical);
        // The stamps are numbered from the pack's first report page.
        assert!(
            text.contains(&format!("Page {n}")),
            "page {n} shows its stamp: {text}"
        );
        assert!(
            text.contains(&format!("Body of page {n}")),
            "page {n} keeps what reads: {text}"
        );
        let warned = err.contains(&format!("page {n} of its 7: content was damaged"));
        assert_eq!(warned, n > 1, "page {n}: {err}");
    }
    assert!(err.contains("damaged-content.pdf"), "{err}");
    // A renderer reads the repaired pages without a complaint.
    assert_eq!(mutool_complaints(&pdf), "");
}

/// What `mutool draw` says about `pdf` besides the pages it draws (empty
/// if mutool is not installed).
fn mutool_complaints(pdf: &Path) -> String {
    let Ok(mutool) = std::process::Command::new("mutool")
        .args(["draw", "-o", "/dev/null"])
        .arg(pdf)
        .output()
    else {
        return String::new();
    };
    String::from_utf8_lossy(&mutool.stderr)
        .lines()
        .filter(|l| !l.starts_with("page ") && !l.contains("ICC"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_damaged_form_on_a_page_is_repaired_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, err) = build_with_warnings(dir.path(), &fixture("damaged-form.pdf"));
    let warning = "page 1 of its 1: the content of the form /Fm1 it shows was damaged";
    assert!(
        err.contains(warning) && err.contains("damaged-form.pdf"),
        "{err}"
    );
    let text = page_text(&pdf, report_pages(&pdf, 1)[0]);
    assert!(
        text.contains("Form on page 1") && text.contains("Page 1"),
        "{text}"
    );
    assert_eq!(mutool_complaints(&pdf), "");
}

#[test]
fn a_pdf_without_its_header_is_read_as_viewers_read_it() {
    for name in [
        "no-header.pdf",
        "junk-before-header.pdf",
        "mangled-header.pdf",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (pdf, err) = build_with_warnings(dir.path(), &fixture(name));
        assert!(
            err.contains(name) && err.contains("no valid %PDF- header"),
            "{name}: {err}"
        );
        let report = report_pages(&pdf, 2);
        for (index, &physical) in report.iter().enumerate() {
            let text = page_text(&pdf, physical);
            assert!(
                text.contains(&format!("Body of page {}", index + 1)),
                "{name}: {text}"
            );
            assert!(
                text.contains(&format!("Page {}", index + 1)),
                "{name}: {text}"
            );
        }
    }
    // A file that is no PDF at all is still refused as one.
    assert_refused(&fixture("not-a-pdf.pdf"), "not a PDF file");
}
