//! Writing the merged document: small objects packed into compressed object
//! streams (compressed in parallel), streams written straight from memory to
//! the file without a copy, then a cross-reference stream.
//!
//! lopdf's own writer gathers the whole file in one buffer, clones every
//! object it packs and compresses one object stream after another; for a
//! pack that is mostly scanned images this writer costs about a third of the
//! time and none of the memory.

use std::fs::File;
use std::io::{self, Write};

use flate2::Compression;
use lopdf::{Dictionary, Document as PdfDocument, Object, ObjectId, Writer};
use rayon::prelude::*;

use crate::read::extent::{Extent, Extents, FINGERPRINT_BELOW, OpenFiles};
use crate::read::packed::{self, Packed};

/// Objects per object stream: large enough to compress well, small enough
/// to spread over the cores and for a reader to open one object cheaply.
const OBJECTS_PER_STREAM: usize = 200;

/// An object and its number.
type Numbered<'a> = (&'a ObjectId, &'a Object);

/// Where each object ended up, for the cross-reference stream.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    InFile(u64),
    Packed { stream: u32, index: u32 },
}

/// Where the pack is written: a file, or memory.
pub trait Sink: Write {
    /// Appends `extent`'s bytes, read from `file`.
    fn copy_extent(&mut self, extent: &Extent, file: &File) -> io::Result<()>;
}

impl Sink for &mut Vec<u8> {
    fn copy_extent(&mut self, extent: &Extent, file: &File) -> io::Result<()> {
        let mut bytes = Vec::new();
        extent.read_from(file, &mut bytes)?;
        self.extend_from_slice(&bytes);
        Ok(())
    }
}

/// A file being written, through a buffer.
pub struct FileSink<'a> {
    out: io::BufWriter<&'a File>,
    /// Where streams left in their files are read to, one at a time.
    scratch: Vec<u8>,
}

impl<'a> FileSink<'a> {
    pub fn new(file: &'a File) -> Self {
        FileSink {
            out: io::BufWriter::with_capacity(1 << 16, file),
            scratch: Vec::new(),
        }
    }
}

impl Write for FileSink<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl Sink for FileSink<'_> {
    /// Read into one reused buffer and written on. (The kernel's own
    /// file-to-file copy, `copy_file_range`, measured slower here: it moves
    /// the pages through a pipe a few at a time.)
    fn copy_extent(&mut self, extent: &Extent, file: &File) -> io::Result<()> {
        extent.read_from(file, &mut self.scratch)?;
        self.out.write_all(&self.scratch)
    }
}

