//! What of a report may enter a public pack: the one place that decides.
//!
//! A report is not imported whole and then cleaned. Its pages are copied
//! into a new document by allowlist: page boxes, rotation, content streams,
//! the resources the content draws with, annotations of known visual kinds
//! with only GoTo, web and mail links and page-turning actions, form fields
//! without actions, the outline with GoTo destinations, and layers.
//! Everything else (scripts, attached files, links to other files or
//! programs, private application data, XMP metadata, unknown keys) is left
//! behind, and the clerk is told what, and how many.
//!
//! Every reference is resolved before it is judged (an action's `/S`, an
//! annotation's `/Subtype`, a whole `/Annots` array may be indirect), and
//! every walk is bounded: indirect objects are copied from a work queue,
//! each at most once, so no chain of `/Kids`, `/Next` or `/Parent`, however
//! long or looped, can recurse or spin; direct nesting is cut at
//! [`MAX_NESTING`].

use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};

use lopdf::{Dictionary, Document as PdfDocument, Object, ObjectId, Stream};
use rustc_hash::{FxHashMap, FxHashSet};

use super::extent::Extents;
use super::geometry::Geometry;
use super::packed::{self, Packed};
use crate::model::{Publish, Show};

/// Direct arrays and dictionaries nested deeper than this are cut.
pub const MAX_NESTING: usize = 64;
/// Outline entries nested deeper than this are left out.
pub const MAX_OUTLINE_DEPTH: usize = 32;
/// At most this many outline entries are copied from one report.
pub const MAX_OUTLINE_ENTRIES: usize = 100_000;
/// Form fields nested deeper than this (a field's `/Parent` chain) lose
/// their kids below it: readers walk field trees recursively, and one
/// 20,000 deep keeps a viewer busy for minutes.
pub const MAX_FIELD_DEPTH: usize = 32;
/// Indirect references followed to reach an object (`7 0 R` pointing at
/// `8 0 R` pointing at …) before the chain counts as broken.
const MAX_REFERENCE_HOPS: usize = 16;

/// What a report brings besides its pages, in the admitted document's
/// numbering.
#[derive(Debug, Default, Clone)]
pub struct Carried {
    /// Top-level entries of the report's own outline: first, last, count.
    pub outline: Option<(ObjectId, ObjectId, i64)>,
    /// Top-level form fields.
    pub fields: Vec<ObjectId>,
    /// The form's default resources and appearance, if any.
    pub form_resources: Option<Object>,
    pub form_appearance: Option<Object>,
    /// Optional content (layers): every group, and those off by default.
    pub layers: Vec<ObjectId>,
    pub layers_off: Vec<ObjectId>,
    /// The report's tag tree, if it is tagged.
    pub structure: Option<crate::assemble::structure::Tree>,
    /// The pages or annotations kept keys into a tag tree that was left
    /// out: the merge removes them.
    pub stray_structure_keys: bool,
}

/// A report as it may enter a public pack.
pub struct Admitted {
    pub pdf: PdfDocument,
    pub pages: Vec<ObjectId>,
    pub extents: Extents,
    /// Its fonts' long width arrays, held as their written bytes.
    pub packed: Packed,
    pub carried: Carried,
    /// What was left behind or needs the clerk's eye, one line each.
    pub warnings: Vec<String>,
}

/// Why a report cannot be admitted.
#[derive(Debug)]
pub enum Refusal {
    /// Content on a hidden layer could not be separated from the rest.
    HiddenLayerInseparable { page: usize },
}

/// Annotation subtypes that are comments: sticky notes, their pop-ups and
/// reviewers' markup. Published only when the pack says so.
const COMMENTS: &[&[u8]] = &[
    b"Text",
    b"Popup",
    b"FreeText",
    b"Line",
    b"Square",
    b"Circle",
    b"Polygon",
    b"PolyLine",
    b"Highlight",
    b"Underline",
    b"Squiggly",
    b"StrikeOut",
    b"Caret",
    b"Ink",
    b"Stamp",
    b"Redact",
];

/// Keys every kept annotation may have.
const ANNOT_KEYS: &[&[u8]] = &[
    b"Type",
    b"Subtype",
    b"Rect",
    b"Contents",
    b"P",
    b"NM",
    b"M",
    b"F",
    b"AP",
    b"AS",
    b"Border",
    b"C",
    b"StructParent",
    b"OC",
    b"BS",
    b"BE",
    b"CA",
    b"ca",
    b"BM",
    b"Lang",
];

/// Keys of markup annotations (comments), and per-subtype keys.
const MARKUP_KEYS: &[&[u8]] = &[
    b"T",
    b"Popup",
    b"RC",
    b"CreationDate",
    b"IRT",
    b"Subj",
    b"RT",
    b"IT",
];

fn subtype_keys(subtype: &[u8]) -> &'static [&'static [u8]] {
    match subtype {
        b"Link" => &[b"Dest", b"A", b"H", b"QuadPoints"],
        b"Text" => &[b"Open", b"Name", b"State", b"StateModel"],
        b"FreeText" => &[b"DA", b"Q", b"DS", b"CL", b"RD", b"LE"],
        b"Line" => &[
            b"L", b"LE", b"IC", b"LL", b"LLE", b"Cap", b"LLO", b"CP", b"CO", b"Measure",
        ],
        b"Square" | b"Circle" => &[b"IC", b"RD"],
        b"Polygon" | b"PolyLine" => &[b"Vertices", b"LE", b"IC", b"Measure", b"Path"],
        b"Highlight" | b"Underline" | b"Squiggly" | b"StrikeOut" => &[b"QuadPoints"],
        b"Caret" => &[b"RD", b"Sy"],
        b"Ink" => &[b"InkList", b"Path"],
        b"Popup" => &[b"Parent", b"Open"],
        b"Stamp" => &[b"Name"],
        b"Redact" => &[b"QuadPoints", b"IC", b"OverlayText", b"Repeat", b"DA", b"Q"],
        b"Widget" => &[b"H", b"MK", b"Parent"],
        b"Watermark" => &[b"FixedPrint"],
        _ => &[],
    }
}

/// Annotation subtypes a reader of the report sees and that do nothing
/// but show or link: everything else (attachments, sound, video, 3D,
/// rich media, printers' marks, unknown kinds) is left behind.
fn is_visual(subtype: &[u8]) -> bool {
    matches!(subtype, b"Link" | b"Widget" | b"Watermark") || COMMENTS.contains(&subtype)
}

/// Keys of a form field (on a field dictionary or a widget merged with it).
/// No `/A`, no `/AA`: a field in a public pack does nothing when used.
const FIELD_KEYS: &[&[u8]] = &[
    b"FT", b"Parent", b"Kids", b"T", b"TU", b"TM", b"Ff", b"V", b"DV", b"Opt", b"TI", b"I",
    b"MaxLen", b"DA", b"Q", b"DS", b"RV",
];

/// Page keys copied as they are (besides those we write ourselves).
const PAGE_KEYS: &[&[u8]] = &[
    b"BleedBox",
    b"TrimBox",
    b"ArtBox",
    b"Group",
    b"UserUnit",
    b"Tabs",
    b"StructParents",
];

/// Page keys dropped without a word: we write our own, or they are about
/// how the original file was put together.
const PAGE_KEYS_SILENT: &[&[u8]] = &[
    b"Type",
    b"Parent",
    b"MediaBox",
    b"CropBox",
    b"Rotate",
    b"Resources",
    b"Contents",
    b"Annots",
    b"Length",
];

/// Keys never needed to draw anything, left out wherever they appear in
/// resources, appearances and layers, with what the clerk is told.
fn data_key_removed(key: &[u8]) -> Option<&'static str> {
    Some(match key {
        b"Metadata" => "XMP metadata (authors, edit history)",
        b"PieceInfo" => "private application data (/PieceInfo)",
        b"AF" | b"EF" | b"EmbeddedFile" | b"EmbeddedFiles" => "attached file",
        b"AA" | b"A" | b"OpenAction" => "action",
        b"JS" | b"JavaScript" => "JavaScript",
        b"RichMediaContent" | b"RichMediaSettings" => "rich media (Flash, video)",
        b"XFA" => "XFA form (scripts)",
        b"OPI" => "link to a high-resolution original (/OPI)",
        _ => return None,
    })
}

/// What an action is called in a warning.
fn action_name(kind: &[u8]) -> String {
    match kind {
        b"JavaScript" => "JavaScript action".into(),
        b"Launch" => "Launch action (starts a program)".into(),
        b"GoToR" => "GoToR action (opens another file)".into(),
        b"GoToE" => "GoToE action (opens an attached file)".into(),
        b"SubmitForm" => "SubmitForm action (sends data away)".into(),
        b"ImportData" => "ImportData action".into(),
        b"Thread" => "Thread action".into(),
        b"Sound" | b"Movie" | b"Rendition" | b"RichMediaExecute" => {
            "sound, video or rich media action".into()
        }
        other => format!("{} action", String::from_utf8_lossy(other)),
    }
}

/// Action types: a dictionary with one of these as `/S` is an action,
/// wherever it appears.
const ACTION_TYPES: &[&[u8]] = &[
    b"GoTo",
    b"GoToR",
    b"GoToE",
    b"GoToDp",
    b"Launch",
    b"Thread",
    b"URI",
    b"Sound",
    b"Movie",
    b"Hide",
    b"Named",
    b"SubmitForm",
    b"ResetForm",
    b"ImportData",
    b"JavaScript",
    b"SetOCGState",
    b"Rendition",
    b"Trans",
    b"GoTo3DView",
    b"RichMediaExecute",
];

/// Named actions a viewer offers as page turning.
const NAMED_ACTIONS: &[&[u8]] = &[b"NextPage", b"PrevPage", b"FirstPage", b"LastPage"];

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Kind {
    /// Drawing data: resources, appearance streams, layer groups.
    Data(Role),
    /// An annotation, on the report's page with this index.
    Annotation(usize),
    /// A form field that is not itself a widget.
    Field,
    /// An element of the report's tag tree.
    Structure,
}

