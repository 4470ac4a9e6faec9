//! Page content that viewers would stop drawing part way through: corrupt
//! or cut-short compressed data, bad hex data, an unterminated string or
//! array, binary garbage among the operators. A viewer stops at the damage,
//! so the "Page N" stamp drawn after the page's own content would never
//! show. Each damaged content stream is cut after its last whole operator,
//! what it left open (text objects, saved graphics states, marked content)
//! is closed, and it is stored again, compressed, with a warning naming the
//! page. Pages whose content is gone altogether are named too.

use std::collections::HashMap;

use lopdf::{Document as PdfDocument, Object, ObjectId, Stream};

use super::clearance::{is_delimiter, is_white, regular_end};

/// The most one content stream may inflate to be checked; a larger one
/// (a detailed map, or a bomb) is left as it is, for viewers to judge.
const MAX_CONTENT_BYTES: usize = 64 << 20;

/// The most content checked in one document: its pages beyond are left as
/// they are, so that thousands of bombs cannot keep a build inflating.
const MAX_CHECKED_BYTES: usize = 512 << 20;

/// Repairs the content streams of `pages` (all the document's pages, in
/// order), and of the forms they draw, returning a warning for each page
/// whose content was damaged.
pub fn repair_page_contents(
    pdf: &mut PdfDocument,
    pages: &[ObjectId],
) -> (Vec<String>, SharedContent) {
    // The decoding and reading, worked out first over all the cores; the
    // pages are then gone through in order as if nothing had been, each
    // check's result used only where it was worked out from the same
    // start (so a result never depends on how the work was shared out).
    let mut checked = check_all(pdf, pages);
    let mut warnings = Vec::new();
    let mut shared = SharedContent::default();
    // A stream shared by several pages is repaired once, with what the
    // first page using it left open.
    let mut repaired: HashMap<ObjectId, Repaired> = HashMap::new();
    let mut budget = MAX_CHECKED_BYTES;
    for (index, &page) in pages.iter().enumerate() {
        let at = |what: String| format!("page {} of its {}: {what}", index + 1, pages.len());
        let (streams, missing) = content_streams(pdf, page);
        let mut state = State::default();
        let mut damage: Option<Damage> = (missing > 0).then_some(Damage::Missing);
        let mut kept = false;
        for &id in &streams {
            let outcome = match repaired.get(&id) {
                Some(earlier) => *earlier,
                None => {
                    let pre = checked.remove(&id);
                    repair_stream(pdf, id, &mut state, &mut budget, &mut shared, pre)
                }
            };
            repaired.insert(id, outcome);
            damage = damage.or(outcome.damage);
            kept |= outcome.kept;
        }
        if let Some(damage) = damage {
            // Close what the cut left open, at the end of the page's content.
            if let Some(&last) = streams.last() {
                shared.streams.remove(&last);
                close(pdf, last, &state);
            }
            warnings.push(at(if kept {
                format!(
                    "content was damaged ({}); what could be read is kept, the rest was lost",
                    damage.describe()
                )
            } else {
                "content could not be read and was lost".to_string()
            }));
        }
        // Forms the page draws: a damaged one stops only itself, but is
        // repaired the same way so that it, too, draws cleanly.
        for (name, id) in forms(pdf, page) {
            if repaired.contains_key(&id) {
                continue;
            }
            let mut state = State::default();
            let pre = checked.remove(&id);
            let outcome = repair_stream(pdf, id, &mut state, &mut budget, &mut shared, pre);
            repaired.insert(id, outcome);
            if let Some(damage) = outcome.damage {
                shared.streams.remove(&id);
                close(pdf, id, &state);
                warnings.push(at(format!(
                    "the content of the form /{name} it shows was damaged ({}); what could be read is kept",
                    damage.describe()
                )));
            }
        }
    }
    (warnings, shared)
}

