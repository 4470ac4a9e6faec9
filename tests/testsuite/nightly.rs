//! Nightly builds: every pack under a folder, unchanged packs skipped, a
//! broken pack failing alone with its previous PDF kept.

use std::path::{Path, PathBuf};

use crate::support::*;

/// Three meetings, each with its own copy of a report.
fn meetings(root: &Path) -> Vec<PathBuf> {
    let mut packs = Vec::new();
    for (folder, report) in [
        ("planning/2024-10-01", "annotated_pdf.pdf"),
        ("scrutiny/2024-10-11", "habibi-rotated.pdf"),
        ("cabinet/2024-10-15", "libre-office-link.pdf"),
    ] {
        let dir = root.join(folder);
        std::fs::create_dir_all(dir.join("reports")).unwrap();
        std::fs::copy(corpus(report), dir.join("reports/report.pdf")).unwrap();
        let text = format!(
            "{HEADER}\n[[items]]\ntitle = \"Report\"\ndocuments = [\"reports/report.pdf\"]\n"
        );
        std::fs::write(dir.join("pack.toml"), text).unwrap();
        packs.push(dir.join("pack.toml"));
    }
    // Not a pack: no [meeting] table.
    std::fs::write(root.join("settings.toml"), "title = \"not a pack\"\n").unwrap();
    packs
}

fn batch(root: &Path, extra: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let out = agendapack()
        .arg("build")
        .arg(root)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let json =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    (out.status.code(), json, stderr(&out))
}

fn statuses(json: &serde_json::Value) -> Vec<(String, String)> {
    json["packs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let pack = p["pack"].as_str().unwrap();
            let meeting = Path::new(pack)
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (meeting, p["status"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn a_second_run_skips_every_unchanged_pack_and_a_changed_document_rebuilds_its_pack() {
    let root = tempfile::tempdir().unwrap();
    let packs = meetings(root.path());
    let (code, json, _) = batch(root.path(), &[]);
    assert_eq!(code, Some(0));
    assert_eq!(
        statuses(&json),
        vec![
            ("2024-10-15".into(), "built".into()),
            ("2024-10-01".into(), "built".into()),
            ("2024-10-11".into(), "built".into())
        ]
    );
    for pack in &packs {
        assert_eq!(load(&pack.with_extension("pdf")).get_pages().len() % 2, 0);
    }
    let (code, json, _) = batch(root.path(), &[]);
    assert_eq!(code, Some(0));
    assert!(
        statuses(&json).iter().all(|(_, s)| s == "skipped"),
        "{json}"
    );

    // A late revision of one report: only its meeting is rebuilt.
    std::fs::copy(
        corpus("grid_example.pdf"),
        root.path().join("scrutiny/2024-10-11/reports/report.pdf"),
    )
    .unwrap();
    let (_, json, _) = batch(root.path(), &[]);
    let s = statuses(&json);
    assert!(s.contains(&("2024-10-11".into(), "built".into())), "{s:?}");
    assert_eq!(s.iter().filter(|(_, st)| st == "built").count(), 1, "{s:?}");

    // A pack cut short since its last build (a full disk, a crash before
    // the disk caught up) is rebuilt though its inputs have not changed.
    let cut = root.path().join("cabinet/2024-10-15/pack.pdf");
    let whole = std::fs::read(&cut).unwrap();
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let (_, json, _) = batch(root.path(), &[]);
    let s = statuses(&json);
    assert!(s.contains(&("2024-10-15".into(), "built".into())), "{s:?}");
    assert_eq!(s.iter().filter(|(_, st)| st == "built").count(), 1, "{s:?}");
    assert_eq!(std::fs::read(&cut).unwrap(), whole);

    // --force rebuilds all; --fsync changes when, not what, is written.
    let (_, json, _) = batch(root.path(), &["--force", "-j", "2", "--fsync"]);
    assert!(statuses(&json).iter().all(|(_, s)| s == "built"));
    assert_eq!(std::fs::read(&cut).unwrap(), whole);
}

#[test]
fn a_broken_pack_fails_alone_and_keeps_its_previous_pdf() {
    let root = tempfile::tempdir().unwrap();
    let packs = meetings(root.path());
    let (code, _, _) = batch(root.path(), &[]);
    assert_eq!(code, Some(0));
    let broken = &packs[1];
    let previous = std::fs::read(broken.with_extension("pdf")).unwrap();
    // The report is replaced by something that is not a PDF.
    std::fs::write(
        broken.parent().unwrap().join("reports/report.pdf"),
        b"not a pdf at all",
    )
    .unwrap();
    // Another pack changes too, and must still be built.
    std::fs::copy(
        corpus("multilang.pdf"),
        packs[0].parent().unwrap().join("reports/report.pdf"),
    )
    .unwrap();
    let (code, json, _) = batch(root.path(), &[]);
    assert_eq!(code, Some(6), "the batch fails");
    let failed: Vec<&serde_json::Value> = json["packs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] == "failed")
        .collect();
    assert_eq!(failed.len(), 1);
    let error = failed[0]["error"].as_str().unwrap();
    assert!(
        error.contains("item 1") && error.contains("report.pdf") && error.contains("not a PDF"),
        "{error}"
    );
    assert_eq!(
        std::fs::read(broken.with_extension("pdf")).unwrap(),
        previous,
        "previous PDF kept"
    );
    assert!(statuses(&json).contains(&("2024-10-01".into(), "built".into())));

    // The plain output says the same on stderr.
    let out = agendapack().arg("build").arg(root.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(
        stderr(&out).contains("failed") && stderr(&out).contains("report.pdf"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("1 failed"));
}

#[test]
fn the_json_summary_has_the_documented_shape_and_out_dir_mirrors_the_folders() {
    let root = tempfile::tempdir().unwrap();
    meetings(root.path());
    let out = tempfile::tempdir().unwrap();
    let (code, json, _) = batch(root.path(), &["--out-dir", out.path().to_str().unwrap()]);
    assert_eq!(code, Some(0));
    for pack in json["packs"].as_array().unwrap() {
        let keys: Vec<&str> = pack
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            vec![
                "edition", "error", "output", "pack", "pages", "seconds", "status", "untagged",
                "warnings"
            ]
        );
        assert!(pack["seconds"].as_f64().unwrap() >= 0.0);
        // The example reports came untagged; each is named.
        let untagged = pack["untagged"].as_array().unwrap();
        assert!(!untagged.is_empty());
        assert!(untagged[0].as_str().unwrap().contains("document `"));
        assert!(pack["pages"].as_u64().unwrap() >= 4);
        assert!(pack["error"].is_null());
    }
    assert!(out.path().join("planning/2024-10-01/pack.pdf").exists());
    // Build records stay beside the pack files, out of what is published.
    assert!(
        !out.path()
            .join("scrutiny/2024-10-11/pack.pdf.build")
            .exists()
    );
    assert!(
        root.path()
            .join("scrutiny/2024-10-11/.agendapack/pack.toml.build")
            .exists()
    );
    assert!(!root.path().join("planning/2024-10-01/pack.pdf").exists());
}