/// What a piece of drawing data is, where the page's use of it says so:
/// each role has its own list of keys, and what a key holds has the role
/// the key gives it. Data of no known role is copied with
/// [`data_key_removed`] applied.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Role {
    Any,
    Resources,
    /// A resource category: names mapped to values of one role.
    Map(Category),
    Font,
    FontDescriptor,
    XObject,
    ExtGState,
    Pattern,
    Shading,
    /// An annotation's `/AP`: normal, rollover and down appearances, each
    /// a form or a map of states to forms.
    Appearance,
    /// A font's glyph widths: numbers, packed when there are many (see
    /// [`super::packed`]).
    Widths,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Category {
    Font,
    XObject,
    ExtGState,
    Pattern,
    Shading,
    Other,
}

/// Keys of a stream's own dictionary, kept in every role. Not `/F`,
/// `/FFilter`, `/FDecodeParms`: data in another file.
const STREAM_KEYS: &[&[u8]] = &[b"Length", b"Filter", b"DecodeParms", b"DL"];

impl Role {
    /// The keys a dictionary of this role may keep; `None`: any but those
    /// [`data_key_removed`] names.
    fn keys(self) -> Option<&'static [&'static [u8]]> {
        Some(match self {
            Role::Any | Role::Map(_) | Role::Widths => return None,
            Role::Resources => &[
                b"ExtGState",
                b"ColorSpace",
                b"Pattern",
                b"Shading",
                b"XObject",
                b"Font",
                b"ProcSet",
                b"Properties",
            ],
            Role::Font => &[
                b"Type",
                b"Subtype",
                b"BaseFont",
                b"FirstChar",
                b"LastChar",
                b"Widths",
                b"FontDescriptor",
                b"Encoding",
                b"ToUnicode",
                b"DescendantFonts",
                b"CIDSystemInfo",
                b"W",
                b"W2",
                b"DW",
                b"DW2",
                b"CIDToGIDMap",
                b"FontBBox",
                b"FontMatrix",
                b"CharProcs",
                b"Resources",
                b"Name",
            ],
            Role::FontDescriptor => &[
                b"Type",
                b"FontName",
                b"FontFamily",
                b"FontStretch",
                b"FontWeight",
                b"Flags",
                b"FontBBox",
                b"ItalicAngle",
                b"Ascent",
                b"Descent",
                b"Leading",
                b"CapHeight",
                b"XHeight",
                b"StemV",
                b"StemH",
                b"AvgWidth",
                b"MaxWidth",
                b"MissingWidth",
                b"FontFile",
                b"FontFile2",
                b"FontFile3",
                b"CharSet",
                b"Style",
                b"Lang",
                b"FD",
                b"CIDSet",
                b"Length1",
                b"Length2",
                b"Length3",
                b"Subtype",
            ],
            Role::XObject => &[
                b"Type",
                b"Subtype",
                b"Width",
                b"Height",
                b"ColorSpace",
                b"BitsPerComponent",
                b"Intent",
                b"ImageMask",
                b"Mask",
                b"Decode",
                b"Interpolate",
                b"Alternates",
                b"SMask",
                b"SMaskInData",
                b"Matte",
                b"Name",
                b"StructParent",
                b"StructParents",
                b"OC",
                b"FormType",
                b"BBox",
                b"Matrix",
                b"Resources",
                b"Group",
                b"Measure",
                b"PtData",
            ],
            Role::ExtGState => &[
                b"Type",
                b"LW",
                b"LC",
                b"LJ",
                b"ML",
                b"D",
                b"RI",
                b"OP",
                b"op",
                b"OPM",
                b"Font",
                b"BG",
                b"BG2",
                b"UCR",
                b"UCR2",
                b"TR",
                b"TR2",
                b"HT",
                b"FL",
                b"SM",
                b"SA",
                b"BM",
                b"SMask",
                b"CA",
                b"ca",
                b"AIS",
                b"TK",
                b"UseBlackPtComp",
                b"HTO",
            ],
            Role::Pattern => &[
                b"Type",
                b"PatternType",
                b"PaintType",
                b"TilingType",
                b"BBox",
                b"XStep",
                b"YStep",
                b"Resources",
                b"Matrix",
                b"Shading",
                b"ExtGState",
            ],
            Role::Appearance => &[b"N", b"R", b"D"],
            Role::Shading => &[
                b"ShadingType",
                b"ColorSpace",
                b"Background",
                b"BBox",
                b"AntiAlias",
                b"Coords",
                b"Domain",
                b"Function",
                b"Extend",
                b"Matrix",
                b"BitsPerCoordinate",
                b"BitsPerComponent",
                b"BitsPerFlag",
                b"Decode",
                b"VerticesPerRow",
            ],
        })
    }

    /// The role of what `key` holds in a dictionary of this role.
    fn child(self, key: &[u8]) -> Role {
        match (self, key) {
            (Role::Map(Category::Font), _) => Role::Font,
            (Role::Map(Category::XObject), _) => Role::XObject,
            (Role::Map(Category::ExtGState), _) => Role::ExtGState,
            (Role::Map(Category::Pattern), _) => Role::Pattern,
            (Role::Map(Category::Shading), _) => Role::Shading,
            (Role::Map(Category::Other), _) => Role::Any,
            (Role::Resources, b"Font") => Role::Map(Category::Font),
            (Role::Resources, b"XObject") => Role::Map(Category::XObject),
            (Role::Resources, b"ExtGState") => Role::Map(Category::ExtGState),
            (Role::Resources, b"Pattern") => Role::Map(Category::Pattern),
            (Role::Resources, b"Shading") => Role::Map(Category::Shading),
            (Role::Resources, _) => Role::Map(Category::Other),
            (Role::Appearance, _) => Role::Map(Category::XObject),
            (_, b"Resources") => Role::Resources,
            (Role::Font, b"FontDescriptor") => Role::FontDescriptor,
            (Role::Font, b"DescendantFonts") => Role::Font,
            (Role::Font, b"W" | b"W2" | b"Widths") => Role::Widths,
            (Role::XObject, b"SMask" | b"Mask") => Role::XObject,
            (Role::Pattern, b"Shading") => Role::Shading,
            (Role::Pattern, b"ExtGState") => Role::ExtGState,
            _ => Role::Any,
        }
    }

    /// What a dictionary of this role is called in a warning.
    fn name(self) -> &'static str {
        match self {
            Role::Any | Role::Map(_) | Role::Widths => "a drawing",
            Role::Resources => "a page's resources",
            Role::Font => "a font",
            Role::FontDescriptor => "a font descriptor",
            Role::XObject => "an image or drawing",
            Role::ExtGState => "a graphics state",
            Role::Pattern => "a pattern",
            Role::Shading => "a shading",
            Role::Appearance => "an annotation's appearance",
        }
    }
}

struct Copier<'a> {
    src: &'a PdfDocument,
    policy: &'a Publish,
    objects: BTreeMap<ObjectId, Object>,
    /// Indirect objects copied (or being copied): old → new.
    map: FxHashMap<(ObjectId, Kind), ObjectId>,
    queue: VecDeque<(ObjectId, ObjectId, Kind)>,
    next: u32,
    /// The report's pages: old → new, and their index.
    pages: FxHashMap<ObjectId, (ObjectId, usize)>,
    /// Named destinations, as they are in the report: looked up, not
    /// copied (a report may name thousands and link to a few).
    named: BTreeMap<&'a [u8], &'a Object>,
    removed: BTreeMap<String, usize>,
    /// Comments met (kept or removed), by page index.
    comments: BTreeMap<usize, usize>,
    /// Hidden-layer content or annotations removed, by page index.
    hidden_removed: BTreeSet<usize>,
    /// Pages whose resources are a reference that loops or leads nowhere,
    /// by page index. (Content that cannot be read is named by
    /// [`super::repair`].)
    lost_resources: BTreeSet<usize>,
    /// Layers off by default (old numbering), and the names of those
    /// that hide content.
    hidden: FxHashSet<ObjectId>,
    extents_in: Extents,
    extents_out: Extents,
    /// Whether the report has a tag tree: if not, its pages' and
    /// annotations' keys into one (meaningless, and clashing with other
    /// reports' in the pack) are not copied.
    tagged: bool,
    /// Tag-tree elements copied with an identifier.
    struct_ids: Vec<(Vec<u8>, ObjectId)>,
    /// Streams copied without their data (new, old): it is moved from the
    /// report once everything is copied, not copied beside it.
    unfilled: Vec<(ObjectId, ObjectId)>,
    /// Width arrays copied as their written bytes (new numbering).
    packed: Packed,
}

