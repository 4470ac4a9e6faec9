//! Our own pages, drawn with krilla in the shipped font: the notice and
//! agenda, blank pages, and the stamp overlays laid over each report page.
//!
//! One krilla document holds one page per page of the finished pack, in the
//! same order, so the font is embedded and subset once for everything we
//! draw. For a report page, its krilla page is an overlay of the page's
//! visible size carrying the stamps, later laid over the report page.

pub mod layout;
pub mod placement;
pub mod text;

use std::num::NonZeroU16;

use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, ValidationError};
use krilla::destination::{Destination, XyzDestination};
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};
use krilla::text::KrillaGlyph;
use krilla::{Document, SerializeSettings};

use crate::error::BuildError;
use crate::model::{Pack, Series};
use crate::plan::{PagePlan, Slot};
use crate::read::clearance::Occupied;
use layout::{
    Element, FrontMatter, Mark, PAGE_HEIGHT, PAGE_WIDTH, PictureKind, PictureSizes, RangeOf, Role,
};
use text::{Fonts, Weight};

/// Size of the stamps' text.
const PAGE_NUMBER_SIZE: f32 = 10.0;
const ITEM_STAMP_SIZE: f32 = 12.0;
const EXEMPT_STAMP_SIZE: f32 = 9.0;
const EXEMPT_STAMP: (Weight, f32) = (Weight::Bold, EXEMPT_STAMP_SIZE);
/// Distance of the stamps' baselines from the visible edge.
const FOOT: f32 = 18.0;
const HEAD: f32 = 26.0;
const SIDE: f32 = 28.0;

/// The front-sheet images, decoded.
#[derive(Default)]
pub struct Pictures {
    logo: Option<Image>,
    signature: Option<Image>,
}

impl Pictures {
    /// Reads the logo and signature named in the pack.
    pub fn load(pack: &Pack) -> Result<Pictures, BuildError> {
        let read = |picture: &Option<crate::model::Picture>| -> Result<Option<Image>, BuildError> {
            let Some(picture) = picture else {
                return Ok(None);
            };
            let fail = |reason: String| BuildError::Picture {
                path: picture.path.clone(),
                reason,
            };
            let data = crate::files::read_regular(&picture.path, None)
                .map_err(|e| fail(format!("the file {e}")))?;
            let is_png = data.starts_with(b"\x89PNG");
            let is_jpeg = data.starts_with(&[0xFF, 0xD8, 0xFF]);
            if !is_png && !is_jpeg {
                let actual = crate::read::convert::what_it_is(&data[..data.len().min(16)]);
                return Err(fail(match actual {
                    Some(actual) => format!(
                        "it is {actual}, whatever its name says; front-sheet images must be PNG \
                         or JPEG: save or export it as PNG"
                    ),
                    None => "it is not a PNG or JPEG image (it does not start as one does); \
                             front-sheet images must be PNG or JPEG"
                        .into(),
                }));
            }
            let image = if is_png {
                Image::from_png(data.into(), false)
            } else {
                Image::from_jpeg(data.into(), false)
            };
            image
                .map(Some)
                .map_err(|e| fail(format!("not a readable PNG or JPEG image ({e})")))
        };
        Ok(Pictures {
            logo: read(&pack.issuer.logo)?,
            signature: read(&pack.issuer.signature)?,
        })
    }

    pub fn sizes(&self) -> PictureSizes {
        PictureSizes {
            logo: self.logo.as_ref().map(Image::size),
            signature: self.signature.as_ref().map(Image::size),
        }
    }
}

/// The visible size of a report page as a reader sees it (after /Rotate),
/// in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VisibleSize {
    pub width: f32,
    pub height: f32,
}

/// The stamps are drawn on a canvas whose short side is at least this many
/// points, scaled down onto smaller pages, so they stay inside the page.
const MIN_STAMP_CANVAS: f32 = 200.0;

impl VisibleSize {
    /// How much larger than the page the stamp canvas is (1 for any page
    /// of ordinary size).
    pub fn stamp_scale(self) -> f32 {
        let short = self.width.min(self.height);
        if short > 0.0 && short < MIN_STAMP_CANVAS {
            MIN_STAMP_CANVAS / short
        } else {
            1.0
        }
    }

