//! What a report page draws where: the rectangles its text, images and
//! paths cover, read from its content streams, so that the stamps can be
//! put where they touch none of them.
//!
//! The reading is an estimate, generous rather than exact: a glyph box is
//! its advance (from the font's widths, or 0.6 em where none are given)
//! by 1.25 em of height; an image is its unit square; a path is the box of
//! its points. What is painted white, or a first fill covering the whole
//! page (a background), does not count. It is bounded (operators, form
//! nesting) and never fails: a page whose content cannot be read, or reads
//! past the bounds, is `unknown`, and its stamps keep their usual places.

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document as PdfDocument, Object, ObjectId};

use super::geometry::{Geometry, Rect, inherited};

/// Content streams already decoded, by object, each followed by a newline.
pub type Decoded = HashMap<ObjectId, Vec<u8>>;

/// Operators read per page, forms included, before giving up.
const MAX_OPERATORS: usize = 1_000_000;
/// Forms inside forms deeper than this are not read.
const MAX_FORM_DEPTH: usize = 8;
/// A decoded content stream larger than this is not read.
const MAX_CONTENT: usize = 64 << 20;
/// Only what is drawn this close to the top or bottom edge is kept: the
/// stamps go nowhere else.
pub const EDGE_BAND: f32 = 72.0;
/// Composite fonts' widths of CIDs below this are looked up directly.
const DENSE_CIDS: usize = 1024;
/// Width of a glyph whose font gives none, in thousandths of an em.
const UNKNOWN_WIDTH: f32 = 600.0;

/// An image's extent in its own space.
const UNIT_SQUARE: Rect = Rect {
    x0: 0.0,
    y0: 0.0,
    x1: 1.0,
    y1: 1.0,
};

/// An empty clip: nothing shows through it.
const NOWHERE: Rect = Rect {
    x0: 0.0,
    y0: 0.0,
    x1: 0.0,
    y1: 0.0,
};

/// A clip narrowed by a further clipping area.
fn narrowed(clip: Option<Rect>, area: Rect) -> Rect {
    match clip {
        Some(c) => c.intersect(area).unwrap_or(NOWHERE),
        None => area,
    }
}

/// The rectangle with corners (x0, y0) and (x1, y1), in either order.
fn corners(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
    Rect {
        x0: x0.min(x1),
        y0: y0.min(y1),
        x1: x0.max(x1),
        y1: y0.max(y1),
    }
}

/// What a page draws, in upright display coordinates: points from the
/// bottom-left corner of the visible page as a reader shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Occupied {
    /// False when the content could not be read to the end.
    pub known: bool,
    /// The box of everything drawn on the visible page.
    pub extent: Option<Rect>,
    /// What is drawn within [`EDGE_BAND`] of the top or bottom edge.
    pub near_edges: Vec<Rect>,
}

impl Occupied {
    /// Whether `area` touches nothing drawn.
    pub fn is_clear(&self, area: Rect) -> bool {
        !self.near_edges.iter().any(|r| r.intersect(area).is_some())
    }
}

/// An affine transform `[a b c d e f]`, as PDF writes them: a point
/// `(x, y)` goes to `(a x + c y + e, b x + d y + f)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f32; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self`, then `next`.
    pub fn then(self, next: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [na, nb, nc, nd, ne, nf] = next.0;
        Matrix([
            a * na + b * nc,
            a * nb + b * nd,
            c * na + d * nc,
            c * nb + d * nd,
            e * na + f * nc + ne,
            e * nb + f * nd + nf,
        ])
    }

    pub fn invert(self) -> Option<Matrix> {
        let [a, b, c, d, e, f] = self.0;
        let det = a * d - b * c;
        if det.abs() < 1e-12 || !det.is_finite() {
            return None;
        }
        let (ia, ib, ic, id) = (d / det, -b / det, -c / det, a / det);
        Some(Matrix([
            ia,
            ib,
            ic,
            id,
            -(e * ia + f * ic),
            -(e * ib + f * id),
        ]))
    }

    pub fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// The box of `r`'s four corners, transformed.
    pub fn bounds(self, r: Rect) -> Rect {
        let mut out = Bounds::default();
        for (x, y) in [(r.x0, r.y0), (r.x1, r.y0), (r.x0, r.y1), (r.x1, r.y1)] {
            let (x, y) = self.apply(x, y);
            out.add(x, y);
        }
        out.rect().unwrap_or(NOWHERE)
    }

    /// How much lengths grow under the transform, on average.
    fn scale(self) -> f32 {
        let [a, b, c, d, ..] = self.0;
        (a * d - b * c).abs().sqrt()
    }
}

/// A growing bounding box.
#[derive(Debug, Clone, Copy, Default)]
struct Bounds(Option<Rect>);

impl Bounds {
    fn add(&mut self, x: f32, y: f32) {
        if !x.is_finite() || !y.is_finite() {
            return;
        }
        self.0 = Some(match self.0 {
            None => Rect {
                x0: x,
                y0: y,
                x1: x,
                y1: y,
            },
            Some(r) => Rect {
                x0: r.x0.min(x),
                y0: r.y0.min(y),
                x1: r.x1.max(x),
                y1: r.y1.max(y),
            },
        });
    }

    fn rect(self) -> Option<Rect> {
        self.0
    }
}

/// Reads what each of a document's pages draws. Fonts are read once for
/// the document.
///
/// `decoded` holds content streams already decoded (by `repair`), each
/// followed by a newline: they are read from there rather than inflated
/// again.
///
/// A long document is read in runs of [`PAGES_PER_TASK`] pages spread over
/// the cores, each run reading the fonts it meets once: what is found does
/// not depend on how the pages are shared out.
pub fn occupied(
    pdf: &PdfDocument,
    pages: &[ObjectId],
    geometries: &[Geometry],
    decoded: &Decoded,
) -> Vec<Occupied> {
    use rayon::prelude::*;
    let runs: Vec<Vec<Occupied>> = pages
        .par_chunks(PAGES_PER_TASK)
        .zip(geometries.par_chunks(PAGES_PER_TASK))
        .map(|(pages, geometries)| {
            let mut fonts = HashMap::new();
            pages
                .iter()
                .zip(geometries)
                .map(|(&page, geometry)| occupied_page(pdf, page, geometry, &mut fonts, decoded))
                .collect()
        })
        .collect();
    runs.into_iter().flatten().collect()
}

