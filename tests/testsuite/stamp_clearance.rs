//! Stamps never touch or cover the report's own text: a footer where
//! "Page N" goes moves the stamp aside, a page with no clear spot (text
//! along both margins, a full-bleed scan) has its content shrunk, on turned,
//! landscape and cropped pages alike (issue 8 §6).

use crate::support::*;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/stamp-clearance/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Builds the fixtures into one pack; returns the pack, its warnings and
/// the physical page of printed page 1.
fn clearance_pack(dir: &std::path::Path) -> (std::path::PathBuf, String, usize) {
    let pack = pack_with(
        dir,
        &[
            item("Footer at the centre", &[&fixture("footer.pdf")]),
            item("Crowded margins", &[&fixture("crowded.pdf")]),
            item("Scanned letter", &[&fixture("scan.pdf")]),
            item("Turned pages", &[&fixture("turned.pdf")]),
            item("Cropped page", &[&fixture("cropped.pdf")]),
        ],
    );
    let out = dir.join("out.pdf");
    let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(result.status.success(), "build failed: {}", stderr(&result));
    let printed = plan_json(&pack)["printed_pages"].as_u64().unwrap() as usize;
    let front = pages(&load(&out)).len() - printed;
    (out, stderr(&result), front + 1)
}

fn meets(a: &Word, b: &Word) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

/// The stamp's words on a page: "Page N" and, if given, "Agenda Item M".
fn stamp_words(words: &[Word], printed: usize, item: Option<u32>) -> Vec<usize> {
    let number = printed.to_string();
    let at = words
        .windows(2)
        .rposition(|w| w[0].text == "Page" && w[1].text == number)
        .unwrap_or_else(|| panic!("printed page {printed}: no 'Page {printed}' in {words:?}"));
    let mut ours = vec![at, at + 1];
    if let Some(item) = item {
        let item = item.to_string();
        let at = words
            .windows(3)
            .position(|w| w[0].text == "Agenda" && w[1].text == "Item" && w[2].text == item)
            .unwrap_or_else(|| panic!("printed page {printed}: no 'Agenda Item {item}'"));
        ours.extend([at, at + 1, at + 2]);
    }
    ours
}

#[test]
fn stamps_touch_none_of_the_reports_words() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, _, first) = clearance_pack(dir.path());
    let plan = plan_json(&dir.path().join("pack.toml"));
    let item_of_page: std::collections::HashMap<usize, u32> = plan["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| {
            Some((
                i["pages"]["first"].as_u64()? as usize,
                i["number"].as_u64()? as u32,
            ))
        })
        .collect();
    let printed_pages = plan["printed_pages"].as_u64().unwrap() as usize;
    let mut checked = 0;
    for printed in 1..=printed_pages {
        let physical = first + printed - 1;
        let (words, w, h) = words(&pdf, physical);
        // pdftotext gives the unrotated size, and word boxes as shown.
        let doc = load(&pdf);
        let rotate = rotation(&doc, pages(&doc)[physical - 1]);
        let (w, h) = if rotate % 180 == 0 { (w, h) } else { (h, w) };
        if words.iter().any(|w| w.text == "intentionally") {
            continue;
        }
        let ours = stamp_words(&words, printed, item_of_page.get(&printed).copied());
        for &i in &ours {
            let stamp = &words[i];
            assert!(
                stamp.x0 >= 0.0 && stamp.x1 <= w && stamp.y0 >= 0.0 && stamp.y1 <= h,
                "printed page {printed}: {stamp:?} off the {w}x{h} page"
            );
            for (j, other) in words.iter().enumerate() {
                assert!(
                    ours.contains(&j) || !meets(stamp, other),
                    "printed page {printed}: stamp {stamp:?} meets the report's {other:?}"
                );
            }
        }
        checked += 1;
    }
    // footer 2, crowded 1, scan 1, turned 4, cropped 1.
    assert_eq!(checked, 9);
}

#[test]
fn footer_at_the_centre_moves_the_page_number_aside() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, _, first) = clearance_pack(dir.path());
    let text = page_text(&pdf, first);
    assert!(!text.contains("9-37Page"), "{text}");
    let line = text
        .lines()
        .find(|l| l.contains("Report ref 9-37"))
        .unwrap();
    assert!(
        line.contains("Page 1"),
        "the stamp stays at the foot: {line:?}"
    );
    assert!(
        line.find("Page 1") > line.find("9-37"),
        "beside the footer: {line:?}"
    );
}

#[test]
fn pages_with_no_clear_spot_are_shrunk_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, warnings, _) = clearance_pack(dir.path());
    for document in ["crowded.pdf", "scan.pdf"] {
        let line = warnings
            .lines()
            .find(|l| l.contains(document))
            .unwrap_or_else(|| panic!("no warning for {document}: {warnings}"));
        assert!(
            line.contains("content shrunk to keep the stamps clear of it: page 1 (printed page"),
            "{line}"
        );
    }
    for document in ["footer.pdf", "turned.pdf", "cropped.pdf"] {
        assert!(!warnings.contains(document), "{warnings}");
    }
    qpdf_check(&pdf);
}
