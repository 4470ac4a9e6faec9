//! What reading a report's content found (no damage, where each page
//! draws) is kept between builds, by the report's content: a rebuild gives
//! the same pack byte for byte, a damaged or stale entry is read again from
//! the report, and a report that needed repair is always read again.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::support::*;

/// Builds `pack` to `out` with the findings kept under `cache`; returns
/// stderr.
fn build_cached(pack: &Path, out: &Path, cache: &Path) -> String {
    let result = agendapack()
        .args(["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .env("AGENDAPACK_CACHE_DIR", cache)
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", stderr(&result));
    stderr(&result)
}

/// The entries kept, sorted, with their inode (a rewritten entry is a new
/// file, renamed into place) and bytes.
fn entries(cache: &Path) -> Vec<(PathBuf, u64, Vec<u8>)> {
    let Ok(dir) = std::fs::read_dir(cache.join("findings")) else {
        return Vec::new();
    };
    let mut found: Vec<_> = dir
        .map(|e| {
            let path = e.unwrap().path();
            let ino = std::fs::metadata(&path).unwrap().ino();
            let bytes = std::fs::read(&path).unwrap();
            (path, ino, bytes)
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_rebuild_uses_what_the_first_build_found_and_gives_the_same_pack() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    // A tagged Word report, an OCR scan, an AutoCAD drawing with text at
    // its edges, a rotated page, and the same LaTeX file twice.
    let pack = pack_with(
        dir.path(),
        &[
            item(
                "Data model",
                &[
                    &corpus("GeoBase_NHNC1_Data_Model_UML_EN.pdf"),
                    &corpus("AutoCad_Diagram.pdf"),
                ],
            ),
            item("Siege", &[&corpus("Seige_of_Vicksburg_Sample_OCR.pdf")]),
            item(
                "Orientation",
                &[&corpus("test_Orient.pdf"), &corpus("indirect-rotation.pdf")],
            ),
            item(
                "Forms",
                &[
                    &corpus("pdflatex-outline.pdf"),
                    &corpus("pdflatex-outline.pdf"),
                ],
            ),
        ],
    );
    let first = dir.path().join("first.pdf");
    let second = dir.path().join("second.pdf");
    let third = dir.path().join("third.pdf");

    build_cached(&pack, &first, &cache);
    let kept = entries(&cache);
    assert_eq!(kept.len(), 6, "one entry per distinct report: {kept:?}");

    // The second build reads every entry and rewrites none.
    build_cached(&pack, &second, &cache);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    assert_eq!(entries(&cache), kept, "entries used as they were");

    // Damaged entries (one cut short, the others with a byte changed) are
    // not used: the reports are read again and the entries written anew.
    for (n, (path, _, bytes)) in kept.iter().enumerate() {
        let mut damaged = bytes.clone();
        if n == 0 {
            damaged.truncate(bytes.len() / 2);
        } else {
            let at = bytes.len() / 2;
            damaged[at] ^= 0x01;
        }
        std::fs::write(path, damaged).unwrap();
    }
    build_cached(&pack, &third, &cache);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&third).unwrap()
    );
    let rewritten = entries(&cache);
    assert_eq!(rewritten.len(), kept.len());
    for ((path, old_ino, bytes), (new_path, new_ino, new_bytes)) in kept.iter().zip(&rewritten) {
        assert_eq!(path, new_path);
        assert_ne!(old_ino, new_ino, "{} written anew", path.display());
        assert_eq!(
            bytes,
            new_bytes,
            "{} holds the same findings",
            path.display()
        );
    }

    // Without any cache the pack is the same again.
    let fresh = dir.path().join("fresh.pdf");
    build_cached(&pack, &fresh, &dir.path().join("empty-cache"));
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&fresh).unwrap()
    );
}

#[test]
fn a_report_that_needed_repair_is_read_again_every_build() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let damaged = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile/damaged-content.pdf"
    );
    let pack = pack_with(
        dir.path(),
        &[
            item("Damaged", &[damaged]),
            item("Scan", &[&corpus("imagemagick-CCITTFaxDecode.pdf")]),
        ],
    );
    let out = dir.path().join("out.pdf");
    for _ in 0..2 {
        let err = build_cached(&pack, &out, &cache);
        assert!(
            err.contains("page 2 of its 7: content was damaged"),
            "the repair is made and told every build: {err}"
        );
        assert_eq!(entries(&cache).len(), 1, "only the sound report is kept");
    }
}
