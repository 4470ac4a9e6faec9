//! Late reports: a published pack's page numbers never move. Publish,
//! refuse a build that would move them, put late reports in supplements
//! numbered on from the published pages, renumber on purpose.

use std::path::{Path, PathBuf};

use crate::support::*;

const LATE_REPORT: &str = "imagemagick-images.pdf";
const LATE_EXEMPT: &str = "Seige_of_Vicksburg_Sample_OCR.pdf";
const LATE_EXEMPT_TITLE: &str = "Appendix B \u{2013} savings options";

/// A meeting published with item 3 to follow: minutes (4 pages, 1 - 4),
/// the budget to follow, highways (1 page and a blank, 5 - 6), and an
/// exempt sale of land (E1 - E2).
fn meeting(dir: &Path) -> PathBuf {
    let text = format!(
        r#"{HEADER}
[[items]]
title = "Apologies for absence"

[[items]]
title = "Minutes of the previous meeting"
documents = ["{minutes}"]

[[items]]
title = "Budget 2025/26"
to_follow = true

[[items]]
title = "Highways update"
documents = ["{highways}"]

[[items]]
title = "Sale of land"
exempt = {{ paragraph = 3 }}
documents = ["{land}"]
"#,
        minutes = corpus("pdflatex-outline.pdf"),
        highways = corpus("google-doc-document.pdf"),
        land = corpus("crazyones-pdfa.pdf"),
    );
    let pack = dir.join("pack.toml");
    std::fs::write(&pack, text).unwrap();
    pack
}

/// The budget's report arrives, with an exempt appendix.
fn budget_arrives(pack: &Path) {
    let text = std::fs::read_to_string(pack).unwrap().replace(
        "title = \"Budget 2025/26\"\nto_follow = true",
        &format!(
            "title = \"Budget 2025/26\"\ndocuments = [\"{}\", {{ path = \"{}\", title = \"{LATE_EXEMPT_TITLE}\", exempt = {{ paragraph = 3 }} }}]",
            corpus(LATE_REPORT),
            corpus(LATE_EXEMPT)
        ),
    );
    std::fs::write(pack, text).unwrap();
}

/// A second late report, for item 4.
fn highways_appendix_arrives(pack: &Path) {
    let text = std::fs::read_to_string(pack).unwrap().replace(
        &format!("documents = [\"{}\"]", corpus("google-doc-document.pdf")),
        &format!(
            "documents = [\"{}\", \"{}\"]",
            corpus("google-doc-document.pdf"),
            corpus("libre-office-link.pdf")
        ),
    );
    std::fs::write(pack, text).unwrap();
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The agenda line (page 2) that holds `title`, its spaces collapsed.
fn agenda_line(pdf: &Path, title: &str) -> String {
    let text = page_text(pdf, 2);
    let line = text.lines().find(|l| l.contains(title)).unwrap_or_default();
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn record(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("pack.publication.json")).unwrap()).unwrap()
}

#[test]
fn publishing_records_the_page_map_once() {
    let dir = tempfile::tempdir().unwrap();
    let pack = meeting(dir.path());
    let p = pack.to_str().unwrap();
    let said = ok(&["publish", p]);
    assert!(said.contains("Published"), "{said}");
    let pdf = dir.path().join("pack.pdf");
    let published = std::fs::read(&pdf).unwrap();
    assert_eq!(agenda_line(&pdf, "Budget"), "3: Budget 2025/26 (To follow)");
    let rec = record(dir.path());
    let main = &rec["publications"][0];
    assert_eq!(main["number"], 0);
    assert_eq!(main["public"]["last_page"], 6);
    assert_eq!(main["members"]["last_exempt"], 2);
    assert_eq!(
        main["public"]["items"][1]["pages"],
        serde_json::json!({"first": 1, "last": 4, "series": "public"})
    );
    assert_eq!(main["public"]["items"][2]["to_follow"], true);
    let hash = main["public"]["items"][1]["documents"][0]["hash"]
        .as_str()
        .unwrap();
    let minutes = std::fs::read(corpus("pdflatex-outline.pdf")).unwrap();
    assert_eq!(hash, blake3::hash(&minutes).to_hex().as_str());
    // Publishing again with nothing changed writes nothing.
    let again = ok(&["publish", p]);
    assert!(again.contains("Nothing changed"), "{again}");
    assert_eq!(std::fs::read(&pdf).unwrap(), published);
    // A corrected description moves nothing: build and publish take it.
    let text = std::fs::read_to_string(&pack).unwrap().replace(
        "title = \"Highways update\"",
        "title = \"Highways update\"\ndescription = \"Corrected.\"",
    );
    std::fs::write(&pack, text).unwrap();
    ok(&["build", p]);
    let republished = ok(&["publish", p]);
    assert!(republished.contains("Published"), "{republished}");
    assert!(flat_text(&pdf, 2, 2).contains("Corrected."));
}

