//! No input makes agendapack panic or hang: truncated and byte-flipped
//! copies of corpus files go through `check` and `build`, and each either
//! builds or is refused with exit code 4 naming the file.

use std::process::Stdio;
use std::time::Duration;

use crate::support::*;

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn mangled_copies() -> Vec<(String, Vec<u8>)> {
    let mut rng = Lcg(20_241_011);
    let mut out = Vec::new();
    for name in [
        "annotated_pdf.pdf",
        "pdflatex-outline.pdf",
        "libreoffice-form.pdf",
        "r4-owner-password.pdf",
        "habibi-rotated.pdf",
        "GeoBase_NHNC1_Data_Model_UML_EN.pdf",
    ] {
        let data = std::fs::read(corpus(name)).unwrap();
        for cut in [0.1, 0.5, 0.9, 0.99] {
            out.push((
                format!("{name} cut at {cut}"),
                data[..(data.len() as f64 * cut) as usize].to_vec(),
            ));
        }
        for round in 0..6 {
            let mut copy = data.clone();
            for _ in 0..(1 + round * 8) {
                let at = rng.next() as usize % copy.len();
                copy[at] ^= 1 << (rng.next() % 8);
            }
            out.push((
                format!("{name} with {} flipped bits (round {round})", 1 + round * 8),
                copy,
            ));
        }
    }
    out
}

#[test]
fn damaged_inputs_never_panic_or_hang() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.pdf");
    let pack = pack_with(dir.path(), &[item("Report", &[report.to_str().unwrap()])]);
    let out = dir.path().join("out.pdf");
    let (mut built, mut refused) = (0, 0);
    for (what, bytes) in mangled_copies() {
        std::fs::write(&report, &bytes).unwrap();
        let _ = std::fs::remove_file(&out);
        for command in ["check", "build"] {
            let mut child = agendapack()
                .args(
                    [command, pack.to_str().unwrap(), "-o", out.to_str().unwrap()]
                        .iter()
                        .take(if command == "check" { 2 } else { 4 }),
                )
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let status = wait_with_deadline(
                &mut child,
                Duration::from_secs(60),
                &format!("{what}: {command}"),
            );
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            assert!(
                !err.contains("panicked"),
                "{what}: {command} panicked: {err}"
            );
            match status.code() {
                Some(0) => {
                    if command == "build" {
                        built += 1;
                        assert!(out.exists());
                    }
                }
                Some(4) => {
                    assert!(
                        err.contains("report.pdf"),
                        "{what}: refusal names the file: {err}"
                    );
                    if command == "build" {
                        refused += 1;
                        assert!(!out.exists(), "{what}: nothing written");
                    }
                }
                other => panic!("{what}: {command} exited {other:?}: {err}"),
            }
        }
    }
    assert!(built > 0 && refused > 0, "built {built}, refused {refused}");
}

/// A hand-made PDF whose page tree points back at itself and claims a
/// billion pages.
fn looping_page_tree() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R 2 0 R 4 0 R] /Count 1000000000 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>",
        "<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 2 0 R] /Count 999999999 >>",
        "<< /Length 44 >>\nstream\nBT /F1 24 Tf 100 700 Td (Looping) Tj ET\nendstream",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

#[test]
fn a_page_tree_with_a_loop_and_an_absurd_count_neither_hangs_nor_explodes() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("loop.pdf");
    std::fs::write(&report, looping_page_tree()).unwrap();
    let pack = pack_with(dir.path(), &[item("Loop", &[report.to_str().unwrap()])]);
    let out = dir.path().join("out.pdf");
    let mut child = agendapack()
        .args(["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status = wait_with_deadline(&mut child, Duration::from_secs(30), "a looping page tree");
    // Either the one real page goes in, or the file is refused by name.
    match status.code() {
        Some(0) => {
            let plan = plan_json(&pack);
            assert_eq!(plan["items"][0]["documents"][0]["pages"]["last"], 1);
        }
        Some(4) => assert!(!out.exists()),
        other => panic!("exit {other:?}"),
    }
}