/// Writes `pdf` to `out`, the data of the streams in `extents` copied from
/// their files; returns the number of bytes written.
pub fn write_pdf(
    pdf: &PdfDocument,
    extents: &Extents,
    packed: &Packed,
    out: impl Sink + Send,
) -> io::Result<u64> {
    // Each file streams are copied from is opened again, and must be as
    // it was read.
    let mut files = OpenFiles::default();
    let mut out = Counting {
        inner: out,
        written: 0,
    };
    let encrypt = pdf
        .trailer
        .get(b"Encrypt")
        .and_then(Object::as_reference)
        .ok();
    let (in_streams, direct): (Vec<Numbered>, Vec<Numbered>) =
        pdf.objects.iter().partition(|&(&id, object)| {
            id.1 == 0 && Some(id) != encrypt && !matches!(object, Object::Stream(_))
        });

    // Number the object streams after every object in the document.
    let mut next_id = pdf
        .max_id
        .max(pdf.objects.keys().map(|id| id.0).max().unwrap_or(0))
        + 1;
    let chunks: Vec<&[Numbered]> = in_streams.chunks(OBJECTS_PER_STREAM).collect();
    let mut entries = vec![Entry::Free; next_id as usize + chunks.len() + 1];
    // The object streams, which come last, are compressed on the other
    // cores while every other object (the streams, their data copied from
    // memory or from their files) is written out in order.
    let (object_streams, written): (Vec<io::Result<Vec<u8>>>, io::Result<()>) = rayon::join(
        || {
            chunks
                .par_iter()
                .map(|chunk| object_stream(chunk, packed))
                .collect()
        },
        || {
            out.write_all(b"%PDF-")?;
            out.write_all(pdf.version.as_bytes())?;
            out.write_all(b"\n%\xe2\xe3\xcf\xd3\n")?;
            let mut head_of = Vec::new();
            for &(&id, object) in &direct {
                entries[id.0 as usize] = Entry::InFile(out.written);
                head_of.clear();
                head(&mut head_of, id, object, extents, packed)?;
                out.write_all(&head_of)?;
                if let Object::Stream(stream) = object {
                    match extents.get(&id) {
                        Some(extent) if extent.len < FINGERPRINT_BELOW as u64 => {
                            out.write_all(files.short_data(extent)?)?
                        }
                        Some(extent) => out.copy_extent(extent, files.file_of(extent)?)?,
                        None => out.write_all(&stream.content)?,
                    }
                    out.write_all(b"\nendstream\nendobj\n")?;
                }
            }
            Ok(())
        },
    );
    written?;
    for (chunk, stream) in chunks.iter().zip(object_streams) {
        let stream_id = next_id;
        next_id += 1;
        for (index, &(&id, _)) in chunk.iter().enumerate() {
            entries[id.0 as usize] = Entry::Packed {
                stream: stream_id,
                index: index as u32,
            };
        }
        entries[stream_id as usize] = Entry::InFile(out.written);
        writeln!(out, "{stream_id} 0 obj")?;
        out.write_all(&stream?)?;
    }

    // The cross-reference stream, numbered last.
    let xref_id = next_id;
    let xref_offset = out.written;
    entries.truncate(xref_id as usize + 1);
    entries[xref_id as usize] = Entry::InFile(xref_offset);
    let width = bytes_needed(xref_offset.max(next_id as u64));
    let mut table = Vec::with_capacity(entries.len() * (1 + width + 2));
    for (number, entry) in entries.iter().enumerate() {
        let (kind, field, generation): (u8, u64, u64) = match *entry {
            Entry::Free if number == 0 => (0, 0, 65535),
            Entry::Free => (0, 0, 0),
            Entry::InFile(offset) => (1, offset, 0),
            Entry::Packed { stream, index } => (2, stream.into(), index.into()),
        };
        table.push(kind);
        table.extend_from_slice(&field.to_be_bytes()[8 - width..]);
        table.extend_from_slice(&generation.to_be_bytes()[6..]);
    }
    // Compressed by a worker, with the compressor it already has: one
    // made for this thread would be the largest thing allocated while
    // every object is still in memory.
    let table = rayon::scope(|_| deflate(&table))?;
    let mut trailer = Dictionary::new();
    for key in [b"Root".as_slice(), b"Info", b"ID", b"Encrypt"] {
        if let Ok(value) = pdf.trailer.get(key) {
            trailer.set(key, value.clone());
        }
    }
    trailer.set("Type", Object::Name(b"XRef".to_vec()));
    trailer.set("Size", i64::from(xref_id) + 1);
    trailer.set(
        "W",
        Object::Array(vec![1.into(), (width as i64).into(), 2.into()]),
    );
    trailer.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    trailer.set("Length", table.len() as i64);
    writeln!(out, "{xref_id} 0 obj")?;
    Writer::write_object(&mut out, &Object::Dictionary(trailer))?;
    out.write_all(b"\nstream\n")?;
    out.write_all(&table)?;
    write!(
        out,
        "\nendstream\nendobj\nstartxref\n{xref_offset}\n%%EOF\n"
    )?;
    out.flush()?;
    Ok(out.written)
}

/// The start of an object written directly in the file, into `out`: for a
/// stream, up to its data; for anything else, the whole object.
fn head(
    out: &mut Vec<u8>,
    id: ObjectId,
    object: &Object,
    extents: &Extents,
    packed: &Packed,
) -> io::Result<()> {
    writeln!(out, "{} {} obj", id.0, id.1)?;
    match object {
        Object::Stream(stream) => {
            let len = crate::read::extent::data_len(extents, id, stream);
            let mut dict = stream.dict.clone();
            dict.set("Length", len as i64);
            Writer::write_object(out, &Object::Dictionary(dict))?;
            out.extend_from_slice(b"\nstream\n");
        }
        other => {
            packed::write_object(out, packed, id, other)?;
            out.extend_from_slice(b"\nendobj\n");
        }
    }
    Ok(())
}

