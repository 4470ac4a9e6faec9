//! Batches survive odd folders (issue 8 §4): a folder that cannot be read
//! is skipped, only regular files are read as pack files, names that are
//! not UTF-8 keep the JSON valid, build state stays out of the published
//! folder, and temporary files of killed builds are cleaned up.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::support::*;

/// A meeting folder `root/name` with a pack reading a corpus report in place.
fn meeting(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    pack_file(&dir, "pack.toml", "Report", &[&corpus("annotated_pdf.pdf")])
}

fn batch_json(args: &[&OsStr]) -> (Option<i32>, serde_json::Value, String) {
    let mut all: Vec<&OsStr> = vec!["build".as_ref()];
    all.extend_from_slice(args);
    all.extend([OsStr::new("--format"), OsStr::new("json")]);
    let (code, out, err) = run_with_deadline(&all);
    let json = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out:?} {err}"));
    (code, json, err)
}

fn built(json: &serde_json::Value) -> Vec<String> {
    json["packs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] == "built")
        .map(|p| p["pack"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_folder_that_cannot_be_read_is_skipped_and_the_rest_are_built() {
    let root = tempfile::tempdir().unwrap();
    meeting(root.path(), "a");
    meeting(root.path(), "z");
    // A folder so deep that its path is longer than the system allows
    // (ENAMETOOLONG): it cannot be read, even by root.
    // Made in two halves, each path short enough, then one moved under
    // the other.
    let segment = "d".repeat(200);
    let chain = |base: PathBuf, levels: usize| {
        let path = (0..levels).fold(base, |p, _| p.join(&segment));
        std::fs::create_dir_all(&path).unwrap();
        path
    };
    let upper = chain(root.path().join("deep"), 10);
    chain(root.path().join("lower"), 18);
    std::fs::rename(
        root.path().join("lower").join(&segment),
        upper.join(&segment),
    )
    .unwrap();
    // And a folder without permissions (effective when not run as root).
    let locked = root.path().join("locked");
    meeting(root.path(), "locked");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (code, json, err) = batch_json(&[root.path().as_os_str()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, Some(0), "{err}");
    let built = built(&json);
    assert!(built.iter().any(|p| p.ends_with("a/pack.toml")), "{json}");
    assert!(built.iter().any(|p| p.ends_with("z/pack.toml")), "{json}");
    let skipped: Vec<&str> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        skipped.iter().any(|s| s.starts_with("skipped folder ")
            && s.contains(&segment)
            && s.contains("too long")),
        "{skipped:?}"
    );
    assert!(err.contains("warning: skipped folder"), "{err}");
    // The locked folder is either read (root) or skipped by name.
    assert!(
        built.iter().any(|p| p.contains("locked"))
            || skipped
                .iter()
                .any(|s| s.contains("locked") && s.contains("ermission")),
        "{json}"
    );
}

#[test]
fn only_regular_files_are_read_as_pack_files() {
    let root = tempfile::tempdir().unwrap();
    meeting(root.path(), "a");
    mkfifo(&root.path().join("x.toml"));
    std::os::unix::fs::symlink("/dev/zero", root.path().join("z.toml")).unwrap();
    std::fs::write(
        root.path().join("huge.toml"),
        format!("{HEADER}\n#{}\n", "x".repeat(2 << 20)),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let (code, json, err) = batch_json(&[root.path().as_os_str()]);
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(built(&json).len(), 1, "{json}");
    let skipped = json["warnings"].to_string();
    for expected in [
        "x.toml: it is a FIFO (named pipe), not a file",
        "z.toml: it is a device, not a file",
        "huge.toml: it is larger than 1 MiB",
    ] {
        assert!(skipped.contains(expected), "{expected} in {skipped}");
        assert!(err.contains(expected), "{expected} in {err}");
    }
}

#[test]
fn a_folder_name_that_is_not_utf8_keeps_the_json_summary_valid() {
    use std::os::unix::ffi::OsStrExt;
    let root = tempfile::tempdir().unwrap();
    let name = OsStr::from_bytes(b"caf\xe9");
    meeting(root.path(), name.to_str().unwrap_or("x"));
    let dir = root.path().join(name);
    std::fs::create_dir(&dir).unwrap();
    pack_file(&dir, "pack.toml", "Report", &[&corpus("annotated_pdf.pdf")]);
    let (code, json, err) = batch_json(&[root.path().as_os_str()]);
    assert_eq!(code, Some(0), "{err}");
    let built = built(&json);
    assert!(
        built.iter().any(|p| p.ends_with("caf\u{fffd}/pack.toml")),
        "{json}"
    );
    assert!(dir.join("pack.pdf").exists());
}

#[test]
fn build_records_stay_out_of_the_published_folder() {
    let root = tempfile::tempdir().unwrap();
    let meetings = root.path().join("meetings");
    meeting(&meetings, "a");
    let public = root.path().join("www");
    // A record an earlier version left beside the published PDF.
    std::fs::create_dir_all(public.join("a")).unwrap();
    std::fs::write(
        public.join("a/pack.pdf.build"),
        r#"{"inputs":"0","pages":4,"bytes":1}"#,
    )
    .unwrap();
    let state = root.path().join("state");
    let args = |with_state: bool| {
        let mut a: Vec<&OsStr> = vec![
            meetings.as_os_str(),
            "--out-dir".as_ref(),
            public.as_os_str(),
        ];
        if with_state {
            a.extend([OsStr::new("--state-dir"), state.as_os_str()]);
        }
        a
    };
    let (code, json, err) = batch_json(&args(false));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(built(&json).len(), 1);
    let published: Vec<String> = std::fs::read_dir(public.join("a"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(published, vec!["pack.pdf".to_string()]);
    assert!(meetings.join("a/.agendapack/pack.toml.build").is_file());
    let (_, json, _) = batch_json(&args(false));
    assert_eq!(json["packs"][0]["status"], "skipped", "{json}");

    // With --state-dir the records go there, mirroring the folders.
    let (_, json, _) = batch_json(&args(true));
    assert_eq!(json["packs"][0]["status"], "built", "{json}");
    assert!(state.join("a/pack.toml.build").is_file());
    let (_, json, _) = batch_json(&args(true));
    assert_eq!(json["packs"][0]["status"], "skipped", "{json}");
}

#[test]
fn temporary_files_left_by_killed_builds_are_removed_by_a_later_build() {
    let root = tempfile::tempdir().unwrap();
    let pack = pack_file(
        root.path(),
        "pack.toml",
        "Report",
        &[&corpus("annotated_pdf.pdf")],
    );
    // A process id that is surely gone: a child that has exited.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let alive = std::process::id();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(5 * 60);
    let ancient = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 60 * 60);
    let temp = |name: String, modified: std::time::SystemTime| {
        let path = root.path().join(name);
        let file = std::fs::File::create(&path).unwrap();
        file.set_modified(modified).unwrap();
        path
    };
    let killed = temp(format!(".agendapack-{dead}-aB3dE9.tmp"), old);
    let earlier_version = temp(".agendapack-Xy12Zq.pdf.tmp".into(), ancient);
    let just_started = temp(
        format!(".agendapack-{dead}-fresh1.tmp"),
        std::time::SystemTime::now(),
    );
    let running = temp(format!(".agendapack-{alive}-runnin.tmp"), old);
    let not_ours = temp("notes.tmp".into(), ancient);
    let out = run(&["build", pack.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!killed.exists(), "a dead build's file is removed");
    assert!(
        !earlier_version.exists(),
        "an hour-old file of ours is removed"
    );
    assert!(
        just_started.exists(),
        "a file changed within the minute is kept"
    );
    assert!(running.exists(), "a running build's file is kept");
    assert!(not_ours.exists());
}

#[test]
fn an_interrupted_build_removes_its_temporary_file() {
    let root = tempfile::tempdir().unwrap();
    // Big enough that writing takes a moment (some 300 ms in a debug build).
    let a = corpus("Seige_of_Vicksburg_Sample_OCR.pdf");
    let b = corpus("imagemagick-images.pdf");
    let documents: Vec<&str> = (0..40).flat_map(|_| [a.as_str(), b.as_str()]).collect();
    let pack = pack_file(root.path(), "pack.toml", "Big", &documents);
    let temp_files = || -> Vec<PathBuf> {
        std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(".agendapack-")
            })
            .collect()
    };
    let mut child = agendapack()
        .arg("build")
        .arg(&pack)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let seen = loop {
        let found = temp_files();
        if !found.is_empty() {
            break found;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the write was too quick to interrupt"
        );
        assert!(started.elapsed().as_secs() < 60, "the build hangs");
        std::thread::sleep(std::time::Duration::from_millis(1));
    };
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = wait_with_deadline(&mut child, std::time::Duration::from_secs(30), "the build");
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(2), "{status:?}");
    assert!(temp_files().is_empty(), "{seen:?} left behind");
    assert!(!root.path().join("pack.pdf").exists());
}

#[test]
fn a_build_record_that_cannot_be_written_is_a_warning_not_a_failure() {
    let root = tempfile::tempdir().unwrap();
    meeting(root.path(), "a");
    // Where the state folder should go there is a file: it cannot be made
    // (as a pack-file folder the nightly user cannot write to).
    std::fs::write(root.path().join("a/.agendapack"), "in the way").unwrap();
    let (code, json, err) = batch_json(&[root.path().as_os_str()]);
    assert_eq!(code, Some(0), "{err}");
    let pack = &json["packs"][0];
    assert_eq!(pack["status"], "built", "{json}");
    assert!(root.path().join("a/pack.pdf").is_file());
    assert!(
        pack["warnings"]
            .to_string()
            .contains("built again next time"),
        "{json}"
    );
}