/// Copies what may enter a public pack of `pdf` (whose pages are `pages`,
/// seen as `geometries`; whose large streams are in `extents`) into a new
/// document. The report is used up: its streams' data is moved into the
/// copy.
pub fn admit(
    mut pdf: PdfDocument,
    pages: &[ObjectId],
    geometries: &[Geometry],
    extents: Extents,
    policy: &Publish,
) -> Result<Admitted, Refusal> {
    let mut c = Copier {
        src: &pdf,
        policy,
        objects: BTreeMap::new(),
        map: FxHashMap::default(),
        queue: VecDeque::new(),
        next: 1,
        pages: FxHashMap::default(),
        named: named_destinations(&pdf),
        removed: BTreeMap::new(),
        comments: BTreeMap::new(),
        hidden_removed: BTreeSet::new(),
        lost_resources: BTreeSet::new(),
        hidden: FxHashSet::default(),
        extents_in: extents,
        extents_out: Extents::default(),
        tagged: false,
        struct_ids: Vec::new(),
        unfilled: Vec::new(),
        packed: Packed::default(),
    };
    let catalog = pdf.catalog().cloned().unwrap_or_default();
    c.tagged = catalog.has(b"StructTreeRoot");
    let (layers_old, layers_off_old) = layers(&pdf, &catalog);
    c.hidden = layers_off_old.iter().copied().collect();

    let new_pages: Vec<ObjectId> = pages
        .iter()
        .enumerate()
        .map(|(index, &old)| {
            let new = c.fresh();
            c.pages.insert(old, (new, index));
            new
        })
        .collect();
    for (index, (&old, geometry)) in pages.iter().zip(geometries).enumerate() {
        let page = c.page(old, index, geometry)?;
        c.objects.insert(new_pages[index], Object::Dictionary(page));
    }
    c.catalog_removals(&catalog);

    let mut carried = Carried::default();
    // Layers: every group, and those hidden by default.
    for &old in &layers_old {
        if let Object::Reference(new) = c.reference(old, Kind::Data(Role::Any)) {
            carried.layers.push(new);
            if c.hidden.contains(&old) {
                carried.layers_off.push(new);
            }
        }
    }
    carried.outline = c.outline(&catalog);
    c.form(&catalog, &mut carried);
    c.drain();
    // The tag tree last, once everything it may point at is copied: it
    // points only at what is kept, never brings anything in.
    carried.structure = c.structure(&catalog);
    // Keys were copied for a tree that did not come.
    carried.stray_structure_keys = c.tagged && carried.structure.is_none();
    let Copier {
        mut objects,
        removed,
        comments,
        hidden_removed,
        lost_resources,
        extents_out,
        unfilled,
        next,
        packed,
        ..
    } = c;
    // The streams' data, moved: the last copy of a stream takes it, any
    // earlier one (the same stream copied in two roles) a copy of it.
    let mut copies: FxHashMap<ObjectId, usize> = FxHashMap::default();
    for &(_, old) in &unfilled {
        *copies.entry(old).or_default() += 1;
    }
    for (new, old) in unfilled {
        let Some(Object::Stream(source)) = pdf.objects.get_mut(&old) else {
            continue;
        };
        let left = copies.entry(old).or_default();
        *left -= 1;
        let data = if *left == 0 {
            std::mem::take(&mut source.content)
        } else {
            source.content.clone()
        };
        if let Some(Object::Stream(copy)) = objects.get_mut(&new) {
            copy.content = data;
        }
    }
    drop(pdf);

    let mut warnings = Vec::new();
    if !removed.is_empty() {
        let list: Vec<String> = removed
            .iter()
            .map(|(what, n)| match n {
                1 => what.clone(),
                n => format!("{what} \u{d7}{n}"),
            })
            .collect();
        warnings.push(format!("left out of the pack: {}", list.join(", ")));
    }
    if !lost_resources.is_empty() {
        warnings.push(format!(
            "the fonts and images of {} could not be read (a reference that loops or leads \
             nowhere): text and pictures on it may be missing",
            page_list(lost_resources.iter())
        ));
    }
    if !comments.is_empty() {
        let total: usize = comments.values().sum();
        let pages = page_list(comments.keys());
        warnings.push(match policy.comments {
            Show::Remove => format!(
                "removed {total} comment{} (sticky notes, pop-ups, reviewers' markup) on {pages}; \
                 set comments = \"keep\" on the document to publish them",
                plural(total)
            ),
            Show::Keep => format!(
                "publishes {total} comment{} (sticky notes, pop-ups, reviewers' markup) on {pages}, \
                 as the pack file asks (comments = \"keep\")",
                plural(total)
            ),
        });
    }
    if !hidden_removed.is_empty() {
        let pages = page_list(hidden_removed.iter());
        warnings.push(match policy.hidden_layers {
            Show::Remove => format!(
                "removed content on layers hidden by default on {pages}; \
                 set hidden_layers = \"keep\" on the document to publish it hidden"
            ),
            Show::Keep => format!(
                "publishes content on layers hidden by default on {pages}: \
                 any reader can show it (hidden_layers = \"keep\")"
            ),
        });
    }
    let mut out = PdfDocument::with_version("1.7");
    out.max_id = next - 1;
    out.objects = objects;
    Ok(Admitted {
        pdf: out,
        pages: new_pages,
        extents: extents_out,
        packed,
        carried,
        warnings,
    })
}

/// `dict` in no more room than it needs. Grown one key at a time, a
/// dictionary holds room for up to twice its keys, and every report's
/// copy stays in memory until the pack is written.
fn fitted(mut dict: Dictionary) -> Dictionary {
    dict.as_hashmap_mut().shrink_to_fit();
    dict
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "page 3", "pages 2, 5 and 7" (1-based).
fn page_list<'a>(pages: impl Iterator<Item = &'a usize>) -> String {
    let pages: Vec<String> = pages.map(|p| (p + 1).to_string()).collect();
    match pages.as_slice() {
        [one] => format!("page {one}"),
        [init @ .., last] => format!("pages {} and {last}", init.join(", ")),
        [] => String::new(),
    }
}

impl<'a> Copier<'a> {
    fn fresh(&mut self) -> ObjectId {
        let id = (self.next, 0);
        self.next += 1;
        id
    }

    fn remove(&mut self, what: impl Into<String>) {
        *self.removed.entry(what.into()).or_default() += 1;
    }

