//! Lays out the front sheet (notice of meeting) and the agenda into pages of
//! positioned marks. Pure: no PDF is written here, so the page count of the
//! front matter is known before page numbers are planned.

use crate::model::{Edition, Item, Pack, Part};
use crate::template::{LogoPlace, Part as NoticePart, Template};

use super::text::{Fonts, Weight};

/// A4 portrait, in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.7;
const LEFT: f32 = MARGIN;
const RIGHT: f32 = PAGE_WIDTH - MARGIN;
const TOP: f32 = MARGIN;
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN;
/// Width of the agenda's right-hand "Pages" column.
const PAGES_COLUMN: f32 = 64.0;
/// Indent of an agenda item's title and text after its number.
const ITEM_INDENT: f32 = 30.0;

/// Something drawn on one of our pages. Coordinates are in points from the
/// top-left corner (krilla's convention); `baseline` is a text baseline.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text {
        x: f32,
        baseline: f32,
        text: String,
        weight: Weight,
        size: f32,
    },
    /// A horizontal rule.
    Rule { x1: f32, x2: f32, y: f32 },
    /// The colour of the text drawn after it on the page: the template's
    /// accent (red, green, blue), or black.
    Colour(Option<[u8; 3]>),
    Picture {
        kind: PictureKind,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
    /// A printed page range, right-aligned at `right`; filled in once pages
    /// are planned, and made a link to the range's first page.
    PageRange {
        range: RangeOf,
        right: f32,
        baseline: f32,
        size: f32,
    },
    /// The structure element (an index into [`FrontMatter::elements`]) the
    /// marks after it on the page belong to; `None`: decoration, an
    /// artifact to a screen reader.
    Tag(Option<usize>),
}

/// What a part of our pages is, in the tag tree a screen reader follows.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    Section,
    Heading { level: u16, title: String },
    Paragraph,
    List,
    ListItem,
    ListBody,
    Table,
    TableHead,
    TableBody,
    Row,
    HeaderCell,
    Cell,
    Figure { alt: String },
}

/// A structure element of our pages and the element it sits in.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub role: Role,
    pub parent: Option<usize>,
}

/// Which page range a [`Mark::PageRange`] shows, by item and document
/// index in the pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeOf {
    /// The item's public pages.
    Item(usize),
    /// The item's exempt pages, in the members' edition.
    ExemptItem(usize),
    /// One document's pages.
    Document(usize, usize),
}