#[test]
fn late_reports_are_refused_by_build_and_go_into_supplements() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("meeting");
    std::fs::create_dir(&dir).unwrap();
    let pack = meeting(&dir);
    let p = pack.to_str().unwrap();
    // Before publication, nothing can be late.
    let early = run(&["supplement", p]);
    assert_eq!(early.status.code(), Some(7));
    assert!(
        stderr(&early).contains("has not been published"),
        "{}",
        stderr(&early)
    );
    ok(&["publish", p]);
    let pdf = dir.join("pack.pdf");
    let published = std::fs::read(&pdf).unwrap();

    // The budget arrives: a build would move items 3 and 4.
    budget_arrives(&pack);
    let refused = run(&["build", p]);
    assert_eq!(refused.status.code(), Some(7));
    let err = stderr(&refused);
    for line in [
        "item 3 (\u{201c}Budget 2025/26\u{201d}): (To follow) \u{2192} 5 - 10",
        "item 4 (\u{201c}Highways update\u{201d}): 5 - 6 \u{2192} 11 - 12",
        "agendapack supplement",
        "--renumber",
    ] {
        assert!(err.contains(line), "{line}\n{err}");
    }
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        published,
        "the published pack changed"
    );
    // A nightly batch fails that pack alone.
    let other = root.path().join("other");
    std::fs::create_dir(&other).unwrap();
    pack_file(
        &other,
        "pack.toml",
        "Report",
        &[&corpus("google-doc-document.pdf")],
    );
    let batch = run(&["build", root.path().to_str().unwrap()]);
    assert_eq!(batch.status.code(), Some(6));
    assert!(other.join("pack.pdf").exists());
    assert!(
        stderr(&batch).contains("would move published page numbers"),
        "{}",
        stderr(&batch)
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), published);

    // Supplement 1: numbered on from page 6, the exempt appendix on from E2.
    let said = ok(&["supplement", p, "--edition", "both"]);
    assert!(said.contains("Recorded supplement 1"), "{said}");
    let public = dir.join("pack-supplement-1.pdf");
    let members = dir.join("pack-supplement-1-members-not-for-publication.pdf");
    qpdf_check(&public);
    let labels = page_labels(&load(&public));
    assert_eq!(labels, ["i", "ii", "7", "8", "9", "10", "11", "12"]);
    let first = page_text(&public, 3);
    assert!(
        first.contains("Page 7") && first.contains("Agenda Item 3"),
        "{first}"
    );
    assert!(page_text(&public, 1).contains("Public Document Pack: Supplement 1"));
    assert_eq!(agenda_line(&public, "Budget"), "3: Budget 2025/26 7 - 12");
    // The exempt appendix stays out of the public supplement.
    let public_text = flat_text(&public, 1, 99);
    assert!(!public_text.contains("Vicksburg") && !public_text.contains("savings options"));
    assert!(public_text.contains("One document of this item is not in this pack"));
    let m_labels = page_labels(&load(&members));
    assert_eq!(
        m_labels[2..],
        [
            "7", "8", "9", "10", "11", "12", "E3", "E4", "E5", "E6", "E7", "E8"
        ]
    );
    let e3 = page_text(
        &members,
        m_labels.iter().position(|l| l == "E3").unwrap() + 1,
    );
    assert!(
        e3.contains("NOT FOR PUBLICATION") && e3.contains("Agenda Item 3"),
        "{e3}"
    );
    let bookmarks = outline(&load(&public));
    assert!(
        bookmarks
            .iter()
            .any(|(_, title, page)| title == "3. Budget 2025/26" && *page == 2),
        "{bookmarks:?}"
    );

    // The main pack builds again, as published, the budget pointing to
    // its supplement; and nothing more is late.
    ok(&["build", p]);
    assert_eq!(
        agenda_line(&pdf, "Budget"),
        "3: Budget 2025/26 (Supplement 1)"
    );
    assert_eq!(
        page_labels(&load(&pdf)),
        ["i", "ii", "1", "2", "3", "4", "5", "6"]
    );
    let nothing = run(&["supplement", p]);
    assert_eq!(nothing.status.code(), Some(7));
    assert!(
        stderr(&nothing).contains("nothing is late"),
        "{}",
        stderr(&nothing)
    );

    // Supplement 2 continues after supplement 1.
    highways_appendix_arrives(&pack);
    ok(&["supplement", p]);
    let second = dir.join("pack-supplement-2.pdf");
    assert_eq!(page_labels(&load(&second)), ["i", "ii", "13", "14"]);
    let first = page_text(&second, 3);
    assert!(
        first.contains("Page 13") && first.contains("Agenda Item 4"),
        "{first}"
    );
    let rec = record(&dir);
    let numbers: Vec<u64> = rec["publications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [0, 1, 2]);
    assert_eq!(rec["publications"][2]["public"]["first_page"], 13);

    // Renumbering on purpose: every document in the main pack, and a
    // table of what moved.
    let renumbered = dir.join("renumbered.pdf");
    let table = ok(&["build", p, "--renumber", "-o", renumbered.to_str().unwrap()]);
    for line in [
        "item 3 (\u{201c}Budget 2025/26\u{201d}): (To follow) \u{2192} 5 - 10",
        "item 4 (\u{201c}Highways update\u{201d}): 5 - 6 \u{2192} 11 - 14",
    ] {
        assert!(table.contains(line), "{line}\n{table}");
    }
    assert_eq!(page_labels(&load(&renumbered)).len(), 2 + 14);
    // The record is unchanged until the new numbers are published.
    assert_eq!(record(&dir), rec);
    ok(&["publish", p, "--renumber"]);
    let rec = record(&dir);
    assert_eq!(rec["publications"].as_array().unwrap().len(), 1);
    assert_eq!(rec["publications"][0]["public"]["last_page"], 14);
    ok(&["build", p]);
}