    /// Follows a chain of references to an object; `None` if the chain is
    /// broken, loops or is absurdly long.
    fn resolve<'o>(&'o self, object: &'o Object) -> Option<(Option<ObjectId>, &'o Object)> {
        let mut id = None;
        let mut object = object;
        for _ in 0..MAX_REFERENCE_HOPS {
            match object {
                Object::Reference(r) => {
                    id = Some(*r);
                    object = self.src.objects.get(r)?;
                }
                _ => return Some((id, object)),
            }
        }
        None
    }

    /// The object at the end of a chain of references starting at `id`.
    fn resolve_id(&self, id: ObjectId) -> Option<(ObjectId, &'a Object)> {
        let src: &'a PdfDocument = self.src;
        let mut id = id;
        for _ in 0..MAX_REFERENCE_HOPS {
            match src.objects.get(&id)? {
                Object::Reference(next) => id = *next,
                object => return Some((id, object)),
            }
        }
        None
    }

    fn resolved(&self, object: &Object) -> Option<Object> {
        self.resolve(object).map(|(_, o)| o.clone())
    }

    fn name_of(&self, object: Option<&Object>) -> Option<Vec<u8>> {
        match self.resolve(object?)?.1 {
            Object::Name(n) => Some(n.clone()),
            _ => None,
        }
    }

    /// Whether a dictionary may be copied as drawing data; if not, what it
    /// is, for the warning (`None`: left out silently).
    fn judge_data(&self, dict: &Dictionary) -> Result<(), Option<String>> {
        let kind = self.name_of(dict.get(b"Type").ok());
        match kind.as_deref() {
            Some(b"Filespec" | b"EmbeddedFile") => return Err(Some("attached file".into())),
            Some(b"Action") => {
                let s = self.name_of(dict.get(b"S").ok()).unwrap_or_default();
                return Err(Some(action_name(&s)));
            }
            Some(b"Metadata") => {
                return Err(Some("XMP metadata (authors, edit history)".into()));
            }
            Some(b"Sig") => return Err(Some("digital signature".into())),
            // Structure a page's resources have no business reaching.
            Some(
                b"Catalog" | b"Pages" | b"Page" | b"Annot" | b"Outlines" | b"XRef" | b"ObjStm"
                | b"StructTreeRoot" | b"StructElem",
            ) => return Err(None),
            _ => {}
        }
        if let Some(s) = self.name_of(dict.get(b"S").ok())
            && ACTION_TYPES.contains(&s.as_slice())
        {
            return Err(Some(action_name(&s)));
        }
        if dict.has(b"JS") {
            return Err(Some("JavaScript".into()));
        }
        Ok(())
    }

    /// A reference in the copy: the kept page it names, the object copied
    /// already, or a newly queued copy; null if what it names may not enter.
    fn reference(&mut self, old: ObjectId, kind: Kind) -> Object {
        if let Some(&(new, _)) = self.pages.get(&old) {
            return Object::Reference(new);
        }
        // An object is copied once for each role it is used in: a font
        // used also as a generic drawing is copied under both lists.
        let key = match kind {
            Kind::Annotation(_) => Kind::Annotation(0),
            other => other,
        };
        if let Some(&new) = self.map.get(&(old, key)) {
            return Object::Reference(new);
        }
        let Some((id, target)) = self.resolve_id(old) else {
            return Object::Null;
        };
        if id != old {
            // A reference to a reference: copy the object at the end of it.
            return self.reference(id, kind);
        }
        let verdict = match (target, kind) {
            (Object::Stream(s), Kind::Data(Role::XObject))
                if !matches!(
                    self.name_of(s.dict.get(b"Subtype").ok()).as_deref(),
                    Some(b"Image" | b"Form")
                ) =>
            {
                Err(Some("PostScript or unknown kind of XObject".into()))
            }
            (Object::Dictionary(d), Kind::Data(_)) => self.judge_data(d),
            (Object::Stream(s), Kind::Data(_)) => self.judge_data(&s.dict),
            (Object::Dictionary(d), Kind::Annotation(page)) => self.judge_annotation(d, page),
            (Object::Dictionary(d), Kind::Field) => self.judge_data(d).map_err(|_| None),
            (Object::Dictionary(d), Kind::Structure) => match d.get(b"S") {
                Ok(_) => Ok(()),
                Err(_) => Err(None),
            },
            (_, Kind::Data(_)) => Ok(()),
            _ => Err(None),
        };
        if let Err(what) = verdict {
            if let Some(what) = what {
                self.remove(what);
            }
            return Object::Null;
        }
        let new = self.fresh();
        self.map.insert((old, key), new);
        self.queue.push_back((old, new, kind));
        Object::Reference(new)
    }

    /// Copies every queued object.
    fn drain(&mut self) {
        while let Some((old, new, kind)) = self.queue.pop_front() {
            let Some(object) = self.src.objects.get(&old) else {
                continue;
            };
            let copied = match (object, kind) {
                (Object::Stream(stream), kind) => {
                    let role = match kind {
                        // A stream is never a map: it is one of the map's
                        // values (an appearance given as one form).
                        Kind::Data(role @ Role::Map(_)) => role.child(b""),
                        Kind::Data(role) => role,
                        _ => Role::Any,
                    };
                    let dict = self.data_dict(&stream.dict, role, true, 0);
                    let strip = self.policy.hidden_layers == Show::Remove
                        && !self.hidden.is_empty()
                        && self.name_of(stream.dict.get(b"Subtype").ok()).as_deref()
                            == Some(b"Form");
                    let mut copy = Stream {
                        dict,
                        // Filled once everything is copied (see `unfilled`),
                        // unless its content is filtered now.
                        content: if strip {
                            stream.content.clone()
                        } else {
                            Vec::new()
                        },
                        allows_compression: stream.allows_compression,
                        start_position: None,
                    };
                    if let Some(extent) = self.extents_in.get(&old) {
                        self.extents_out.insert(new, extent.clone());
                    }
                    if strip {
                        self.strip_hidden_in_form(&mut copy, stream, old, new);
                    } else {
                        self.unfilled.push((new, old));
                    }
                    Object::Stream(copy)
                }
                (Object::Dictionary(dict), Kind::Annotation(page)) => {
                    Object::Dictionary(self.annotation_dict(dict, page, Some(old)))
                }
                (Object::Dictionary(dict), Kind::Field) => {
                    Object::Dictionary(self.field_dict(dict, old))
                }
                (Object::Dictionary(dict), Kind::Structure) => {
                    Object::Dictionary(self.struct_element(dict, new, 0))
                }
                (Object::Array(_), Kind::Data(Role::Widths)) => {
                    let (copy, is_packed) = self.widths(object, 0);
                    if is_packed {
                        self.packed.insert(new);
                    }
                    copy
                }
                (object, Kind::Data(role)) => self.data(object, role, 0),
                (object, _) => self.data(object, Role::Any, 0),
            };
            self.objects.insert(new, copied);
        }
    }

    /// Drawing data, copied with what a reader never needs left out.
    fn data(&mut self, object: &Object, role: Role, depth: usize) -> Object {
        if depth > MAX_NESTING {
            self.remove(format!("values nested over {MAX_NESTING} deep"));
            return Object::Null;
        }
        match object {
            Object::Reference(id) => self.reference(*id, Kind::Data(role)),
            // A font's widths given in its dictionary: copied, then packed
            // as an object of their own if they are long.
            Object::Array(_) if role == Role::Widths => match self.widths(object, depth) {
                (bytes, true) => {
                    let id = self.fresh();
                    self.objects.insert(id, bytes);
                    self.packed.insert(id);
                    Object::Reference(id)
                }
                (copy, false) => copy,
            },
            Object::Array(items) => Object::Array(
                items
                    .iter()
                    .map(|o| self.data(o, role, depth + 1))
                    .collect(),
            ),
            Object::Dictionary(dict) => match self.judge_data(dict) {
                Ok(()) => Object::Dictionary(self.data_dict(dict, role, false, depth + 1)),
                Err(what) => {
                    if let Some(what) = what {
                        self.remove(what);
                    }
                    Object::Null
                }
            },
            // Streams are always indirect; a direct one is malformed.
            Object::Stream(_) => Object::Null,
            other => other.clone(),
        }
    }

    /// A font's widths, copied, and packed (see [`super::packed`]) if they
    /// are long; the caller makes a packed copy an object of its own and
    /// lists it (`true`).
    fn widths(&mut self, array: &Object, depth: usize) -> (Object, bool) {
        let copy = self.data(array, Role::Any, depth);
        match packed::pack(&copy) {
            Some(bytes) => (bytes, true),
            None => (copy, false),
        }
    }

    /// A dictionary (a stream's, if `stream`) of drawing data: the keys
    /// its role allows, each value in the role its key gives.
    fn data_dict(
        &mut self,
        dict: &Dictionary,
        role: Role,
        stream: bool,
        depth: usize,
    ) -> Dictionary {
        let mut out = Dictionary::new();
        for (key, value) in dict.iter() {
            let k = key.as_slice();
            if stream && STREAM_KEYS.contains(&k) {
                out.set(key.clone(), self.data(value, Role::Any, depth));
                continue;
            }
            if data_key_removed(k).is_some() {
                self.leave_out(k, value);
                continue;
            }
            if matches!(k, b"StructParent" | b"StructParents") && !self.tagged {
                continue;
            }
            let allowed = match role.keys() {
                Some(keys) => keys.contains(&k),
                // Data in another file, named by a stream.
                None => !(stream && matches!(k, b"F" | b"FFilter" | b"FDecodeParms" | b"Ref")),
            };
            if !allowed {
                self.remove(format!(
                    "unknown entry /{} in {}",
                    String::from_utf8_lossy(k),
                    role.name()
                ));
                continue;
            }
            let child = role.child(k);
            out.set(key.clone(), self.data(value, child, depth));
        }
        fitted(out)
    }

    /// Counts a key left out of a copy: the actions it held, by kind, or
    /// what [`data_key_removed`] calls it.
    fn leave_out(&mut self, key: &[u8], value: &Object) {
        if matches!(key, b"A" | b"AA" | b"OpenAction") {
            self.note_actions(value);
        } else if let Some(what) = data_key_removed(key) {
            self.remove(what);
        }
    }

    fn field_too_deep(&mut self) {
        self.remove(format!("form fields nested over {MAX_FIELD_DEPTH} deep"));
    }

    /// Counts the actions of an `/A`, `/AA` or `/OpenAction` left out, by
    /// kind.
    fn note_actions(&mut self, value: &Object) {
        let Some((_, value)) = self.resolve(value) else {
            return;
        };
        let value = value.clone();
        match &value {
            Object::Dictionary(d) if d.has(b"S") => {
                let s = self.name_of(d.get(b"S").ok()).unwrap_or_default();
                self.remove(action_name(&s));
            }
            // Additional actions: one per trigger.
            Object::Dictionary(d) => {
                for (_, v) in d.iter() {
                    if let Some((_, Object::Dictionary(a))) = self.resolve(v) {
                        let s = self.name_of(a.get(b"S").ok()).unwrap_or_default();
                        self.remove(action_name(&s));
                    }
                }
            }
            // A destination given as an open action: harmless, dropped.
            _ => {}
        }
    }

    /// A report page: boxes and rotation as read, resources it draws with,
    /// content, kept annotations, and the keys in [`PAGE_KEYS`].
    fn page(
        &mut self,
        old: ObjectId,
        index: usize,
        geometry: &Geometry,
    ) -> Result<Dictionary, Refusal> {
        let src = self.src.get_dictionary(old).cloned().unwrap_or_default();
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("MediaBox", geometry.media.to_object());
        if geometry.visible != geometry.media {
            page.set("CropBox", geometry.visible.to_object());
        }
        page.set("Rotate", Object::Integer(geometry.rotate.into()));
        let given = super::geometry::inherited(self.src, old, b"Resources");
        let resources_old = match given.and_then(|r| self.resolved(r)) {
            Some(r @ Object::Dictionary(_)) => r,
            other => {
                if given.is_some() && other.is_none() {
                    self.lost_resources.insert(index);
                }
                Object::Dictionary(Dictionary::new())
            }
        };
        let resources = match self.data(&resources_old, Role::Resources, 0) {
            Object::Dictionary(d) => d,
            _ => Dictionary::new(),
        };
        page.set("Resources", resources);
        let contents = self.contents(&src, index, &resources_old)?;
        if !contents.is_empty() {
            page.set("Contents", Object::Array(contents));
        }
        for (key, value) in src.iter() {
            if key == b"StructParents" && !self.tagged {
                continue;
            }
            if PAGE_KEYS.contains(&key.as_slice()) {
                let copied = self.data(value, Role::Any, 0);
                page.set(key.clone(), copied);
            } else if key == b"AA" || data_key_removed(key).is_some() {
                self.leave_out(key, value);
            } else if !PAGE_KEYS_SILENT.contains(&key.as_slice()) {
                self.remove(format!("page entry /{}", String::from_utf8_lossy(key)));
            }
        }
        let annots = src
            .get(b"Annots")
            .ok()
            .and_then(|a| self.resolved(a))
            .and_then(|a| a.as_array().ok().cloned())
            .unwrap_or_default();
        let mut kept = Vec::new();
        for annot in &annots {
            let copied = match annot {
                Object::Reference(id) => self.reference(*id, Kind::Annotation(index)),
                Object::Dictionary(d) => match self.judge_annotation(d, index) {
                    Ok(()) => Object::Dictionary(self.annotation_dict(d, index, None)),
                    Err(what) => {
                        if let Some(what) = what {
                            self.remove(what);
                        }
                        Object::Null
                    }
                },
                _ => Object::Null,
            };
            if !matches!(copied, Object::Null) {
                kept.push(copied);
            }
        }
        if !kept.is_empty() {
            page.set("Annots", Object::Array(kept));
        }
        Ok(fitted(page))
    }

    /// A page's content streams, each copied (with content on hidden
    /// layers taken out, when that is asked).
    fn contents(
        &mut self,
        page: &Dictionary,
        index: usize,
        resources: &Object,
    ) -> Result<Vec<Object>, Refusal> {
        let given = page.get(b"Contents").ok();
        let parts: Vec<Object> = match given.and_then(|c| self.resolve(c)) {
            Some((_, Object::Array(parts))) => parts.clone(),
            Some((Some(id), Object::Stream(_))) => vec![Object::Reference(id)],
            _ => Vec::new(),
        };
        let streams: Vec<ObjectId> = parts
            .iter()
            .filter_map(|p| match self.resolve(p) {
                Some((Some(id), Object::Stream(_))) => Some(id),
                _ => None,
            })
            .collect();

        let strip = self.policy.hidden_layers == Show::Remove
            && !self.hidden.is_empty()
            && !streams.is_empty();
        if strip {
            let hidden = self.hidden_names(resources);
            if !hidden.is_empty() {
                let mut joined = Vec::new();
                for &id in &streams {
                    joined.extend(
                        self.decoded(id)
                            .ok_or(Refusal::HiddenLayerInseparable { page: index + 1 })?,
                    );
                    joined.push(b'\n');
                }
                let (filtered, removed) = strip_hidden(&joined, &hidden)
                    .ok_or(Refusal::HiddenLayerInseparable { page: index + 1 })?;
                if removed {
                    self.hidden_removed.insert(index);
                    let new = self.fresh();
                    let mut stream = Stream::new(Dictionary::new(), filtered);
                    let _ = stream.compress();
                    self.objects.insert(new, Object::Stream(stream));
                    return Ok(vec![Object::Reference(new)]);
                }
            }
        } else if self.policy.hidden_layers == Show::Keep && !self.hidden.is_empty() {
            let hidden = self.hidden_names(resources);
            if !hidden.is_empty() {
                self.hidden_removed.insert(index);
            }
        }
        Ok(streams
            .into_iter()
            .map(|id| self.reference(id, Kind::Data(Role::Any)))
            .collect())
    }

    /// A stream's data, decoded, from memory or its file.
    fn decoded(&self, id: ObjectId) -> Option<Vec<u8>> {
        let Some(Object::Stream(stream)) = self.src.objects.get(&id) else {
            return None;
        };
        let stream = super::extent::with_data(&self.extents_in, id, stream)?;
        if stream.dict.has(b"Filter") {
            stream.decompressed_content().ok()
        } else {
            Some(stream.into_owned().content)
        }
    }

    /// A form XObject's content with hidden-layer content taken out.
    fn strip_hidden_in_form(
        &mut self,
        copy: &mut Stream,
        original: &Stream,
        old: ObjectId,
        new: ObjectId,
    ) {
        let resources = original
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| self.resolved(r))
            .unwrap_or(Object::Dictionary(Dictionary::new()));
        let hidden = self.hidden_names(&resources);
        if hidden.is_empty() {
            return;
        }
        let Some(data) = self.decoded(old) else {
            return;
        };
        if let Some((filtered, true)) = strip_hidden(&data, &hidden) {
            self.remove("drawing on a layer hidden by default");
            copy.set_plain_content(filtered);
            let _ = copy.compress();
            self.extents_out.remove(&new);
        }
    }

    /// The names under which `resources` give hidden layers (marked
    /// content `/OC /Name BDC`) and XObjects drawn only on hidden layers.
    fn hidden_names(&self, resources: &Object) -> Hidden {
        let mut hidden = Hidden::default();
        let Some((_, Object::Dictionary(resources))) = self.resolve(resources) else {
            return hidden;
        };
        let dict_at = |key: &[u8]| -> Option<Dictionary> {
            match self.resolve(resources.get(key).ok()?)?.1 {
                Object::Dictionary(d) => Some(d.clone()),
                _ => None,
            }
        };
        if let Some(props) = dict_at(b"Properties") {
            for (name, value) in props.iter() {
                if self.is_hidden(value) {
                    hidden.properties.insert(name.clone());
                }
            }
        }
        if let Some(xobjects) = dict_at(b"XObject") {
            for (name, value) in xobjects.iter() {
                if let Some((_, Object::Stream(s))) = self.resolve(value)
                    && let Ok(oc) = s.dict.get(b"OC")
                    && self.is_hidden(oc)
                {
                    hidden.xobjects.insert(name.clone());
                }
            }
        }
        hidden
    }

    /// Whether an optional content group or membership dictionary is off
    /// by default.
    fn is_hidden(&self, value: &Object) -> bool {
        let Some((id, object)) = self.resolve(value) else {
            return false;
        };
        if let Some(id) = id
            && self.hidden.contains(&id)
        {
            return true;
        }
        let Object::Dictionary(d) = object else {
            return false;
        };
        if self.name_of(d.get(b"Type").ok()).as_deref() != Some(b"OCMD") {
            return false;
        }
        let groups: Vec<bool> = match d.get(b"OCGs").ok().and_then(|g| self.resolve(g)) {
            Some((Some(id), Object::Dictionary(_))) => vec![self.hidden.contains(&id)],
            Some((_, Object::Array(a))) => a
                .iter()
                .filter_map(|g| g.as_reference().ok())
                .map(|g| self.hidden.contains(&g))
                .collect(),
            _ => return false,
        };
        if groups.is_empty() {
            return false;
        }
        match self.name_of(d.get(b"P").ok()).as_deref() {
            Some(b"AllOn") => groups.iter().any(|&off| off),
            Some(b"AnyOff") => !groups.iter().any(|&off| off),
            Some(b"AllOff") => groups.iter().any(|&off| !off),
            _ => groups.iter().all(|&off| off),
        }
    }

    /// Whether an annotation may enter; if not, what it is for the warning.
    fn judge_annotation(&mut self, dict: &Dictionary, page: usize) -> Result<(), Option<String>> {
        let subtype = self.name_of(dict.get(b"Subtype").ok()).unwrap_or_default();
        if !is_visual(&subtype) {
            return Err(Some(match subtype.as_slice() {
                b"FileAttachment" => "attached file (FileAttachment annotation)".into(),
                b"Sound" | b"Movie" | b"Screen" | b"RichMedia" | b"3D" => {
                    "sound, video, 3D or rich media annotation".into()
                }
                b"" => "annotation of no known kind".into(),
                other => format!("{} annotation", String::from_utf8_lossy(other)),
            }));
        }
        // Flags Hidden (2) and NoView (32): never shown, only carried.
        let flags = match dict.get(b"F").ok().and_then(|f| self.resolve(f)) {
            Some((_, Object::Integer(f))) => *f,
            _ => 0,
        };
        if flags & (2 | 32) != 0 && subtype != b"Popup" {
            return Err(Some(
                "annotation or form field a viewer never shows (hidden flag)".into(),
            ));
        }
        if COMMENTS.contains(&subtype.as_slice()) {
            // A pop-up is the window of the comment it belongs to.
            if subtype != b"Popup" {
                *self.comments.entry(page).or_default() += 1;
            }
            if self.policy.comments == Show::Remove {
                return Err(None);
            }
        }
        if let Ok(oc) = dict.get(b"OC")
            && self.is_hidden(oc)
        {
            self.hidden_removed.insert(page);
            if self.policy.hidden_layers == Show::Remove {
                return Err(None);
            }
        }
        Ok(())
    }

    fn annotation_dict(
        &mut self,
        dict: &Dictionary,
        page: usize,
        old: Option<ObjectId>,
    ) -> Dictionary {
        let subtype = self.name_of(dict.get(b"Subtype").ok()).unwrap_or_default();
        let markup = COMMENTS.contains(&subtype.as_slice()) && subtype != b"Popup";
        let widget = subtype == b"Widget";
        let mut out = Dictionary::new();
        for (key, value) in dict.iter() {
            let k = key.as_slice();
            if k == b"StructParent" && !self.tagged {
                continue;
            }
            let allowed = ANNOT_KEYS.contains(&k)
                || subtype_keys(&subtype).contains(&k)
                || (markup && MARKUP_KEYS.contains(&k))
                || (widget && FIELD_KEYS.contains(&k));
            if !allowed {
                self.leave_out(k, value);
                continue;
            }
            let copied = match k {
                b"Subtype" | b"Type" => Object::Name(
                    self.name_of(Some(value))
                        .unwrap_or_else(|| b"Annot".to_vec()),
                ),
                b"A" => match self.action(value) {
                    Some(action) => action,
                    None => continue,
                },
                b"Dest" => match self.dest(value) {
                    Some(dest) => dest,
                    None => continue,
                },
                b"Popup" | b"IRT" => match value {
                    Object::Reference(id) => self.reference(*id, Kind::Annotation(page)),
                    _ => continue,
                },
                b"Parent" if widget => match value {
                    Object::Reference(id) if self.field_depth(*id).is_some() => {
                        self.field_reference(*id, page)
                    }
                    _ => {
                        self.field_too_deep();
                        continue;
                    }
                },
                b"Parent" => match value {
                    Object::Reference(id) => self.reference(*id, Kind::Annotation(page)),
                    _ => continue,
                },
                b"AP" => self.data(value, Role::Appearance, 0),
                b"Kids" => match old.map(|o| self.field_depth(o)) {
                    Some(None) => {
                        self.field_too_deep();
                        continue;
                    }
                    _ => self.kids(value, page),
                },
                b"P" => match value {
                    Object::Reference(id) => match self.pages.get(id) {
                        Some(&(new, _)) => Object::Reference(new),
                        None => continue,
                    },
                    _ => continue,
                },
                _ => self.data(value, Role::Any, 0),
            };
            out.set(key.clone(), copied);
        }
        fitted(out)
    }

    /// A reference to a form field or a widget (a field's kid).
    fn field_reference(&mut self, id: ObjectId, page: usize) -> Object {
        let is_widget = self
            .src
            .objects
            .get(&id)
            .and_then(|o| o.as_dict().ok())
            .is_some_and(|d| d.has(b"Subtype"));
        if is_widget {
            let page = self.widget_page(id).unwrap_or(page);
            self.reference(id, Kind::Annotation(page))
        } else {
            self.reference(id, Kind::Field)
        }
    }

    /// The page a widget is on (its `/P`), if it names a kept page.
    fn widget_page(&self, id: ObjectId) -> Option<usize> {
        let dict = self.src.objects.get(&id)?.as_dict().ok()?;
        let page = dict.get(b"P").ok()?.as_reference().ok()?;
        self.pages.get(&page).map(|&(_, index)| index)
    }

    fn kids(&mut self, value: &Object, page: usize) -> Object {
        let kids = self
            .resolved(value)
            .and_then(|k| k.as_array().ok().cloned())
            .unwrap_or_default();
        Object::Array(
            kids.iter()
                .filter_map(|k| k.as_reference().ok())
                .map(|k| self.field_reference(k, page))
                .filter(|k| !matches!(k, Object::Null))
                .collect(),
        )
    }

    /// How deep a field is (its `/Parent` chain), if no deeper than
    /// [`MAX_FIELD_DEPTH`] and not looped.
    fn field_depth(&self, id: ObjectId) -> Option<usize> {
        let mut seen = HashSet::new();
        let mut at = id;
        for depth in 0..MAX_FIELD_DEPTH {
            if !seen.insert(at) {
                return None;
            }
            let dict = self.src.objects.get(&at)?.as_dict().ok()?;
            match dict.get(b"Parent").ok().and_then(|p| p.as_reference().ok()) {
                Some(parent) => at = parent,
                None => return Some(depth),
            }
        }
        None
    }

    fn field_dict(&mut self, dict: &Dictionary, old: ObjectId) -> Dictionary {
        let mut out = Dictionary::new();
        for (key, value) in dict.iter() {
            let k = key.as_slice();
            if !FIELD_KEYS.contains(&k) {
                self.leave_out(k, value);
                continue;
            }
            let copied = match k {
                b"Kids" if self.field_depth(old).is_some() => self.kids(value, 0),
                b"Parent" => match value {
                    Object::Reference(id) if self.field_depth(*id).is_some() => {
                        self.reference(*id, Kind::Field)
                    }
                    _ => {
                        self.field_too_deep();
                        continue;
                    }
                },
                b"Kids" => {
                    self.field_too_deep();
                    continue;
                }
                _ => self.data(value, Role::Any, 0),
            };
            out.set(key.clone(), copied);
        }
        fitted(out)
    }

    /// An action a public pack may carry, rebuilt from what it needs:
    /// GoTo to a kept page, a web or mail link, a page-turning command.
    /// Anything else, and any chained `/Next`, is left out and counted.
    fn action(&mut self, value: &Object) -> Option<Object> {
        let Some((_, Object::Dictionary(action))) = self.resolve(value) else {
            return None;
        };
        let action = action.clone();
        let kind = self.name_of(action.get(b"S").ok()).unwrap_or_default();
        if action.has(b"Next") {
            self.remove("chained action (/Next)");
        }
        let kept = match kind.as_slice() {
            b"GoTo" => action
                .get(b"D")
                .ok()
                .and_then(|d| self.dest(d))
                .map(|d| ("D", d)),
            b"URI" => {
                let uri = match action.get(b"URI").ok().and_then(|u| self.resolve(u)) {
                    Some((_, Object::String(s, _))) => s.clone(),
                    _ => Vec::new(),
                };
                if safe_uri(&uri) {
                    Some(("URI", Object::String(uri, lopdf::StringFormat::Literal)))
                } else {
                    self.remove("link to an address that is not http, https or mailto");
                    return None;
                }
            }
            b"Named" => match self.name_of(action.get(b"N").ok()) {
                Some(n) if NAMED_ACTIONS.contains(&n.as_slice()) => Some(("N", Object::Name(n))),
                _ => {
                    self.remove("Named action other than page turning");
                    return None;
                }
            },
            other => {
                self.remove(action_name(other));
                return None;
            }
        };
        let (key, value) = kept?;
        Some(Object::Dictionary(Dictionary::from_iter([
            ("S", Object::Name(kind)),
            (key, value),
        ])))
    }

    /// An explicit destination on a kept page: named ones looked up, the
    /// page mapped. `None` if it leads nowhere in the pack.
    fn dest(&mut self, value: &Object) -> Option<Object> {
        let (_, resolved) = self.resolve(value)?;
        let explicit = match resolved {
            Object::Name(n) | Object::String(n, _) => *self.named.get(n.as_slice())?,
            Object::Dictionary(d) => self.resolve(d.get(b"D").ok()?)?.1,
            other => other,
        };
        let Object::Array(parts) = explicit else {
            return None;
        };
        let (page, rest) = parts.split_first()?;
        let &(new, _) = self.pages.get(&page.as_reference().ok()?)?;
        // Made in the room it needs: a report may link thousands of times.
        let rest = &rest[..rest.len().min(5)];
        let mut out = Vec::with_capacity(1 + rest.len());
        out.push(Object::Reference(new));
        for part in rest {
            out.push(match self.resolve(part)?.1 {
                o @ (Object::Name(_) | Object::Integer(_) | Object::Real(_) | Object::Null) => {
                    o.clone()
                }
                _ => Object::Null,
            });
        }
        Some(Object::Array(out))
    }

    /// The report's outline: entries with a title and a GoTo destination
    /// or safe action, nested at most [`MAX_OUTLINE_DEPTH`] deep, each
    /// branch closed. Walked with a stack, each entry at most once.
    fn outline(&mut self, catalog: &Dictionary) -> Option<(ObjectId, ObjectId, i64)> {
        let root = match self.resolve(catalog.get(b"Outlines").ok()?)? {
            (_, Object::Dictionary(d)) => d.clone(),
            _ => return None,
        };
        struct Entry {
            old: ObjectId,
            new: ObjectId,
            children: Vec<usize>,
        }
        let mut entries: Vec<Entry> = Vec::new();
        let mut seen = HashSet::new();
        let mut top = Vec::new();
        // (first child of the parent, index of the parent entry, depth)
        let mut stack: Vec<(Option<ObjectId>, Option<usize>, usize)> = vec![(
            root.get(b"First").ok().and_then(|f| f.as_reference().ok()),
            None,
            1,
        )];
        let mut too_deep = 0;
        while let Some((first, parent, depth)) = stack.pop() {
            let mut next = first;
            while let Some(old) = next {
                if entries.len() >= MAX_OUTLINE_ENTRIES || !seen.insert(old) {
                    break;
                }
                let Some(dict) = self.src.objects.get(&old).and_then(|o| o.as_dict().ok()) else {
                    break;
                };
                next = dict.get(b"Next").ok().and_then(|n| n.as_reference().ok());
                let first_child = dict.get(b"First").ok().and_then(|f| f.as_reference().ok());
                let index = entries.len();
                let new = self.fresh();
                entries.push(Entry {
                    old,
                    new,
                    children: Vec::new(),
                });
                match parent {
                    Some(p) => entries[p].children.push(index),
                    None => top.push(index),
                }
                if first_child.is_some() {
                    if depth < MAX_OUTLINE_DEPTH {
                        stack.push((first_child, Some(index), depth + 1));
                    } else {
                        too_deep += 1;
                    }
                }
            }
        }
        if too_deep > 0 {
            self.remove(format!("bookmarks nested over {MAX_OUTLINE_DEPTH} deep"));
        }
        let root_id = self.fresh();
        let write =
            |c: &mut Copier<'_>, siblings: &[usize], parent: ObjectId, entries: &[Entry]| {
                for (n, &i) in siblings.iter().enumerate() {
                    let e = &entries[i];
                    let src = c.src.objects[&e.old].as_dict().cloned().unwrap_or_default();
                    let mut dict = Dictionary::new();
                    let title = src.get(b"Title").ok().and_then(|t| c.resolved(t));
                    dict.set(
                        "Title",
                        match title {
                            Some(t @ Object::String(..)) => t,
                            _ => Object::String(Vec::new(), lopdf::StringFormat::Literal),
                        },
                    );
                    dict.set("Parent", parent);
                    if n > 0 {
                        dict.set("Prev", entries[siblings[n - 1]].new);
                    }
                    if let Some(&next) = siblings.get(n + 1) {
                        dict.set("Next", entries[next].new);
                    }
                    if let (Some(&f), Some(&l)) = (e.children.first(), e.children.last()) {
                        dict.set("First", entries[f].new);
                        dict.set("Last", entries[l].new);
                        dict.set("Count", Object::Integer(-(e.children.len() as i64)));
                    }
                    if let Some(dest) = src.get(b"Dest").ok().and_then(|d| c.dest(d)) {
                        dict.set("Dest", dest);
                    } else if let Some(action) = src.get(b"A").ok().and_then(|a| c.action(a)) {
                        dict.set("A", action);
                    }
                    for key in [b"C".as_slice(), b"F"] {
                        if let Ok(v) = src.get(key) {
                            let v = c.data(v, Role::Any, 0);
                            dict.set(key.to_vec(), v);
                        }
                    }
                    c.objects.insert(e.new, Object::Dictionary(dict));
                }
            };
        write(self, &top, root_id, &entries);
        for i in 0..entries.len() {
            let children = entries[i].children.clone();
            write(self, &children, entries[i].new, &entries);
        }
        let (&first, &last) = (top.first()?, top.last()?);
        Some((entries[first].new, entries[last].new, top.len() as i64))
    }

    /// The report's form: its fields (each copied without actions), and
    /// the form's default resources and appearance.
    fn form(&mut self, catalog: &Dictionary, carried: &mut Carried) {
        let Some((_, Object::Dictionary(form))) = catalog
            .get(b"AcroForm")
            .ok()
            .and_then(|f| self.resolve(f))
            .map(|(id, f)| (id, f.clone()))
        else {
            return;
        };
        if form.has(b"XFA") {
            self.remove("XFA form (scripts)");
        }
        let fields = form
            .get(b"Fields")
            .ok()
            .and_then(|f| self.resolved(f))
            .and_then(|f| f.as_array().ok().cloned())
            .unwrap_or_default();
        for field in fields {
            if let Ok(id) = field.as_reference()
                && let Object::Reference(new) = self.field_reference(id, 0)
                && !carried.fields.contains(&new)
            {
                carried.fields.push(new);
            }
        }
        if let Ok(dr) = form.get(b"DR") {
            carried.form_resources = Some(self.data(dr, Role::Resources, 0));
        }
        if let Ok(da) = form.get(b"DA") {
            carried.form_appearance = Some(self.data(da, Role::Any, 0));
        }
    }

    /// The report's tag tree: its elements (type, page, content, alternative
    /// and actual text, language, attributes, classes), role map, class map
    /// and parent tree, pointing only at the pages, annotations and forms
    /// kept. None if the report is untagged, or if content on hidden layers
    /// was taken out (its elements' text could still tell what it said).
    fn structure(&mut self, catalog: &Dictionary) -> Option<crate::assemble::structure::Tree> {
        let root = catalog
            .get(b"StructTreeRoot")
            .ok()
            .and_then(|r| self.resolved(r))?
            .as_dict()
            .ok()?
            .clone();
        if !self.hidden_removed.is_empty() && self.policy.hidden_layers == Show::Remove {
            self.remove("tags (structure) of a report with content on hidden layers");
            return None;
        }
        let kids = match root.get(b"K").ok().and_then(|k| self.resolved(k)) {
            Some(Object::Array(kids)) => kids,
            Some(_) => vec![root.get(b"K").ok()?.clone()],
            None => return None,
        };
        let kids: Vec<Object> = kids
            .iter()
            .filter_map(|k| match self.struct_kid(k, 0) {
                Object::Reference(id) => Some(Object::Reference(id)),
                _ => None,
            })
            .collect();
        let mut role_map = Dictionary::new();
        if let Some(Object::Dictionary(map)) =
            root.get(b"RoleMap").ok().and_then(|m| self.resolved(m))
        {
            for (key, value) in map.iter() {
                if let Some(name) = self.name_of(Some(value)) {
                    role_map.set(key.clone(), Object::Name(name));
                }
            }
        }
        let mut class_map = Dictionary::new();
        if let Some(Object::Dictionary(map)) =
            root.get(b"ClassMap").ok().and_then(|m| self.resolved(m))
        {
            for (key, value) in map.iter() {
                let copied = self.attributes(value, 0);
                if !matches!(copied, Object::Null) {
                    class_map.set(key.clone(), copied);
                }
            }
        }
        self.drain();
        let mut entries = Vec::new();
        if let Ok(tree) = root.get(b"ParentTree") {
            crate::assemble::structure::number_tree(self.src, tree, &mut entries);
        }
        let element = |c: &Self, o: &Object| match o {
            Object::Reference(id) => c
                .resolve_id(*id)
                .and_then(|(id, _)| c.map.get(&(id, Kind::Structure)))
                .map_or(Object::Null, |&new| Object::Reference(new)),
            _ => Object::Null,
        };
        let nums = entries
            .into_iter()
            .map(|(key, value)| {
                let value = match self.resolve(&value).map(|(_, v)| v.clone()) {
                    Some(Object::Array(items)) => {
                        Object::Array(items.iter().map(|o| element(self, o)).collect())
                    }
                    _ => element(self, &value),
                };
                (key, value)
            })
            .collect();
        if kids.is_empty() {
            return None;
        }
        Some(crate::assemble::structure::Tree {
            kids,
            nums,
            role_map,
            class_map,
            ids: std::mem::take(&mut self.struct_ids),
        })
    }

    /// A kid of a structure element: a marked-content number, a reference
    /// to marked content or to an object (kept only if what it names is),
    /// or an element (copied; a direct one made indirect).
    fn struct_kid(&mut self, value: &Object, depth: usize) -> Object {
        if depth > MAX_NESTING {
            return Object::Null;
        }
        let Some((id, resolved)) = self.resolve(value) else {
            return Object::Null;
        };
        let resolved = resolved.clone();
        match resolved {
            Object::Integer(mcid) => Object::Integer(mcid),
            Object::Array(items) => Object::Array(
                items
                    .iter()
                    .map(|o| self.struct_kid(o, depth + 1))
                    .filter(|o| !matches!(o, Object::Null))
                    .collect(),
            ),
            Object::Dictionary(dict) => {
                let kind = self.name_of(dict.get(b"Type").ok());
                match kind.as_deref() {
                    Some(b"MCR") => self.marked_content_reference(&dict),
                    Some(b"OBJR") => self.object_reference(&dict),
                    _ if dict.has(b"S") => match id {
                        Some(id) => self.reference(id, Kind::Structure),
                        None => {
                            let new = self.fresh();
                            let copied = self.struct_element(&dict, new, depth + 1);
                            self.objects.insert(new, Object::Dictionary(copied));
                            Object::Reference(new)
                        }
                    },
                    _ => Object::Null,
                }
            }
            _ => Object::Null,
        }
    }

    /// A kept page, by a reference to the report's page.
    fn kept_page(&self, value: Option<&Object>) -> Option<Object> {
        let id = value?.as_reference().ok()?;
        let (id, _) = self.resolve_id(id)?;
        self.pages.get(&id).map(|&(new, _)| Object::Reference(new))
    }

    /// The copy of an object already kept under `kinds`, never a new one.
    fn kept(&self, value: Option<&Object>, kinds: &[Kind]) -> Option<Object> {
        let id = value?.as_reference().ok()?;
        let (id, _) = self.resolve_id(id)?;
        kinds
            .iter()
            .find_map(|&k| self.map.get(&(id, k)))
            .map(|&new| Object::Reference(new))
    }

    fn marked_content_reference(&mut self, dict: &Dictionary) -> Object {
        let mut out = Dictionary::from_iter([("Type", Object::Name(b"MCR".to_vec()))]);
        match dict.get(b"MCID").ok().and_then(|m| self.resolved(m)) {
            Some(Object::Integer(mcid)) => out.set("MCID", mcid),
            _ => return Object::Null,
        }
        if dict.has(b"Pg") {
            match self.kept_page(dict.get(b"Pg").ok()) {
                Some(page) => out.set("Pg", page),
                None => return Object::Null,
            }
        }
        if dict.has(b"Stm") {
            match self.kept(dict.get(b"Stm").ok(), &[Kind::Data(Role::XObject)]) {
                Some(stream) => out.set("Stm", stream),
                None => return Object::Null,
            }
        }
        Object::Dictionary(out)
    }

    fn object_reference(&mut self, dict: &Dictionary) -> Object {
        let kinds = [Kind::Annotation(0), Kind::Data(Role::XObject), Kind::Field];
        let Some(object) = self.kept(dict.get(b"Obj").ok(), &kinds) else {
            return Object::Null;
        };
        let mut out =
            Dictionary::from_iter([("Type", Object::Name(b"OBJR".to_vec())), ("Obj", object)]);
        if let Some(page) = self.kept_page(dict.get(b"Pg").ok()) {
            out.set("Pg", page);
        }
        Object::Dictionary(out)
    }

    /// A structure element, copied as `new`.
    fn struct_element(&mut self, dict: &Dictionary, new: ObjectId, depth: usize) -> Dictionary {
        let mut out = Dictionary::from_iter([("Type", Object::Name(b"StructElem".to_vec()))]);
        // An element whose content was all left out (a removed comment, an
        // unsafe link) keeps none of the text that described it.
        let given = dict.get(b"K").ok();
        let kids = given.map(|k| self.struct_kid(k, depth + 1));
        let given_empty = matches!(
            given.and_then(|k| self.resolved(k)),
            Some(Object::Array(a)) if a.is_empty()
        );
        let emptied = match &kids {
            Some(Object::Null) => true,
            Some(Object::Array(items)) => items.is_empty() && !given_empty,
            _ => false,
        };
        for (key, value) in dict.iter() {
            let k = key.as_slice();
            let copied = match k {
                b"Type" => continue,
                b"S" => match self.name_of(Some(value)) {
                    Some(name) => Object::Name(name),
                    None => continue,
                },
                // The parent: another element, or the root (set again when
                // the trees are merged).
                b"P" => match self.resolve(value) {
                    Some((Some(id), Object::Dictionary(d))) if d.has(b"S") => {
                        self.reference(id, Kind::Structure)
                    }
                    _ => continue,
                },
                b"Pg" => match self.kept_page(Some(value)) {
                    Some(page) => page,
                    None => continue,
                },
                b"K" => match &kids {
                    Some(kids) => kids.clone(),
                    None => continue,
                },
                b"T" | b"Alt" | b"E" | b"ActualText" if emptied => {
                    self.remove("text of tags whose content was left out");
                    continue;
                }
                b"A" => self.attributes(value, depth + 1),
                b"C" => match self.resolved(value) {
                    Some(Object::Name(n)) => Object::Name(n),
                    Some(Object::Array(items)) => Object::Array(
                        items
                            .into_iter()
                            .filter(|i| matches!(i, Object::Name(_) | Object::Integer(_)))
                            .collect(),
                    ),
                    _ => continue,
                },
                b"R" => match self.resolved(value) {
                    Some(Object::Integer(r)) => Object::Integer(r),
                    _ => continue,
                },
                b"T" | b"Lang" | b"Alt" | b"E" | b"ActualText" | b"ID" => {
                    match self.resolved(value) {
                        Some(Object::String(text, format)) => {
                            if k == b"ID" {
                                self.struct_ids.push((text.clone(), new));
                            }
                            Object::String(text, format)
                        }
                        _ => continue,
                    }
                }
                _ => {
                    self.leave_out(k, value);
                    if data_key_removed(k).is_none() {
                        self.remove(format!(
                            "entry /{} of the tags (structure)",
                            String::from_utf8_lossy(k)
                        ));
                    }
                    continue;
                }
            };
            if !matches!(copied, Object::Null) {
                out.set(key.clone(), copied);
            }
        }
        fitted(out)
    }

    /// A structure element's attributes (or a class's): attribute objects
    /// of the standard owners, with revision numbers; user properties
    /// (private data of the application that made the report) left out.
    fn attributes(&mut self, value: &Object, depth: usize) -> Object {
        if depth > MAX_NESTING {
            return Object::Null;
        }
        match self.resolved(value) {
            Some(Object::Array(items)) => Object::Array(
                items
                    .iter()
                    .map(|i| self.attributes(i, depth + 1))
                    .filter(|o| !matches!(o, Object::Null))
                    .collect(),
            ),
            Some(Object::Integer(revision)) => Object::Integer(revision),
            Some(Object::Dictionary(dict)) => {
                if self.name_of(dict.get(b"O").ok()).as_deref() == Some(b"UserProperties") {
                    self.remove("user properties in the tags (application data)");
                    return Object::Null;
                }
                self.data(&Object::Dictionary(dict), Role::Any, depth)
            }
            _ => Object::Null,
        }
    }

    /// Counts what the catalog carries that a public pack leaves behind.
    fn catalog_removals(&mut self, catalog: &Dictionary) {
        if catalog.has(b"Metadata") {
            self.remove("XMP metadata (authors, edit history)");
        }
        if catalog.has(b"PieceInfo") {
            self.remove("private application data (/PieceInfo)");
        }
        if catalog.has(b"AF") {
            self.remove("attached file");
        }
        if catalog.has(b"Collection") {
            self.remove("portfolio (PDF collection)");
        }
        for key in [b"OpenAction".as_slice(), b"AA"] {
            if let Ok(action) = catalog.get(key) {
                // Opening at a page is harmless, and the pack opens at its
                // own first page: left out without a word.
                let harmless = match self.resolve(action) {
                    Some((_, Object::Array(_))) => true,
                    Some((_, Object::Dictionary(d))) => {
                        self.name_of(d.get(b"S").ok()).as_deref() == Some(b"GoTo")
                    }
                    _ => false,
                };
                if !harmless {
                    self.note_actions(action);
                }
            }
        }
        let names = catalog
            .get(b"Names")
            .ok()
            .and_then(|n| self.resolved(n))
            .and_then(|n| n.as_dict().ok().cloned())
            .unwrap_or_default();
        for (key, _) in names.iter() {
            match key.as_slice() {
                b"Dests" => {}
                b"JavaScript" => self.remove("document JavaScript"),
                b"EmbeddedFiles" => self.remove("attached file"),
                b"RichMedia" | b"Renditions" | b"AlternatePresentations" => {
                    self.remove("sound, video or rich media")
                }
                _ => {}
            }
        }
    }
}

