//! The same inputs give a byte-identical PDF.

use crate::pagination::mixed_pack;
use std::path::Path;

use crate::support::*;

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let pack = mixed_pack(dir.path());
    let a = dir.path().join("a.pdf");
    let b = dir.path().join("b.pdf");
    for out in [&a, &b] {
        let r = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(r.status.success(), "{}", stderr(&r));
    }
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert!(a == b, "two builds differ");
    // No wall-clock date anywhere.
    let text = String::from_utf8_lossy(&a);
    assert!(!text.contains("/CreationDate") && !text.contains("/ModDate"));
}

/// The pack is written through a private temporary file, but is itself
/// as readable as any new file (a web server publishes it), and a rebuild
/// keeps whatever mode the clerk gave the old one. Nothing is left behind.
#[cfg(unix)]
#[test]
fn the_pack_gets_a_normal_file_mode_and_a_rebuild_keeps_the_old_one() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_with(
        dir.path(),
        &[item("Report", &[&corpus("annotated_pdf.pdf")])],
    );
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, b"a new file").unwrap();
    let out = build(&pack, dir.path());
    assert_eq!(mode(&out), mode(&plain), "a new pack's mode");

    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    build(&pack, dir.path());
    assert_eq!(mode(&out), 0o640, "a rebuilt pack keeps its mode");

    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