    /// The canvas the stamps are drawn on.
    pub fn stamp_canvas(self) -> VisibleSize {
        let k = self.stamp_scale();
        VisibleSize {
            width: self.width * k,
            height: self.height * k,
        }
    }
}

/// Our pages as a PDF, one page per page of the pack.
pub struct Rendered {
    pub pdf: Vec<u8>,
    /// By slot: how a report page's content is shrunk to keep its stamps
    /// clear of it, if it is.
    pub shrinks: Vec<Option<placement::Shrink>>,
    /// Whether our pages passed krilla's PDF/UA-1 validation; if not, why.
    pub accessible: Result<(), String>,
}

/// Draws every page we own. `report_page(slot_index)` gives the visible
/// size of the report page at that slot, and what it draws.
///
/// Our pages are tagged: the notice and agenda with the structure the
/// layout gives them, the agenda's page ranges as Link elements with their
/// annotations (aimed at the range's first slot; assembly turns them to
/// the report page there), the logo and signature as Figures with their
/// alternative text; blank-page notices and stamps are artifacts. They are
/// checked against PDF/UA-1 as krilla writes them; should the check fail
/// (a glyph the font lacks, say), they are drawn again unchecked and the
/// reason is kept. With `archival`, they are checked against PDF/A-2b as
/// well, and that check must pass.
pub fn render<'o>(
    pack: &Pack,
    fonts: &Fonts,
    pictures: &Pictures,
    front: &FrontMatter,
    plan: &PagePlan,
    report_page: &(dyn Fn(usize) -> (VisibleSize, &'o Occupied) + Sync),
    archival: bool,
) -> Result<Rendered, BuildError> {
    let shaped = shape_ahead(pack, fonts, front, plan, report_page);
    let ours = Ours {
        pack,
        fonts,
        pictures,
        front,
        plan,
        shaped,
        archival,
    };
    match draw(&ours, true) {
        Ok(rendered) => Ok(rendered),
        Err(KrillaError::Validation(errors)) => {
            let reason = unmet(errors.iter().map(|(e, _)| e));
            let mut rendered = draw(&ours, false).map_err(krilla_failed)?;
            rendered.accessible = Err(reason);
            Ok(rendered)
        }
        Err(e) => Err(krilla_failed(e)),
    }
}

/// What PDF/UA-1 requirements our pages did not meet, in words.
fn unmet<'e>(errors: impl Iterator<Item = &'e ValidationError>) -> String {
    let mut missing = String::new();
    let mut reasons: Vec<String> = Vec::new();
    for error in errors {
        let reason = match error {
            ValidationError::ContainsNotDefGlyph(_, _, text) => {
                if !missing.contains(text.as_str()) {
                    missing.push_str(text);
                }
                continue;
            }
            ValidationError::NoCodepointMapping(..)
            | ValidationError::InvalidCodepointMapping(..) => {
                "a glyph drawn without the text it stands for".to_string()
            }
            ValidationError::UnicodePrivateArea(..) => {
                "a character of the Unicode private use area".to_string()
            }
            other => format!("{other:?}"),
        };
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    if !missing.is_empty() {
        reasons.insert(
            0,
            format!(
                "the shipped font has no glyph for \u{201c}{missing}\u{201d}, which a reader \
                 cannot read (see the warning about it)"
            ),
        );
    }
    reasons.join("; ")
}

fn krilla_failed(e: KrillaError) -> BuildError {
    BuildError::Internal {
        stage: "drawing the notice, agenda and stamps",
        reason: format!("{e:?}"),
    }
}

/// What [`render`] draws from.
struct Ours<'a> {
    pack: &'a Pack,
    fonts: &'a Fonts,
    pictures: &'a Pictures,
    front: &'a FrontMatter,
    plan: &'a PagePlan,
    /// By slot: its text shaped, and a report page's stamps placed.
    shaped: Vec<Ahead>,
    /// Checked against PDF/A-2b too.
    archival: bool,
}

/// A slot's text shaped and its stamps placed ahead of drawing, over all
/// cores: krilla draws one page after another, and shaping and placing
/// are most of the work of a page we draw.
enum Ahead {
    /// For each mark of a front page, the glyphs of its text, if it has any.
    Front(Vec<Option<Vec<KrillaGlyph>>>),
    Report(Box<ReportStamps>),
    /// Nothing shaped ahead (a blank page).
    Nothing,
}