/// Marked-content names and XObject names that are hidden on a page.
#[derive(Default)]
struct Hidden {
    properties: HashSet<Vec<u8>>,
    xobjects: HashSet<Vec<u8>>,
}

impl Hidden {
    fn is_empty(&self) -> bool {
        self.properties.is_empty() && self.xobjects.is_empty()
    }
}

/// Content with everything on a hidden layer taken out: `/OC /Name BDC …
/// EMC` sections whose layer is hidden, and `Do` of hidden XObjects.
/// `None` if the content cannot be parsed; otherwise the new content and
/// whether anything was taken out.
fn strip_hidden(content: &[u8], hidden: &Hidden) -> Option<(Vec<u8>, bool)> {
    let parsed = lopdf::content::Content::decode(content).ok()?;
    let mut kept = Vec::with_capacity(parsed.operations.len());
    // Depth of marked content inside a hidden section; 0 when showing.
    let mut skipping = 0usize;
    let mut removed = false;
    for op in parsed.operations {
        let operator = op.operator.as_str();
        if skipping > 0 {
            match operator {
                "BDC" | "BMC" => skipping += 1,
                "EMC" => skipping -= 1,
                _ => {}
            }
            continue;
        }
        let hidden_section = operator == "BDC"
            && matches!(op.operands.first(), Some(Object::Name(n)) if n == b"OC")
            && matches!(op.operands.get(1), Some(Object::Name(n)) if hidden.properties.contains(n));
        if hidden_section {
            skipping = 1;
            removed = true;
            continue;
        }
        if operator == "Do"
            && matches!(op.operands.first(), Some(Object::Name(n)) if hidden.xobjects.contains(n))
        {
            removed = true;
            continue;
        }
        kept.push(op);
    }
    if !removed {
        return Some((Vec::new(), false));
    }
    let encoded = lopdf::content::Content { operations: kept }.encode().ok()?;
    Some((encoded, true))
}

