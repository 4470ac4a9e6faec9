//! Lays out the front sheet (notice of meeting) and the agenda into pages of
//! positioned marks. Pure: no PDF is written here, so the page count of the
//! front matter is known before page numbers are planned.

use crate::model::{Edition, Item, Pack, Part};

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
}

impl Flow {
    fn new() -> Flow {
        Flow {
            pages: vec![Vec::new()],
            y: TOP,
        }
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
    notice(&mut flow, pack, fonts, pictures);
    flow.new_page();
    let agenda_start = flow.pages.len() - 1;
    agenda(&mut flow, pack, fonts);
    FrontMatter {
        pages: flow.pages,
        agenda_start,
    }
}

fn notice(flow: &mut Flow, pack: &Pack, fonts: &Fonts, pictures: PictureSizes) {
    let issuer = &pack.issuer;
    let meeting = &pack.meeting;
    let members = pack.edition() == Edition::Members;
    let heading = pack_heading(pack);
    let mut head = vec![text_line(LEFT, &heading, Weight::Bold, 16.0)];
    if let Some(pixels) = pictures.logo {
        let (w, h) = fit(pixels, 170.0, 70.0);
        head[0].marks.push(Mark::Picture {
            kind: PictureKind::Logo,
            x: RIGHT - w,
            y: 0.0,
            width: w,
            height: h,
        });
        head[0].height = head[0].height.max(h + 6.0);
    }
    flow.place(head);
    if let Part::Supplement {
        number, first_page, ..
    } = pack.part
    {
        flow.gap(4.0);
        let earlier = match number {
            1 => "the document pack for this meeting was".to_string(),
            2 => "the document pack for this meeting and its supplement 1 were".to_string(),
            n => format!(
                "the document pack for this meeting and its supplements 1 to {} were",
                n - 1
            ),
        };
        flow.place(paragraph(
            fonts,
            &format!(
                "The reports that arrived after {earlier} published. Its pages follow \
                 on, starting at page {first_page}."
            ),
            Weight::Regular,
            10.0,
            LEFT,
            RIGHT - LEFT - 180.0,
        ));
    }
    if members {
        flow.gap(4.0);
        flow.place(paragraph(
            fonts,
            &members_warning(pack),
            Weight::Bold,
            10.0,
            LEFT,
            RIGHT - LEFT - 180.0,
        ));
    }
    flow.gap(18.0);

    // Issuing officer's block on the left, "Please ask for" on the right.
    let column = (RIGHT - LEFT) / 2.0 - 12.0;
    let right_x = LEFT + (RIGHT - LEFT) / 2.0 + 12.0;
    let mut left = paragraph(fonts, &issuer.title, Weight::Bold, 10.0, LEFT, column);
    let mut lines = vec![issuer.officer.clone()];
    lines.extend(issuer.address.iter().cloned());
    lines.extend(issuer.telephone.iter().map(|tel| format!("Tel: {tel}")));
    for line in &lines {
        left.extend(paragraph(fonts, line, Weight::Regular, 10.0, LEFT, column));
    }
    let contact = &pack.contact;
    let mut right = paragraph(
        fonts,
        &format!("Please ask for: {}", contact.name),
        Weight::Regular,
        10.0,
        right_x,
        column,
    );
    if let Some(email) = &contact.email {
        right.extend(paragraph(
            fonts,
            &format!("Email: {email}"),
            Weight::Regular,
            10.0,
            right_x,
            column,
        ));
    }
    if let Some(tel) = &contact.telephone {
        let tel = format!("Tel: {tel}");
        right.extend(paragraph(
            fonts,
            &tel,
            Weight::Regular,
            10.0,
            right_x,
            column,
        ));
    }
    right.push(text_line(
        right_x,
        &issuer.issued.long(),
        Weight::Regular,
        10.0,
    ));
    flow.place(side_by_side(left, right));
    flow.gap(24.0);

    flow.place(vec![text_line(
        LEFT,
        "Notice of Meeting",
        Weight::Bold,
        18.0,
    )]);
    flow.gap(10.0);
    flow.place(vec![text_line(LEFT, "Dear Member", Weight::Regular, 11.0)]);
    flow.gap(10.0);
    flow.place(paragraph(
        fonts,
        &meeting.body,
        Weight::Bold,
        14.0,
        LEFT,
        RIGHT - LEFT,
    ));
    flow.gap(10.0);
    let time = meeting.time.civil();
    let date = meeting.date.long();
    let sentence = [
        ("The", Weight::Regular),
        (meeting.body.as_str(), Weight::Bold),
        ("will meet in the", Weight::Regular),
        (meeting.venue.as_str(), Weight::Bold),
        ("at", Weight::Regular),
        (time.as_str(), Weight::Bold),
        ("on", Weight::Regular),
        (date.as_str(), Weight::Bold),
    ];
    let mut lines = rich_paragraph(fonts, &sentence, 11.0, LEFT, RIGHT - LEFT);
    // The full stop belongs to the last run of the sentence.
    if let Some(Mark::Text { text, .. }) = lines.last_mut().and_then(|l| l.marks.last_mut()) {
        text.push('.');
    }
    flow.place(lines);
    for notice in &meeting.notices {
        flow.gap(8.0);
        flow.place(paragraph(
            fonts,
            notice,
            Weight::Regular,
            11.0,
            LEFT,
            RIGHT - LEFT,
        ));
    }
    flow.gap(14.0);

    let mut signed = Vec::new();
    if let Some(pixels) = pictures.signature {
        let (w, h) = fit(pixels, 160.0, 50.0);
        signed.push(Line {
            height: h + 4.0,
            marks: vec![Mark::Picture {
                kind: PictureKind::Signature,
                x: LEFT,
                y: 0.0,
                width: w,
                height: h,
            }],
        });
    }
    signed.extend(paragraph(
        fonts,
        &issuer.officer,
        Weight::Regular,
        11.0,
        LEFT,
        RIGHT - LEFT,
    ));
    signed.extend(paragraph(
        fonts,
        &issuer.title,
        Weight::Regular,
        11.0,
        LEFT,
        RIGHT - LEFT,
    ));
    flow.place(signed);

    if !pack.members.is_empty() {
        flow.gap(18.0);
        let mut members = paragraph(
            fonts,
            &format!("The {} members are:-", meeting.body),
            Weight::Bold,
            11.0,
            LEFT,
            RIGHT - LEFT,
        );
        members.push(Line {
            height: 4.0,
            marks: Vec::new(),
        });
        // Keep the heading with the first few names.
        let mut rest = Vec::new();
        for (i, member) in pack.members.iter().enumerate() {
            let name = match &member.role {
                Some(role) => format!("{} ({role})", member.name),
                None => member.name.clone(),
            };
            let lines = paragraph(fonts, &name, Weight::Regular, 11.0, LEFT, RIGHT - LEFT);
            if i < 3 {
                members.extend(lines);
            } else {
                rest.extend(lines);
            }
        }
        flow.place(members);
        flow.place(rest);
    }
}

/// The front sheet's heading: which pack, for whom.
pub fn pack_heading(pack: &Pack) -> String {
    let edition = match pack.edition() {
        Edition::Public => "Public",
        Edition::Members => "Members\u{2019}",
    };
    match pack.part {
        Part::Main => format!("{edition} Document Pack"),
        Part::Supplement { number, .. } => {
            format!("{edition} Document Pack: Supplement {number}")
        }
    }
}

/// What the members' edition's front sheet says under its heading.
fn members_warning(pack: &Pack) -> String {
    let exempt = pack
        .items
        .iter()
        .flat_map(|i| &i.documents)
        .any(|d| d.exempt.is_some());
    if exempt {
        "NOT FOR PUBLICATION: this edition includes exempt information under Schedule 12A to \
         the Local Government Act 1972, on the pages numbered E1, E2, E3 and so on."
            .into()
    } else {
        "For members of the committee. Its page numbers are those of the public pack.".into()
    }
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

fn agenda(flow: &mut Flow, pack: &Pack, fonts: &Fonts) {
    let heading = match pack.part {
        Part::Main => "Agenda".to_string(),
        Part::Supplement { number, .. } => format!("Agenda: supplement {number}"),
    };
    let mut head = vec![text_line(LEFT, &heading, Weight::Bold, 18.0)];
    head.push(Line {
        height: 6.0,
        marks: Vec::new(),
    });
    let mut columns = text_line(
        LEFT,
        "Reports or Explanatory Notes Attached",
        Weight::Bold,
        10.0,
    );
    let pages_width = fonts.width("Pages", Weight::Bold, 10.0);
    columns.marks.push(Mark::Text {
        x: RIGHT - pages_width,
        baseline: 10.0,
        text: "Pages".into(),
        weight: Weight::Bold,
        size: 10.0,
    });
    head.push(columns);
    head.push(Line {
        height: 8.0,
        marks: vec![Mark::Rule {
            x1: LEFT,
            x2: RIGHT,
            y: 2.0,
        }],
    });
    // Keep the heading with the first item.
    let mut items = pack.items.iter().enumerate();
    if let Some((index, first)) = items.next() {
        head.extend(agenda_item(fonts, index, first));
    }
    flow.place(head);
    for (index, item) in items {
        flow.gap(12.0);
        flow.place(agenda_item(fonts, index, item));
    }
}

fn agenda_item(fonts: &Fonts, index: usize, item: &Item) -> Vec<Line> {
    // Room for the number as printed: "12.10:" is wider than "7:".
    let number_width = fonts.width(&format!("{}:", item.number), Weight::Bold, 11.0);
    let text_x = LEFT + ITEM_INDENT.max(number_width + 8.0);
    let text_width = RIGHT - PAGES_COLUMN - text_x;
    let mut lines = paragraph(fonts, &item.title, Weight::Bold, 11.0, text_x, text_width);
    let first = &mut lines[0];
    first.marks.push(Mark::Text {
        x: LEFT,
        baseline: 11.0,
        text: format!("{}:", item.number),
        weight: Weight::Bold,
        size: 11.0,
    });
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
            (_, Some(n)) => Some((format!("(Supplement {n})"), 9.0)),
            (true, None) => Some(("(To follow)".to_string(), 11.0)),
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
    for para in &item.description {
        lines.push(Line {
            height: 4.0,
            marks: Vec::new(),
        });
        lines.extend(paragraph(
            fonts,
            para,
            Weight::Regular,
            10.0,
            text_x,
            text_width,
        ));
    }
    if let Some(exempt) = &item.exempt {
        lines.push(Line {
            height: 4.0,
            marks: Vec::new(),
        });
        lines.extend(paragraph(
            fonts,
            &exempt.citation(),
            Weight::Bold,
            10.0,
            text_x,
            text_width,
        ));
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
            let text = format!("{} \u{2013} {}", document.title, exempt.citation());
            let mut wrapped = paragraph(fonts, &text, Weight::Regular, 10.0, text_x, text_width);
            wrapped[0].marks.push(Mark::PageRange {
                range: RangeOf::Document(index, d),
                right: RIGHT,
                baseline: 10.0,
                size: 10.0,
            });
            lines.extend(wrapped);
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
            let text = match n {
                1 => format!(
                    "One document of this item is not in this pack: {}.",
                    lowercase_first(&exemption.citation())
                ),
                n => format!(
                    "{n} documents of this item are not in this pack: {}.",
                    lowercase_first(&exemption.citation())
                ),
            };
            lines.extend(paragraph(
                fonts,
                &text,
                Weight::Regular,
                10.0,
                text_x,
                text_width,
            ));
        }
    }
    if !item.contacts.is_empty() {
        lines.push(Line {
            height: 4.0,
            marks: Vec::new(),
        });
        let label = "Contact: ";
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
                wrapped[0].marks.push(Mark::Text {
                    x: text_x,
                    baseline: 10.0,
                    text: label.trim_end().to_string(),
                    weight: Weight::Regular,
                    size: 10.0,
                });
            }
            lines.extend(wrapped);
        }
    }
    lines
}

/// "Not for publication ..." as it reads after a colon.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
