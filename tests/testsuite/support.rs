//! Helpers: write pack files, run the binary, and read back what a person
//! would see in the PDF (text by page via pdftotext, structure via lopdf).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lopdf::{Document, Object, ObjectId};

pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real");
pub const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/packs/kirklees-childrens-scrutiny-2024-10-11/pack.toml"
);

pub fn corpus(name: &str) -> String {
    format!("{CORPUS}/{name}")
}

pub fn agendapack() -> Command {
    Command::new(env!("CARGO_BIN_EXE_agendapack"))
}

pub fn run(args: &[&str]) -> Output {
    agendapack().args(args).output().expect("agendapack runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The meeting, issuer, contact and members of the Kirklees reference pack.
pub const HEADER: &str = r#"
[meeting]
body = "Children's Scrutiny Panel"
date = 2024-10-11
time = "10:30"
venue = "Council Chamber - Town Hall, Huddersfield"
notices = ["This meeting will be webcast live and will be available to view via the Council's website."]

[issuer]
organisation = "Kirklees Council"
officer = "Samantha Lawton"
title = "Service Director – Legal, Governance and Commissioning"
address = ["Governance and Commissioning", "PO Box 1720", "Huddersfield", "HD1 9EL"]
telephone = "01484 221000"
issued = 2024-10-03

[contact]
name = "Helen Kilroy"
email = "helen.kilroy@kirklees.gov.uk"

[[members]]
name = "Councillor Itrat Ali"
role = "Chair"

[[members]]
name = "Councillor Jane Rylah"
"#;

/// An agenda item for [`pack_with`]: title and document paths.
pub struct ItemSpec<'a> {
    pub title: &'a str,
    pub documents: Vec<String>,
}

pub fn item<'a>(title: &'a str, documents: &[&str]) -> ItemSpec<'a> {
    ItemSpec {
        title,
        documents: documents.iter().map(|d| d.to_string()).collect(),
    }
}