/// Content streams decoded here and left as they were, kept so that
/// reading them again (for where the page draws, `clearance`) need not
/// inflate them again. Only streams whose decoding is plainly the same as
/// lopdf's are kept (no filter, or one `/FlateDecode` with no parameters,
/// read as zlib data to its end), each followed by a newline, within
/// [`MAX_SHARED_BYTES`].
#[derive(Default)]
pub struct SharedContent {
    pub streams: HashMap<ObjectId, Vec<u8>>,
    bytes: usize,
}

/// The most decoded content kept for sharing per document.
const MAX_SHARED_BYTES: usize = 64 << 20;

/// Whether `stream` decodes here exactly as lopdf decodes it.
fn plainly_decoded(stream: &Stream) -> bool {
    if stream.dict.has(b"DecodeParms") {
        return false;
    }
    match stream.dict.get(b"Filter") {
        Err(_) => true,
        Ok(Object::Name(name)) => name == b"FlateDecode",
        Ok(Object::Array(names)) => {
            matches!(names.as_slice(), [Object::Name(name)] if name == b"FlateDecode")
        }
        Ok(_) => false,
    }
}

/// What repairing one content stream found.
#[derive(Debug, Clone, Copy, Default)]
struct Repaired {
    damage: Option<Damage>,
    /// Whether any of its operators were kept.
    kept: bool,
}

/// What checking one content stream found, from a given start.
struct Checked {
    /// What was open before it, and after it.
    start: State,
    end: State,
    /// Its decoded size, taken from the document's budget.
    size: usize,
    /// Too large to check: left as it is.
    too_large: bool,
    damage: Option<Damage>,
    /// Where a damaged stream is cut.
    cut: usize,
    kept: bool,
    /// Its decoded data, if it may be shared with `clearance` (decoded
    /// exactly as lopdf decodes it) and was kept.
    shareable: Option<Vec<u8>>,
}

/// Decodes and reads `stream`, starting from `state` (left as after it).
fn check(stream: &Stream, state: &mut State) -> Checked {
    let start = state.clone();
    // Shared only if read as zlib data to its end (lopdf's fallback to
    // raw deflate differs from ours).
    let plain = plainly_decoded(stream);
    let flate = plain && stream.dict.has(b"Filter");
    let (decoded, shareable) = match flate.then(|| inflate_with(&stream.content, true)) {
        Some(zlib) if zlib.damage.is_none() => (zlib, true),
        _ => (decode(stream), plain && !flate),
    };
    let size = decoded.data.len();
    if decoded.damage == Some(Damage::TooLarge) {
        return Checked {
            end: start.clone(),
            start,
            size,
            too_large: true,
            damage: None,
            cut: 0,
            kept: true,
            shareable: None,
        };
    }
    let scanned = scan(&decoded.data, state);
    let damage = decoded.damage.or(scanned.damage);
    let cut = if decoded.damage.is_some() {
        scanned.last_good
    } else {
        scanned.end
    };
    Checked {
        start,
        end: state.clone(),
        size,
        too_large: false,
        damage,
        cut,
        kept: scanned.last_good > 0,
        shareable: (damage.is_none() && shareable).then_some(decoded.data),
    }
}

