//! What reading a document's page content found, kept between builds.
//!
//! Checking every content stream for damage (`repair`) and measuring where
//! each page draws (`clearance`) means inflating and reading all of a
//! report's content: on reports of text pages, two fifths of a build. A
//! clerk rebuilds the same reports again and again (a late report, a
//! corrected description, every night's batch), so what that reading found
//! is kept, by the content of the file read, in
//! `$AGENDAPACK_CACHE_DIR/findings/` (see [`super::office::cache_dir`]).
//!
//! Only a document whose content needed no repair is kept: a hit means
//! "nothing to repair, and each page draws here". The key is the BLAKE3
//! hash of the PDF read, of the source of the code that reads it
//! (`repair`, `clearance`, `geometry`, `limits`, this file) and of
//! `Cargo.lock`, so that any change to how content is read makes the old
//! findings unused.
//! An entry carries a checksum and its page count; one that is damaged or
//! does not fit is read again from the document. Nothing here decides what
//! enters a pack: an entry written by hand could at worst put a stamp over
//! a report's content, or leave a damaged page's content unrepaired.

use std::path::PathBuf;
use std::sync::OnceLock;

use super::clearance::Occupied;
use super::geometry::Rect;

const MAGIC: &[u8] = b"agendapack findings 1\n";

/// The code whose reading the findings record (and the versions of the
/// crates it reads with): changing any of it changes every key.
const READERS: [&str; 6] = [
    include_str!("repair.rs"),
    include_str!("clearance.rs"),
    include_str!("geometry.rs"),
    include_str!("limits.rs"),
    include_str!("findings.rs"),
    include_str!("../../Cargo.lock"),
];

fn readers_digest() -> &'static blake3::Hash {
    static DIGEST: OnceLock<blake3::Hash> = OnceLock::new();
    DIGEST.get_or_init(|| {
        let mut hash = blake3::Hasher::new();
        for source in READERS {
            hash.update(&(source.len() as u64).to_le_bytes());
            hash.update(source.as_bytes());
        }
        hash.finalize()
    })
}

/// Where the findings for the PDF whose BLAKE3 hash is `digest` are kept.
pub fn entry(digest: &[u8; 32]) -> PathBuf {
    let mut hash = blake3::Hasher::new();
    hash.update(MAGIC);
    hash.update(readers_digest().as_bytes());
    hash.update(digest);
    super::office::cache_dir()
        .join("findings")
        .join(format!("{}.bin", hash.finalize().to_hex()))
}

/// The findings kept at `path` for a document of `pages` pages, if there
/// are any and they are whole.
pub fn load(path: &std::path::Path, pages: usize) -> Option<Vec<Occupied>> {
    let bytes = std::fs::read(path).ok()?;
    decode(&bytes, pages)
}

/// Keeps `occupied` at `path`. A cache that cannot be written only costs
/// time next build.
pub fn store(path: &std::path::Path, occupied: &[Occupied]) {
    if let Some(dir) = path.parent()
        && std::fs::create_dir_all(dir).is_ok()
    {
        let _ = crate::write::write_atomically(path, &encode(occupied), Default::default());
    }
}

fn encode(occupied: &[Occupied]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend((occupied.len() as u32).to_le_bytes());
    let rect = |out: &mut Vec<u8>, r: &Rect| {
        for v in [r.x0, r.y0, r.x1, r.y1] {
            out.extend(v.to_bits().to_le_bytes());
        }
    };
    for page in occupied {
        out.push(u8::from(page.known));
        match &page.extent {
            Some(r) => {
                out.push(1);
                rect(&mut out, r);
            }
            None => out.push(0),
        }
        out.extend((page.near_edges.len() as u32).to_le_bytes());
        for r in &page.near_edges {
            rect(&mut out, r);
        }
    }
    let sum = blake3::hash(&out);
    out.extend(sum.as_bytes());
    out
}

fn decode(bytes: &[u8], pages: usize) -> Option<Vec<Occupied>> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(32)?)?;
    if blake3::hash(body).as_bytes() != sum {
        return None;
    }
    let mut r = Reader {
        data: body.strip_prefix(MAGIC)?,
    };
    if r.u32()? as usize != pages {
        return None;
    }
    let mut occupied = Vec::with_capacity(pages);
    for _ in 0..pages {
        let known = r.flag()?;
        let extent = if r.flag()? { Some(r.rect()?) } else { None };
        let count = r.u32()? as usize;
        // Each rectangle is 16 bytes: a count the entry cannot hold is
        // damage, not a reason to reserve memory.
        if count > r.data.len() / 16 {
            return None;
        }
        let near_edges = (0..count).map(|_| r.rect()).collect::<Option<_>>()?;
        occupied.push(Occupied {
            known,
            extent,
            near_edges,
        });
    }
    r.data.is_empty().then_some(occupied)
}

struct Reader<'a> {
    data: &'a [u8],
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.data.split_first_chunk::<N>()?;
        self.data = rest;
        Some(*head)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    fn flag(&mut self) -> Option<bool> {
        match self.take::<1>()? {
            [0] => Some(false),
            [1] => Some(true),
            _ => None,
        }
    }

    fn rect(&mut self) -> Option<Rect> {
        let mut v = [0f32; 4];
        for x in &mut v {
            *x = f32::from_bits(self.u32()?);
            if !x.is_finite() {
                return None;
            }
        }
        Some(Rect {
            x0: v[0],
            y0: v[1],
            x1: v[2],
            y1: v[3],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages() -> Vec<Occupied> {
        vec![
            Occupied {
                known: true,
                extent: Some(Rect {
                    x0: 56.5,
                    y0: 20.25,
                    x1: 540.0,
                    y1: 800.125,
                }),
                near_edges: vec![
                    Rect {
                        x0: 56.5,
                        y0: 20.25,
                        x1: 300.0,
                        y1: 31.0,
                    },
                    Rect {
                        x0: 0.1,
                        y0: 790.0,
                        x1: 595.3,
                        y1: 800.125,
                    },
                ],
            },
            Occupied::default(),
        ]
    }

    #[test]
    fn findings_read_back_as_written() {
        assert_eq!(decode(&encode(&pages()), 2), Some(pages()));
    }

    #[test]
    fn damaged_or_misfitting_findings_are_not_used() {
        let bytes = encode(&pages());
        // Another page count: another document, or another reading of it.
        assert_eq!(decode(&bytes, 3), None);
        // Any byte changed, or the entry cut short.
        for at in [0, MAGIC.len() + 1, bytes.len() / 2, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            assert_eq!(decode(&damaged, 2), None, "byte {at} changed");
        }
        assert_eq!(decode(&bytes[..bytes.len() - 5], 2), None);
        assert_eq!(decode(&[], 2), None);
    }
}
