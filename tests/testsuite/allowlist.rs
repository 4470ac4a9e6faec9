//! What may enter a public pack: hand-made hostile reports
//! (tests/fixtures/hostile, made by its make.py) carry scripts, programs,
//! attached files, links to other files and network shares, private data,
//! comments, hidden layers, reference loops and absurd nesting. The pack
//! built from them carries none of it, says what was left out, and keeps
//! what a reader needs.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");

fn hostile(name: &str) -> String {
    format!("{HOSTILE}/{name}")
}

/// The 3 MB file with an outline and form fields 20,000 deep, made now.
fn deep_nesting(dir: &Path) -> String {
    let status = Command::new("python3")
        .arg(hostile("make.py"))
        .arg("--deep")
        .arg(dir)
        .status()
        .expect("python3 runs");
    assert!(status.success());
    dir.join("deep-nesting.pdf").to_string_lossy().into_owned()
}

/// The pack as qpdf writes it uncompressed, every object in the open.
fn decompressed(pdf: &Path) -> Vec<u8> {
    let qdf = pdf.with_extension("qdf.pdf");
    let out = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable", "--decode-level=all"])
        .arg(pdf)
        .arg(&qdf)
        .output()
        .expect("qpdf runs");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(qdf).unwrap()
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Every hand-made hostile PDF that is repaired rather than refused goes
/// into the one pack: the allowlist's (make.py) and the damaged ones of
/// hostile_inputs.rs (make_damaged.py).
const FIXTURES: [&str; 17] = [
    "indirect-actions.pdf",
    "popup-and-orphan-field.pdf",
    "attachment-indirect-subtype.pdf",
    "files-everywhere.pdf",
    "remote-links.pdf",
    "private-data.pdf",
    "document-scripts.pdf",
    "self-references.pdf",
    "hostile-tags.pdf",
    "hidden-layer.pdf",
    "hidden-annotation.pdf",
    "damaged-content.pdf",
    "damaged-form.pdf",
    "junk-before-header.pdf",
    "lost-content.pdf",
    "mangled-header.pdf",
    "no-header.pdf",
];

fn build_all(dir: &Path) -> (PathBuf, String) {
    let deep = deep_nesting(dir);
    let mut docs: Vec<String> = FIXTURES.iter().map(|f| hostile(f)).collect();
    docs.push(deep);
    let items: Vec<ItemSpec<'_>> = FIXTURES
        .iter()
        .chain(["deep-nesting.pdf"].iter())
        .zip(&docs)
        .map(|(title, doc)| item(title, &[doc.as_str()]))
        .collect();
    let pack = pack_with(dir, &items);
    let out = dir.join("out.pdf");
    let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    (out, stderr(&result))
}

#[test]
fn nothing_hidden_or_active_reaches_the_public_pack() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, _) = build_all(dir.path());
    let bytes = decompressed(&pdf);
    for key in [
        "/JavaScript",
        "/JS",
        "/Launch",
        "/EmbeddedFile",
        "/GoToR",
        "/GoToE",
        "/RichMedia",
        "/XFA",
        "/SubmitForm",
        "/PieceInfo",
        "/AA",
        "/FileAttachment",
        "/Filespec",
        "/AF",
        "/Popup",
        "/OpenAction",
    ] {
        assert!(!contains(&bytes, key), "{key} is in the pack");
    }
    // One XMP packet: the pack's own, which says what agendapack made; no
    // report's.
    let packets = bytes.windows(10).filter(|w| w == b"<x:xmpmeta").count();
    assert_eq!(packets, 1, "one XMP packet, the pack's");
    let start = bytes.windows(10).position(|w| w == b"<x:xmpmeta").unwrap();
    let packet = String::from_utf8_lossy(&bytes[start..(start + 3000).min(bytes.len())]);
    assert!(packet.contains("<pdf:Producer>agendapack"), "{packet}");
    for secret in [
        "JS-SECRET",
        "REVIEWER-SECRET",
        "POPUP-SECRET",
        "ATTACHED-FILE-SECRET",
        "EMBEDDED-SECRET",
        "PIECEINFO-SECRET",
        "XMP-AUTHOR-SECRET",
        "XFA-SECRET",
        "NAMES-FILE-SECRET",
        "HIDDEN-LAYER-SECRET",
        "HIGHLIGHT-SECRET",
        "HIDDEN-FIELD-SECRET",
        "APPEARANCE-STASH-SECRET",
        "USERPROP-SECRET",
        "COMMENT-TAG-SECRET",
        "TAG-ATTACHMENT-SECRET",
        "tag.txt",
        "calc.exe",
        "cmd.exe",
        "server",
        "etc/passwd",
        "evil.example",
        "secret.txt",
    ] {
        assert!(!contains(&bytes, secret), "{secret} is in the pack");
    }
    // What a reader needs is still there: the web link, every page's text
    // and stamp, the layer itself (hidden, now empty).
    assert!(contains(&bytes, "https://www.kirklees.gov.uk/agenda"));
    assert!(contains(&bytes, "https://www.kirklees.gov.uk/)"));
    let text = flat_text(&pdf, 1, 100);
    for line in [
        "Indirect actions",
        "Popup and orphan field",
        "Attachment with indirect subtype",
        "Files everywhere",
        "Remote links",
        "Private data",
        "Document scripts",
        "Self references",
        "Deep outline and fields",
        "Visible layer text",
        "Hidden annotation",
        "Tagged report text",
    ] {
        assert!(text.contains(line), "{line} is missing");
    }
    // The hostile report's tags that are safe came through: its heading
    // (role-mapped) with the text a reader hears.
    assert!(contains(&bytes, "/Heading"));
    assert!(contains(&bytes, "/ActualText (Tagged report text)"));
    qpdf_check(&pdf);
}