/// A report page's stamps, shaped and placed.
struct ReportStamps {
    /// The visible size of the report page.
    visible: VisibleSize,
    page: (String, Vec<KrillaGlyph>),
    item: Option<(String, Vec<KrillaGlyph>)>,
    exempt: Option<(String, Vec<KrillaGlyph>)>,
    placed: placement::Placement,
}

/// Shapes every slot's text and places every report page's stamps, over
/// all cores.
fn shape_ahead<'o>(
    pack: &Pack,
    fonts: &Fonts,
    front: &FrontMatter,
    plan: &PagePlan,
    report_page: &(dyn Fn(usize) -> (VisibleSize, &'o Occupied) + Sync),
) -> Vec<Ahead> {
    use rayon::prelude::*;
    // The item whose first page each printed page is, for "Agenda Item N".
    let item_starts = plan.item_starts();
    plan.slots
        .par_iter()
        .enumerate()
        .map(|(index, slot)| match *slot {
            Slot::Front(i) => Ahead::Front(
                front.pages[i]
                    .iter()
                    .map(|mark| match mark {
                        Mark::Text { text, weight, .. } => Some(fonts.glyphs(text, *weight)),
                        Mark::PageRange { range: of, .. } => of
                            .in_plan(plan)
                            .map(|range| fonts.glyphs(&range.to_string(), Weight::Regular)),
                        _ => None,
                    })
                    .collect(),
            ),
            Slot::Report {
                item: item_index,
                document: document_index,
                printed,
                ..
            } => {
                let (visible, occupied) = report_page(index);
                let t = &pack.template;
                let item = item_starts
                    .get(&printed)
                    .map(|&i| t.fill("agenda_item", &[("n", &plan.items[i].label)]));
                // Every page of an exempt document says so, with why.
                let exempt = pack.items[item_index].documents[document_index]
                    .exempt
                    .as_ref()
                    .map(|e| t.not_for_publication(e));
                let page = t.fill("page", &[("n", &printed.to_string())]);
                let stamps = placement::Stamps {
                    page: &page,
                    item: item.as_deref(),
                    exempt: exempt.as_deref(),
                };
                let placed = placement::place(fonts, visible, occupied, &stamps);
                let shape = |text: String, weight: Weight| {
                    let glyphs = fonts.glyphs(&text, weight);
                    (text, glyphs)
                };
                Ahead::Report(Box::new(ReportStamps {
                    visible,
                    page: shape(page, Weight::Regular),
                    item: item.map(|text| shape(text, Weight::Bold)),
                    exempt: exempt.map(|text| shape(text, EXEMPT_STAMP.0)),
                    placed,
                }))
            }
            Slot::FrontBlank | Slot::Blank { .. } => Ahead::Nothing,
        })
        .collect()
}

fn draw(ours: &Ours<'_>, validate: bool) -> Result<Rendered, KrillaError> {
    let (pack, fonts, plan) = (ours.pack, ours.fonts, ours.plan);
    let mut configuration = ConfigurationBuilder::new();
    if validate {
        configuration = configuration.with_accessibility_validator(Accessibility::UA1);
    }
    if ours.archival {
        configuration = configuration.with_archival_validator(Archival::A2_B);
    }
    let settings = SerializeSettings {
        enable_tagging: true,
        xmp_metadata: true,
        // Compressing each of hundreds of tiny stamp streams costs more
        // than drawing them; assembly compresses the streams worth it.
        compress_content_streams: false,
        configuration: configuration
            .finish()
            .expect("PDF/UA-1 and PDF/A-2b suit krilla's default PDF version"),
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let title = crate::assemble::document_title(pack);
    // Dated the day the notice is issued, so the same pack file gives the
    // same bytes.
    let issued = pack.issuer.issued;
    document.set_metadata(
        Metadata::new()
            .title(title.clone())
            .language(pack.meeting.language.clone())
            .creation_date(
                DateTime::new(issued.year.clamp(0, 9999) as u16)
                    .month(issued.month as u8)
                    .day(issued.day as u8),
            ),
    );
    let mut tags = Tags::new(&ours.front.elements);
    // The exempt stamp of the last report page drawn, for the blank page
    // that may follow it in the E series.
    let mut last_exempt: Option<String> = None;
    let mut shrinks = vec![None; plan.slots.len()];
    let a4 = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 is a valid size");
    for (index, (slot, shaped)) in plan.slots.iter().zip(&ours.shaped).enumerate() {
        match (*slot, shaped) {
            (Slot::Front(i), Ahead::Front(glyphs)) => {
                let mut page = document.start_page_with(a4.clone());
                let mut surface = page.surface();
                let mut current = None;
                let mut links = Vec::new();
                for (mark, glyphs) in ours.front.pages[i].iter().zip(glyphs) {
                    if let Mark::Tag(e) = mark {
                        current = *e;
                        continue;
                    }
                    if let Some(link) = draw_mark(
                        &mut surface,
                        fonts,
                        ours.pictures,
                        plan,
                        (mark, glyphs.as_deref()),
                        current,
                        &mut tags,
                    ) {
                        links.push(link);
                    }
                }
                surface.finish();
                for (group, annotation) in links {
                    let id = page.add_tagged_annotation(annotation);
                    tags.links[group].push(id);
                }
            }
            (Slot::FrontBlank, _) => {
                let mut page = document.start_page_with(a4.clone());
                let mut surface = page.surface();
                blank_notice(&mut surface, fonts, pack);
                surface.finish();
            }
            (Slot::Blank { printed }, _) => {
                let mut page = document.start_page_with(a4.clone());
                let mut surface = page.surface();
                blank_notice(&mut surface, fonts, pack);
                let text = pack.template.fill("page", &[("n", &printed.to_string())]);
                page_number(&mut surface, fonts, PAGE_WIDTH, PAGE_HEIGHT, &text);
                // An exempt page, though blank, says so as the exempt
                // document before it does.
                if printed.series == Series::Exempt
                    && let Some(exempt) = &last_exempt
                {
                    let a4_size = VisibleSize {
                        width: PAGE_WIDTH,
                        height: PAGE_HEIGHT,
                    };
                    let stamps = placement::Stamps {
                        page: &text,
                        item: None,
                        exempt: Some(exempt),
                    };
                    let placed = placement::place(fonts, a4_size, &Occupied::default(), &stamps);
                    if let Some(spot) = placed.exempt {
                        let glyphs = fonts.glyphs(exempt, EXEMPT_STAMP.0);
                        stamp(
                            &mut surface,
                            fonts,
                            spot,
                            (exempt, &glyphs),
                            EXEMPT_STAMP,
                            ArtifactType::Header,
                        );
                    }
                }
                surface.finish();
            }
            (Slot::Report { .. }, Ahead::Report(stamps)) => {
                let ReportStamps {
                    visible,
                    page: page_text,
                    item,
                    exempt,
                    placed,
                    ..
                } = &**stamps;
                last_exempt = exempt.as_ref().map(|(text, _)| text.clone());
                shrinks[index] = placed.shrink;
                let size = visible.stamp_canvas();
                let settings = PageSettings::from_wh(size.width.max(1.0), size.height.max(1.0))
                    .expect("a positive page size");
                let mut page = document.start_page_with(settings);
                let mut surface = page.surface();
                // The stamps are artifacts: the report's own tags, where
                // it has them, stay the whole of what is read.
                let (text, glyphs) = page_text;
                stamp(
                    &mut surface,
                    fonts,
                    placed.page_number,
                    (text, glyphs),
                    (Weight::Regular, PAGE_NUMBER_SIZE),
                    ArtifactType::PageNumber,
                );
                if let (Some((text, glyphs)), Some(spot)) = (item, placed.item) {
                    let style = (Weight::Bold, ITEM_STAMP_SIZE);
                    stamp(
                        &mut surface,
                        fonts,
                        spot,
                        (text, glyphs),
                        style,
                        ArtifactType::Header,
                    );
                }
                if let (Some((text, glyphs)), Some(spot)) = (exempt, placed.exempt) {
                    stamp(
                        &mut surface,
                        fonts,
                        spot,
                        (text, glyphs),
                        EXEMPT_STAMP,
                        ArtifactType::Header,
                    );
                }
                surface.finish();
            }
            _ => unreachable!("every slot is shaped ahead as its kind"),
        }
    }
    // PDF/UA-1 asks for an outline; the pack's own replaces it.
    let mut outline = Outline::new();
    outline.push_child(OutlineNode::new(
        title,
        XyzDestination::new(0, Point::from_xy(0.0, 0.0)),
    ));
    document.set_outline(outline);
    document.set_tag_tree(tags.tree(&pack.meeting.language));
    let pdf = document.finish()?;
    Ok(Rendered {
        pdf,
        shrinks,
        accessible: Ok(()),
    })
}

/// Draws a stamp at `spot`, as an artifact.
fn stamp(
    surface: &mut krilla::surface::Surface<'_>,
    fonts: &Fonts,
    spot: placement::Spot,
    shaped: (&str, &[KrillaGlyph]),
    (weight, size): (Weight, f32),
    kind: ArtifactType,
) {
    surface.start_tagged(artifact(kind));
    draw_shaped(
        surface,
        fonts,
        |_| spot.x,
        spot.baseline,
        shaped,
        (weight, size),
    );
    surface.end_tagged();
}

fn artifact(kind: ArtifactType) -> ContentTag<'static> {
    ContentTag::Artifact(Artifact::with_kind(kind))
}

/// The tag tree of our pages as it is drawn: each structure element of the
/// layout gathers its content and the elements inside it in the order they
/// are drawn, so the reading order is the order of the page.
struct Tags<'f> {
    elements: &'f [Element],
    entries: Vec<Vec<Entry>>,
    attached: Vec<bool>,
    roots: Vec<usize>,
    /// Link elements: a page range and its annotation.
    links: Vec<TagGroup>,
}