/// Pages read in one run: enough that reading a run's fonts again costs
/// little beside reading its pages.
const PAGES_PER_TASK: usize = 16;

fn occupied_page(
    pdf: &PdfDocument,
    page: ObjectId,
    geometry: &Geometry,
    fonts: &mut HashMap<usize, Rc<Font>>,
    decoded: &Decoded,
) -> Occupied {
    let display = Matrix(geometry.upright_matrix()).invert();
    let Some(to_display) = display else {
        return Occupied::default();
    };
    let size = geometry.visible_size();
    let mut reader = Reader {
        pdf,
        to_display,
        width: size.width,
        height: size.height,
        page_area: geometry.visible,
        operators: 0,
        painted: false,
        forms: Vec::new(),
        fonts: std::mem::take(fonts),
        decoded,
        font_names: Vec::new(),
        codes: Vec::new(),
        extent: Bounds::default(),
        near_edges: Vec::new(),
    };
    let resources = inherited(pdf, page, b"Resources").and_then(|r| dictionary(pdf, r));
    let known = match page_content(pdf, page, decoded) {
        Some(content) => reader.run(&content, resources, State::default(), 0),
        None => false,
    };
    if known {
        reader.annotations(page);
    }
    *fonts = reader.fonts;
    Occupied {
        known,
        extent: reader.extent.rect(),
        near_edges: reader.near_edges,
    }
}

/// The page's content streams, decoded and joined, each followed by a
/// newline.
fn page_content<'d>(
    pdf: &PdfDocument,
    page: ObjectId,
    decoded: &'d Decoded,
) -> Option<Cow<'d, [u8]>> {
    let dict = pdf.get_dictionary(page).ok()?;
    // Decoded as lopdf would, only if it is (still) that stream.
    let shared = |id: ObjectId| {
        pdf.get_object(id).ok()?.as_stream().ok()?;
        decoded.get(&id)
    };
    if let Ok(&Object::Reference(id)) = dict.get(b"Contents")
        && let Some(data) = shared(id)
    {
        return Some(Cow::Borrowed(data));
    }
    let contents = match dict.get(b"Contents") {
        Ok(c) => pdf.dereference(c).ok()?.1,
        Err(_) => return Some(Cow::Borrowed(&[])),
    };
    let parts: &[Object] = match contents {
        Object::Array(parts) => parts,
        single => std::slice::from_ref(single),
    };
    let mut all = Vec::new();
    for part in parts {
        if let Some(data) = part.as_reference().ok().and_then(shared) {
            all.extend_from_slice(data);
            continue;
        }
        let stream = pdf.dereference(part).ok()?.1.as_stream().ok()?;
        all.extend(stream.decompressed_content_with_limit(MAX_CONTENT).ok()?);
        all.push(b'\n');
    }
    Some(Cow::Owned(all))
}