#[test]
fn what_was_left_out_is_named_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let (_, err) = build_all(dir.path());
    let warning_for = |doc: &str| -> String {
        err.lines()
            .filter(|l| l.contains(doc))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let expect = [
        ("indirect-actions.pdf", "JavaScript action"),
        ("indirect-actions.pdf", "Launch action"),
        ("indirect-actions.pdf", "chained action"),
        ("popup-and-orphan-field.pdf", "on page 1"),
        ("popup-and-orphan-field.pdf", "JavaScript action"),
        (
            "attachment-indirect-subtype.pdf",
            "FileAttachment annotation",
        ),
        ("files-everywhere.pdf", "GoToE action"),
        ("files-everywhere.pdf", "rich media annotation"),
        ("files-everywhere.pdf", "attached file"),
        ("files-everywhere.pdf", "page entry /Foo"),
        ("remote-links.pdf", "GoToR action"),
        ("remote-links.pdf", "not http, https or mailto \u{d7}2"),
        ("remote-links.pdf", "Launch action"),
        ("private-data.pdf", "XMP metadata"),
        ("private-data.pdf", "/PieceInfo"),
        ("document-scripts.pdf", "document JavaScript"),
        ("document-scripts.pdf", "XFA form"),
        ("document-scripts.pdf", "SubmitForm action"),
        ("deep-nesting.pdf", "bookmarks nested over 32 deep"),
        ("deep-nesting.pdf", "form fields nested over 32 deep"),
        (
            "self-references.pdf",
            "page 1 of its 3: content could not be read",
        ),
        (
            "self-references.pdf",
            "fonts and images of page 2 could not be read",
        ),
        ("deep-nesting.pdf", "JavaScript action"),
        ("hidden-layer.pdf", "hidden by default on page 1"),
        ("hidden-layer.pdf", "comment"),
        ("hidden-annotation.pdf", "hidden flag"),
        ("hostile-tags.pdf", "user properties in the tags"),
        ("hostile-tags.pdf", "attached file"),
        (
            "hidden-annotation.pdf",
            "unknown entry /Stash in an image or drawing",
        ),
    ];
    for (doc, what) in expect {
        let warning = warning_for(doc);
        assert!(warning.contains(what), "{doc}: no `{what}` in:\n{warning}");
        assert!(warning.contains("pack.toml:"), "{warning}");
    }
}