enum Entry {
    Content(Identifier),
    Element(usize),
    Link(usize),
}

impl<'f> Tags<'f> {
    fn new(elements: &'f [Element]) -> Tags<'f> {
        Tags {
            elements,
            entries: elements.iter().map(|_| Vec::new()).collect(),
            attached: vec![false; elements.len()],
            roots: Vec::new(),
            links: Vec::new(),
        }
    }

    /// Puts element `e` (and those it sits in) into the tree, after what
    /// is there.
    fn attach(&mut self, e: usize) {
        if self.attached[e] {
            return;
        }
        self.attached[e] = true;
        match self.elements[e].parent {
            Some(parent) => {
                self.attach(parent);
                self.entries[parent].push(Entry::Element(e));
            }
            None => self.roots.push(e),
        }
    }

    fn push(&mut self, e: usize, entry: Entry) {
        self.attach(e);
        self.entries[e].push(entry);
    }

    fn group(&mut self, e: usize) -> TagGroup {
        let tag: TagKind = match &self.elements[e].role {
            Role::Section => Tag::Section.into(),
            Role::Heading { level, title } => Tag::Hn(
                NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN),
                Some(title.clone()),
            )
            .into(),
            Role::Paragraph => Tag::P.into(),
            Role::List => Tag::L(ListNumbering::None).into(),
            Role::ListItem => Tag::LI.into(),
            Role::ListBody => Tag::LBody.into(),
            Role::Table => Tag::Table.into(),
            Role::TableHead => Tag::THead.into(),
            Role::TableBody => Tag::TBody.into(),
            Role::Row => Tag::TR.into(),
            Role::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
            Role::Cell => Tag::TD.into(),
            Role::Figure { alt } => Tag::Figure(Some(alt.clone())).into(),
        };
        let mut group = TagGroup::new(tag);
        for entry in std::mem::take(&mut self.entries[e]) {
            match entry {
                Entry::Content(id) => group.push(id),
                Entry::Element(child) => group.push(self.group(child)),
                Entry::Link(k) => group.push(std::mem::replace(
                    &mut self.links[k],
                    TagGroup::new(Tag::Link),
                )),
            }
        }
        group
    }

