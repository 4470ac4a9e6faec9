//! The same inputs give a byte-identical PDF.

use crate::pagination::mixed_pack;
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
