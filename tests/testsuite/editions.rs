//! Exempt business and editions: the public edition carries nothing of an
//! exempt document, the members' edition carries every document with the
//! public page numbers unchanged, and the pack file's exempt paragraphs are
//! checked against Schedule 12A.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Document, Object};

use crate::support::*;

/// The exempt reports of the test pack: a scanned, OCRed 6-page report
/// and a 1-page PDF/A from Ghostscript, with fonts, images and metadata
/// of their own.
const APPENDIX: &str = "Seige_of_Vicksburg_Sample_OCR.pdf";
const VALUATION: &str = "crazyones-pdfa.pdf";
const APPENDIX_TITLE: &str = "Appendix 2 \u{2013} bid matrix";
const VALUATION_TITLE: &str = "Valuation report for Bradley Park";

/// A meeting with exempt business of both kinds: a public item with an
/// exempt appendix, a wholly exempt item, and exempt oral business.
fn exempt_pack(dir: &Path, country: &str, appendix: &str, item: &str, oral: &str) -> PathBuf {
    let header = HEADER.replace(
        "issued = 2024-10-03",
        &format!("issued = 2024-10-03\ncountry = \"{country}\""),
    );
    let text = format!(
        r#"{header}
[[items]]
title = "Apologies for absence"

[[items]]
title = "Leisure centre contract"
description = "To consider the award of the leisure centre management contract."
documents = [
    "{cover}",
    {{ path = "{appendix_path}", title = "{APPENDIX_TITLE}", exempt = {{ paragraph = {appendix} }} }},
]

[[items]]
title = "Sale of land at Bradley Park"
description = "To consider the terms of the proposed sale."
exempt = {{ paragraph = {item} }}
documents = [{{ path = "{valuation}", title = "{VALUATION_TITLE}" }}]

[[items]]
title = "Outline report"
documents = ["{outline}"]

[[items]]
title = "Legal advice on the appeal"
exempt = {{ paragraph = {oral} }}
"#,
        cover = corpus("google-doc-document.pdf"),
        appendix_path = corpus(APPENDIX),
        valuation = corpus(VALUATION),
        outline = corpus("pdflatex-outline.pdf"),
    );
    let path = dir.join("pack.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn english_pack(dir: &Path) -> PathBuf {
    exempt_pack(dir, "england", "\"3\"", "[1, 3]", "5")
}

/// Builds both editions of `pack` into `dir`: (public, members').
fn build_both(pack: &Path, dir: &Path) -> (PathBuf, PathBuf) {
    let public = dir.join("public.pdf");
    let members = dir.join("members.pdf");
    build_edition(pack, "public", &public);
    build_edition(pack, "members", &members);
    (public, members)
}

fn build_edition(pack: &Path, edition: &str, out: &Path) {
    let result = run(&[
        "build",
        pack.to_str().unwrap(),
        "--edition",
        edition,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(result.status.success(), "build failed: {}", stderr(&result));
}

/// Every page's text, 1-based physical page n at index n - 1.
fn all_pages(pdf: &Path, count: usize) -> Vec<String> {
    (1..=count).map(|p| page_text(pdf, p)).collect()
}

#[test]
fn both_editions_keep_every_public_page_number_on_the_same_page() {
    let dir = tempfile::tempdir().unwrap();
    let pack = english_pack(dir.path());
    let (public, members) = build_both(&pack, dir.path());
    qpdf_check(&public);
    qpdf_check(&members);

    let (p, m) = (load(&public), load(&members));
    let (p_labels, m_labels) = (page_labels(&p), page_labels(&m));
    // Notice, agenda; the cover (1) and its blank (2); the outline report
    // (3-6). The members' edition adds the 6-page appendix (E1-E6) after
    // the cover's blank page, and the valuation (E7) with its blank (E8).
    assert_eq!(
        p_labels,
        ["i", "ii", "1", "2", "3", "4", "5", "6"],
        "public page labels"
    );
    assert_eq!(
        m_labels,
        [
            "i", "ii", "1", "2", "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "3", "4", "5", "6"
        ],
        "members' page labels"
    );
    let p_text = all_pages(&public, p_labels.len());
    let m_text = all_pages(&members, m_labels.len());
    // Each page is stamped with its label, and each public page reads the
    // same in both editions.
    for (labels, texts) in [(&p_labels, &p_text), (&m_labels, &m_text)] {
        for (label, text) in labels.iter().zip(texts.iter()).skip(2) {
            assert!(
                text.contains(&format!("Page {label}")),
                "page {label}: {text}"
            );
        }
    }
    for (i, label) in p_labels.iter().enumerate().skip(2) {
        let j = m_labels.iter().position(|l| l == label).unwrap();
        assert_eq!(p_text[i], m_text[j], "public page {label} differs");
        assert_eq!(j % 2, i % 2, "page {label} changed sides");
    }
    // Every exempt page says so, with its paragraph; no public page does.
    for (label, text) in m_labels.iter().zip(&m_text) {
        let appendix = ["E1", "E2", "E3", "E4", "E5", "E6"].contains(&label.as_str());
        let says = |what: &str| text.contains(&format!("NOT FOR PUBLICATION \u{2013} {what}"));
        assert_eq!(
            says("paragraph 3 of Part 1 of Schedule 12A"),
            appendix,
            "page {label}: {text}"
        );
        // E8 is the blank page after the one-page E7: exempt too.
        assert_eq!(
            says("paragraphs 1 and 3 of Part 1 of Schedule 12A"),
            label == "E7" || label == "E8",
            "page {label}"
        );
    }
    assert!(!p_text.iter().any(|t| t.contains("NOT FOR PUBLICATION")));
    // "Agenda Item N" on each item's first page in each series.
    let stamped: Vec<(&str, &str)> = m_labels
        .iter()
        .zip(&m_text)
        .flat_map(|(label, text)| {
            ["2", "3", "4"]
                .into_iter()
                .filter(move |n| text.contains(&format!("Agenda Item {n}")))
                .map(move |n| (label.as_str(), n))
        })
        .collect();
    assert_eq!(stamped, [("1", "2"), ("E1", "2"), ("E7", "3"), ("3", "4")]);

    // The front sheets: only the members' is not public.
    assert!(p_text[0].contains("Public Document Pack"));
    assert!(!m_text[0].contains("Public Document Pack"));
    assert!(m_text[0].contains("Members\u{2019} Document Pack"));
    assert!(m_text[0].contains("NOT FOR PUBLICATION"));
    let title = |doc: &Document| {
        let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        decode_text(doc.get_dictionary(info).unwrap().get(b"Title").unwrap())
    };
    assert!(title(&p).ends_with("Public Document Pack"), "{}", title(&p));
    assert!(title(&m).contains("not for publication"), "{}", title(&m));

    // The agendas: ranges, citations and what the public edition leaves out.
    let p_agenda = flat_text(&public, 2, 2);
    let m_agenda = flat_text(&members, 2, 2);
    let citation = |p: &str| {
        format!(
            "Not for publication by virtue of {p} of Part 1 of Schedule 12A to the Local Government Act 1972"
        )
    };
    for agenda in [&p_agenda, &m_agenda] {
        assert!(agenda.contains(&citation("paragraphs 1 and 3")), "{agenda}");
        assert!(agenda.contains(&citation("paragraph 5")), "{agenda}");
    }
    assert!(
        p_agenda.contains(&format!(
            "One document of this item is not in this pack: {}.",
            citation("paragraph 3").replacen('N', "n", 1)
        )),
        "{p_agenda}"
    );
    assert!(m_agenda.contains(&format!(
        "{APPENDIX_TITLE} \u{2013} {}",
        citation("paragraph 3")
    )));
    assert!(m_agenda.contains("E1 - E6"), "{m_agenda}");
    assert!(m_agenda.contains("E7 - E8"), "{m_agenda}");
    assert!(!p_agenda.contains("E1"), "{p_agenda}");

    // Bookmarks and agenda links land on the pages they name.
    let page_of = |labels: &[String], label: &str| labels.iter().position(|l| l == label).unwrap();
    let bookmarks = outline(&m);
    let find = |title: &str| {
        bookmarks
            .iter()
            .find(|(_, t, _)| t == title)
            .unwrap_or_else(|| panic!("no bookmark {title}: {bookmarks:?}"))
            .2
    };
    assert_eq!(find("2. Leisure centre contract"), page_of(&m_labels, "1"));
    assert_eq!(find(APPENDIX_TITLE), page_of(&m_labels, "E1"));
    assert_eq!(
        find("3. Sale of land at Bradley Park"),
        page_of(&m_labels, "E7")
    );
    assert_eq!(find("4. Outline report"), page_of(&m_labels, "3"));
    let public_bookmarks: Vec<String> = outline(&p).into_iter().map(|b| b.1).collect();
    assert!(
        !public_bookmarks
            .iter()
            .any(|t| t.contains("Bradley") || t.contains("bid matrix"))
    );
    for (doc, labels, expected) in [
        (&p, &p_labels, vec!["1", "3"]),
        (&m, &m_labels, vec!["1", "E1", "E7", "3"]),
    ] {
        let agenda = pages(doc)[1];
        let mut targets: Vec<(i64, &str)> = internal_links(doc, agenda)
            .into_iter()
            .map(|(rect, page)| (-(rect[1] as i64), labels[page].as_str()))
            .collect();
        targets.sort();
        let targets: Vec<&str> = targets.into_iter().map(|t| t.1).collect();
        assert_eq!(targets, expected);
    }
}

/// The font names of a PDF (/BaseFont and /FontName), without a subset
/// tag.
fn font_names(pdf: &Path) -> HashSet<String> {
    let doc = Document::load(pdf).unwrap();
    let mut names = HashSet::new();
    for object in doc.objects.values() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        for key in [b"BaseFont".as_slice(), b"FontName"] {
            if let Ok(Object::Name(name)) = dict.get(key) {
                let name = String::from_utf8_lossy(name).into_owned();
                let bare = match name.split_once('+') {
                    Some((tag, rest)) if tag.len() == 6 => rest.to_string(),
                    _ => name,
                };
                names.insert(bare);
            }
        }
    }
    names
}

/// Words of 6 letters or more that pdftotext reads in a PDF.
fn long_words(pdf: &Path) -> HashSet<String> {
    let text = flat_text(pdf, 1, 9999);
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 6)
        .map(str::to_lowercase)
        .collect()
}

/// The PDF fully decompressed by qpdf: no object streams, every stream
/// uncompressed, so a search of its bytes sees everything it holds.
fn decompressed(pdf: &Path, dir: &Path) -> Vec<u8> {
    let out = dir.join(format!(
        "{}.qdf",
        pdf.file_stem().unwrap().to_string_lossy()
    ));
    let status = Command::new("qpdf")
        .args([
            "--qdf",
            "--object-streams=disable",
            "--stream-data=uncompress",
        ])
        .arg(pdf)
        .arg(&out)
        .status()
        .expect("qpdf is installed");
    assert!(status.code().is_some_and(|c| c == 0 || c == 3));
    std::fs::read(out).unwrap()
}

/// `text` as a PDF file may hold it: as is, as UTF-16BE, and each of
/// those written in hexadecimal (as qpdf writes strings that are not
/// plain text).
fn encodings(text: &str) -> Vec<Vec<u8>> {
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let mut all = vec![text.as_bytes().to_vec(), utf16.clone()];
    for bytes in [text.as_bytes().to_vec(), utf16] {
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        all.push(hex.clone().into_bytes());
        all.push(hex.to_uppercase().into_bytes());
    }
    all
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn nothing_of_an_exempt_document_reaches_the_public_edition() {
    let dir = tempfile::tempdir().unwrap();
    let pack = english_pack(dir.path());
    let (public, members) = build_both(&pack, dir.path());
    let exempt = [
        PathBuf::from(corpus(APPENDIX)),
        PathBuf::from(corpus(VALUATION)),
    ];
    let published = [
        PathBuf::from(corpus("google-doc-document.pdf")),
        PathBuf::from(corpus("pdflatex-outline.pdf")),
    ];

    // Marker text: words of the exempt reports that neither a public
    // report nor the pack file's own text (the notice and agenda, as the
    // members' edition prints them) has.
    let mut public_words: HashSet<String> = published.iter().flat_map(|p| long_words(p)).collect();
    public_words.extend(
        flat_text(&members, 1, 2)
            .split(|c: char| !c.is_alphabetic())
            .map(str::to_lowercase),
    );
    let markers: HashSet<String> = exempt
        .iter()
        .flat_map(|p| long_words(p))
        .filter(|w| !public_words.contains(w))
        .collect();
    assert!(markers.len() > 100, "only {} marker words", markers.len());
    assert!(markers.contains("vicksburg"));
    // Names: file names, titles, fonts and producers of the exempt reports.
    let public_fonts: HashSet<String> = published.iter().flat_map(|p| font_names(p)).collect();
    let fonts: Vec<String> = exempt
        .iter()
        .flat_map(|p| font_names(p))
        .filter(|f| !public_fonts.contains(f))
        .collect();
    assert!(!fonts.is_empty());
    let mut names: Vec<String> = vec![
        APPENDIX.into(),
        "Seige_of_Vicksburg".into(),
        VALUATION.into(),
        "crazyones".into(),
        APPENDIX_TITLE.into(),
        "bid matrix".into(),
        VALUATION_TITLE.into(),
        "LuraDocument".into(),
        "Ghostscript".into(),
    ];
    names.extend(fonts.iter().cloned());
    // Streams: every font, image and page content of the exempt reports.
    let public_streams: HashSet<blake3::Hash> = published
        .iter()
        .flat_map(|p| stream_hashes(p, 64))
        .collect();
    let exempt_streams: HashSet<blake3::Hash> = exempt
        .iter()
        .flat_map(|p| stream_hashes(p, 64))
        .filter(|h| !public_streams.contains(h))
        .collect();
    assert!(
        exempt_streams.len() >= 10,
        "{} streams",
        exempt_streams.len()
    );

    eprintln!(
        "searching for {} marker words, {} names ({} fonts) and {} streams",
        markers.len(),
        names.len(),
        fonts.len(),
        exempt_streams.len()
    );
    let find = |pdf: &Path| -> Vec<String> {
        let mut found = Vec::new();
        let words = long_words(pdf);
        found.extend(markers.iter().filter(|m| words.contains(*m)).cloned());
        let bytes = decompressed(pdf, dir.path());
        for name in &names {
            if encodings(name).iter().any(|e| contains(&bytes, e)) {
                found.push(name.clone());
            }
        }
        let streams = stream_hashes(pdf, 64);
        let shared = exempt_streams.intersection(&streams).count();
        if shared > 0 {
            found.push(format!("{shared} streams"));
        }
        found
    };
    // The search finds them in the members' edition...
    let in_members = find(&members);
    assert!(
        in_members.contains(&"vicksburg".to_string()),
        "{in_members:?}"
    );
    for name in [APPENDIX_TITLE, VALUATION_TITLE] {
        assert!(in_members.contains(&name.to_string()), "{in_members:?}");
    }
    assert!(
        in_members.iter().any(|f| f.ends_with("streams")),
        "{in_members:?}"
    );
    assert!(
        fonts.iter().any(|f| in_members.contains(f)),
        "{in_members:?}"
    );
    // ...and nothing of them in the public edition.
    let in_public = find(&public);
    assert!(
        in_public.is_empty(),
        "leaked into the public pack: {in_public:?}"
    );
}

#[test]
fn a_welsh_pack_cites_part_4() {
    let dir = tempfile::tempdir().unwrap();
    let pack = exempt_pack(dir.path(), "wales", "\"18A\"", "14", "[16, \"18c\"]");
    let (public, members) = build_both(&pack, dir.path());
    let agenda = flat_text(&public, 2, 2);
    let act = "of Part 4 of Schedule 12A to the Local Government Act 1972";
    for p in ["paragraph 14", "paragraphs 16 and 18C"] {
        assert!(
            agenda.contains(&format!("Not for publication by virtue of {p} {act}")),
            "{agenda}"
        );
    }
    assert!(
        agenda.contains(&format!(
            "not for publication by virtue of paragraph 18A {act}"
        )),
        "{agenda}"
    );
    let labels = page_labels(&load(&members));
    let e1 = labels.iter().position(|l| l == "E1").unwrap();
    assert!(
        page_text(&members, e1 + 1)
            .contains("NOT FOR PUBLICATION \u{2013} paragraph 18A of Part 4 of Schedule 12A")
    );
}

#[test]
fn a_paragraph_that_is_not_in_schedule_12a_is_a_pack_file_mistake() {
    let dir = tempfile::tempdir().unwrap();
    // English pack citing a Welsh paragraph, a paragraph that does not
    // exist, and one in the wrong form.
    let pack = exempt_pack(dir.path(), "england", "14", "[3, \"9\"]", "3.5");
    let text = std::fs::read_to_string(&pack).unwrap();
    let at = |needle: &str| {
        let offset = text.find(needle).unwrap();
        let line = text[..offset].matches('\n').count() + 1;
        let line_start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
        let column = text[line_start..offset].chars().count() + 1;
        (line, column)
    };
    let out = dir.path().join("out.pdf");
    let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(!result.status.success());
    assert!(!out.exists());
    let err = stderr(&result);
    let (line, column) = at("paragraph = 14");
    let column = column + "paragraph = ".len();
    let (nine_line, nine_column) = at("\"9\"");
    let (float_line, float_column) = at("3.5");
    // Each mistake where it is, each with its way out.
    for expected in [
        format!("pack.toml:{line}:{column}: `14` is not a paragraph of Part 1 of Schedule 12A"),
        "set country = \"wales\" under [issuer]".to_string(),
        format!(
            "pack.toml:{nine_line}:{nine_column}: `9` is not a paragraph of Part 1 of Schedule 12A"
        ),
        "the paragraphs of Part 1 are 1, 2, 3, 4, 5, 6, 7".to_string(),
        format!(
            "pack.toml:{float_line}:{float_column}: a paragraph is written as a number or in quotes"
        ),
    ] {
        assert!(err.contains(&expected), "{expected}\n{err}");
    }
    assert!(err.contains("pack file"), "{err}");
}

#[test]
fn a_file_listed_both_public_and_exempt_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let report = corpus("google-doc-document.pdf");
    let text = format!(
        r#"{HEADER}
[[items]]
title = "Budget"
documents = ["{report}"]

[[items]]
title = "Budget (exempt appendix)"
documents = [{{ path = "{report}", exempt = {{ paragraph = 3 }} }}]
"#
    );
    let pack = dir.path().join("pack.toml");
    std::fs::write(&pack, &text).unwrap();
    let result = run(&["check", pack.to_str().unwrap()]);
    assert!(!result.status.success());
    let first = text[..text.find("documents = [\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    let second = text[..text.find("{ path").unwrap()].matches('\n').count() + 1;
    let column = "documents = [{ path = \"".len();
    let err = stderr(&result);
    assert!(
        err.contains(&format!(
            "pack.toml:{second}:{column}: this file is listed here as exempt and at line {first} as public"
        )),
        "{err}"
    );
}

#[test]
fn members_editions_never_go_where_public_packs_go_unless_named() {
    let root = tempfile::tempdir().unwrap();
    let meeting = root.path().join("scrutiny");
    std::fs::create_dir(&meeting).unwrap();
    let pack = english_pack(&meeting);
    let public_out = tempfile::tempdir().unwrap();
    let members_out = tempfile::tempdir().unwrap();
    let folder = root.path().to_str().unwrap();
    let public_dir = public_out.path().to_str().unwrap();
    let batch = |more: &[&str]| {
        let mut args = vec!["build", folder, "--out-dir", public_dir];
        args.extend_from_slice(more);
        run(&args)
    };
    // The members' editions asked for with only the public folder named.
    let refused = batch(&["--edition", "both"]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("--members-out-dir"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(std::fs::read_dir(public_out.path()).unwrap().count(), 0);
    // A folder for members' editions, with none asked for, is a mistake.
    let lone = run(&[
        "build",
        folder,
        "--members-out-dir",
        members_out.path().to_str().unwrap(),
    ]);
    assert_eq!(lone.status.code(), Some(2), "{}", stderr(&lone));
    // A plain batch with --out-dir writes the public edition only.
    let plain = batch(&[]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    let public_files = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.join("scrutiny"))
            .map(|d| {
                d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    assert_eq!(public_files(public_out.path()), ["pack.pdf"]);
    // Both editions, each to its own folder; a second run skips both.
    let args = [
        "--edition",
        "both",
        "--members-out-dir",
        members_out.path().to_str().unwrap(),
        "--format",
        "json",
    ];
    let both = batch(&args);
    assert!(both.status.success(), "{}", stderr(&both));
    let json: serde_json::Value = serde_json::from_slice(&both.stdout).unwrap();
    let status: Vec<(String, String)> = json["packs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["edition"].as_str().unwrap().to_string(),
                p["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        status,
        [
            ("public".to_string(), "skipped".to_string()),
            ("members".to_string(), "built".to_string())
        ]
    );
    assert_eq!(public_files(public_out.path()), ["pack.pdf"]);
    assert_eq!(
        public_files(members_out.path()),
        ["pack-members-not-for-publication.pdf"]
    );
    let again = batch(&args);
    let json: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert!(
        json["packs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["status"] == "skipped"),
        "{json}"
    );
    // A single pack's members' edition goes beside it, named for what it is.
    let single = run(&["build", pack.to_str().unwrap(), "--edition", "members"]);
    assert!(single.status.success(), "{}", stderr(&single));
    assert!(
        meeting
            .join("pack-members-not-for-publication.pdf")
            .exists()
    );
    assert!(!meeting.join("pack.pdf").exists());
    assert!(
        stdout(&single).contains("members' edition"),
        "{}",
        stdout(&single)
    );
}

#[test]
fn plan_shows_each_editions_page_map() {
    let dir = tempfile::tempdir().unwrap();
    let pack = english_pack(dir.path());
    let plan = plan_json(&pack);
    // The top-level keys are the public edition's, as before editions.
    assert_eq!(plan["printed_pages"], 6);
    assert_eq!(plan["items"], plan["editions"]["public"]["items"]);
    let members = &plan["editions"]["members"];
    assert_eq!(members["printed_pages"], 6);
    assert_eq!(members["exempt_pages"], 8);
    assert_eq!(members["total_pages"], 16);
    assert_eq!(
        members["items"][1]["exempt_pages"],
        serde_json::json!({"first": 1, "last": 6, "series": "exempt"})
    );
    assert_eq!(
        members["items"][1]["documents"][1]["exempt"],
        "paragraph 3 of Part 1 of Schedule 12A"
    );
    let public_items = plan["items"].as_array().unwrap();
    assert_eq!(public_items[1]["withheld_documents"], 1);
    assert_eq!(public_items[1]["documents"].as_array().unwrap().len(), 1);
    assert_eq!(
        public_items[2]["exempt"],
        "paragraphs 1 and 3 of Part 1 of Schedule 12A"
    );
    assert!(public_items[2]["pages"].is_null());
    // The public page map names no exempt document.
    let public_json = plan["editions"]["public"].to_string();
    assert!(!public_json.contains("Vicksburg") && !public_json.contains("bid matrix"));
}