/// One object stream, ready to write after its `N 0 obj` line (which the
/// caller writes, as only it knows N): dictionary, compressed data, end.
fn object_stream(chunk: &[Numbered], packed: &Packed) -> io::Result<Vec<u8>> {
    let mut header = Vec::new();
    let mut body = Vec::new();
    for &(&id, object) in chunk {
        write!(header, "{} {} ", id.0, body.len())?;
        packed::write_object(&mut body, packed, id, object)?;
        body.push(b'\n');
    }
    let first = header.len();
    header.extend_from_slice(&body);
    let data = deflate(&header)?;
    let dict = Dictionary::from_iter([
        ("Type", Object::Name(b"ObjStm".to_vec())),
        ("N", Object::Integer(chunk.len() as i64)),
        ("First", Object::Integer(first as i64)),
        ("Filter", Object::Name(b"FlateDecode".to_vec())),
        ("Length", Object::Integer(data.len() as i64)),
    ]);
    let mut out = Vec::with_capacity(data.len() + 128);
    Writer::write_object(&mut out, &Object::Dictionary(dict))?;
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    Ok(out)
}

/// `data`, zlib-compressed (FlateDecode).
///
/// Each thread keeps one compressor and resets it for the next stream
/// (the same output as a new one): setting up zlib-rs's tables costs more
/// than compressing an object stream of a few kilobytes, and a pack
/// compresses dozens.
pub(crate) fn deflate(data: &[u8]) -> io::Result<Vec<u8>> {
    use flate2::{Compress, FlushCompress, Status};
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Compress> =
            std::cell::RefCell::new(Compress::new(Compression::new(6), true));
    }
    COMPRESSOR.with(|compressor| {
        let mut compressor = compressor.borrow_mut();
        compressor.reset();
        let mut out = Vec::with_capacity(data.len() / 4 + 64);
        loop {
            let read = compressor.total_in() as usize;
            if out.len() == out.capacity() {
                out.reserve(out.capacity().max(1024));
            }
            match compressor.compress_vec(&data[read..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return Ok(out),
                Ok(_) => continue,
                Err(e) => return Err(io::Error::other(e)),
            }
        }
    })
}

/// Bytes needed to write `n` big-endian.
fn bytes_needed(n: u64) -> usize {
    (((64 - n.leading_zeros()) as usize).div_ceil(8)).max(1)
}

/// A writer that counts what went through it: the offsets of the
/// cross-reference table.
struct Counting<W: Write> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Sink> Sink for Counting<W> {
    fn copy_extent(&mut self, extent: &Extent, file: &File) -> io::Result<()> {
        self.inner.copy_extent(extent, file)?;
        self.written += extent.len;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    /// Every object reads back as it was: packed ones from several object
    /// streams, streams, and one whose generation keeps it out of them.
    #[test]
    fn objects_read_back_unchanged() {
        let mut pdf = PdfDocument::with_version("1.7");
        let pages = pdf.new_object_id();
        let page = pdf.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        pdf.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let mut numbers = Vec::new();
        for i in 0..(OBJECTS_PER_STREAM * 2 + 50) {
            numbers.push(pdf.add_object(dictionary! {
                "N" => i as i64,
                "Name" => Object::string_literal(format!("object ({i})")),
                "Real" => 0.5,
            }));
        }
        let stream = pdf.add_object(Stream::new(
            dictionary! { "Length" => 1 },
            b"\x00binary\xffdata\nendstream".to_vec(),
        ));
        let old = (pdf.max_id + 1, 1);
        pdf.objects
            .insert(old, Object::Array(vec![Object::Boolean(true)]));
        pdf.max_id += 1;
        let catalog = pdf.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        pdf.trailer.set("Root", catalog);

        let mut bytes = Vec::new();
        let written = write_pdf(&pdf, &Extents::default(), &Packed::default(), &mut bytes).unwrap();
        assert_eq!(written, bytes.len() as u64);
        let back = PdfDocument::load_mem(&bytes).unwrap();
        for id in numbers.iter().chain([&page, &pages, &catalog, &old]) {
            assert_eq!(back.get_object(*id).unwrap(), &pdf.objects[id], "{id:?}");
        }
        let read = back.get_object(stream).unwrap().as_stream().unwrap();
        assert_eq!(read.content, b"\x00binary\xffdata\nendstream");
        assert_eq!(back.get_pages().len(), 1);
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(
            text.matches("/Type/ObjStm").count(),
            3,
            "three object streams"
        );
        assert!(!text.contains("object (3)"), "small objects are compressed");
    }

    #[test]
    fn offsets_get_the_bytes_they_need() {
        assert_eq!(bytes_needed(0), 1);
        assert_eq!(bytes_needed(255), 1);
        assert_eq!(bytes_needed(256), 2);
        assert_eq!(bytes_needed(27_000_000), 4);
        assert_eq!(bytes_needed(5_000_000_000), 5);
    }
}