impl RangeOf {
    /// The range in `plan`, if it has pages there.
    pub fn in_plan(self, plan: &crate::plan::PagePlan) -> Option<crate::model::PageRange> {
        match self {
            RangeOf::Item(i) => plan.items.get(i)?.pages,
            RangeOf::ExemptItem(i) => plan.items.get(i)?.exempt_pages,
            RangeOf::Document(i, d) => Some(plan.items.get(i)?.documents.get(d)?.pages),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureKind {
    Logo,
    Signature,
}

/// The laid-out front matter: notice pages, then agenda pages.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub pages: Vec<Vec<Mark>>,
    /// Index of the first agenda page.
    pub agenda_start: usize,
    /// The structure elements [`Mark::Tag`] names, in reading order of
    /// their first content.
    pub elements: Vec<Element>,
}

/// Pixel size of the front-sheet images, for their aspect ratio.
#[derive(Debug, Clone, Copy, Default)]
pub struct PictureSizes {
    pub logo: Option<(u32, u32)>,
    pub signature: Option<(u32, u32)>,
}

/// A line of marks whose vertical positions are relative to the line's top.
struct Line {
    height: f32,
    marks: Vec<Mark>,
}

/// Places lines down pages, starting a new page when one is full.
struct Flow {
    pages: Vec<Vec<Mark>>,
    y: f32,
    elements: Vec<Element>,
}

impl Flow {
    fn new() -> Flow {
        Flow {
            pages: vec![Vec::new()],
            y: TOP,
            elements: Vec::new(),
        }
    }

    /// A new structure element inside `parent`.
    fn element(&mut self, role: Role, parent: Option<usize>) -> usize {
        self.elements.push(Element { role, parent });
        self.elements.len() - 1
    }

    /// Places `lines` as one new element of `role` inside `parent`.
    fn place_as(&mut self, role: Role, parent: usize, lines: Vec<Line>) {
        let e = self.element(role, Some(parent));
        self.place(tagged(e, lines));
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    fn gap(&mut self, height: f32) {
        if self.y > TOP {
            self.y += height;
        }
    }

    /// Places lines that belong together: on this page if they fit, else on
    /// a new page; a group taller than a page flows line by line.
    fn place(&mut self, lines: Vec<Line>) {
        let total: f32 = lines.iter().map(|l| l.height).sum();
        if self.y + total > BOTTOM && self.y > TOP && total <= BOTTOM - TOP {
            self.new_page();
        }
        for line in lines {
            if self.y + line.height > BOTTOM && self.y > TOP {
                self.new_page();
            }
            let dy = self.y;
            let page = self.pages.last_mut().expect("a flow always has a page");
            page.extend(line.marks.into_iter().map(|m| shift(m, dy)));
            self.y += line.height;
        }
    }
}

fn shift(mark: Mark, dy: f32) -> Mark {
    match mark {
        Mark::Text {
            x,
            baseline,
            text,
            weight,
            size,
        } => Mark::Text {
            x,
            baseline: baseline + dy,
            text,
            weight,
            size,
        },
        Mark::Rule { x1, x2, y } => Mark::Rule { x1, x2, y: y + dy },
        Mark::Colour(c) => Mark::Colour(c),
        Mark::Tag(e) => Mark::Tag(e),
        Mark::Picture {
            kind,
            x,
            y,
            width,
            height,
        } => Mark::Picture {
            kind,
            x,
            y: y + dy,
            width,
            height,
        },
        Mark::PageRange {
            range,
            right,
            baseline,
            size,
        } => Mark::PageRange {
            range,
            right,
            baseline: baseline + dy,
            size,
        },
    }
}

/// `lines` as content of element `e`: each line says so first, since a
/// group of lines may be split over pages or set beside another.
fn tagged(e: usize, mut lines: Vec<Line>) -> Vec<Line> {
    for line in &mut lines {
        line.marks.insert(0, Mark::Tag(Some(e)));
    }
    lines
}

/// The plain text of `lines`, for a heading's title.
fn text_of(lines: &[Line]) -> String {
    let words: Vec<&str> = lines
        .iter()
        .flat_map(|l| &l.marks)
        .filter_map(|m| match m {
            Mark::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    words.join(" ")
}

fn leading(size: f32) -> f32 {
    size * 1.3
}

fn text_line(x: f32, text: &str, weight: Weight, size: f32) -> Line {
    Line {
        height: leading(size),
        marks: vec![Mark::Text {
            x,
            baseline: size,
            text: text.to_string(),
            weight,
            size,
        }],
    }
}

/// A run of text in one weight, for paragraphs that mix regular and bold.
type Run<'a> = (&'a str, Weight);

/// Wraps runs of mixed weight into lines, each drawn as one mark per run.
fn rich_paragraph(fonts: &Fonts, runs: &[Run<'_>], size: f32, x: f32, width: f32) -> Vec<Line> {
    // A word wider than the line comes in pieces that each fill one.
    let words: Vec<(&str, Weight)> = runs
        .iter()
        .flat_map(|(text, weight)| text.split_whitespace().map(move |w| (w, *weight)))
        .flat_map(|(word, weight)| {
            let pieces = if fonts.width(word, weight, size) > width {
                fonts.split_word(word, weight, size, width)
            } else {
                vec![word]
            };
            pieces.into_iter().map(move |p| (p, weight))
        })
        .collect();
    let space = fonts.width(" ", Weight::Regular, size);
    let mut lines = Vec::new();
    let mut current: Vec<(String, Weight, f32)> = Vec::new(); // (text, weight, x offset)
    let mut cursor = 0.0f32;
    for (word, weight) in words {
        let w = fonts.width(word, weight, size);
        let start = if current.is_empty() {
            0.0
        } else {
            cursor + space
        };
        if start + w > width && !current.is_empty() {
            lines.push(run_line(std::mem::take(&mut current), x, size));
            cursor = 0.0;
            current.push((word.to_string(), weight, 0.0));
            cursor += w;
            continue;
        }
        match current.last_mut() {
            Some((text, last_weight, _)) if *last_weight == weight => {
                text.push(' ');
                text.push_str(word);
            }
            _ => current.push((word.to_string(), weight, start)),
        }
        cursor = start + w;
    }
    if !current.is_empty() {
        lines.push(run_line(current, x, size));
    }
    lines
}

fn run_line(runs: Vec<(String, Weight, f32)>, x: f32, size: f32) -> Line {
    Line {
        height: leading(size),
        marks: runs
            .into_iter()
            .map(|(text, weight, dx)| Mark::Text {
                x: x + dx,
                baseline: size,
                text,
                weight,
                size,
            })
            .collect(),
    }
}

fn paragraph(
    fonts: &Fonts,
    text: &str,
    weight: Weight,
    size: f32,
    x: f32,
    width: f32,
) -> Vec<Line> {
    fonts
        .wrap(text, weight, size, width)
        .iter()
        .map(|l| text_line(x, l, weight, size))
        .collect()
}

/// Fits an image of `pixels` into a box, keeping its shape.
fn fit(pixels: (u32, u32), max_w: f32, max_h: f32) -> (f32, f32) {
    let (pw, ph) = (pixels.0.max(1) as f32, pixels.1.max(1) as f32);
    let scale = (max_w / pw).min(max_h / ph);
    (pw * scale, ph * scale)
}

/// Lays out the notice of meeting and the agenda.
pub fn front_matter(pack: &Pack, fonts: &Fonts, pictures: PictureSizes) -> FrontMatter {
    let mut flow = Flow::new();
    let section = flow.element(Role::Section, None);
    notice(&mut flow, section, pack, fonts, pictures);
    flow.new_page();
    let agenda_start = flow.pages.len() - 1;
    let section = flow.element(Role::Section, None);
    agenda(&mut flow, section, pack, fonts);
    FrontMatter {
        pages: flow.pages,
        agenda_start,
        elements: flow.elements,
    }
}

fn heading_role(level: u16, lines: &[Line]) -> Role {
    Role::Heading {
        level,
        title: text_of(lines),
    }
}

fn notice(flow: &mut Flow, section: usize, pack: &Pack, fonts: &Fonts, pictures: PictureSizes) {
    let t = &pack.template;
    let size = t.layout.text_size;
    for (i, part) in t.layout.notice.iter().enumerate() {
        if i > 0 {
            flow.gap(match part {
                NoticePart::Issuer | NoticePart::NoticeHeading => 18.0,
                NoticePart::Members | NoticePart::Closing | NoticePart::Signature => 14.0,
                _ => 10.0,
            });
        }
        match part {
            NoticePart::Heading => heading(flow, section, pack, fonts, pictures),
            NoticePart::Organisation => {
                flow.place_as(
                    Role::Paragraph,
                    section,
                    accented(
                        t,
                        paragraph(
                            fonts,
                            &pack.issuer.organisation,
                            Weight::Bold,
                            t.layout.heading_size,
                            LEFT,
                            RIGHT - LEFT,
                        ),
                    ),
                );
                // Which pack this is shows under the council's name.
                which_pack(flow, section, pack, fonts, Weight::Regular, 10.0);
            }
            NoticePart::Issuer => issuer(flow, section, pack, fonts),
            NoticePart::NoticeHeading => {
                let lines = vec![text_line(
                    LEFT,
                    t.phrase("notice_heading"),
                    Weight::Bold,
                    t.layout.notice_heading_size,
                )];
                flow.place_as(heading_role(2, &lines), section, accented(t, lines));
            }
            NoticePart::Greeting => flow.place_as(
                Role::Paragraph,
                section,
                vec![text_line(LEFT, t.phrase("greeting"), Weight::Regular, size)],
            ),
            NoticePart::Body => flow.place_as(
                Role::Paragraph,
                section,
                paragraph(
                    fonts,
                    &pack.meeting.body,
                    Weight::Bold,
                    size + 3.0,
                    LEFT,
                    RIGHT - LEFT,
                ),
            ),
            NoticePart::Sentence => {
                flow.place_as(Role::Paragraph, section, sentence(pack, fonts, size))
            }
            NoticePart::Notices => paragraphs_of(flow, section, fonts, &pack.meeting.notices, size),
            NoticePart::Closing => paragraphs_of(flow, section, fonts, &pack.meeting.closing, size),
            NoticePart::Signature => signature(flow, section, pack, fonts, pictures, size),
            NoticePart::Members => members(flow, section, pack, fonts, size),
        }
    }
    // A template with neither heading still says which pack this is.
    let parts = &t.layout.notice;
    if !parts.contains(&NoticePart::Heading) && !parts.contains(&NoticePart::Organisation) {
        flow.gap(14.0);
        which_pack(flow, section, pack, fonts, Weight::Bold, 12.0);
    }
}

/// The pack's heading in small, and the notes of its edition.
fn which_pack(
    flow: &mut Flow,
    section: usize,
    pack: &Pack,
    fonts: &Fonts,
    weight: Weight,
    size: f32,
) {
    let lines = vec![text_line(LEFT, &pack_heading(pack), weight, size)];
    flow.place_as(heading_role(1, &lines), section, lines);
    edition_notes(flow, section, pack, fonts);
}

/// The pack's heading, with the logo where the template puts it.
fn heading(flow: &mut Flow, section: usize, pack: &Pack, fonts: &Fonts, pictures: PictureSizes) {
    let t = &pack.template;
    let head = vec![text_line(
        LEFT,
        &pack_heading(pack),
        Weight::Bold,
        t.layout.heading_size,
    )];
    let h1 = flow.element(heading_role(1, &head), Some(section));
    let mut head = tagged(h1, head);
    if let Some(pixels) = pictures.logo {
        let (w, h) = fit(pixels, 170.0, 70.0);
        let alt = pack
            .issuer
            .logo
            .as_ref()
            .map_or_else(|| pack.issuer.organisation.clone(), |l| l.alt.clone());
        let figure = flow.element(Role::Figure { alt }, Some(section));
        let logo = |x: f32| {
            [
                Mark::Tag(Some(figure)),
                Mark::Picture {
                    kind: PictureKind::Logo,
                    x,
                    y: 0.0,
                    width: w,
                    height: h,
                },
            ]
        };
        match t.layout.logo {
            // Above the heading, at the left.
            LogoPlace::Left => head.insert(
                0,
                Line {
                    height: h + 8.0,
                    marks: logo(LEFT).into(),
                },
            ),
            LogoPlace::Right => {
                head[0].marks.extend(logo(RIGHT - w));
                head[0].height = head[0].height.max(h + 6.0);
            }
            LogoPlace::None => {}
        }
    }
    flow.place(accented(t, head));
    edition_notes(flow, section, pack, fonts);
}

/// `lines` drawn in the template's accent colour, if it has one.
fn accented(t: &Template, mut lines: Vec<Line>) -> Vec<Line> {
    if let Some(colour) = t.layout.accent_rgb()
        && !lines.is_empty()
    {
        lines[0].marks.insert(0, Mark::Colour(Some(colour)));
        if let Some(last) = lines.last_mut() {
            last.marks.push(Mark::Colour(None));
        }
    }
    lines
}

/// Under the heading: what a supplement is, and the members' warning.
fn edition_notes(flow: &mut Flow, section: usize, pack: &Pack, fonts: &Fonts) {
    let t = &pack.template;
    if let Part::Supplement {
        number, first_page, ..
    } = pack.part
    {
        flow.gap(4.0);
        let p = flow.element(Role::Paragraph, Some(section));
        let earlier = match number {
            1 => t.phrase("supplement_earlier_1").to_string(),
            2 => t.phrase("supplement_earlier_2").to_string(),
            n => t.fill("supplement_earlier_n", &[("last", &(n - 1).to_string())]),
        };
        flow.place(tagged(
            p,
            paragraph(
                fonts,
                &t.fill(
                    "supplement_intro",
                    &[("earlier", &earlier), ("first", &first_page.to_string())],
                ),
                Weight::Regular,
                10.0,
                LEFT,
                RIGHT - LEFT - 180.0,
            ),
        ));
    }
    if pack.edition() == Edition::Members {
        flow.gap(4.0);
        flow.place_as(
            Role::Paragraph,
            section,
            paragraph(
                fonts,
                &members_warning(pack),
                Weight::Bold,
                10.0,
                LEFT,
                RIGHT - LEFT - 180.0,
            ),
        );
    }
}

/// The issuing officer's block on the left, "Please ask for" on the right.
fn issuer(flow: &mut Flow, section: usize, pack: &Pack, fonts: &Fonts) {
    let t = &pack.template;
    let issuer = &pack.issuer;
    let column = (RIGHT - LEFT) / 2.0 - 12.0;
    let right_x = LEFT + (RIGHT - LEFT) / 2.0 + 12.0;
    // Each column is read whole, one paragraph per entry, before the
    // other, though the two are drawn line by line side by side.
    let entry = |flow: &mut Flow, lines: Vec<Line>| {
        let p = flow.element(Role::Paragraph, Some(section));
        tagged(p, lines)
    };
    let mut left = entry(
        flow,
        paragraph(fonts, &issuer.title, Weight::Bold, 10.0, LEFT, column),
    );
    let mut lines = vec![issuer.officer.clone()];
    lines.extend(issuer.address.iter().cloned());
    lines.extend(
        issuer
            .telephone
            .iter()
            .map(|tel| t.fill("telephone", &[("telephone", tel)])),
    );
    for line in &lines {
        left.extend(entry(
            flow,
            paragraph(fonts, line, Weight::Regular, 10.0, LEFT, column),
        ));
    }
    let contact = &pack.contact;
    let mut right_lines = vec![t.fill("please_ask_for", &[("name", &contact.name)])];
    if let Some(email) = &contact.email {
        right_lines.push(t.fill("email", &[("email", email)]));
    }
    if let Some(tel) = &contact.telephone {
        right_lines.push(t.fill("telephone", &[("telephone", tel)]));
    }
    right_lines.push(issuer.issued.long());
    let mut right = Vec::new();
    for line in &right_lines {
        right.extend(entry(
            flow,
            paragraph(fonts, line, Weight::Regular, 10.0, right_x, column),
        ));
    }
    flow.place(side_by_side(left, right));
}

/// Whether a venue is a room, which the sentence puts "in the" ("the
/// Council Chamber"), rather than a named place put "at" ("Ashby Town
/// Hall").
fn is_room(venue: &str) -> bool {
    const ROOMS: &[&str] = &[
        "council",
        "council's",
        "committee",
        "civic",
        "main",
        "members",
        "members'",
        "member's",
        "chamber",
        "conference",
        "meeting",
        "board",
        "boardroom",
        "reception",
        "assembly",
        "banqueting",
        "mayor's",
        "function",
        "training",
        "large",
        "small",
        "upper",
        "lower",
        "ground",
        "first",
        "second",
        "jubilee",
        "room",
    ];
    let first = venue
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase()
        .replace('\u{2019}', "'");
    ROOMS.contains(&first.as_str())
}

/// The meeting sentence, its names in bold.
fn sentence(pack: &Pack, fonts: &Fonts, size: f32) -> Vec<Line> {
    let meeting = &pack.meeting;
    let venue = meeting.venue.trim();
    let (key, venue) = match venue
        .strip_prefix("the ")
        .or_else(|| venue.strip_prefix("The "))
    {
        Some(room) => ("sentence_in", room),
        None if is_room(venue) => ("sentence_in", venue),
        None => ("sentence_at", venue),
    };
    let time = meeting.time.civil();
    let date = meeting.date.long();
    let value = |name: &str| -> String {
        match name {
            "body" => meeting.body.clone(),
            "venue" => venue.to_string(),
            "time" => time.clone(),
            "date" => date.clone(),
            "organisation" => pack.issuer.organisation.clone(),
            _ => String::new(),
        }
    };
    let mut runs: Vec<(String, Weight)> = Vec::new();
    for (text, name) in pack.template.pieces(key) {
        // Punctuation straight after a name belongs to it ("2024.").
        let mut text = text.as_str();
        if let Some(last) = runs.last_mut()
            && !text.starts_with(char::is_whitespace)
        {
            let end = text.find(char::is_whitespace).unwrap_or(text.len());
            last.0.push_str(&text[..end]);
            text = &text[end..];
        }
        if !text.trim().is_empty() {
            runs.push((text.to_string(), Weight::Regular));
        }
        if let Some(name) = name {
            runs.push((value(&name), Weight::Bold));
        }
    }
    let runs: Vec<Run<'_>> = runs.iter().map(|(t, w)| (t.as_str(), *w)).collect();
    rich_paragraph(fonts, &runs, size, LEFT, RIGHT - LEFT)
}

fn paragraphs_of(flow: &mut Flow, section: usize, fonts: &Fonts, paragraphs: &[String], size: f32) {
    for (i, text) in paragraphs.iter().enumerate() {
        if i > 0 {
            flow.gap(8.0);
        }
        flow.place_as(
            Role::Paragraph,
            section,
            paragraph(fonts, text, Weight::Regular, size, LEFT, RIGHT - LEFT),
        );
    }
}

fn signature(
    flow: &mut Flow,
    section: usize,
    pack: &Pack,
    fonts: &Fonts,
    pictures: PictureSizes,
    size: f32,
) {
    let issuer = &pack.issuer;
    let mut signed = Vec::new();
    if let Some(pixels) = pictures.signature {
        let (w, h) = fit(pixels, 160.0, 50.0);
        let alt = issuer
            .signature
            .as_ref()
            .map_or_else(|| issuer.officer.clone(), |s| s.alt.clone());
        let figure = flow.element(Role::Figure { alt }, Some(section));
        signed.push(Line {
            height: h + 4.0,
            marks: vec![
                Mark::Tag(Some(figure)),
                Mark::Picture {
                    kind: PictureKind::Signature,
                    x: LEFT,
                    y: 0.0,
                    width: w,
                    height: h,
                },
            ],
        });
    }
    for line in [&issuer.officer, &issuer.title] {
        let p = flow.element(Role::Paragraph, Some(section));
        signed.extend(tagged(
            p,
            paragraph(fonts, line, Weight::Regular, size, LEFT, RIGHT - LEFT),
        ));
    }
    flow.place(signed);
}

fn members(flow: &mut Flow, section: usize, pack: &Pack, fonts: &Fonts, size: f32) {
    if pack.members.is_empty() {
        return;
    }
    let t = &pack.template;
    let heading = paragraph(
        fonts,
        &t.fill("members_heading", &[("body", &pack.meeting.body)]),
        Weight::Bold,
        size,
        LEFT,
        RIGHT - LEFT,
    );
    let h2 = flow.element(heading_role(2, &heading), Some(section));
    let mut members = tagged(h2, heading);
    members.push(Line {
        height: 4.0,
        marks: Vec::new(),
    });
    let list = flow.element(Role::List, Some(section));
    if t.layout.members_column {
        // The column's heading is decoration to a reader of the list.
        let mut line = text_line(LEFT, t.phrase("members_column"), Weight::Bold, size - 1.0);
        line.marks.insert(0, Mark::Tag(None));
        members.push(line);
    }
    // Keep the heading with the first few names.
    let mut rest = Vec::new();
    for (i, member) in pack.members.iter().enumerate() {
        let name = match &member.role {
            Some(role) => format!("{} ({role})", member.name),
            None => member.name.clone(),
        };
        let li = flow.element(Role::ListItem, Some(list));
        let body = flow.element(Role::ListBody, Some(li));
        let lines = tagged(
            body,
            paragraph(fonts, &name, Weight::Regular, size, LEFT, RIGHT - LEFT),
        );
        if i < 3 {
            members.extend(lines);
        } else {
            rest.extend(lines);
        }
    }
    flow.place(members);
    flow.place(rest);
}

/// The front sheet's heading: which pack, for whom.
pub fn pack_heading(pack: &Pack) -> String {
    let t = &pack.template;
    let edition = match pack.edition() {
        Edition::Public => t.phrase("public_pack"),
        Edition::Members => t.phrase("members_pack"),
    };
    match pack.part {
        Part::Main => edition.to_string(),
        Part::Supplement { number, .. } => t.fill(
            "supplement_pack",
            &[("pack", edition), ("n", &number.to_string())],
        ),
    }
}

/// What the members' edition's front sheet says under its heading.
fn members_warning(pack: &Pack) -> String {
    let exempt = pack
        .items
        .iter()
        .flat_map(|i| &i.documents)
        .any(|d| d.exempt.is_some());
    let key = if exempt {
        "members_warning"
    } else {
        "members_note"
    };
    pack.template.phrase(key).to_string()
}

/// Puts two columns of lines next to each other, as one group of lines.
fn side_by_side(left: Vec<Line>, right: Vec<Line>) -> Vec<Line> {
    let rows = left.len().max(right.len());
    let mut left = left.into_iter();
    let mut right = right.into_iter();
    (0..rows)
        .map(|_| {
            let (l, r) = (left.next(), right.next());
            let height = l
                .as_ref()
                .map_or(0.0, |l| l.height)
                .max(r.as_ref().map_or(0.0, |r| r.height));
            let marks = l.into_iter().chain(r).flat_map(|line| line.marks).collect();
            Line { height, marks }
        })
        .collect()
}

fn agenda(flow: &mut Flow, section: usize, pack: &Pack, fonts: &Fonts) {
    let t = &pack.template;
    let heading = match pack.part {
        Part::Main => t.phrase("agenda").to_string(),
        Part::Supplement { number, .. } => {
            t.fill("agenda_supplement", &[("n", &number.to_string())])
        }
    };
    let title = vec![text_line(LEFT, &heading, Weight::Bold, 18.0)];
    let h1 = flow.element(heading_role(1, &title), Some(section));
    let mut head = accented(t, tagged(h1, title));
    head.push(Line {
        height: 6.0,
        marks: Vec::new(),
    });
    // The agenda is a table of two columns: the item, and its pages.
    let table = flow.element(Role::Table, Some(section));
    let thead = flow.element(Role::TableHead, Some(table));
    let row = flow.element(Role::Row, Some(thead));
    let reports = flow.element(Role::HeaderCell, Some(row));
    let pages = flow.element(Role::HeaderCell, Some(row));
    let tbody = flow.element(Role::TableBody, Some(table));
    let mut columns = text_line(LEFT, t.phrase("reports_column"), Weight::Bold, 10.0);
    columns.marks.insert(0, Mark::Tag(Some(reports)));
    columns.marks.push(Mark::Tag(Some(pages)));
    let pages_width = fonts.width(t.phrase("pages_column"), Weight::Bold, 10.0);
    columns.marks.push(Mark::Text {
        x: RIGHT - pages_width,
        baseline: 10.0,
        text: t.phrase("pages_column").into(),
        weight: Weight::Bold,
        size: 10.0,
    });
    head.push(columns);
    head.push(Line {
        height: 8.0,
        marks: vec![
            Mark::Tag(None),
            Mark::Rule {
                x1: LEFT,
                x2: RIGHT,
                y: 2.0,
            },
        ],
    });
    // Keep the heading with the first item.
    let mut items = pack.items.iter().enumerate();
    if let Some((index, first)) = items.next() {
        head.extend(agenda_item(flow, tbody, fonts, t, index, first));
    }
    flow.place(head);
    for (index, item) in items {
        flow.gap(12.0);
        let lines = agenda_item(flow, tbody, fonts, t, index, item);
        flow.place(lines);
    }
}

/// One row of the agenda: the item (its number and title as a heading,
/// then its paragraphs) and its pages.
fn agenda_item(
    flow: &mut Flow,
    tbody: usize,
    fonts: &Fonts,
    t: &Template,
    index: usize,
    item: &Item,
) -> Vec<Line> {
    let row = flow.element(Role::Row, Some(tbody));
    let cell = flow.element(Role::Cell, Some(row));
    let pages = flow.element(Role::Cell, Some(row));
    let para = |flow: &mut Flow, lines: Vec<Line>| {
        let p = flow.element(Role::Paragraph, Some(cell));
        tagged(p, lines)
    };
    // Room for the number as printed: "12.10:" is wider than "7:".
    let number_width = fonts.width(&format!("{}:", item.number), Weight::Bold, 11.0);
    let text_x = LEFT + ITEM_INDENT.max(number_width + 8.0);
    let text_width = RIGHT - PAGES_COLUMN - text_x;
    let title = paragraph(fonts, &item.title, Weight::Bold, 11.0, text_x, text_width);
    let heading = flow.element(
        Role::Heading {
            level: 2,
            title: format!("{}: {}", item.number, text_of(&title)),
        },
        Some(cell),
    );
    let mut lines = tagged(heading, title);
    let first = &mut lines[0];
    // The number is read first, as it is seen.
    first.marks.insert(
        1,
        Mark::Text {
            x: LEFT,
            baseline: 11.0,
            text: format!("{}:", item.number),
            weight: Weight::Bold,
            size: 11.0,
        },
    );
    first.marks.push(Mark::Tag(Some(pages)));
    // The item's public pages; an exempt item's are all exempt.
    let range = if item.documents.iter().any(|d| d.exempt.is_none()) {
        Some(RangeOf::Item(index))
    } else if item.exempt.is_some() && !item.documents.is_empty() {
        Some(RangeOf::ExemptItem(index))
    } else {
        None
    };
    if let Some(range) = range {
        first.marks.push(Mark::PageRange {
            range,
            right: RIGHT,
            baseline: 11.0,
            size: 11.0,
        });
    } else {
        // Where the range would be: a report still to come, or one that
        // came late and went into a supplementary pack.
        let note = match (item.to_follow, item.in_supplement) {
            (_, Some(n)) => Some((t.fill("in_supplement", &[("n", &n.to_string())]), 9.0)),
            (true, None) => Some((t.phrase("to_follow").to_string(), 11.0)),
            (false, None) => None,
        };
        if let Some((text, size)) = note {
            let width = fonts.width(&text, Weight::Regular, size);
            first.marks.push(Mark::Text {
                x: RIGHT - width,
                baseline: 11.0,
                text,
                weight: Weight::Regular,
                size,
            });
        }
    }
    for text in &item.description {
        lines.push(Line {
            height: 4.0,
            marks: Vec::new(),
        });
        let wrapped = paragraph(fonts, text, Weight::Regular, 10.0, text_x, text_width);
        lines.extend(para(flow, wrapped));
    }
    if let Some(exempt) = &item.exempt {
        lines.push(Line {
            height: 4.0,
            marks: Vec::new(),
        });
        let wrapped = paragraph(
            fonts,
            &t.citation(exempt),
            Weight::Bold,
            10.0,
            text_x,
            text_width,
        );
        lines.extend(para(flow, wrapped));
    }
    // An exempt document of a public item: listed with its own pages in
    // the members' edition; counted, and nothing else, in the public one.
    if item.exempt.is_none() {
        for (d, document) in item.documents.iter().enumerate() {
            let Some(exempt) = &document.exempt else {
                continue;
            };
            lines.push(Line {
                height: 4.0,
                marks: Vec::new(),
            });
            let text = format!("{} \u{2013} {}", document.title, t.citation(exempt));
            let mut wrapped = paragraph(fonts, &text, Weight::Regular, 10.0, text_x, text_width);
            wrapped[0].marks.push(Mark::PageRange {
                range: RangeOf::Document(index, d),
                right: RIGHT,
                baseline: 10.0,
                size: 10.0,
            });
            lines.extend(para(flow, wrapped));
        }
        let mut withheld: Vec<(&crate::model::Exemption, usize)> = Vec::new();
        for exemption in &item.withheld {
            match withheld.iter_mut().find(|(e, _)| *e == exemption) {
                Some((_, n)) => *n += 1,
                None => withheld.push((exemption, 1)),
            }
        }
        for (exemption, n) in withheld {
            lines.push(Line {
                height: 4.0,
                marks: Vec::new(),
            });
            let citation = t.citation_lower(exemption);
            let text = match n {
                1 => t.fill("withheld_one", &[("citation", &citation)]),
                n => t.fill(
                    "withheld_many",
                    &[("count", &n.to_string()), ("citation", &citation)],
                ),
            };
            let wrapped = paragraph(fonts, &text, Weight::Regular, 10.0, text_x, text_width);
            lines.extend(para(flow, wrapped));
        }
    }
    if !item.contacts.is_empty() {
        lines.push(Line {
            height: 4.0,
            marks: Vec::new(),
        });
        let label = format!("{} ", t.phrase("contact"));
        let label = label.as_str();
        let label_width = fonts.width(label, Weight::Regular, 10.0);
        for (i, contact) in item
            .contacts
            .iter()
            .filter(|c| !c.trim().is_empty())
            .enumerate()
        {
            let mut wrapped = paragraph(
                fonts,
                contact,
                Weight::Regular,
                10.0,
                text_x + label_width,
                text_width - label_width,
            );
            if i == 0 {
                wrapped[0].marks.insert(
                    0,
                    Mark::Text {
                        x: text_x,
                        baseline: 10.0,
                        text: label.trim_end().to_string(),
                        weight: Weight::Regular,
                        size: 10.0,
                    },
                );
            }
            lines.extend(para(flow, wrapped));
        }
    }
    lines
}

/// Warnings for text we draw in characters the shipped font has no glyph
/// for, naming where it is and the characters: they would print as empty
/// boxes. (Liberation Sans covers Latin, Greek, Cyrillic and Hebrew; not
/// Arabic, Urdu, Bengali or Chinese.)
pub fn missing_glyphs(pack: &Pack, fonts: &Fonts) -> Vec<String> {
    let file = pack.source.display();
    let mut fields: Vec<(String, &str)> = vec![
        ("the meeting's body".into(), &pack.meeting.body),
        ("the meeting's venue".into(), &pack.meeting.venue),
        ("the issuer's officer".into(), &pack.issuer.officer),
        ("the issuer's title".into(), &pack.issuer.title),
        ("the contact's name".into(), &pack.contact.name),
    ];
    for text in pack.meeting.notices.iter().chain(&pack.meeting.closing) {
        fields.push(("a notice paragraph".into(), text));
    }
    for line in &pack.issuer.address {
        fields.push(("the issuer's address".into(), line));
    }
    for member in &pack.members {
        fields.push((
            format!("member \u{201c}{}\u{201d}", member.name),
            &member.name,
        ));
        if let Some(role) = &member.role {
            fields.push((
                format!("member \u{201c}{}\u{201d}'s role", member.name),
                role,
            ));
        }
    }
    let mut warnings = Vec::new();
    let mut say = |place: String, text: &str| {
        let missing = fonts.missing(text);
        if missing.is_empty() {
            return;
        }
        let codes: Vec<String> = missing
            .iter()
            .take(8)
            .map(|c| format!("U+{:04X}", u32::from(*c)))
            .collect();
        let shown: String = missing.iter().take(8).collect();
        warnings.push(format!(
            "{place}: the shipped font has no glyphs for \u{201c}{shown}\u{201d} ({}{}), which \
             print as empty boxes; it covers Latin, Greek, Cyrillic and Hebrew script: give the \
             text in one of those, or beside it",
            codes.join(", "),
            if missing.len() > 8 { ", …" } else { "" }
        ));
    };
    for (place, text) in fields {
        say(format!("{file}: {place}"), text);
    }
    for item in &pack.items {
        let place = |what: &str| {
            format!(
                "{file}:{}: item {} (\u{201c}{}\u{201d}) {what}",
                item.line, item.number, item.title
            )
        };
        say(place("title"), &item.title);
        for paragraph in &item.description {
            say(place("description"), paragraph);
        }
        for contact in &item.contacts {
            say(place("contact"), contact);
        }
        // The members' agenda prints exempt documents' titles.
        for document in item.documents.iter().filter(|d| d.exempt.is_some()) {
            say(place("document title"), &document.title);
        }
    }
    warnings
}
