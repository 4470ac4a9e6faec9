//! Streams left in their files: a report's scanned pages and photos are
//! most of a pack's bytes, its page content, fonts and logos most of the
//! rest, and agendapack never changes them. Rather than hold them in
//! memory from parsing to writing, each (but the tiniest) is noted as an
//! extent of its file (checked, byte for byte, against what the parser
//! read) and copied from the file into the pack when it is written. Peak
//! memory falls from about twice the reports' size to a little more than
//! once, and the build is faster: memory the parser used for one report is
//! reused for the next instead of faulting in fresh pages. Short streams
//! are fingerprinted while in memory, so that repeats are found without
//! reading them again, and read back through a window on their file.

use std::fs::File;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use lopdf::{Document as PdfDocument, Object, ObjectId};

/// Streams smaller than this stay in memory: a few operators, a small
/// dictionary's worth. Everything larger (page content, fonts, logos,
/// scans) is read again from its file when the pack is written: a
/// text-heavy pack's small streams held in memory were about a fifth of
/// its peak heap.
pub const LEAVE_IN_FILE: usize = 256;

/// Streams smaller than this are fingerprinted (BLAKE3) when read, so that
/// finding repeats (the same logo or font in every report) compares
/// fingerprints instead of reading the files again; larger ones are read
/// again only when another stream has the same dictionary and length.
pub const FINGERPRINT_BELOW: usize = 64 * 1024;

/// A document file whose large streams are left in it. It is not kept
/// open: a batch builds several packs of hundreds of documents at once,
/// and a descriptor per document would run into the limit on open files.
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    /// Size and modification time when it was read: a file changed since
    /// is refused when the pack is written, not half copied.
    len: u64,
    modified: Option<SystemTime>,
}