/// Writes a pack file with the standard header and `items` into `dir`.
pub fn pack_with(dir: &Path, items: &[ItemSpec<'_>]) -> PathBuf {
    let mut text = HEADER.to_string();
    for it in items {
        text.push_str(&format!(
            "\n[[items]]\ntitle = \"{}\"\ndescription = \"The Panel will consider {}.\"\n",
            it.title, it.title
        ));
        if !it.documents.is_empty() {
            // A path, or an inline table written as is: { path = "...", ... }.
            let docs: Vec<String> = it
                .documents
                .iter()
                .map(|d| match d.starts_with('{') {
                    true => d.clone(),
                    false => format!("{d:?}"),
                })
                .collect();
            text.push_str(&format!("documents = [{}]\n", docs.join(", ")));
        }
    }
    let path = dir.join("pack.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Builds `pack` to `dir/out.pdf`, asserting success.
pub fn build(pack: &Path, dir: &Path) -> PathBuf {
    let out = dir.join("out.pdf");
    let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(result.status.success(), "build failed: {}", stderr(&result));
    out
}

/// Text of one page (1-based physical page number), as pdftotext reads it.
pub fn page_text(pdf: &Path, page: usize) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// All text, with runs of spaces and line breaks collapsed.
pub fn flat_text(pdf: &Path, first: usize, last: usize) -> String {
    let out = Command::new("pdftotext")
        .args(["-f", &first.to_string(), "-l", &last.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word and its box as pdftotext sees it on the displayed (rotated,
/// cropped) page; the page's displayed width and height.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

pub fn words(pdf: &Path, page: usize) -> (Vec<Word>, f32, f32) {
    let out = Command::new("pdftotext")
        .args([
            "-cropbox",
            "-bbox",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |line: &str, name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = line[start..].find('"').unwrap() + start;
        line[start..end].parse().unwrap()
    };
    let mut words = Vec::new();
    let (mut w, mut h) = (0.0, 0.0);
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            w = attr(line, "width");
            h = attr(line, "height");
        } else if line.starts_with("<word ") {
            let text =
                line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()].to_string();
            words.push(Word {
                text,
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                y1: attr(line, "yMax"),
            });
        }
    }
    (words, w, h)
}

pub fn load(pdf: &Path) -> Document {
    Document::load(pdf).expect("the pack opens in lopdf")
}

pub fn pages(doc: &Document) -> Vec<ObjectId> {
    doc.page_iter().collect()
}

pub fn rotation(doc: &Document, page: ObjectId) -> i64 {
    doc.get_dictionary(page)
        .ok()
        .and_then(|d| d.get(b"Rotate").ok())
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360)
}

/// The page a destination array points at, as a 0-based index.
pub fn dest_page(doc: &Document, dest: &Object, pages: &[ObjectId]) -> usize {
    let array = doc.dereference(dest).unwrap().1.as_array().unwrap();
    let id = array[0].as_reference().unwrap();
    pages
        .iter()
        .position(|&p| p == id)
        .expect("destination is a page of the pack")
}

/// The outline as (depth, title, 0-based page index).
pub fn outline(doc: &Document) -> Vec<(usize, String, usize)> {
    let pages = pages(doc);
    let catalog = doc.catalog().unwrap();
    let root = catalog.get(b"Outlines").unwrap().as_reference().unwrap();
    let mut out = Vec::new();
    walk_outline(doc, root, 0, &pages, &mut out);
    out
}

fn walk_outline(
    doc: &Document,
    parent: ObjectId,
    depth: usize,
    pages: &[ObjectId],
    out: &mut Vec<(usize, String, usize)>,
) {
    let mut next = doc
        .get_dictionary(parent)
        .unwrap()
        .get(b"First")
        .and_then(Object::as_reference)
        .ok();
    while let Some(id) = next {
        let dict = doc.get_dictionary(id).unwrap();
        let title = decode_text(doc.dereference(dict.get(b"Title").unwrap()).unwrap().1);
        let dest = match dict.get(b"Dest") {
            Ok(d) => d.clone(),
            Err(_) => {
                let action = doc
                    .dereference(dict.get(b"A").expect("a /Dest or an /A"))
                    .unwrap()
                    .1;
                action.as_dict().unwrap().get(b"D").unwrap().clone()
            }
        };
        let page = dest_page(doc, &dest, pages);
        out.push((depth, title, page));
        walk_outline(doc, id, depth + 1, pages, out);
        next = dict.get(b"Next").and_then(Object::as_reference).ok();
    }
}

pub fn decode_text(object: &Object) -> String {
    let bytes = object.as_str().unwrap();
    if bytes.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Label of every page, computed from /PageLabels (styles D and r, with a
/// prefix /P, which is what agendapack writes).
pub fn page_labels(doc: &Document) -> Vec<String> {
    let catalog = doc.catalog().unwrap();
    let labels = doc
        .dereference(catalog.get(b"PageLabels").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    let nums = labels.get(b"Nums").unwrap().as_array().unwrap();
    let ranges: Vec<(usize, Vec<u8>, i64, String)> = nums
        .chunks(2)
        .map(|pair| {
            let start = pair[0].as_i64().unwrap() as usize;
            let dict = doc.dereference(&pair[1]).unwrap().1.as_dict().unwrap();
            let style = dict.get(b"S").unwrap().as_name().unwrap().to_vec();
            let first = dict.get(b"St").and_then(Object::as_i64).unwrap_or(1);
            let prefix = dict.get(b"P").map(decode_text).unwrap_or_default();
            (start, style, first, prefix)
        })
        .collect();
    let count = doc.get_pages().len();
    (0..count)
        .map(|i| {
            let (start, style, first, prefix) = ranges.iter().rev().find(|r| r.0 <= i).unwrap();
            let n = first + (i - start) as i64;
            let number = match style.as_slice() {
                b"D" => n.to_string(),
                b"r" => roman(n),
                other => panic!("unexpected label style {other:?}"),
            };
            format!("{prefix}{number}")
        })
        .collect()
}

fn roman(mut n: i64) -> String {
    let table = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Link annotations of a page: (rect, 0-based target page) for internal
/// links with a /Dest.
pub fn internal_links(doc: &Document, page: ObjectId) -> Vec<([f32; 4], usize)> {
    let pages = pages(doc);
    let mut out = Vec::new();
    for annot in doc.get_page_annotations(page).unwrap_or_default() {
        if annot.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link") {
            continue;
        }
        let Ok(dest) = annot.get(b"Dest") else {
            continue;
        };
        let rect: Vec<f32> = annot
            .get(b"Rect")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap())
            .collect();
        out.push((
            [rect[0], rect[1], rect[2], rect[3]],
            dest_page(doc, dest, &pages),
        ));
    }
    out
}

/// qpdf --check passes, allowing only the warnings that contain one of
/// `allowed` (for inputs that are themselves damaged).
pub fn qpdf_check_allowing(pdf: &Path, allowed: &[&str]) {
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(pdf)
        .output()
        .expect("qpdf is installed");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let unexpected: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("WARNING") || l.contains("ERROR"))
        .filter(|l| !allowed.iter().any(|a| l.contains(a)))
        .collect();
    assert!(
        matches!(out.status.code(), Some(0) | Some(3)) && unexpected.is_empty(),
        "qpdf --check {}: {text}",
        pdf.display()
    );
}

pub fn qpdf_check(pdf: &Path) {
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(pdf)
        .output()
        .expect("qpdf is installed");
    assert!(
        out.status.success() && !String::from_utf8_lossy(&out.stdout).contains("WARNING"),
        "qpdf --check {}: {}{}",
        pdf.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The plan as JSON.
pub fn plan_json(pack: &Path) -> serde_json::Value {
    let out = run(&["plan", pack.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "plan failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("plan prints JSON")
}

/// How many annotations of `subtype` (b"Link", b"Widget") the pages carry.
pub fn count_annotations(doc: &Document, pages: &[ObjectId], subtype: &[u8]) -> usize {
    pages
        .iter()
        .map(|&p| {
            doc.get_page_annotations(p)
                .unwrap_or_default()
                .iter()
                .filter(|a| a.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(subtype))
                .count()
        })
        .sum()
}

/// Waits for a child process, failing the test if it runs past `limit`.
pub fn wait_with_deadline(
    child: &mut std::process::Child,
    limit: std::time::Duration,
    what: &str,
) -> std::process::ExitStatus {
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(started.elapsed() < limit, "{what} hangs");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Writes `dir/name`: the standard header and one item titled `title`
/// with `documents` (written as TOML strings, so escapes like `\u001b` are
/// the pack file's own).
pub fn pack_file(dir: &Path, name: &str, title: &str, documents: &[&str]) -> PathBuf {
    let docs: Vec<String> = documents.iter().map(|d| format!("\"{d}\"")).collect();
    let text = format!(
        "{HEADER}\n[[items]]\ntitle = \"{title}\"\ndocuments = [{}]\n",
        docs.join(", ")
    );
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Makes a FIFO (named pipe) at `path`.
pub fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Exit code, stdout and stderr of the binary run with `args`, failing the
/// test if it runs past 30 s (a FIFO read would hang it).
pub fn run_with_deadline(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let child = agendapack()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let id = child.id();
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    match wait.recv_timeout(std::time::Duration::from_secs(30)) {
        Ok(out) => {
            let out = out.unwrap();
            (out.status.code(), stdout(&out), stderr(&out))
        }
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(id.to_string()).status();
            panic!("agendapack {args:?} hangs");
        }
    }
}

/// BLAKE3 of every stream of a PDF, decoded, at least `min` bytes long:
/// to tell whether any font, image or content of one PDF is in another.
pub fn stream_hashes(pdf: &Path, min: usize) -> std::collections::HashSet<blake3::Hash> {
    let doc = Document::load(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| match o {
            Object::Stream(s) => {
                let data = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                (data.len() >= min).then(|| blake3::hash(&data))
            }
            _ => None,
        })
        .collect()
}