    fn tree(mut self, language: &str) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some(language.to_string()));
        for root in std::mem::take(&mut self.roots) {
            tree.push(self.group(root));
        }
        tree
    }
}

/// Draws `text` on one line, its left edge where `place` puts it given its
/// width; returns the width. The text is shaped once, with the fonts'
/// cached plans (krilla's `draw_text` would parse the font and compile a
/// plan for every line).
fn draw_text(
    surface: &mut krilla::surface::Surface<'_>,
    fonts: &Fonts,
    place: impl FnOnce(f32) -> f32,
    baseline: f32,
    text: &str,
    weight: Weight,
    size: f32,
) -> f32 {
    let glyphs = fonts.glyphs(text, weight);
    draw_shaped(
        surface,
        fonts,
        place,
        baseline,
        (text, &glyphs),
        (weight, size),
    )
}

/// [`draw_text`] for text shaped already: `glyphs` are `text`'s in `weight`.
fn draw_shaped(
    surface: &mut krilla::surface::Surface<'_>,
    fonts: &Fonts,
    place: impl FnOnce(f32) -> f32,
    baseline: f32,
    (text, glyphs): (&str, &[KrillaGlyph]),
    (weight, size): (Weight, f32),
) -> f32 {
    let width: f32 = glyphs.iter().map(|g| g.x_advance).sum::<f32>() * size;
    surface.draw_glyphs(
        Point::from_xy(place(width), baseline),
        glyphs,
        fonts.krilla(weight),
        text,
        size,
        false,
    );
    width
}