#[test]
fn the_pack_file_can_publish_comments_and_hidden_layers() {
    let dir = tempfile::tempdir().unwrap();
    let doc = format!(
        "{{ path = {:?}, comments = \"keep\", hidden_layers = \"keep\" }}",
        hostile("hidden-layer.pdf")
    );
    let pack = pack_with(dir.path(), &[item("Kept", &[&doc])]);
    let out = dir.path().join("out.pdf");
    let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let err = stderr(&result);
    assert!(err.contains("publishes 1 comment"), "{err}");
    assert!(err.contains("any reader can show it"), "{err}");
    let bytes = decompressed(&out);
    assert!(contains(&bytes, "HIDDEN-LAYER-SECRET"));
    assert!(contains(&bytes, "HIGHLIGHT-SECRET"));
    // Still hidden as the report had it: the reader does not show it.
    assert!(!flat_text(&out, 1, 10).contains("HIDDEN-LAYER-SECRET"));
}

#[test]
fn a_publish_setting_other_than_remove_or_keep_is_a_pack_file_mistake() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_with(dir.path(), &[item("One", &[&corpus("annotated_pdf.pdf")])]);
    let text = std::fs::read_to_string(&pack).unwrap();
    std::fs::write(&pack, format!("[publish]\ncomments = \"yes\"\n{text}")).unwrap();
    let result = run(&["check", pack.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(3));
    let err = stderr(&result);
    assert!(err.contains("pack.toml:2:12"), "{err}");
    assert!(err.contains("\"remove\" or \"keep\""), "{err}");
}

#[test]
fn deep_nesting_is_cut_without_a_crash_and_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let deep = deep_nesting(dir.path());
    let pack = pack_with(dir.path(), &[item("Deep", &[&deep])]);
    let out = dir.path().join("out.pdf");
    let started = std::time::Instant::now();
    let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    assert!(started.elapsed().as_secs() < 60);
    // The outline keeps the first 32 levels under the document's bookmark.
    let doc = load(&out);
    let outline = outline(&doc);
    assert!(outline.iter().any(|(_, title, _)| title == "Level 0"));
    assert!(outline.iter().any(|(_, title, _)| title == "Level 31"));
    assert!(!outline.iter().any(|(_, title, _)| title == "Level 32"));
    qpdf_check(&out);
}

/// Every hand-made hostile file, whole, cut short at several points and
/// with bytes overwritten, builds or is refused naming the item and the
/// file: never a signal, never a panic (exit 101).
#[test]
fn no_hostile_file_or_mangled_copy_crashes_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(HOSTILE)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "py"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "{files:?}");
    let mut runs = 0;
    for file in &files {
        let data = std::fs::read(file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let mut variants: Vec<(String, Vec<u8>)> = vec![(name.clone(), data.clone())];
        for cut in [4, 3, 2] {
            let at = data.len() * (cut - 1) / cut;
            variants.push((format!("cut{cut}-{name}"), data[..at].to_vec()));
        }
        // Overwrite a run of bytes in the middle with ones that open
        // strings, arrays and dictionaries and never close them.
        let mut mangled = data.clone();
        let middle = mangled.len() / 2;
        for (i, b) in mangled.iter_mut().skip(middle).take(16).enumerate() {
            *b = b"([<<{%"[i % 6];
        }
        variants.push((format!("mangled-{name}"), mangled));
        for (variant, bytes) in variants {
            let path = dir.path().join(&variant);
            std::fs::write(&path, bytes).unwrap();
            let pack = pack_with(dir.path(), &[item("Hostile", &[path.to_str().unwrap()])]);
            let out = dir.path().join("out.pdf");
            let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
            let code = result.status.code();
            assert!(
                code == Some(0) || code == Some(4),
                "{variant}: exit {code:?}\n{}",
                stderr(&result)
            );
            if code == Some(4) {
                let err = stderr(&result);
                assert!(err.contains(&variant) && err.contains("item 1"), "{err}");
            }
            runs += 1;
        }
    }
    assert!(runs >= 100);
}