/// Checks, over all the cores, every content stream and form of `pages`
/// in the order and from the state the pages' reading would: a page's
/// streams one after another, each form from nothing open. A stream met
/// again (shared by pages) is checked where first met. Checking stops once
/// the document's budget of decoded bytes is spent, and decoded data is
/// kept for sharing only up to [`MAX_SHARED_BYTES`]: the pages' reading
/// does the rest.
fn check_all(pdf: &PdfDocument, pages: &[ObjectId]) -> HashMap<ObjectId, Checked> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    // Runs of streams read one after another: a page's content, or a form.
    let mut seen = std::collections::HashSet::new();
    let mut runs: Vec<Vec<ObjectId>> = Vec::new();
    for &page in pages {
        let (streams, _) = content_streams(pdf, page);
        let run: Vec<ObjectId> = streams.into_iter().filter(|&id| seen.insert(id)).collect();
        if !run.is_empty() {
            runs.push(run);
        }
        for (_, id) in forms(pdf, page) {
            if seen.insert(id) {
                runs.push(vec![id]);
            }
        }
    }
    let decoded = AtomicUsize::new(0);
    let kept = AtomicUsize::new(0);
    runs.par_iter()
        .map(|run| {
            let mut state = State::default();
            let mut found = Vec::with_capacity(run.len());
            for &id in run {
                if decoded.load(Ordering::Relaxed) >= MAX_CHECKED_BYTES {
                    break;
                }
                let Ok(Object::Stream(stream)) = pdf.get_object(id) else {
                    continue;
                };
                let mut checked = check(stream, &mut state);
                decoded.fetch_add(checked.size, Ordering::Relaxed);
                if let Some(data) = &checked.shareable
                    && kept.fetch_add(data.len(), Ordering::Relaxed) + data.len() > MAX_SHARED_BYTES
                {
                    checked.shareable = None;
                }
                found.push((id, checked));
            }
            found
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

/// Repairs content stream `id`, read with `state` (what is open before
/// it): cut after its last whole operator if damaged. Its decoded size is
/// taken from `budget`; once that is spent, streams are left unchecked.
/// `pre` is what [`check_all`] found, used if it started from `state`.
fn repair_stream(
    pdf: &mut PdfDocument,
    id: ObjectId,
    state: &mut State,
    budget: &mut usize,
    shared: &mut SharedContent,
    pre: Option<Checked>,
) -> Repaired {
    let unchecked = Repaired {
        damage: None,
        kept: true,
    };
    let Ok(Object::Stream(stream)) = pdf.get_object(id) else {
        return Repaired::default();
    };
    if *budget == 0 {
        return unchecked;
    }
    let checked = match pre {
        Some(pre) if pre.start == *state => {
            *state = pre.end.clone();
            pre
        }
        _ => check(stream, state),
    };
    *budget = budget.saturating_sub(checked.size);
    if checked.too_large {
        return unchecked;
    }
    if checked.damage.is_some() {
        let mut data = decode(stream).data;
        data.truncate(checked.cut);
        replace(pdf, id, data);
    } else if let Some(mut data) = checked.shareable
        && shared.bytes + data.len() < MAX_SHARED_BYTES
    {
        shared.bytes += data.len() + 1;
        data.push(b'\n');
        shared.streams.insert(id, data);
    }
    Repaired {
        damage: checked.damage,
        kept: checked.kept,
    }
}

/// Appends to stream `id` the operators closing what `state` has open.
fn close(pdf: &mut PdfDocument, id: ObjectId, state: &State) {
    let closers = state.closers();
    if closers.is_empty() {
        return;
    }
    if let Ok(Object::Stream(stream)) = pdf.get_object(id) {
        let mut data = decode(stream).data;
        data.extend_from_slice(&closers);
        replace(pdf, id, data);
    }
}

/// The form XObjects in `page`'s resources, by name.
fn forms(pdf: &PdfDocument, page: ObjectId) -> Vec<(String, ObjectId)> {
    let Ok((direct, referenced)) = pdf.get_page_resources(page) else {
        return Vec::new();
    };
    let resources = direct.or_else(|| {
        referenced
            .first()
            .and_then(|&id| pdf.get_dictionary(id).ok())
    });
    let Some(xobjects) = resources
        .and_then(|r| r.get(b"XObject").ok())
        .and_then(|x| pdf.dereference(x).ok())
        .and_then(|(_, x)| x.as_dict().ok())
    else {
        return Vec::new();
    };
    xobjects
        .iter()
        .filter_map(|(name, object)| {
            let id = object.as_reference().ok()?;
            let stream = pdf.get_object(id).ok()?.as_stream().ok()?;
            let form = stream.dict.get(b"Subtype").ok()?.as_name().ok()? == b"Form";
            form.then(|| (String::from_utf8_lossy(name).into_owned(), id))
        })
        .collect()
}

/// The content streams of `page`, in order, and how many it names that
/// are missing or are not streams.
pub(crate) fn content_streams(pdf: &PdfDocument, page: ObjectId) -> (Vec<ObjectId>, usize) {
    let Ok(contents) = pdf.get_dictionary(page).and_then(|d| d.get(b"Contents")) else {
        return (Vec::new(), 0);
    };
    let refs: Vec<&Object> = match contents {
        Object::Reference(id) => match pdf.get_object(*id) {
            Ok(Object::Array(items)) => items.iter().collect(),
            _ => vec![contents],
        },
        Object::Array(items) => items.iter().collect(),
        Object::Null => Vec::new(),
        other => vec![other],
    };
    let mut streams = Vec::new();
    let mut missing = 0;
    for object in refs {
        match object {
            Object::Reference(id) if matches!(pdf.get_object(*id), Ok(Object::Stream(_))) => {
                streams.push(*id)
            }
            _ => missing += 1,
        }
    }
    (streams, missing)
}

/// Stores `data` as stream `id`'s content, compressed.
fn replace(pdf: &mut PdfDocument, id: ObjectId, data: Vec<u8>) {
    let compressed = crate::write::pdf::deflate(&data).unwrap_or_default();
    if let Ok(Object::Stream(stream)) = pdf.get_object_mut(id) {
        stream.dict.remove(b"DecodeParms");
        stream.dict.remove(b"DL");
        stream
            .dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(compressed);
    }
}

/// What was wrong with a content stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Damage {
    /// Named by the page but missing from the file.
    Missing,
    /// Its compressed or encoded data is corrupt or cut short.
    Encoding,
    /// Its filter could not be applied at all.
    Unreadable,
    /// A string, array or dictionary is never closed, or closed unopened.
    Unclosed,
    /// Bytes that are not content syntax.
    Garbage,
    /// Not damage: too large to check, so left as it is.
    TooLarge,
}

impl Damage {
    fn describe(self) -> &'static str {
        match self {
            Damage::Missing => "part of it is missing from the file",
            Damage::Encoding => "its compressed data is corrupt or cut short",
            Damage::Unreadable => "its data could not be decoded",
            Damage::Unclosed => "a string or array in it is never closed",
            Damage::Garbage => "it holds bytes that are not page content",
            Damage::TooLarge => "it is too large to check",
        }
    }
}