/// Whether a link address is one a public pack may carry: http, https or
/// mailto. Anything else (`javascript:`, `file:`, `\\server\share`, a
/// relative path that a viewer would open on the reader's disk) is not.
pub fn safe_uri(uri: &[u8]) -> bool {
    let trimmed: Vec<u8> = uri
        .iter()
        .copied()
        .skip_while(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        .collect();
    let Some(colon) = trimmed.iter().position(|&b| b == b':') else {
        return false;
    };
    let scheme: Vec<u8> = trimmed[..colon]
        .iter()
        .filter(|b| !b.is_ascii_whitespace() && !b.is_ascii_control())
        .map(u8::to_ascii_lowercase)
        .collect();
    matches!(scheme.as_slice(), b"http" | b"https" | b"mailto")
}

/// The report's layers, and those off by default (old numbering).
fn layers(pdf: &PdfDocument, catalog: &Dictionary) -> (Vec<ObjectId>, Vec<ObjectId>) {
    let Some(props) = catalog
        .get(b"OCProperties")
        .ok()
        .and_then(|p| pdf.dereference(p).ok())
        .and_then(|(_, p)| p.as_dict().ok())
    else {
        return (Vec::new(), Vec::new());
    };
    let refs = |o: Option<&Object>| -> Vec<ObjectId> {
        o.and_then(|o| pdf.dereference(o).ok())
            .and_then(|(_, o)| o.as_array().ok())
            .map(|a| a.iter().filter_map(|r| r.as_reference().ok()).collect())
            .unwrap_or_default()
    };
    let all = refs(props.get(b"OCGs").ok());
    let default = props
        .get(b"D")
        .ok()
        .and_then(|d| pdf.dereference(d).ok())
        .and_then(|(_, d)| d.as_dict().ok());
    let base_off = default
        .and_then(|d| d.get(b"BaseState").ok())
        .and_then(|b| pdf.dereference(b).ok())
        .and_then(|(_, b)| b.as_name().ok())
        == Some(b"OFF".as_slice());
    let on = refs(default.and_then(|d| d.get(b"ON").ok()));
    let off = refs(default.and_then(|d| d.get(b"OFF").ok()));
    let off = if base_off {
        all.iter().copied().filter(|l| !on.contains(l)).collect()
    } else {
        off.into_iter().filter(|l| all.contains(l)).collect()
    };
    (all, off)
}

/// Every named destination of a document, from the catalog's /Dests and
/// the /Names /Dests tree: the explicit destination arrays where they are
/// in the document.
fn named_destinations(pdf: &PdfDocument) -> BTreeMap<&[u8], &Object> {
    let mut out = BTreeMap::new();
    let Ok(catalog) = pdf.catalog() else {
        return out;
    };
    let explicit = |value| -> Option<&Object> {
        let (_, v) = pdf.dereference(value).ok()?;
        match v {
            Object::Array(_) => Some(v),
            Object::Dictionary(d) => {
                let (_, inner) = pdf.dereference(d.get(b"D").ok()?).ok()?;
                inner.as_array().ok().map(|_| inner)
            }
            _ => None,
        }
    };
    if let Ok(dests) = catalog.get(b"Dests")
        && let Ok((_, Object::Dictionary(d))) = pdf.dereference(dests)
    {
        for (name, value) in d.iter() {
            if let Some(e) = explicit(value) {
                out.insert(name.as_slice(), e);
            }
        }
    }
    let tree = catalog
        .get(b"Names")
        .ok()
        .and_then(|n| pdf.dereference(n).ok())
        .and_then(|(_, n)| n.as_dict().ok())
        .and_then(|n| n.get(b"Dests").ok());
    if let Some(tree) = tree {
        // A name tree, walked with a stack: each node once, bounded depth.
        let mut seen = HashSet::new();
        let mut stack = vec![(tree, 0usize)];
        while let Some((node, depth)) = stack.pop() {
            if depth > 32 {
                continue;
            }
            if let Object::Reference(id) = node
                && !seen.insert(*id)
            {
                continue;
            }
            let Ok((_, Object::Dictionary(dict))) = pdf.dereference(node) else {
                continue;
            };
            if let Ok(Object::Array(pairs)) = dict
                .get(b"Names")
                .and_then(|n| pdf.dereference(n).map(|(_, o)| o))
            {
                for pair in pairs.chunks(2) {
                    if let [key, value] = pair
                        && let Ok((_, Object::String(name, _))) = pdf.dereference(key)
                        && let Some(e) = explicit(value)
                    {
                        out.entry(name.as_slice()).or_insert(e);
                    }
                }
            }
            if let Ok(Object::Array(kids)) = dict
                .get(b"Kids")
                .and_then(|k| pdf.dereference(k).map(|(_, o)| o))
            {
                stack.extend(kids.iter().rev().map(|k| (k, depth + 1)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses_are_safe() {
        for ok in [
            b"http://example.org".as_slice(),
            b"HTTPS://example.org",
            b"mailto:clerk@example.gov.uk",
            b"  https://x",
        ] {
            assert!(safe_uri(ok), "{}", String::from_utf8_lossy(ok));
        }
        for bad in [
            b"javascript:alert(1)".as_slice(),
            b"JavaScript:alert(1)",
            b" java\tscript:alert(1)",
            b"file:///etc/passwd",
            b"\\\\server\\share\\x.pdf",
            b"report.pdf",
            b"data:text/html,hi",
            b"",
        ] {
            assert!(!safe_uri(bad), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn pages_are_listed_as_a_clerk_reads_them() {
        assert_eq!(page_list([0usize].iter()), "page 1");
        assert_eq!(page_list([1usize, 4, 6].iter()), "pages 2, 5 and 7");
    }
}