impl SourceFile {
    /// `path`, as `meta` (taken before the file was read) describes it.
    pub fn new(path: PathBuf, meta: &std::fs::Metadata) -> SourceFile {
        SourceFile {
            path,
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }

    /// Opens the file again, failing if it changed since it was read.
    pub fn open(&self) -> io::Result<File> {
        let changed = || {
            io::Error::other(format!(
                "{} changed while the pack was being built; build it again",
                crate::printable::printable_path(&self.path)
            ))
        };
        // A FIFO swapped in since is refused, not waited on.
        let (file, meta) = crate::files::open_regular(&self.path).map_err(|_| changed())?;
        if meta.len() != self.len || meta.modified().ok() != self.modified {
            return Err(changed());
        }
        Ok(file)
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// Where a stream's data lies in a file.
#[derive(Debug, Clone)]
pub struct Extent {
    pub file: Arc<SourceFile>,
    pub offset: u64,
    pub len: u64,
    /// The data's BLAKE3 hash, for data shorter than [`FINGERPRINT_BELOW`].
    pub fingerprint: Option<blake3::Hash>,
}

impl Extent {
    /// The data, from the file opened again.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.read_from(&self.file.open()?, &mut bytes)?;
        Ok(bytes)
    }

    /// Reads the data from `file` (this extent's file, open) into `buf`,
    /// replacing what it held.
    pub fn read_from(&self, file: &File, buf: &mut Vec<u8>) -> io::Result<()> {
        buf.resize(self.len as usize, 0);
        read_exact_at(file, buf, self.offset)
    }
}

/// Streams shorter than [`FINGERPRINT_BELOW`] are read through a window of
/// this many bytes of their file: a report's page content and fonts lie
/// close together, so one read serves dozens of them.
const WINDOW: u64 = 64 * 1024;

/// The file of the extent being copied, kept open while the extents that
/// follow come from the same file (a document's streams come together).
#[derive(Default)]
pub struct OpenFiles {
    current: Option<(Arc<SourceFile>, File)>,
    /// Bytes of the current file read ahead for short streams, and where
    /// in the file they start.
    window: Vec<u8>,
    window_start: u64,
}

impl OpenFiles {
    /// `extent`'s file, open and checked unchanged.
    pub fn file_of(&mut self, extent: &Extent) -> io::Result<&File> {
        let reuse = matches!(&self.current, Some((source, _)) if Arc::ptr_eq(source, &extent.file));
        if !reuse {
            self.current = None;
            self.window.clear();
            self.current = Some((Arc::clone(&extent.file), extent.file.open()?));
        }
        Ok(&self.current.as_ref().expect("just opened").1)
    }

    /// The data of `extent`, a short one, through the window on its file.
    pub fn short_data(&mut self, extent: &Extent) -> io::Result<&[u8]> {
        self.file_of(extent)?;
        let start = self.window_start;
        let end = extent.offset + extent.len;
        if extent.offset < start || end > start + self.window.len() as u64 {
            let want = WINDOW
                .max(extent.len)
                .min(extent.file.len.saturating_sub(extent.offset));
            if want < extent.len {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            // Taken, so a failed read leaves no window behind; cleared,
            // so growing it copies nothing.
            let mut window = std::mem::take(&mut self.window);
            window.clear();
            window.resize(want as usize, 0);
            let file = &self.current.as_ref().expect("opened above").1;
            read_exact_at(file, &mut window, extent.offset)?;
            self.window = window;
            self.window_start = extent.offset;
        }
        let at = (extent.offset - self.window_start) as usize;
        Ok(&self.window[at..at + extent.len as usize])
    }
}

/// Streams of the merged document whose data is left in their files.
pub type Extents = rustc_hash::FxHashMap<ObjectId, Extent>;

/// Finds each large stream of `pdf` in `data`, the file it was parsed from,
/// and empties it, noting where its data lies. A stream is left alone
/// unless its data is found in the file exactly as parsed (so a decrypted
/// or repaired stream stays in memory).
pub fn leave_in_file(pdf: &mut PdfDocument, data: &[u8], file: &Arc<SourceFile>) -> Extents {
    let mut extents = Extents::default();
    if pdf.encryption_state.is_some() || pdf.trailer.has(b"Encrypt") {
        return extents;
    }
    for (&id, object) in pdf.objects.iter_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream.content.len() < LEAVE_IN_FILE {
            continue;
        }
        let Some(lopdf::xref::XrefEntry::Normal { offset, generation }) =
            pdf.reference_table.get(id.0)
        else {
            continue;
        };
        if *generation != id.1 {
            continue;
        }
        let Some(start) = data_start(data, *offset as usize) else {
            continue;
        };
        let len = stream.content.len();
        if data.get(start..start + len) != Some(stream.content.as_slice()) {
            continue;
        }
        let fingerprint = (len < FINGERPRINT_BELOW).then(|| blake3::hash(&stream.content));
        stream.content = Vec::new();
        extents.insert(
            id,
            Extent {
                file: Arc::clone(file),
                offset: start as u64,
                len: len as u64,
                fingerprint,
            },
        );
    }
    extents
}

/// Where the data of the stream object at `offset` starts: after the
/// first `stream` keyword that follows `>>` and ends its line. The object's
/// dictionary comes first; a kilobyte-long one is rare, 64 kB is absurd.
fn data_start(data: &[u8], offset: usize) -> Option<usize> {
    const KEYWORD: &[u8] = b"stream";
    let window = data.get(offset..)?;
    let window = &window[..window.len().min(64 * 1024)];
    let mut from = 0;
    while let Some(at) = find(&window[from..], KEYWORD) {
        let at = from + at;
        let before = window[..at].trim_ascii_end();
        let after = at + KEYWORD.len();
        if before.ends_with(b">>") {
            let eol = match window.get(after..after + 2) {
                Some(b"\r\n") => 2,
                _ => match window.get(after) {
                    Some(b'\n' | b'\r') => 1,
                    _ => 0,
                },
            };
            if eol > 0 {
                return Some(offset + after + eol);
            }
        }
        from = after;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The length of stream `id`'s data, in memory or in its file.
pub fn data_len(extents: &Extents, id: ObjectId, stream: &lopdf::Stream) -> u64 {
    extents
        .get(&id)
        .map_or(stream.content.len() as u64, |e| e.len)
}

/// Stream `id` (`stream` as the document holds it) with its data in
/// memory: read again from its file if it was left there; `None` if the
/// file cannot be read again.
pub fn with_data<'a>(
    extents: &Extents,
    id: ObjectId,
    stream: &'a lopdf::Stream,
) -> Option<std::borrow::Cow<'a, lopdf::Stream>> {
    match extents.get(&id) {
        Some(extent) => {
            let mut copy = stream.clone();
            copy.content = extent.read().ok()?;
            Some(std::borrow::Cow::Owned(copy))
        }
        None => Some(std::borrow::Cow::Borrowed(stream)),
    }
}

/// The BLAKE3 hash of stream `id`'s data, if it is shorter than
/// [`FINGERPRINT_BELOW`]: noted when it was left in its file, or hashed
/// now from memory.
pub fn fingerprint(
    extents: &Extents,
    id: ObjectId,
    stream: &lopdf::Stream,
) -> Option<blake3::Hash> {
    match extents.get(&id) {
        Some(extent) => extent.fingerprint,
        None if stream.content.len() < FINGERPRINT_BELOW => Some(blake3::hash(&stream.content)),
        None => None,
    }
}

/// The data of stream `id` of `pdf`, from memory or from its file (opened
/// through `files`, so a run of streams from one file opens it once).
pub fn content<'a>(
    pdf: &'a PdfDocument,
    extents: &Extents,
    files: &mut OpenFiles,
    id: ObjectId,
) -> io::Result<std::borrow::Cow<'a, [u8]>> {
    match (extents.get(&id), pdf.objects.get(&id)) {
        (Some(extent), _) => {
            let mut bytes = Vec::new();
            extent.read_from(files.file_of(extent)?, &mut bytes)?;
            Ok(std::borrow::Cow::Owned(bytes))
        }
        (None, Some(Object::Stream(stream))) => Ok(std::borrow::Cow::Borrowed(&stream.content)),
        _ => Ok(std::borrow::Cow::Borrowed(&[])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_data_after_the_dictionary() {
        let file = b"1 0 obj\n<< /Title (a stream of) /Length 3 >>\nstream\r\nabc\nendstream";
        let start = data_start(file, 0).unwrap();
        assert_eq!(&file[start..start + 3], b"abc");
        let nested = b"7 0 obj <</A <</B 1>> >>stream\nxyz";
        let start = data_start(nested, 0).unwrap();
        assert_eq!(&nested[start..], b"xyz");
        assert_eq!(data_start(b"7 0 obj << /Length 3 >> streamx", 0), None);
    }
}

#[cfg(test)]
mod file_tests {
    use super::*;
    use crate::write::pdf::write_pdf;
    use lopdf::{Stream, dictionary};

    /// A PDF with one stream too small to leave in its file, one large one
    /// (incompressible, as a scan is), and three short ones between them
    /// (page content, fonts), out of order in the file.
    fn sample(path: &std::path::Path) -> Vec<u8> {
        let mut pdf = PdfDocument::with_version("1.7");
        let mut noise = Vec::with_capacity(100_000);
        let mut x: u32 = 7;
        while noise.len() < 100_000 {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            noise.push((x >> 24) as u8);
        }
        // The data even holds what looks like the end of a stream.
        noise[5000..5019].copy_from_slice(b"\nendstream\nendobj\n\n");
        let big = pdf.add_object(Stream::new(dictionary! {}, noise.clone()));
        let small = pdf.add_object(Stream::new(dictionary! {}, b"small".to_vec()));
        let short: Vec<Object> = [3000, 700, 5000]
            .into_iter()
            .map(|len| {
                let data = noise[len..2 * len].to_vec();
                pdf.add_object(Stream::new(dictionary! {}, data)).into()
            })
            .rev()
            .collect();
        let catalog = pdf.add_object(
            dictionary! { "Type" => "Catalog", "A" => big, "B" => small, "C" => short },
        );
        pdf.trailer.set("Root", catalog);
        pdf.save(path).unwrap();
        noise
    }

    #[test]
    fn large_streams_are_left_in_the_file_and_written_back_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        let noise = sample(&path);
        let data = std::fs::read(&path).unwrap();
        let full = PdfDocument::load_mem(&data).unwrap();
        let mut lean = PdfDocument::load_mem(&data).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        let file = Arc::new(SourceFile::new(path.clone(), &meta));
        let extents = leave_in_file(&mut lean, &data, &file);

        assert_eq!(extents.len(), 4, "all but the small stream");
        for (id, extent) in &extents {
            let stream = full.get_object(*id).unwrap().as_stream().unwrap();
            assert_eq!(extent.read().unwrap(), stream.content);
            // Short data is fingerprinted, long data is not.
            assert_eq!(
                extent.fingerprint,
                (extent.len < FINGERPRINT_BELOW as u64).then(|| blake3::hash(&stream.content))
            );
            assert!(
                lean.get_object(*id)
                    .unwrap()
                    .as_stream()
                    .unwrap()
                    .content
                    .is_empty()
            );
        }
        assert_eq!(
            extents.values().filter(|e| e.fingerprint.is_none()).count(),
            1
        );
        assert!(extents.values().any(|e| e.len == noise.len() as u64));

        let (mut from_file, mut from_memory) = (Vec::new(), Vec::new());
        write_pdf(&lean, &extents, &Default::default(), &mut from_file).unwrap();
        write_pdf(
            &full,
            &Extents::default(),
            &Default::default(),
            &mut from_memory,
        )
        .unwrap();
        assert!(from_file == from_memory, "the same pack either way");
    }

    #[test]
    fn a_file_changed_before_the_pack_is_written_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        sample(&path);
        let data = std::fs::read(&path).unwrap();
        let mut pdf = PdfDocument::load_mem(&data).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        let file = Arc::new(SourceFile::new(path.clone(), &meta));
        let extents = leave_in_file(&mut pdf, &data, &file);
        assert!(file.open().is_ok());

        // Overwritten in place, as `cp` does, shorter than before.
        std::fs::write(&path, &data[..data.len() / 2]).unwrap();
        let err = write_pdf(&pdf, &extents, &Default::default(), &mut Vec::new()).unwrap_err();
        assert!(
            err.to_string()
                .contains("changed while the pack was being built"),
            "{err}"
        );
    }
}
