//! The example pack in packs/: the real Kirklees meeting of 11 October 2024,
//! whose agenda must read exactly as the published pack's.

use std::fmt::Write;
use std::path::Path;

use crate::support::*;

#[test]
fn the_example_agenda_reads_like_the_published_pack() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(Path::new(EXAMPLE), dir.path());
    let plan = plan_json(Path::new(EXAMPLE));
    let front = plan["front_matter_pages"].as_u64().unwrap() as usize;
    assert_eq!(plan["printed_pages"], 54);
    let agenda: String = (1..=front).map(|p| page_text(&pdf, p)).collect();
    for (number, range) in [
        (2, "1 - 6"),
        (3, "7 - 8"),
        (7, "9 - 14"),
        (8, "15 - 38"),
        (12, "39 - 54"),
    ] {
        let line = agenda
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{number}:")))
            .unwrap_or_else(|| panic!("item {number} on the agenda"));
        assert!(
            line.replace(' ', "").ends_with(&range.replace(' ', "")),
            "item {number}: {line:?}"
        );
    }
    for title in [
        "Membership of the Panel",
        "Ofsted Inspection of Children's Services - outcome and recommendations",
        "Work Programme and Agenda Plan for 2024/5",
    ] {
        assert!(flat_text(&pdf, 1, front).contains(title), "{title}");
    }
    qpdf_check(&pdf);
}

/// A readable dump of the pack's structure: what each page shows, the
/// outline and the agenda links. Compared with the stored snapshot.
#[test]
fn example_pack_structure_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(Path::new(EXAMPLE), dir.path());
    let doc = load(&pdf);
    let pages = pages(&doc);
    let labels = page_labels(&doc);
    let mut dump = String::new();
    writeln!(dump, "pages: {}", pages.len()).unwrap();
    for (i, &page) in pages.iter().enumerate() {
        let (words, w, h) = words(&pdf, i + 1);
        let rotate = rotation(&doc, page);
        let (w, h) = if rotate % 180 == 0 { (w, h) } else { (h, w) };
        let text: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        let joined = text.join(" ");
        let mut marks = Vec::new();
        if let Some(at) = joined.find("Agenda Item ") {
            marks.push(
                joined[at..]
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        if joined.contains("intentionally left blank") {
            marks.push("blank".into());
        }
        if let Some(at) = joined.rfind("Page ") {
            marks.push(
                joined[at..]
                    .split_whitespace()
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        writeln!(
            dump,
            "{:>3} label={:<4} {:.0}x{:.0} rot={} {}",
            i + 1,
            labels[i],
            w,
            h,
            rotate,
            marks.join(" | ")
        )
        .unwrap();
    }
    writeln!(dump, "outline:").unwrap();
    for (depth, title, page) in outline(&doc) {
        writeln!(
            dump,
            "{}{} -> {}",
            "  ".repeat(depth + 1),
            title,
            labels[page]
        )
        .unwrap();
    }
    writeln!(dump, "agenda links:").unwrap();
    for (i, &page) in pages.iter().enumerate().take(6) {
        for (_, target) in internal_links(&doc, page) {
            writeln!(dump, "  page {} -> {}", labels[i], labels[target]).unwrap();
        }
    }
    insta::assert_snapshot!(dump);
}