fn dictionary<'a>(pdf: &'a PdfDocument, object: &'a Object) -> Option<&'a Dictionary> {
    match pdf.dereference(object).ok()?.1 {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// A dictionary's entry, references followed.
fn entry<'a>(pdf: &'a PdfDocument, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let object = dict.get(key).ok()?;
    Some(pdf.dereference(object).ok()?.1)
}

fn number(object: &Object) -> Option<f32> {
    object.as_float().ok().filter(|n| n.is_finite())
}

/// The colour space a colour is set in, as far as telling white goes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Space {
    Gray,
    Rgb,
    Cmyk,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Paint {
    space: Space,
    white: bool,
}

impl Default for Paint {
    fn default() -> Self {
        Paint {
            space: Space::Gray,
            white: false,
        }
    }
}

impl Paint {
    fn set(&mut self, space: Space, components: &[f32]) {
        self.space = space;
        self.white = match (space, components) {
            (Space::Gray, [g]) => *g >= 0.999,
            (Space::Rgb, [r, g, b]) => r.min(*g).min(*b) >= 0.999,
            (Space::Cmyk, [c, m, y, k]) => c.max(*m).max(*y).max(*k) <= 0.001,
            _ => false,
        };
    }
}

/// Widths of a font's glyphs, enough to estimate how long a string is.
struct Font {
    /// Two-byte codes (a composite font).
    two_byte: bool,
    first: u32,
    widths: Vec<f32>,
    /// Composite fonts: runs of CIDs with their widths.
    ranges: Vec<(u32, u32, f32)>,
    /// The same for the first CIDs, by CID (a subset font's are few).
    dense: Vec<f32>,
    default: f32,
    /// Thousandths of an em to text space (a Type 3 font's matrix).
    unit: f32,
}

impl Font {
    fn read(pdf: &PdfDocument, dict: &Dictionary) -> Font {
        let get = |d, key| entry(pdf, d, key);
        let numbers = |o: Option<&Object>| -> Vec<f32> {
            o.and_then(|o| o.as_array().ok())
                .map(|a| {
                    a.iter()
                        .map(|w| {
                            pdf.dereference(w)
                                .ok()
                                .and_then(|(_, w)| number(w))
                                .unwrap_or(UNKNOWN_WIDTH)
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let subtype = get(dict, b"Subtype").and_then(|s| s.as_name().ok());
        if subtype == Some(b"Type0") {
            let descendant = get(dict, b"DescendantFonts")
                .and_then(|d| d.as_array().ok())
                .and_then(|d| d.first())
                .and_then(|d| dictionary(pdf, d));
            let mut font = Font {
                two_byte: true,
                first: 0,
                widths: Vec::new(),
                ranges: Vec::new(),
                dense: Vec::new(),
                default: 1000.0,
                unit: 1.0,
            };
            if let Some(descendant) = descendant {
                if let Some(dw) = get(descendant, b"DW").and_then(number) {
                    font.default = dw;
                }
                if let Some(w) = get(descendant, b"W").and_then(|w| w.as_array().ok()) {
                    font.ranges = cid_widths(pdf, w);
                    font.ranges.sort_by_key(|r| r.0);
                }
                font.dense = vec![font.default; DENSE_CIDS];
                for &(lo, hi, w) in font.ranges.iter().rev() {
                    for cid in lo..=hi.min(DENSE_CIDS as u32 - 1) {
                        font.dense[cid as usize] = w;
                    }
                }
            }
            return font;
        }
        let unit = if subtype == Some(b"Type3") {
            numbers(get(dict, b"FontMatrix"))
                .first()
                .map_or(1.0, |a| a.abs() * 1000.0)
        } else {
            1.0
        };
        let missing = get(dict, b"FontDescriptor")
            .and_then(|d| d.as_dict().ok())
            .and_then(|d| get(d, b"MissingWidth"))
            .and_then(number)
            .filter(|w| *w > 0.0);
        Font {
            two_byte: false,
            first: get(dict, b"FirstChar")
                .and_then(number)
                .map_or(0, |f| f.max(0.0) as u32),
            widths: numbers(get(dict, b"Widths")),
            ranges: Vec::new(),
            dense: Vec::new(),
            default: missing.unwrap_or(UNKNOWN_WIDTH / unit),
            unit,
        }
    }

    /// The string's advance in thousandths of an em (unscaled), and the
    /// number of single-byte spaces in it (for word spacing), and glyphs.
    fn measure(&self, codes: impl Iterator<Item = u8>) -> (f32, usize, usize) {
        if self.two_byte {
            let mut total = 0.0;
            let mut count = 0usize;
            let mut high: Option<u8> = None;
            // Pairs of codes; an odd last one is taken with a zero.
            for code in codes {
                count += 1;
                match high.take() {
                    None => high = Some(code),
                    Some(h) => total += self.cid_width(u32::from(h) << 8 | u32::from(code)),
                }
            }
            if let Some(h) = high {
                total += self.cid_width(u32::from(h) << 8);
            }
            return (total, 0, count.div_ceil(2));
        }
        let mut total = 0.0;
        let mut spaces = 0;
        let mut count = 0usize;
        for code in codes {
            let w = u32::from(code)
                .checked_sub(self.first)
                .and_then(|i| self.widths.get(i as usize))
                .copied()
                .filter(|w| *w > 0.0)
                .unwrap_or(self.default);
            total += w;
            spaces += usize::from(code == b' ');
            count += 1;
        }
        (total * self.unit, spaces, count)
    }

    /// A composite font's width of `cid`.
    #[inline]
    fn cid_width(&self, cid: u32) -> f32 {
        if let Some(&w) = self.dense.get(cid as usize) {
            return w;
        }
        // Ranges are sorted by their first CID.
        let after = self.ranges.partition_point(|r| r.0 <= cid);
        after
            .checked_sub(1)
            .map(|i| self.ranges[i])
            .filter(|r| cid <= r.1)
            .map_or(self.default, |r| r.2)
    }
}

/// A composite font's /W array: `c [w1 w2 …]` or `c_first c_last w`.
fn cid_widths(pdf: &PdfDocument, w: &[Object]) -> Vec<(u32, u32, f32)> {
    let value = |o: &Object| pdf.dereference(o).ok().and_then(|(_, o)| number(o));
    let mut out = Vec::new();
    let mut i = 0;
    // A bound: /W arrays of real fonts hold a few thousand entries.
    while i < w.len() && out.len() < 100_000 {
        let Some(first) = value(&w[i]) else { break };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| pdf.dereference(o).map(|x| x.1)) {
            Some(Ok(Object::Array(list))) => {
                for (k, width) in list.iter().enumerate() {
                    let cid = first.saturating_add(k as u32);
                    out.push((cid, cid, value(width).unwrap_or(UNKNOWN_WIDTH)));
                }
                i += 2;
            }
            Some(Ok(last)) => {
                let (Some(last), Some(width)) = (number(last), w.get(i + 2).and_then(value)) else {
                    break;
                };
                out.push((first, last.max(0.0) as u32, width));
                i += 3;
            }
            _ => break,
        }
    }
    out
}

/// The graphics state, with the text state it carries.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    /// The clipping path's box, in user space.
    clip: Option<Rect>,
    fill: Paint,
    stroke: Paint,
    line_width: f32,
    font: Option<Rc<Font>>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: Matrix::IDENTITY,
            clip: None,
            fill: Paint::default(),
            stroke: Paint::default(),
            line_width: 1.0,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

struct Reader<'a> {
    pdf: &'a PdfDocument,
    to_display: Matrix,
    width: f32,
    height: f32,
    /// The visible page in user space, to tell a background.
    page_area: Rect,
    operators: usize,
    /// Whether anything has been painted yet (a background comes first).
    painted: bool,
    /// Forms being read, innermost last: a form drawing itself is not read
    /// again.
    forms: Vec<ObjectId>,
    fonts: HashMap<usize, Rc<Font>>,
    decoded: &'a Decoded,
    /// Fonts set on this page: resources (by address), name, font.
    font_names: Vec<(usize, Vec<u8>, Option<Rc<Font>>)>,
    /// A string's codes, decoded (reused from string to string).
    codes: Vec<u8>,
    extent: Bounds,
    near_edges: Vec<Rect>,
}

/// A content stream operand.
enum Operand<'d> {
    Number(f32),
    Name(&'d [u8]),
    /// A hex string's digits, as written: decoded when shown.
    Hex(&'d [u8]),
    /// A literal string, its escapes read as it was lexed: where its bytes
    /// are in the lexer's `literals`.
    Literal(usize, usize),
    ArrayStart,
    ArrayEnd,
    Other,
}

impl<'a> Reader<'a> {
    /// Notes that `area` (user space, current transform applied) is drawn.
    fn mark(&mut self, area: Rect, state: &State) {
        let area = match state.clip {
            Some(clip) => match area.intersect(clip) {
                Some(a) => a,
                None => return,
            },
            None => area,
        };
        self.painted = true;
        let r = self.to_display.bounds(area);
        let page = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: self.width,
            y1: self.height,
        };
        // A zero-width rule still shows: give it a hairline's thickness.
        let r = Rect {
            x0: r.x0 - 0.25,
            y0: r.y0 - 0.25,
            x1: r.x1 + 0.25,
            y1: r.y1 + 0.25,
        };
        let Some(r) = r.intersect(page) else { return };
        self.extent.add(r.x0, r.y0);
        self.extent.add(r.x1, r.y1);
        if r.y0 < EDGE_BAND || r.y1 > self.height - EDGE_BAND {
            self.near_edges.push(r);
        }
    }

    /// Whether a fill of `area` is the page's background: the first thing
    /// painted, covering the visible page.
    fn is_background(&self, area: Rect) -> bool {
        let page = self.page_area;
        !self.painted
            && area.x0 <= page.x0 + 2.0
            && area.y0 <= page.y0 + 2.0
            && area.x1 >= page.x1 - 2.0
            && area.y1 >= page.y1 - 2.0
    }

    /// Visible annotations (not links) draw over the page where they lie.
    fn annotations(&mut self, page: ObjectId) {
        let pdf = self.pdf;
        let Some(annots) = pdf
            .get_dictionary(page)
            .ok()
            .and_then(|d| d.get(b"Annots").ok())
            .and_then(|a| pdf.dereference(a).ok())
            .and_then(|a| a.1.as_array().ok())
        else {
            return;
        };
        for annot in annots.iter().take(10_000) {
            let Some(dict) = dictionary(pdf, annot) else {
                continue;
            };
            let subtype = dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .unwrap_or(b"");
            if matches!(subtype, b"Link" | b"Popup") {
                continue;
            }
            let rect: Option<Vec<f32>> = dict
                .get(b"Rect")
                .ok()
                .and_then(|r| pdf.dereference(r).ok())
                .and_then(|r| r.1.as_array().ok())
                .map(|a| a.iter().filter_map(number).collect());
            if let Some([x0, y0, x1, y1]) = rect.as_deref() {
                self.mark(corners(*x0, *y0, *x1, *y1), &State::default());
            }
        }
    }

    /// The font `name` of `resources`, remembered for the page (content
    /// sets the same few fonts again and again).
    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let key = resources.map_or(0, |r| r as *const Dictionary as usize);
        if let Some((.., font)) = self
            .font_names
            .iter()
            .find(|(r, n, _)| *r == key && n.as_slice() == name)
        {
            return font.clone();
        }
        let font = self.look_up_font(resources, name);
        if self.font_names.len() < 64 {
            self.font_names.push((key, name.to_vec(), font.clone()));
        }
        font
    }

    fn look_up_font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let pdf = self.pdf;
        let object = resources?
            .get(b"Font")
            .ok()
            .and_then(|f| dictionary(pdf, f))?
            .get(name)
            .ok()?;
        let dict = dictionary(pdf, object)?;
        let key = dict as *const Dictionary as usize;
        Some(Rc::clone(
            self.fonts
                .entry(key)
                .or_insert_with(|| Rc::new(Font::read(pdf, dict))),
        ))
    }

    /// Reads a content stream; false if it went past the bounds.
    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        initial: State,
        depth: usize,
    ) -> bool {
        let mut lexer = Lexer {
            data: content,
            at: 0,
            literals: Vec::new(),
        };
        let mut operands: Vec<Operand<'_>> = Vec::new();
        let mut stack: Vec<State> = Vec::new();
        let mut state = initial;
        let mut path = Bounds::default();
        let mut clip_pending = false;
        let mut text = Matrix::IDENTITY;
        let mut line = Matrix::IDENTITY;
        while let Some(token) = lexer.next() {
            let op = match token {
                Token::Operand(o) => {
                    // Operands without an operator are junk; keep few.
                    if operands.len() < 4096 {
                        operands.push(o);
                    }
                    continue;
                }
                Token::Operator(op) => op,
            };
            self.operators += 1;
            if self.operators > MAX_OPERATORS {
                return false;
            }
            // The operators read here take at most six numbers.
            let mut numbers = [0f32; 6];
            let mut count = 0;
            for operand in &operands {
                if let Operand::Number(v) = operand
                    && count < numbers.len()
                {
                    numbers[count] = *v;
                    count += 1;
                }
            }
            let nums = &numbers[..count];
            let n = |i: usize| nums.get(i).copied().unwrap_or(0.0);
            match op {
                b"q" if stack.len() < 1024 => stack.push(state.clone()),
                b"Q" => {
                    if let Some(saved) = stack.pop() {
                        state = saved;
                    }
                }
                b"cm" if nums.len() == 6 => {
                    state.ctm = Matrix([n(0), n(1), n(2), n(3), n(4), n(5)]).then(state.ctm);
                }
                b"w" => state.line_width = n(0),
                b"g" => state.fill.set(Space::Gray, nums),
                b"G" => state.stroke.set(Space::Gray, nums),
                b"rg" => state.fill.set(Space::Rgb, nums),
                b"RG" => state.stroke.set(Space::Rgb, nums),
                b"k" => state.fill.set(Space::Cmyk, nums),
                b"K" => state.stroke.set(Space::Cmyk, nums),
                b"cs" | b"CS" => {
                    let space = match operands.first() {
                        Some(Operand::Name(b"DeviceGray")) => Space::Gray,
                        Some(Operand::Name(b"DeviceRGB")) => Space::Rgb,
                        Some(Operand::Name(b"DeviceCMYK")) => Space::Cmyk,
                        _ => Space::Other,
                    };
                    let paint = if op == b"cs" {
                        &mut state.fill
                    } else {
                        &mut state.stroke
                    };
                    // The initial colour of a space: black, or full ink.
                    paint.set(space, &[]);
                }
                b"sc" | b"scn" => {
                    let space = state.fill.space;
                    state.fill.set(space, nums);
                }
                b"SC" | b"SCN" => {
                    let space = state.stroke.space;
                    state.stroke.set(space, nums);
                }
                b"m" | b"l" => {
                    let (x, y) = state.ctm.apply(n(0), n(1));
                    path.add(x, y);
                }
                b"c" | b"v" | b"y" => {
                    for pair in nums.chunks_exact(2) {
                        let (x, y) = state.ctm.apply(pair[0], pair[1]);
                        path.add(x, y);
                    }
                }
                b"re" => {
                    let r = corners(n(0), n(1), n(0) + n(2), n(1) + n(3));
                    let r = state.ctm.bounds(r);
                    path.add(r.x0, r.y0);
                    path.add(r.x1, r.y1);
                }
                b"W" | b"W*" => clip_pending = true,
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                    let fills = !matches!(op, b"S" | b"s" | b"n");
                    let strokes = matches!(op, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                    if let Some(area) = path.rect() {
                        let shows_fill = fills && !state.fill.white;
                        let shows_stroke = strokes && !state.stroke.white;
                        if fills && !strokes && self.is_background(area) {
                            // A background: painted first, under everything.
                            self.painted = true;
                        } else if shows_fill || shows_stroke {
                            let half = if shows_stroke {
                                (state.line_width * state.ctm.scale() / 2.0).max(0.5)
                            } else {
                                0.0
                            };
                            let area = Rect {
                                x0: area.x0 - half,
                                y0: area.y0 - half,
                                x1: area.x1 + half,
                                y1: area.y1 + half,
                            };
                            self.mark(area, &state);
                        }
                        if clip_pending {
                            state.clip = Some(narrowed(state.clip, area));
                        }
                    }
                    path = Bounds::default();
                    clip_pending = false;
                }
                b"sh" => {
                    let area = state.clip.unwrap_or(self.page_area);
                    if self.is_background(area) {
                        self.painted = true;
                    } else {
                        self.mark(area, &state);
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = operands.first()
                        && !self.draw_xobject(resources, name, &state, depth)
                    {
                        return false;
                    }
                }
                b"ID" => {
                    lexer.skip_inline_image();
                    self.mark(state.ctm.bounds(UNIT_SQUARE), &state);
                }
                b"BT" => {
                    text = Matrix::IDENTITY;
                    line = Matrix::IDENTITY;
                }
                b"Tc" => state.char_spacing = n(0),
                b"Tw" => state.word_spacing = n(0),
                b"Tz" => state.horizontal_scale = n(0) / 100.0,
                b"TL" => state.leading = n(0),
                b"Ts" => state.rise = n(0),
                b"Tf" => {
                    state.font_size = n(0);
                    state.font = match operands.first() {
                        Some(Operand::Name(name)) => self.font(resources, name),
                        _ => None,
                    };
                }
                b"Td" | b"TD" => {
                    if op == b"TD" {
                        state.leading = -n(1);
                    }
                    line = Matrix::translate(n(0), n(1)).then(line);
                    text = line;
                }
                b"Tm" if nums.len() == 6 => {
                    line = Matrix([n(0), n(1), n(2), n(3), n(4), n(5)]);
                    text = line;
                }
                b"T*" | b"'" | b"\"" | b"Tj" | b"TJ" => {
                    if op == b"\"" {
                        state.word_spacing = n(0);
                        state.char_spacing = n(1);
                    }
                    if matches!(op, b"T*" | b"'" | b"\"") {
                        line = Matrix::translate(0.0, -state.leading).then(line);
                        text = line;
                    }
                    if op != b"T*" {
                        text = self.show(&operands, &lexer.literals, &state, text);
                    }
                }
                _ => {}
            }
            operands.clear();
            lexer.literals.clear();
        }
        true
    }

    /// Shows the strings among `operands` (with a TJ array's adjustments);
    /// returns the text matrix after them.
    fn show(
        &mut self,
        operands: &[Operand<'_>],
        literals: &[u8],
        state: &State,
        text: Matrix,
    ) -> Matrix {
        let size = state.font_size;
        let scale = state.horizontal_scale;
        let mut cursor = 0.0f32;
        let mut span = Bounds::default();
        for operand in operands {
            match operand {
                Operand::Number(adjust) => cursor -= adjust / 1000.0 * size * scale,
                Operand::Hex(_) | Operand::Literal(..) => {
                    let codes = match *operand {
                        Operand::Hex(raw) => {
                            decode_hex(raw, &mut self.codes);
                            &self.codes[..]
                        }
                        Operand::Literal(start, end) => &literals[start..end],
                        _ => &[],
                    };
                    let (units, spaces, glyphs) =
                        measure(state.font.as_deref(), codes.iter().copied());
                    let advance = (units / 1000.0 * size
                        + state.char_spacing * glyphs as f32
                        + state.word_spacing * spaces as f32)
                        * scale;
                    span.add(cursor, 0.0);
                    cursor += advance;
                    span.add(cursor, 0.0);
                }
                _ => {}
            }
        }
        if let Some(span) = span.rect() {
            let (low, high) = (state.rise - 0.25 * size, state.rise + size);
            let area = Rect {
                x0: span.x0,
                y0: low.min(high),
                x1: span.x1,
                y1: low.max(high),
            };
            self.mark(text.then(state.ctm).bounds(area), state);
        }
        Matrix::translate(cursor, 0.0).then(text)
    }

    /// Draws the XObject `name`: an image is its unit square, a form is
    /// read with its matrix. False if reading went past the bounds.
    fn draw_xobject(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
        state: &State,
        depth: usize,
    ) -> bool {
        let pdf = self.pdf;
        let Some(object) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| dictionary(pdf, x))
            .and_then(|x| x.get(name).ok())
        else {
            return true;
        };
        let id = object.as_reference().ok();
        let Some(stream) = pdf
            .dereference(object)
            .ok()
            .and_then(|o| o.1.as_stream().ok())
        else {
            return true;
        };
        let get = |key: &[u8]| {
            stream
                .dict
                .get(key)
                .ok()
                .and_then(|o| pdf.dereference(o).ok())
                .map(|o| o.1)
        };
        match get(b"Subtype").and_then(|s| s.as_name().ok()) {
            Some(b"Image") => {
                self.mark(state.ctm.bounds(UNIT_SQUARE), state);
                true
            }
            Some(b"Form") => {
                if depth >= MAX_FORM_DEPTH || id.is_some_and(|id| self.forms.contains(&id)) {
                    return true;
                }
                let values: Vec<f32> = get(b"Matrix")
                    .and_then(|m| m.as_array().ok())
                    .map(|m| m.iter().filter_map(number).collect())
                    .unwrap_or_default();
                let matrix = match values.as_slice() {
                    [a, b, c, d, e, f] => Matrix([*a, *b, *c, *d, *e, *f]),
                    _ => Matrix::IDENTITY,
                };
                let mut inner = state.clone();
                inner.ctm = matrix.then(state.ctm);
                let bbox: Vec<f32> = get(b"BBox")
                    .and_then(|m| m.as_array().ok())
                    .map(|m| m.iter().filter_map(number).collect())
                    .unwrap_or_default();
                if let [x0, y0, x1, y1] = bbox.as_slice() {
                    let r = corners(*x0, *y0, *x1, *y1);
                    inner.clip = Some(narrowed(state.clip, inner.ctm.bounds(r)));
                }
                let decoded = self.decoded;
                let content = match id.and_then(|id| decoded.get(&id)) {
                    // Without the newline that follows it there.
                    Some(data) => Cow::Borrowed(&data[..data.len() - 1]),
                    None => match stream.decompressed_content_with_limit(MAX_CONTENT) {
                        Ok(content) => Cow::Owned(content),
                        Err(_) => return false,
                    },
                };
                let own = get(b"Resources").and_then(|r| dictionary(pdf, r));
                if let Some(id) = id {
                    self.forms.push(id);
                }
                let done = self.run(&content, own.or(resources), inner, depth + 1);
                if id.is_some() {
                    self.forms.pop();
                }
                done
            }
            _ => true,
        }
    }
}

enum Token<'d> {
    Operand(Operand<'d>),
    Operator(&'d [u8]),
}

/// A tolerant reader of content stream tokens: what it cannot make sense
/// of it skips.
struct Lexer<'d> {
    data: &'d [u8],
    at: usize,
    /// The bytes of the literal strings read since it was last cleared.
    literals: Vec<u8>,
}

const WHITE: u8 = 1;
const DELIMITER: u8 = 2;

/// Each byte's class in content syntax: white space, a delimiter, or
/// regular (0).
const CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let white = b" \n\r\t\x0c\0";
    let mut i = 0;
    while i < white.len() {
        classes[white[i] as usize] = WHITE;
        i += 1;
    }
    let delimiters = b"()<>[]{}/%";
    let mut i = 0;
    while i < delimiters.len() {
        classes[delimiters[i] as usize] = DELIMITER;
        i += 1;
    }
    classes
};

#[inline]
pub(crate) fn is_white(b: u8) -> bool {
    CLASSES[b as usize] == WHITE
}

#[inline]
pub(crate) fn is_delimiter(b: u8) -> bool {
    CLASSES[b as usize] == DELIMITER
}

/// Just after the run of regular characters (a word) starting at `at`.
#[inline]
pub(crate) fn regular_end(data: &[u8], at: usize) -> usize {
    let at = at.min(data.len());
    data[at..]
        .iter()
        .position(|&b| CLASSES[b as usize] != 0)
        .map_or(data.len(), |n| at + n)
}

impl<'d> Lexer<'d> {
    fn next(&mut self) -> Option<Token<'d>> {
        let data = self.data;
        loop {
            while self.at < data.len() && is_white(data[self.at]) {
                self.at += 1;
            }
            if data.get(self.at) == Some(&b'%') {
                while self.at < data.len() && !matches!(data[self.at], b'\n' | b'\r') {
                    self.at += 1;
                }
                continue;
            }
            break;
        }
        let &b = data.get(self.at)?;
        let operand = match b {
            b'(' => {
                let (start, end) = self.literal();
                Operand::Literal(start, end)
            }
            b'<' if data.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                Operand::Other
            }
            b'<' => Operand::Hex(self.hex()),
            b'>' => {
                self.at += if data.get(self.at + 1) == Some(&b'>') {
                    2
                } else {
                    1
                };
                Operand::Other
            }
            b'[' => {
                self.at += 1;
                Operand::ArrayStart
            }
            b']' => {
                self.at += 1;
                Operand::ArrayEnd
            }
            b'/' => {
                self.at += 1;
                Operand::Name(self.word())
            }
            b'{' | b'}' | b')' => {
                self.at += 1;
                Operand::Other
            }
            _ => {
                let word = self.word();
                if word.is_empty() {
                    self.at += 1;
                    return Some(Token::Operand(Operand::Other));
                }
                match word[0] {
                    b'0'..=b'9' | b'+' | b'-' | b'.' => match parse_number(word) {
                        Some(n) => Operand::Number(n),
                        None => Operand::Other,
                    },
                    _ if word == b"true" || word == b"false" || word == b"null" => Operand::Other,
                    _ => return Some(Token::Operator(word)),
                }
            }
        };
        Some(Token::Operand(operand))
    }

    /// A run of regular characters.
    fn word(&mut self) -> &'d [u8] {
        let data = self.data;
        let start = self.at;
        let end = regular_end(data, start);
        self.at = end.max(start);
        &data[start.min(data.len())..end.max(start.min(data.len()))]
    }

    /// A literal string, read to its closing parenthesis with its escapes
    /// resolved into `literals` (one pass over its bytes, not one to find
    /// its end and another to measure it); where its bytes are there.
    /// Escaped line breaks are no bytes; `\n`, `\r`, `\t`, `\b` and `\f`
    /// count as spaces.
    fn literal(&mut self) -> (usize, usize) {
        let data = self.data;
        let out = &mut self.literals;
        let first = out.len();
        let mut at = self.at + 1;
        let mut depth = 0usize;
        while let Some(&b) = data.get(at) {
            at += 1;
            match b {
                b'\\' => {
                    // A backslash ending the data ends the string.
                    let Some(&e) = data.get(at) else { break };
                    at += 1;
                    match e {
                        b'0'..=b'7' => {
                            let octal = |d: u8| d.wrapping_sub(b'0') < 8;
                            let mut v = u32::from(e - b'0');
                            match data.get(at..at + 2) {
                                // Three digits, as most writers put them.
                                Some(&[d1, d2]) if octal(d1) && octal(d2) => {
                                    v = v * 64 + u32::from(d1 - b'0') * 8 + u32::from(d2 - b'0');
                                    at += 2;
                                }
                                _ => {
                                    if let Some(&d) = data.get(at)
                                        && octal(d)
                                    {
                                        v = v * 8 + u32::from(d - b'0');
                                        at += 1;
                                    }
                                }
                            }
                            out.push(v as u8);
                        }
                        // A line break escaped is no byte at all.
                        b'\r' => {
                            if data.get(at) == Some(&b'\n') {
                                at += 1;
                            }
                        }
                        b'\n' => {}
                        b'n' | b'r' | b't' | b'b' | b'f' => out.push(b' '),
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => {
                    self.at = at;
                    return (first, out.len());
                }
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        self.at = at;
        (first, out.len())
    }

    /// A hex string's raw digits, between its angle brackets.
    fn hex(&mut self) -> &'d [u8] {
        let data = self.data;
        self.at += 1;
        let start = self.at;
        match data[start..].iter().position(|&b| b == b'>') {
            Some(end) => {
                self.at = start + end + 1;
                &data[start..start + end]
            }
            None => {
                self.at = data.len();
                &data[start..]
            }
        }
    }

    /// Skips an inline image's data, after `ID`, to past its `EI`.
    fn skip_inline_image(&mut self) {
        let data = self.data;
        let mut i = self.at + 1;
        while i + 1 < data.len() {
            if data[i] == b'E'
                && data[i + 1] == b'I'
                && is_white(data[i - 1])
                && data.get(i + 2).is_none_or(|&b| is_white(b))
            {
                self.at = i + 2;
                return;
            }
            i += 1;
        }
        self.at = data.len();
    }
}

/// A string's advance, spaces and glyphs (see [`Font::measure`]); a
/// glyph of a string in no known font is [`UNKNOWN_WIDTH`] wide.
fn measure(font: Option<&Font>, codes: impl Iterator<Item = u8>) -> (f32, usize, usize) {
    match font {
        Some(font) => font.measure(codes),
        None => {
            let count = codes.count();
            (count as f32 * UNKNOWN_WIDTH, 0, count)
        }
    }
}

/// A hex string's bytes into `out`.
fn decode_hex(raw: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let mut high: Option<u8> = None;
    for &b in raw {
        if let Some(d) = (b as char).to_digit(16) {
            match high.take() {
                Some(h) => out.push(h << 4 | d as u8),
                None => high = Some(d as u8),
            }
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
}

/// A PDF number (`12`, `-3.5`, `.5`, `4.`), or None.
fn parse_number(word: &[u8]) -> Option<f32> {
    let (negative, digits) = match word.first()? {
        b'-' => (true, &word[1..]),
        b'+' => (false, &word[1..]),
        _ => (false, word),
    };
    // Some writers emit "--5"; readers take it as -5.
    let digits = digits.strip_prefix(b"-").unwrap_or(digits);
    let mut value = 0f64;
    let mut scale = 0f64;
    let mut any = false;
    for &d in digits {
        match d {
            b'0'..=b'9' => {
                any = true;
                if scale > 0.0 {
                    value += f64::from(d - b'0') * scale;
                    scale /= 10.0;
                } else {
                    value = value * 10.0 + f64::from(d - b'0');
                }
            }
            b'.' if scale == 0.0 => scale = 0.1,
            _ => return None,
        }
    }
    let value = if negative { -value } else { value } as f32;
    (any && value.is_finite()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_pdf_writes_them() {
        assert_eq!(parse_number(b"12"), Some(12.0));
        assert_eq!(parse_number(b"-3.5"), Some(-3.5));
        assert_eq!(parse_number(b".5"), Some(0.5));
        assert_eq!(parse_number(b"4."), Some(4.0));
        assert_eq!(parse_number(b"-"), None);
        assert_eq!(parse_number(b"1.2.3"), None);
    }

    #[test]
    fn strings_are_read_with_their_escapes_and_nested_parentheses() {
        let mut lexer = Lexer {
            data: b"(a\\)b(c)\\101\\\r\nx\\t\\\\) <48 6> (open \\",
            at: 0,
            literals: Vec::new(),
        };
        let mut out = Vec::new();
        let Some(Token::Operand(Operand::Literal(start, end))) = lexer.next() else {
            panic!("a literal string");
        };
        assert_eq!(&lexer.literals[start..end], b"a)b(c)Ax \\");
        let Some(Token::Operand(Operand::Hex(raw))) = lexer.next() else {
            panic!("a hex string");
        };
        decode_hex(raw, &mut out);
        assert_eq!(out, b"H`");
        // Cut short, after a backslash: what was read is the string.
        let Some(Token::Operand(Operand::Literal(start, end))) = lexer.next() else {
            panic!("a literal string");
        };
        assert_eq!(&lexer.literals[start..end], b"open ");
        assert!(lexer.next().is_none());
    }

    fn numbers(values: &[i64]) -> Object {
        Object::Array(values.iter().map(|&n| Object::Integer(n)).collect())
    }

    /// A 200 x 200 page drawing `content`, with font /F1 (every code 500
    /// thousandths wide, but "A" 1000) and form /Fm1, which draws form
    /// /Fm2 moved 10 to the right; /Fm2 fills `5 170 10 10 re`.
    fn page(content: &[u8]) -> (PdfDocument, ObjectId, ObjectId) {
        use lopdf::{Stream, dictionary};
        let mut pdf = PdfDocument::with_version("1.7");
        let widths = (0..256)
            .map(|c| Object::Integer(if c == 65 { 1000 } else { 500 }))
            .collect::<Vec<_>>();
        let font = pdf.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Test",
            "FirstChar" => 0, "LastChar" => 255, "Widths" => widths,
        });
        let inner = pdf.add_object(Stream::new(
            dictionary! { "Subtype" => "Form", "BBox" => numbers(&[0, 0, 200, 200]) },
            b"5 170 10 10 re f".to_vec(),
        ));
        let outer = pdf.add_object(Stream::new(
            dictionary! {
                "Subtype" => "Form",
                "Matrix" => numbers(&[1, 0, 0, 1, 10, 0]),
                "Resources" => dictionary! { "XObject" => dictionary! { "Fm2" => inner } },
            },
            b"/Fm2 Do".to_vec(),
        ));
        let contents = pdf.add_object(Stream::new(dictionary! {}, content.to_vec()));
        let pages = pdf.new_object_id();
        let page = pdf.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages,
            "MediaBox" => numbers(&[0, 0, 200, 200]),
            "Contents" => contents,
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => font },
                "XObject" => dictionary! { "Fm1" => outer },
            },
        });
        pdf.objects.insert(
            pages,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        (pdf, page, contents)
    }

    #[test]
    fn tricky_content_is_read_to_the_boxes_it_draws() {
        // A string with escaped and nested parentheses and an octal escape
        // ("a)b(c)A": 6 x 500 + 1000); a hex string with an odd last digit
        // ("AA@"); a TJ array with an adjustment (the box spans the gap);
        // an inline image whose data holds "EI" not standing alone; a
        // nested form; a rectangle after them all.
        let content = b"BT /F1 10 Tf 10 150 Td (a\\)b(c)\\101) Tj ET\n\
            BT /F1 10 Tf 10 20 Td <41 41 4> Tj ET\n\
            BT /F1 10 Tf 10 100 Td [(AA) -1000 (A)] TJ ET\n\
            q 30 0 0 10 100 20 cm BI /W 4 /H 1 /BPC 8 /CS /G ID xEIx EIx\nEI Q\n\
            /Fm1 Do\n\
            0 0 1 rg 150 180 20 5 re f\n";
        let (pdf, page, contents) = page(content);
        let geometry = Geometry::of(&pdf, page);
        let read = |decoded: &Decoded| occupied(&pdf, &[page], &[geometry], decoded).remove(0);
        let found = read(&Decoded::new());
        let expected = [
            [9.75, 147.25, 50.25, 160.25],
            [9.75, 17.25, 35.25, 30.25],
            [99.75, 19.75, 130.25, 30.25],
            [14.75, 169.75, 25.25, 180.25],
            [149.75, 179.75, 170.25, 185.25],
        ];
        assert!(found.known);
        let boxes: Vec<[f32; 4]> = found
            .near_edges
            .iter()
            .map(|r| [r.x0, r.y0, r.x1, r.y1])
            .collect();
        assert_eq!(boxes.len(), expected.len(), "{boxes:?}");
        for (got, want) in boxes.iter().zip(&expected) {
            assert!(
                got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-3),
                "{boxes:?}"
            );
        }
        let extent = found.extent.unwrap();
        let extent = [extent.x0, extent.y0, extent.x1, extent.y1];
        let want = [9.75, 17.25, 170.25, 185.25];
        assert!(
            extent.iter().zip(&want).all(|(g, w)| (g - w).abs() < 1e-3),
            "{extent:?}"
        );
        // Content already decoded (by repair) reads the same.
        let mut decoded = Decoded::new();
        let mut shared = content.to_vec();
        shared.push(b'\n');
        decoded.insert(contents, shared);
        assert_eq!(read(&decoded), found);
    }

    #[test]
    fn octal_escapes_take_one_to_three_digits() {
        let read = |data: &[u8]| {
            let mut lexer = Lexer {
                data,
                at: 0,
                literals: Vec::new(),
            };
            let (start, end) = lexer.literal();
            lexer.literals[start..end].to_vec()
        };
        // Three digits; two before a backslash; three before an 8; one
        // before a backslash; three before a 9; a fourth digit is text.
        assert_eq!(read(b"(\\101\\60\\0618\\7\\1019\\1234)"), b"A018\x07A9S4");
        // Cut short by the end of the data.
        assert_eq!(read(b"(\\12"), [0o12]);
        assert_eq!(read(b"(\\1"), [1]);
    }

    #[test]
    fn matrices_compose_and_invert() {
        let m = Matrix([0.0, 1.0, -1.0, 0.0, 100.0, 20.0]);
        let back = m.then(m.invert().unwrap());
        let (x, y) = back.apply(3.0, 4.0);
        assert!((x - 3.0).abs() < 1e-4 && (y - 4.0).abs() < 1e-4);
        let t = Matrix::translate(1.0, 2.0).then(Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]));
        assert_eq!(t.apply(0.0, 0.0), (2.0, 4.0));
    }
}