#[test]
fn a_hand_edited_or_damaged_record_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pack = meeting(dir.path());
    let p = pack.to_str().unwrap();
    ok(&["publish", p]);
    let path = dir.path().join("pack.publication.json");
    let text = std::fs::read_to_string(&path).unwrap();
    // A range changed by hand.
    std::fs::write(
        &path,
        text.replacen("\"last_page\": 6", "\"last_page\": 8", 1),
    )
    .unwrap();
    let edited = run(&["build", p]);
    assert_eq!(edited.status.code(), Some(7));
    let err = stderr(&edited);
    assert!(err.contains("pack.publication.json"), "{err}");
    assert!(err.contains("checksum does not match"), "{err}");
    // Cut short.
    std::fs::write(&path, &text[..text.len() / 2]).unwrap();
    let damaged = run(&["supplement", p]);
    assert_eq!(damaged.status.code(), Some(7));
    assert!(stderr(&damaged).contains("damaged"), "{}", stderr(&damaged));
    // Unknown keys are not ignored either.
    std::fs::write(
        &path,
        text.replacen("\"format\": 1", "\"format\": 1, \"extra\": 0", 1),
    )
    .unwrap();
    assert_eq!(run(&["build", p]).status.code(), Some(7));
}

#[test]
fn an_item_to_follow_has_no_documents() {
    let dir = tempfile::tempdir().unwrap();
    let pack = meeting(dir.path());
    let text = std::fs::read_to_string(&pack).unwrap().replace(
        "to_follow = true",
        &format!(
            "to_follow = true\ndocuments = [\"{}\"]",
            corpus(LATE_REPORT)
        ),
    );
    std::fs::write(&pack, &text).unwrap();
    let out = run(&["check", pack.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let line = text[..text.find("to_follow").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(
        stderr(&out).contains(&format!(
            "pack.toml:{line}:13: an item to follow has no documents yet"
        )),
        "{}",
        stderr(&out)
    );
}
