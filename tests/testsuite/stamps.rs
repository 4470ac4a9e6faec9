//! "Page N" at the bottom centre and "Agenda Item N" at the top right,
//! upright and inside the visible area, whatever the page's rotation, size
//! and crop box.

use crate::pagination::mixed_pack;
use crate::support::*;

#[test]
fn stamps_are_upright_and_inside_the_visible_page() {
    let dir = tempfile::tempdir().unwrap();
    let pack = mixed_pack(dir.path());
    let pdf = build(&pack, dir.path());
    let doc = load(&pdf);
    let pages = pages(&doc);
    let front = pages.len() - 20;
    let mut rotations = std::collections::BTreeSet::new();
    for printed in 1..=20usize {
        let physical = front + printed;
        let rotate = rotation(&doc, pages[physical - 1]);
        rotations.insert(rotate);
        let (words, w, h) = words(&pdf, physical);
        // pdftotext gives the unrotated size, and word boxes on the page as shown.
        let (width, height) = if rotate % 180 == 0 { (w, h) } else { (h, w) };
        let number = printed.to_string();
        let at = words
            .windows(2)
            .position(|p| p[0].text == "Page" && p[1].text == number)
            .unwrap_or_else(|| panic!("printed page {printed}: no 'Page {printed}' in {words:?}"));
        let (page, n) = (&words[at], &words[at + 1]);
        assert!(
            page.x1 - page.x0 > page.y1 - page.y0,
            "page {printed}: stamp not upright: {page:?}"
        );
        assert!(
            n.x0 > page.x1,
            "page {printed}: number reads after the word"
        );
        let centre = (page.x0 + n.x1) / 2.0;
        assert!(
            (centre - width / 2.0).abs() < 2.0,
            "page {printed}: centre {centre} of {width}"
        );
        assert!(
            page.y1 <= height && page.y0 > height - 40.0,
            "page {printed}: y {} of {height}",
            page.y0
        );
        assert!(page.x0 >= 0.0 && n.x1 <= width);

        if let Some(at) = words.iter().position(|w| w.text == "Agenda") {
            let (a, item, num) = (&words[at], &words[at + 1], &words[at + 2]);
            assert_eq!(item.text, "Item");
            assert!(
                a.x1 - a.x0 > a.y1 - a.y0,
                "page {printed}: item stamp not upright"
            );
            assert!(
                a.y0 >= 0.0 && a.y1 < 40.0,
                "page {printed}: item stamp at the top: {a:?}"
            );
            assert!(
                num.x1 <= width && num.x1 > width - 40.0,
                "page {printed}: at the right: {num:?} of {width}"
            );
        }
    }
    assert_eq!(
        rotations.into_iter().collect::<Vec<_>>(),
        vec![0, 90, 180, 270]
    );
}

#[test]
fn stamps_use_the_shipped_font_embedded_and_subset() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_with(
        dir.path(),
        &[item("Report", &[&corpus("annotated_pdf.pdf")])],
    );
    let pdf = build(&pack, dir.path());
    let out = std::process::Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&out.stdout);
    let ours: Vec<&str> = listing
        .lines()
        .filter(|l| l.contains("LiberationSans"))
        .collect();
    assert!(!ours.is_empty(), "{listing}");
    for line in &ours {
        // name+subset tag, then type/encoding, then emb sub uni columns.
        let name = line.split_whitespace().next().unwrap();
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "subset tag: {line}"
        );
        assert!(
            line.contains("yes yes yes"),
            "embedded, subset, with ToUnicode: {line}"
        );
    }
    // Two faces (regular and bold), each embedded once however many pages.
    assert!(ours.len() <= 2, "{listing}");
    // The report page's stamp uses it too: its page lists our font.
    let front = load(&pdf).get_pages().len() - 2;
    let out = std::process::Command::new("pdffonts")
        .args([
            "-f",
            &(front + 1).to_string(),
            "-l",
            &(front + 1).to_string(),
        ])
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("LiberationSans"));
}