fn page_number(
    surface: &mut krilla::surface::Surface<'_>,
    fonts: &Fonts,
    width: f32,
    height: f32,
    text: &str,
) {
    surface.start_tagged(artifact(ArtifactType::PageNumber));
    draw_text(
        surface,
        fonts,
        |w| (width - w) / 2.0,
        height - FOOT,
        text,
        Weight::Regular,
        PAGE_NUMBER_SIZE,
    );
    surface.end_tagged();
}

fn blank_notice(surface: &mut krilla::surface::Surface<'_>, fonts: &Fonts, pack: &Pack) {
    surface.start_tagged(artifact(ArtifactType::PaginationOther));
    draw_text(
        surface,
        fonts,
        |w| (PAGE_WIDTH - w) / 2.0,
        PAGE_HEIGHT / 2.0,
        pack.template.phrase("blank_page"),
        Weight::Regular,
        12.0,
    );
    surface.end_tagged();
}

/// Draws one mark as content of element `current` (an artifact if none);
/// a page range becomes a Link element, and returns it with the annotation
/// to add once the page's content is drawn.
fn draw_mark(
    surface: &mut krilla::surface::Surface<'_>,
    fonts: &Fonts,
    pictures: &Pictures,
    plan: &PagePlan,
    (mark, shaped): (&Mark, Option<&[KrillaGlyph]>),
    current: Option<usize>,
    tags: &mut Tags<'_>,
) -> Option<(usize, Annotation)> {
    let mut tagged =
        |surface: &mut krilla::surface::Surface<'_>,
         tag: ContentTag<'_>,
         draw: &mut dyn FnMut(&mut krilla::surface::Surface<'_>)| {
            match current {
                Some(e) => {
                    let id = surface.start_tagged(tag);
                    draw(surface);
                    surface.end_tagged();
                    tags.push(e, Entry::Content(id));
                }
                None => {
                    surface.start_tagged(artifact(ArtifactType::Layout));
                    draw(surface);
                    surface.end_tagged();
                }
            }
        };
    match mark {
        Mark::Text {
            x,
            baseline,
            text,
            weight,
            size,
        } => {
            tagged(
                surface,
                ContentTag::Span(SpanTag::empty()),
                &mut |s| match shaped {
                    Some(glyphs) => {
                        draw_shaped(
                            s,
                            fonts,
                            |_| *x,
                            *baseline,
                            (text, glyphs),
                            (*weight, *size),
                        );
                    }
                    None => {
                        draw_text(s, fonts, |_| *x, *baseline, text, *weight, *size);
                    }
                },
            );
        }
        Mark::Colour(colour) => {
            let paint: krilla::paint::Paint = match colour {
                Some([r, g, b]) => krilla::color::rgb::Color::new(*r, *g, *b).into(),
                None => krilla::color::luma::Color::black().into(),
            };
            surface.set_fill(Some(krilla::paint::Fill {
                paint,
                ..krilla::paint::Fill::default()
            }));
        }
        Mark::Tag(_) => {}
        Mark::Rule { x1, x2, y } => {
            let mut path = PathBuilder::new();
            path.move_to(*x1, *y);
            path.line_to(*x2, *y);
            if let Some(path) = path.finish() {
                surface.start_tagged(artifact(ArtifactType::Layout));
                surface.set_stroke(Some(Stroke {
                    width: 0.75,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
                surface.end_tagged();
            }
        }
        Mark::Picture {
            kind,
            x,
            y,
            width,
            height,
        } => {
            let image = match kind {
                PictureKind::Logo => &pictures.logo,
                PictureKind::Signature => &pictures.signature,
            };
            if let (Some(image), Some(size)) = (image, Size::from_wh(*width, *height)) {
                tagged(surface, ContentTag::Other, &mut |s| {
                    s.push_transform(&Transform::from_translate(*x, *y));
                    s.draw_image(image.clone(), size);
                    s.pop();
                });
            }
        }
        Mark::PageRange {
            range: of,
            right,
            baseline,
            size,
        } => {
            let range = of.in_plan(plan)?;
            let text = range.to_string();
            let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
            let own;
            let glyphs = match shaped {
                Some(glyphs) => glyphs,
                None => {
                    own = fonts.glyphs(&text, Weight::Regular);
                    &own
                }
            };
            let w = draw_shaped(
                surface,
                fonts,
                |w| right - w,
                *baseline,
                (&text, glyphs),
                (Weight::Regular, *size),
            );
            surface.end_tagged();
            let mut link = TagGroup::new(Tag::Link);
            link.push(id);
            tags.links.push(link);
            let group = tags.links.len() - 1;
            if let Some(e) = current {
                tags.push(e, Entry::Link(group));
            }
            let what = match *of {
                RangeOf::Item(i) | RangeOf::ExemptItem(i) => {
                    format!("Agenda item {}", plan.items[i].label)
                }
                RangeOf::Document(i, d) => format!(
                    "Agenda item {}, {}",
                    plan.items[i].label, plan.items[i].documents[d].title
                ),
            };
            let rect = Rect::from_ltrb(
                right - w - 1.0,
                baseline - size,
                right + 1.0,
                baseline + size * 0.3,
            )?;
            let target = Target::Destination(Destination::Xyz(XyzDestination::new(
                plan.physical(range.start()),
                Point::from_xy(0.0, 0.0),
            )));
            let annotation = Annotation::new_link(
                LinkAnnotation::new(rect, target),
                Some(format!("{what}: pages {range}")),
            );
            return Some((group, annotation));
        }
    }
    None
}

/// A plain A4 report: a bold title and paragraphs, in the shipped font, as
/// `agendapack new` puts in a new pack folder for a clerk to replace.
pub fn sample_report(title: &str, paragraphs: &[&str]) -> Result<Vec<u8>, BuildError> {
    let fonts = Fonts::new();
    // No XMP: a pack leaves it out, and would say so of our own sample.
    let settings = SerializeSettings {
        xmp_metadata: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let a4 = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4 is a valid size");
    let (left, width) = (72.0, PAGE_WIDTH - 144.0);
    let mut lines: Vec<(String, Weight, f32)> = fonts
        .wrap(title, Weight::Bold, 16.0, width)
        .into_iter()
        .map(|l| (l, Weight::Bold, 16.0))
        .collect();
    for paragraph in paragraphs {
        lines.push((String::new(), Weight::Regular, 11.0));
        lines.extend(
            fonts
                .wrap(paragraph, Weight::Regular, 11.0, width)
                .into_iter()
                .map(|l| (l, Weight::Regular, 11.0)),
        );
    }
    let mut rest = lines.as_slice();
    while !rest.is_empty() {
        let mut page = document.start_page_with(a4.clone());
        let mut surface = page.surface();
        let mut y = 90.0;
        while let Some(((text, weight, size), more)) = rest.split_first() {
            if y > PAGE_HEIGHT - 90.0 {
                break;
            }
            y += size * 1.4;
            if !text.is_empty() {
                draw_text(&mut surface, &fonts, |_| left, y, text, *weight, *size);
            }
            rest = more;
        }
        surface.finish();
    }
    document.finish().map_err(|e| BuildError::Internal {
        stage: "writing a sample report",
        reason: format!("{e:?}"),
    })
}