struct Decoded {
    data: Vec<u8>,
    damage: Option<Damage>,
}

/// The decoded content of `stream`: as much as decodes, and whether the
/// rest did not.
fn decode(stream: &Stream) -> Decoded {
    let filters: Vec<Vec<u8>> = match stream.dict.get(b"Filter") {
        Ok(Object::Name(name)) => vec![name.clone()],
        Ok(Object::Array(names)) => names
            .iter()
            .filter_map(|n| n.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    let mut data = stream.content.clone();
    for (i, filter) in filters.iter().enumerate() {
        let step = match filter.as_slice() {
            b"FlateDecode" | b"Fl" if !has_predictor(stream, i) => inflate(&data),
            b"ASCIIHexDecode" | b"AHx" => unhex(&data),
            _ => {
                // Others (and the rest of the chain) as lopdf decodes them.
                let rest = Object::Array(
                    filters[i..]
                        .iter()
                        .map(|f| Object::Name(f.clone()))
                        .collect(),
                );
                let mut dict = stream.dict.clone();
                dict.set("Filter", rest);
                return match Stream::new(dict, data)
                    .decompressed_content_with_limit(MAX_CONTENT_BYTES)
                {
                    Ok(data) => Decoded { data, damage: None },
                    Err(lopdf::Error::Decompress(
                        lopdf::DecompressError::MemoryLimitExceeded { .. },
                    )) => Decoded {
                        data: Vec::new(),
                        damage: Some(Damage::TooLarge),
                    },
                    Err(_) => Decoded {
                        data: Vec::new(),
                        damage: Some(Damage::Unreadable),
                    },
                };
            }
        };
        data = step.data;
        if step.damage.is_some() {
            return Decoded {
                data,
                damage: step.damage,
            };
        }
    }
    Decoded { data, damage: None }
}

/// Whether the `index`th filter of `stream` has a PNG or TIFF predictor.
fn has_predictor(stream: &Stream, index: usize) -> bool {
    let parms = match stream.dict.get(b"DecodeParms") {
        Ok(Object::Array(all)) => all.get(index),
        Ok(one) => Some(one),
        Err(_) => None,
    };
    parms
        .and_then(|p| p.as_dict().ok())
        .and_then(|d| d.get(b"Predictor").ok())
        .and_then(|p| p.as_i64().ok())
        .is_some_and(|p| p > 1)
}

/// Inflates `data` (zlib, or raw deflate as some writers make), keeping
/// what inflates before any corruption or the end of the data.
fn inflate(data: &[u8]) -> Decoded {
    let zlib = inflate_with(data, true);
    if zlib.damage.is_some() && zlib.data.is_empty() {
        let raw = inflate_with(data, false);
        if raw.damage.is_none() || !raw.data.is_empty() {
            return raw;
        }
    }
    zlib
}

fn inflate_with(data: &[u8], zlib_header: bool) -> Decoded {
    use flate2::{Decompress, FlushDecompress, Status};
    let mut inflater = Decompress::new(zlib_header);
    let mut out = Vec::with_capacity(data.len() * 4);
    loop {
        if out.len() >= MAX_CONTENT_BYTES {
            return Decoded {
                data: out,
                damage: Some(Damage::TooLarge),
            };
        }
        out.reserve(out.len().max(64 * 1024).min(MAX_CONTENT_BYTES - out.len()));
        let read = inflater.total_in() as usize;
        let before = out.len();
        let status = inflater.decompress_vec(&data[read..], &mut out, FlushDecompress::None);
        let progressed = inflater.total_in() as usize > read || out.len() > before;
        match status {
            Ok(Status::StreamEnd) => {
                return Decoded {
                    data: out,
                    damage: None,
                };
            }
            Ok(_) if progressed => continue,
            // Stuck: the data ends before the compressed stream does.
            Ok(_) | Err(_) => {
                return Decoded {
                    data: out,
                    damage: Some(Damage::Encoding),
                };
            }
        }
    }
}

/// Decodes ASCII hex up to `>`, stopping at the first byte that is neither
/// a hex digit nor white space.
fn unhex(data: &[u8]) -> Decoded {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high: Option<u8> = None;
    for &b in data {
        let digit = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            b'>' => break,
            _ if is_white(b) => continue,
            _ => {
                return Decoded {
                    data: out,
                    damage: Some(Damage::Encoding),
                };
            }
        };
        match high.take() {
            Some(h) => out.push(h << 4 | digit),
            None => high = Some(digit),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    Decoded {
        data: out,
        damage: None,
    }
}

/// What is open at a point in a page's content.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct State {
    saves: usize,
    text: bool,
    marked: usize,
    compatibility: usize,
}

impl State {
    /// Operators that close what is open, innermost first.
    fn closers(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.text {
            out.extend_from_slice(b"\nET");
        }
        for _ in 0..self.marked {
            out.extend_from_slice(b"\nEMC");
        }
        for _ in 0..self.saves {
            out.extend_from_slice(b"\nQ");
        }
        if !out.is_empty() {
            out.push(b'\n');
        }
        out
    }

    fn apply(&mut self, operator: &[u8]) {
        match operator {
            b"q" => self.saves += 1,
            b"Q" => self.saves = self.saves.saturating_sub(1),
            b"BT" => self.text = true,
            b"ET" => self.text = false,
            b"BMC" | b"BDC" => self.marked += 1,
            b"EMC" => self.marked = self.marked.saturating_sub(1),
            b"BX" => self.compatibility += 1,
            b"EX" => self.compatibility = self.compatibility.saturating_sub(1),
            _ => {}
        }
    }
}

/// The result of reading a content stream's syntax.
struct Scanned {
    /// Just after the last whole operator read before any damage.
    last_good: usize,
    /// Where to cut: `last_good` if damaged, else the whole stream.
    end: usize,
    damage: Option<Damage>,
}

/// The content operators of PDF 2.0 (a `match`: the compiler dispatches
/// on length and bytes instead of comparing against each in turn).
fn is_operator(token: &[u8]) -> bool {
    matches!(
        token,
        b"b" | b"B"
            | b"b*"
            | b"B*"
            | b"BDC"
            | b"BI"
            | b"BMC"
            | b"BT"
            | b"BX"
            | b"c"
            | b"cm"
            | b"CS"
            | b"cs"
            | b"d"
            | b"d0"
            | b"d1"
            | b"Do"
            | b"DP"
            | b"EI"
            | b"EMC"
            | b"ET"
            | b"EX"
            | b"f"
            | b"F"
            | b"f*"
            | b"G"
            | b"g"
            | b"gs"
            | b"h"
            | b"i"
            | b"ID"
            | b"j"
            | b"J"
            | b"K"
            | b"k"
            | b"l"
            | b"m"
            | b"M"
            | b"MP"
            | b"n"
            | b"q"
            | b"Q"
            | b"re"
            | b"RG"
            | b"rg"
            | b"ri"
            | b"s"
            | b"S"
            | b"SC"
            | b"sc"
            | b"SCN"
            | b"scn"
            | b"sh"
            | b"T*"
            | b"Tc"
            | b"Td"
            | b"TD"
            | b"Tf"
            | b"Tj"
            | b"TJ"
            | b"TL"
            | b"Tm"
            | b"Tr"
            | b"Ts"
            | b"Tw"
            | b"Tz"
            | b"v"
            | b"w"
            | b"W"
            | b"W*"
            | b"y"
            | b"'"
            | b"\""
    )
}

/// Reads `data`'s syntax, token by token, applying each operator to
/// `state`, up to the end or the first damage.
fn scan(data: &[u8], state: &mut State) -> Scanned {
    let mut at = 0;
    let mut last_good = 0;
    // Open arrays (`[`) and dictionaries (`<`).
    let mut open: Vec<u8> = Vec::new();
    let damaged = |damage, last_good| Scanned {
        last_good,
        end: last_good,
        damage: Some(damage),
    };
    while at < data.len() {
        let b = data[at];
        match b {
            _ if is_white(b) => at += 1,
            b'%' => {
                while at < data.len() && !matches!(data[at], b'\n' | b'\r') {
                    at += 1;
                }
            }
            b'(' => match literal_string_end(data, at) {
                Some(end) => at = end,
                None => return damaged(Damage::Unclosed, last_good),
            },
            b'<' if data.get(at + 1) == Some(&b'<') => {
                open.push(b'<');
                at += 2;
            }
            b'<' => {
                let mut end = at + 1;
                while end < data.len() && (data[end].is_ascii_hexdigit() || is_white(data[end])) {
                    end += 1;
                }
                if data.get(end) != Some(&b'>') {
                    return damaged(Damage::Garbage, last_good);
                }
                at = end + 1;
            }
            b'>' if data.get(at + 1) == Some(&b'>') && open.last() == Some(&b'<') => {
                open.pop();
                at += 2;
            }
            b'[' => {
                open.push(b'[');
                at += 1;
            }
            b']' if open.last() == Some(&b'[') => {
                open.pop();
                at += 1;
            }
            b'/' => at = regular_end(data, at + 1),
            _ if is_delimiter(b) => return damaged(Damage::Unclosed, last_good),
            _ => {
                let start = at;
                at = regular_end(data, at);
                let token = &data[start..at];
                if token
                    .iter()
                    .all(|c| matches!(c, b'0'..=b'9' | b'+' | b'-' | b'.'))
                    || matches!(token, b"true" | b"false" | b"null")
                {
                    continue;
                }
                if !open.is_empty() {
                    return damaged(Damage::Unclosed, last_good);
                }
                // An unknown operator is garbage (corrupt data often
                // inflates to some), unless in a compatibility section.
                if !is_operator(token) && state.compatibility == 0 {
                    return damaged(Damage::Garbage, last_good);
                }
                if token == b"BI" {
                    match inline_image_end(data, at) {
                        Some(end) => at = end,
                        None => return damaged(Damage::Unclosed, last_good),
                    }
                }
                state.apply(token);
                last_good = at;
            }
        }
    }
    if !open.is_empty() {
        return damaged(Damage::Unclosed, last_good);
    }
    Scanned {
        last_good,
        end: data.len(),
        damage: None,
    }
}

/// Just after the `)` closing the literal string opened at `start`.
fn literal_string_end(data: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = start;
    while at < data.len() {
        match data[at] {
            b'\\' => at += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// Just after the `EI` ending the inline image whose `BI` ends at `from`:
/// its data follows `ID` and one white-space byte, and `EI` stands alone.
fn inline_image_end(data: &[u8], from: usize) -> Option<usize> {
    let id = from + super::limits::find(&data[from..], b"ID")?;
    let mut at = id + 3;
    while at + 2 <= data.len() {
        let found = at + super::limits::find(&data[at..], b"EI")?;
        let before = found.checked_sub(1).map(|i| data[i]);
        let after = data.get(found + 2).copied();
        if before.is_some_and(is_white) && after.is_none_or(|b| is_white(b) || is_delimiter(b)) {
            return Some(found + 2);
        }
        at = found + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn cut(content: &[u8]) -> (String, Option<Damage>, Vec<u8>) {
        let mut state = State::default();
        let s = scan(content, &mut state);
        (
            String::from_utf8_lossy(&content[..s.end]).into_owned(),
            s.damage,
            state.closers(),
        )
    }

    #[test]
    fn whole_content_is_left_alone() {
        let content = b"q 1 0 0 1 0 0 cm BT /F1 12 Tf (a (nested) \\) string) Tj [(x) -2 (y)] TJ ET Q BI /W 2 /H 1 ID \x00EI\xff EI % c\n";
        let (kept, damage, closers) = cut(content);
        assert_eq!(kept.as_bytes(), String::from_utf8_lossy(content).as_bytes());
        assert_eq!(damage, None);
        assert!(closers.is_empty());
    }

    #[test]
    fn an_unterminated_string_is_cut_and_what_it_left_open_closed() {
        let (kept, damage, closers) = cut(b"q BT /F1 12 Tf 10 10 Td (never closed Tj ET Q");
        assert_eq!(kept, "q BT /F1 12 Tf 10 10 Td");
        assert_eq!(damage, Some(Damage::Unclosed));
        assert_eq!(closers, b"\nET\nQ\n");
    }

    #[test]
    fn garbage_and_open_arrays_are_cut() {
        assert_eq!(cut(b"0 0 m 1 1 l S \x89\xfe\x01 f").0, "0 0 m 1 1 l S");
        assert_eq!(cut(b"q [1 2 3 re Q").0, "q");
        assert_eq!(cut(b"BT <41ZZ> Tj ET").0, "BT");
        assert_eq!(cut(b"q 1 0 0 1 0 0 cm 23yy5 13e f Q").0, "q 1 0 0 1 0 0 cm");
        // Unknown operators are allowed between BX and EX.
        assert_eq!(cut(b"BX foo EX").1, None);
    }

    /// A document whose pages have the content streams `pages` lists (by
    /// index into `streams`).
    fn document(streams: &[&[u8]], pages: &[&[usize]]) -> (PdfDocument, Vec<ObjectId>) {
        use lopdf::dictionary;
        let mut pdf = PdfDocument::with_version("1.7");
        let ids: Vec<ObjectId> = streams
            .iter()
            .map(|data| pdf.add_object(Stream::new(dictionary! {}, data.to_vec())))
            .collect();
        let tree = pdf.new_object_id();
        let page_ids: Vec<ObjectId> = pages
            .iter()
            .map(|uses| {
                let contents: Vec<Object> = uses.iter().map(|&i| ids[i].into()).collect();
                pdf.add_object(dictionary! {
                    "Type" => "Page",
                    "Parent" => tree,
                    "Contents" => contents,
                })
            })
            .collect();
        let kids: Vec<Object> = page_ids.iter().map(|&id| id.into()).collect();
        pdf.objects.insert(
            tree,
            dictionary! { "Type" => "Pages", "Count" => kids.len() as i64, "Kids" => kids }.into(),
        );
        (pdf, page_ids)
    }

    fn content(pdf: &PdfDocument, page: ObjectId) -> Vec<u8> {
        let (streams, _) = content_streams(pdf, page);
        streams
            .iter()
            .flat_map(|&id| decode(pdf.get_object(id).unwrap().as_stream().unwrap()).data)
            .collect()
    }

    #[test]
    fn a_page_is_read_across_its_streams_and_a_shared_stream_once() {
        // Stream 0 leaves a saved state and a text object open for stream
        // 1, which is cut short; stream 1 is shared by the second page,
        // which reads on from nothing open.
        let streams: [&[u8]; 4] = [b"q BT /F1 9 Tf", b"(a) Tj (cut", b"0 0 m 9 9 l S", b"ET Q"];
        let (mut pdf, pages) = document(&streams, &[&[0, 1], &[1, 2], &[3]]);
        let (warnings, shared) = repair_page_contents(&mut pdf, &pages);
        assert_eq!(
            warnings,
            [
                "page 1 of its 3: content was damaged (a string or array in it is never closed); what could be read is kept, the rest was lost",
                "page 2 of its 3: content was damaged (a string or array in it is never closed); what could be read is kept, the rest was lost",
            ]
        );
        // Cut after its last whole operator, what page 1 left open closed.
        assert_eq!(content(&pdf, pages[0]), b"q BT /F1 9 Tf(a) Tj\nET\nQ\n");
        // Page 3's "ET Q", with nothing open before it, is still whole:
        // what page 1 left open does not carry over.
        assert_eq!(content(&pdf, pages[2]), b"ET Q");
        // Undamaged streams are kept decoded for `clearance`; cut ones, and
        // the last of a damaged page, not.
        let ids: Vec<ObjectId> = pages
            .iter()
            .flat_map(|&p| content_streams(&pdf, p).0)
            .collect();
        let kept: Vec<bool> = ids
            .iter()
            .map(|id| shared.streams.contains_key(id))
            .collect();
        assert_eq!(kept, [true, false, false, false, true]);
    }

    #[test]
    fn partial_data_is_kept() {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        for i in 0..500 {
            write!(z, "{i} {} m {} 100 l S ", i * 7 % 13, i * 31 % 97).unwrap();
        }
        let full = z.finish().unwrap();
        let cut_short = inflate(&full[..full.len() / 2]);
        assert_eq!(cut_short.damage, Some(Damage::Encoding));
        assert!(cut_short.data.len() > 100);
        let whole = inflate(&full);
        assert_eq!(whole.damage, None);
        assert_eq!(unhex(b"4142 4>").data, b"AB@");
        assert_eq!(unhex(b"41x42>").damage, Some(Damage::Encoding));
    }
}
