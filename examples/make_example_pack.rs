//! Writes the report PDFs and the signature image of the example pack
//! `packs/kirklees-childrens-scrutiny-2024-10-11/`, a reproduction of the public
//! document pack of Kirklees Council's Children's Scrutiny Panel of
//! 11 October 2024. Run with `cargo run --example make_example_pack`.
//!
//! The text of every report is the text of the published pack; only the
//! layout is ours (Liberation Sans, 11pt body, bold headings, A4 with 20 mm
//! margins; the item 12 papers are A4 landscape).
//!
//! # Documents, page counts and the published "Pages" column
//!
//! agendapack's rule: printed page 1 is the first page of the first report;
//! every document starts on an odd printed page (a blank page is inserted
//! before it when the previous document ended on an odd page); an item's range
//! runs from its first page to the page before the next item's first page; the
//! pack ends on an even page (a blank page is appended if needed).
//!
//! | Item | Document                              | Pages | Printed pages          |
//! |------|---------------------------------------|-------|------------------------|
//! | 2    | minutes-2024-08-30.pdf                |   6   | 1-6                    |
//! | 3    | declaration-of-interests.pdf          |   2   | 7-8                    |
//! | 7    | qa-cover-report.pdf                   |   2   | 9-10                   |
//! | 7    | qa-annual-report.pdf (Appendix 1)     |   4   | 11-14                  |
//! | 8    | ofsted-cover-report.pdf               |   2   | 15-16                  |
//! | 8    | ofsted-inspection-report.pdf (App. 1) |  11   | 17-27, blank 28        |
//! | 8    | ofsted-presentation.pdf (App. 2)      |   9   | 29-37, blank 38        |
//! | 12   | work-programme-2024-25.pdf            |   9   | 39-47, blank 48        |
//! | 12   | agenda-plan-2024-25.pdf               |   5   | 49-53, blank 54 (end)  |
//!
//! Arithmetic:
//!
//! ```text
//! item 2:  minutes 6 pages -> 1..=6; 6 is even, so item 3 starts on 7.       "1 - 6"
//! item 3:  form 2 pages -> 7..=8; item 7 starts on 9.                        "7 - 8"
//! item 7:  cover 2 -> 9..=10; appendix 4 -> 11..=14; item 8 starts on 15.    "9 - 14"
//! item 8:  cover 2 -> 15..=16; inspection report 11 -> 17..=27, ends odd so
//!          blank 28; presentation 9 -> 29..=37, blank 38; item 12 on 39.    "15 - 38"
//! item 12: work programme 9 -> 39..=47, blank 48; agenda plan 5 -> 49..=53,
//!          and the pack must end on an even page, so blank 54.              "39 - 54"
//! ```
//!
//! This matches the published text: a "This page is intentionally left blank"
//! follows the inspection report, the presentation, the work programme and the
//! agenda plan (odd page counts), and none follows the minutes, the form or the
//! two cover reports (even page counts). The presentation has nine slides, so
//! the inspection report (11) is what is left of the 24 pages of item 8.
//!
//! Every document is laid out from a small markup (below), with explicit page
//! breaks (`===`) where the published documents break pages, and the generator
//! panics if a document does not come out with exactly its page count or if a
//! page has no text.

use std::path::{Path, PathBuf};

use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::text::{Font, TextDirection};

const PACK_DIR: &str = "packs/kirklees-childrens-scrutiny-2024-10-11";

const A4_PORTRAIT: (f32, f32) = (595.28, 841.89);
const A4_LANDSCAPE: (f32, f32) = (841.89, 595.28);
/// 20 mm. agendapack stamps "Agenda Item N" at the top right and "Page N" at
/// the bottom centre, both within 40pt of the edge, so this leaves them room.
const MARGIN: f32 = 56.69;

const BODY_SIZE: f32 = 11.0;
const LEADING: f32 = 14.0;
const TITLE_SIZE: f32 = 14.0;
const TITLE_LEADING: f32 = 18.0;
const RUNNING_SIZE: f32 = 8.5;
/// Space kept below the running header of documents that have one.
const RUNNING_SPACE: f32 = 20.0;
const PARA_GAP: f32 = 6.0;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.0;
const CELL_PARA_GAP: f32 = 3.0;

// ---------------------------------------------------------------------------
// The documents.
// ---------------------------------------------------------------------------

struct DocSpec {
    file: &'static str,
    title: &'static str,
    landscape: bool,
    pages: usize,
    /// A grey running header and the first (1-based) page that shows it.
    running: Option<(&'static str, usize)>,
    body: &'static str,
}

const DOCS: &[DocSpec] = &[
    DocSpec {
        file: "minutes-2024-08-30.pdf",
        title: "Minutes of the meeting held on 30 August 2024",
        landscape: false,
        pages: 6,
        running: Some(("Children's Scrutiny Panel - 30 August 2024", 2)),
        body: MINUTES,
    },
    DocSpec {
        file: "declaration-of-interests.pdf",
        title: "Declaration of interests form",
        landscape: false,
        pages: 2,
        running: None,
        body: DECLARATION,
    },
    DocSpec {
        file: "qa-cover-report.pdf",
        title: "Quality Assurance – Annual Review (cover report)",
        landscape: false,
        pages: 2,
        running: None,
        body: QA_COVER,
    },
    DocSpec {
        file: "qa-annual-report.pdf",
        title: "Appendix 1 – Quality Assurance 12 month overview report (September 2024)",
        landscape: false,
        pages: 4,
        running: Some(("Directorate for Children and Young People Services", 1)),
        body: QA_ANNUAL,
    },
    DocSpec {
        file: "ofsted-cover-report.pdf",
        title: "Overview of the Ofsted inspection of Children's Services 2024 (cover report)",
        landscape: false,
        pages: 2,
        running: None,
        body: OFSTED_COVER,
    },
    DocSpec {
        file: "ofsted-inspection-report.pdf",
        title: "Appendix 1 – Inspection of Kirklees local authority children's services (Ofsted, July 2024)",
        landscape: false,
        pages: 11,
        running: None,
        body: OFSTED_REPORT,
    },
    DocSpec {
        file: "ofsted-presentation.pdf",
        title: "Appendix 2 – Kirklees Children's Service's Journey and Next Steps (presentation)",
        landscape: false,
        pages: 9,
        running: None,
        body: PRESENTATION,
    },
    DocSpec {
        file: "work-programme-2024-25.pdf",
        title: "Children's Scrutiny Panel – Work Programme 2024/25",
        landscape: true,
        pages: 9,
        running: None,
        body: WORK_PROGRAMME,
    },
    DocSpec {
        file: "agenda-plan-2024-25.pdf",
        title: "Children's Scrutiny Panel – Agenda Plan 2024/25",
        landscape: true,
        pages: 5,
        running: None,
        body: AGENDA_PLAN,
    },
];

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fonts = Fonts::load();
    let reports = root.join(PACK_DIR).join("reports");
    std::fs::create_dir_all(&reports).expect("create the reports folder");

    let mut total = 0u64;
    for spec in DOCS {
        let pages = layout(&fonts, spec);
        assert_eq!(
            pages.len(),
            spec.pages,
            "{} came out with {} pages, it must have {}",
            spec.file,
            pages.len(),
            spec.pages
        );
        for (i, page) in pages.iter().enumerate() {
            assert!(
                page.body_lines > 0,
                "{} page {} has no text",
                spec.file,
                i + 1
            );
        }
        let bytes = render(&fonts, spec, &pages);
        let path = reports.join(spec.file);
        std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        total += bytes.len() as u64;
        println!(
            "{:<34} {:>2} pages {:>7} bytes",
            spec.file,
            pages.len(),
            bytes.len()
        );
    }
    println!("reports total: {total} bytes");

    let signature = root.join(PACK_DIR).join("signature.png");
    write_signature(&signature);
    println!("wrote {}", signature.display());
}

// ---------------------------------------------------------------------------
// Fonts and text measurement.
// ---------------------------------------------------------------------------

/// The shipped font, measured and wrapped by agendapack's own text layout
/// (the shaper krilla draws with), so that the project measures text one
/// way.
struct Fonts {
    regular: Font,
    bold: Font,
    layout: agendapack::render::text::Fonts,
}

impl Fonts {
    fn load() -> Fonts {
        use agendapack::render::text::Weight;
        let layout = agendapack::render::text::Fonts::new();
        Fonts {
            regular: layout.krilla(Weight::Regular),
            bold: layout.krilla(Weight::Bold),
            layout,
        }
    }

    /// Greedy word wrap to `width` points; a word longer than a line (a
    /// URL) is cut between characters.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        use agendapack::render::text::Weight;
        let weight = if bold { Weight::Bold } else { Weight::Regular };
        // One point of slack, as the published layout was made with.
        self.layout.wrap(text, weight, size, width - 1.0)
    }
}

// ---------------------------------------------------------------------------
// Markup.
//
// One paragraph per line; blank lines are ignored.
//   # text          title (bold 14pt)
//   ## text         heading (bold 11pt), kept with what follows
//   **text          bold paragraph
//   - text          bullet
//   12. text        numbered paragraph with a hanging label ("1) ", "3.1 ", "(a) " too)
//   > text          indented paragraph (quotations)
//   . text          line without space after it (addresses, lists of names)
//   ===             page break
//   %table [header] [align=N] W1 W2 ...   a bordered table; widths in percent
//   %grid W1 W2 ...                        the same without borders
//   | a | b |       a table row. In a cell "¶" separates paragraphs, which may
//                   start with "**" (bold) or "- " (bullet); an empty paragraph
//                   is a placeholder. With align=N, paragraph k of every column
//                   from N on starts at the same height; a row written `|^ ...`
//                   aligns all its columns. A row with one cell spans the
//                   table. `===` between rows breaks the page.
// ---------------------------------------------------------------------------

enum Block {
    Title(String),
    Heading(String),
    Para {
        text: String,
        bold: bool,
        indent: f32,
        gap: f32,
    },
    Bullet(String),
    Numbered {
        label: String,
        text: String,
    },
    PageBreak,
    Table(Table),
}

struct Table {
    widths: Vec<f32>,
    header: bool,
    borders: bool,
    align_from: Option<usize>,
    rows: Vec<Row>,
}

struct Row {
    cells: Vec<String>,
    break_before: bool,
    /// The row starts with `|^`: align every column, not only those from N.
    align_all: bool,
}

fn numbered_label(line: &str) -> Option<(String, String)> {
    let (head, rest) = line.split_once(' ')?;
    let is_label = (head.ends_with('.') || head.ends_with(')'))
        && head[..head.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
        && head.chars().next()?.is_ascii_digit()
        || (head.len() == 3 && head.starts_with('(') && head.ends_with(')'));
    is_label.then(|| (head.to_string(), rest.to_string()))
}

fn parse(markup: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = markup.lines().map(str::trim_end).peekable();
    while let Some(line) = lines.next() {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(spec) = line.strip_prefix('%') {
            let mut words = spec.split_whitespace();
            let borders = match words.next() {
                Some("table") => true,
                Some("grid") => false,
                other => panic!("unknown directive {other:?}"),
            };
            let mut table = Table {
                widths: Vec::new(),
                header: false,
                borders,
                align_from: None,
                rows: Vec::new(),
            };
            for w in words {
                if w == "header" {
                    table.header = true;
                } else if let Some(n) = w.strip_prefix("align=") {
                    table.align_from = Some(n.parse().expect("align=N"));
                } else {
                    table
                        .widths
                        .push(w.parse::<f32>().expect("column width") / 100.0);
                }
            }
            let mut break_before = false;
            while let Some(next) = lines.peek() {
                let next = next.trim();
                if next.is_empty() {
                    lines.next();
                } else if next == "===" {
                    break_before = true;
                    lines.next();
                } else if next.starts_with('|') {
                    let align_all = next.starts_with("|^");
                    let inner = next
                        .trim_start_matches('|')
                        .trim_start_matches('^')
                        .trim_end_matches('|');
                    let cells: Vec<String> =
                        inner.split('|').map(|c| c.trim().to_string()).collect();
                    assert!(
                        cells.len() == table.widths.len() || cells.len() == 1,
                        "row with {} cells in a table of {} columns: {next}",
                        cells.len(),
                        table.widths.len()
                    );
                    table.rows.push(Row {
                        cells,
                        break_before,
                        align_all,
                    });
                    break_before = false;
                    lines.next();
                } else {
                    break;
                }
            }
            blocks.push(Block::Table(table));
            if break_before {
                // A `===` after the last row.
                blocks.push(Block::PageBreak);
            }
            continue;
        }
        let block = if line == "===" {
            Block::PageBreak
        } else if let Some(t) = line.strip_prefix("## ") {
            Block::Heading(t.to_string())
        } else if let Some(t) = line.strip_prefix("# ") {
            Block::Title(t.to_string())
        } else if let Some(t) = line.strip_prefix("**") {
            Block::Para {
                text: t.to_string(),
                bold: true,
                indent: 0.0,
                gap: PARA_GAP,
            }
        } else if let Some(t) = line.strip_prefix("- ") {
            Block::Bullet(t.to_string())
        } else if let Some(t) = line.strip_prefix("> ") {
            Block::Para {
                text: t.to_string(),
                bold: false,
                indent: 18.0,
                gap: PARA_GAP,
            }
        } else if let Some(t) = line.strip_prefix(". ") {
            Block::Para {
                text: t.to_string(),
                bold: false,
                indent: 0.0,
                gap: 0.0,
            }
        } else if let Some((label, text)) = numbered_label(line) {
            Block::Numbered { label, text }
        } else {
            Block::Para {
                text: line.to_string(),
                bold: false,
                indent: 0.0,
                gap: PARA_GAP,
            }
        };
        blocks.push(block);
    }
    blocks
}

// ---------------------------------------------------------------------------
// Layout.
// ---------------------------------------------------------------------------

enum Op {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        bold: bool,
        grey: bool,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    Shade {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

struct PageOut {
    width: f32,
    height: f32,
    ops: Vec<Op>,
    body_lines: usize,
}

/// One wrapped line inside a table row, positioned relative to the row's top.
#[derive(Clone)]
struct CellLine {
    x: f32,
    y: f32,
    bold: bool,
    text: String,
}

struct Layout<'a> {
    fonts: &'a Fonts,
    width: f32,
    height: f32,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    running: Option<(&'static str, usize)>,
    pages: Vec<PageOut>,
    y: f32,
    /// Nothing has been placed on the current page yet.
    fresh: bool,
}

fn baseline(top: f32, size: f32, leading: f32) -> f32 {
    top + (leading - size) / 2.0 + 0.8 * size
}

impl<'a> Layout<'a> {
    fn new(fonts: &'a Fonts, spec: &DocSpec) -> Layout<'a> {
        let (width, height) = if spec.landscape {
            A4_LANDSCAPE
        } else {
            A4_PORTRAIT
        };
        let top = MARGIN
            + if spec.running.is_some() {
                RUNNING_SPACE
            } else {
                0.0
            };
        let mut layout = Layout {
            fonts,
            width,
            height,
            left: MARGIN,
            right: width - MARGIN,
            top,
            bottom: height - MARGIN,
            running: spec.running,
            pages: Vec::new(),
            y: top,
            fresh: true,
        };
        layout.new_page();
        layout
    }

    fn text_width(&self) -> f32 {
        self.right - self.left
    }

    fn new_page(&mut self) {
        let mut page = PageOut {
            width: self.width,
            height: self.height,
            ops: Vec::new(),
            body_lines: 0,
        };
        let number = self.pages.len() + 1;
        if let Some((text, from)) = self.running
            && number >= from
        {
            page.ops.push(Op::Text {
                x: self.left,
                baseline: baseline(MARGIN, RUNNING_SIZE, LEADING),
                size: RUNNING_SIZE,
                bold: false,
                grey: true,
                text: text.to_string(),
            });
        }
        self.pages.push(page);
        self.y = self.top;
        self.fresh = true;
    }

    fn page(&mut self) -> &mut PageOut {
        self.pages.last_mut().expect("a page")
    }

    fn room(&self) -> f32 {
        self.bottom - self.y
    }

    fn ensure(&mut self, need: f32) {
        if !self.fresh && self.room() < need {
            self.new_page();
        }
    }

    fn space(&mut self, gap: f32) {
        if !self.fresh {
            self.y += gap;
        }
    }

    fn draw_line(&mut self, x: f32, text: String, size: f32, leading: f32, bold: bool) {
        let y = self.y;
        let page = self.page();
        page.ops.push(Op::Text {
            x,
            baseline: baseline(y, size, leading),
            size,
            bold,
            grey: false,
            text,
        });
        page.body_lines += 1;
    }

    /// Wrapped text at `x`..right, breaking pages between lines.
    fn flow(
        &mut self,
        text: &str,
        size: f32,
        leading: f32,
        bold: bool,
        indent: f32,
        right_indent: f32,
    ) {
        let width = self.text_width() - indent - right_indent;
        for line in self.fonts.wrap(text, size, bold, width) {
            if self.room() < leading {
                self.new_page();
            }
            self.draw_line(self.left + indent, line, size, leading, bold);
            self.y += leading;
            self.fresh = false;
        }
    }

    fn block(&mut self, block: &Block, next_is_tight: bool) {
        match block {
            Block::PageBreak => {
                if !self.fresh {
                    self.new_page();
                }
            }
            Block::Title(t) => {
                self.ensure(TITLE_LEADING + 3.0 * LEADING);
                self.flow(t, TITLE_SIZE, TITLE_LEADING, true, 0.0, 0.0);
                self.y += 8.0;
            }
            Block::Heading(t) => {
                self.space(6.0);
                self.ensure(3.0 * LEADING);
                self.flow(t, BODY_SIZE, LEADING, true, 0.0, 0.0);
                self.y += 4.0;
            }
            Block::Para {
                text,
                bold,
                indent,
                gap,
            } => {
                let right = if *indent > 0.0 { *indent } else { 0.0 };
                self.flow(text, BODY_SIZE, LEADING, *bold, *indent, right);
                self.y += if *gap == 0.0 && !next_is_tight {
                    PARA_GAP
                } else {
                    *gap
                };
            }
            Block::Bullet(t) => {
                if self.room() < LEADING {
                    self.new_page();
                }
                let (x, y) = (self.left + 6.0, self.y);
                self.page().ops.push(Op::Text {
                    x,
                    baseline: baseline(y, BODY_SIZE, LEADING),
                    size: BODY_SIZE,
                    bold: false,
                    grey: false,
                    text: "•".into(),
                });
                self.flow(t, BODY_SIZE, LEADING, false, 20.0, 0.0);
                self.y += 4.0;
            }
            Block::Numbered { label, text } => {
                if self.room() < LEADING {
                    self.new_page();
                }
                let (x, y) = (self.left, self.y);
                self.page().ops.push(Op::Text {
                    x,
                    baseline: baseline(y, BODY_SIZE, LEADING),
                    size: BODY_SIZE,
                    bold: false,
                    grey: false,
                    text: label.clone(),
                });
                self.flow(text, BODY_SIZE, LEADING, false, 28.0, 0.0);
                self.y += PARA_GAP;
            }
            Block::Table(table) => self.table(table),
        }
    }

    /// Column left edges and widths.
    fn columns(&self, table: &Table) -> Vec<(f32, f32)> {
        let total = self.text_width();
        let mut x = self.left;
        table
            .widths
            .iter()
            .map(|w| {
                let col = (x, w * total);
                x += w * total;
                col
            })
            .collect()
    }

    /// Lays out one row's cells; returns the lines and the content height.
    fn row_lines(&self, table: &Table, row: &Row, bold_row: bool) -> (Vec<CellLine>, f32) {
        let cells = &row.cells;
        let align_from = if row.align_all {
            Some(0)
        } else {
            table.align_from
        };
        let cols = self.columns(table);
        let pad_x = if table.borders { CELL_PAD_X } else { 0.0 };
        let gutter = if table.borders { 0.0 } else { 8.0 };
        let spans = cells.len() == 1 && cols.len() > 1;
        // Each column's paragraphs as lists of (x offset, bold, text), without positions.
        let mut paras: Vec<Vec<Vec<(f32, bool, String)>>> = Vec::new();
        for (c, cell) in cells.iter().enumerate() {
            let (_, w) = cols[c];
            let w = if spans { self.text_width() } else { w };
            let inner = w - 2.0 * pad_x - gutter;
            let mut col = Vec::new();
            for p in cell.split('¶') {
                let p = p.trim();
                let (text, bold, bullet) = if let Some(t) = p.strip_prefix("**") {
                    (t, true, false)
                } else if let Some(t) = p.strip_prefix("- ") {
                    (t, bold_row, true)
                } else {
                    (p, bold_row, false)
                };
                let mut lines = Vec::new();
                if !text.is_empty() {
                    let indent = if bullet { 10.0 } else { 0.0 };
                    for (i, l) in self
                        .fonts
                        .wrap(text, BODY_SIZE, bold, inner - indent)
                        .into_iter()
                        .enumerate()
                    {
                        if bullet && i == 0 {
                            lines.push((0.0, false, "•".to_string()));
                        }
                        lines.push((indent, bold, l));
                    }
                }
                col.push(lines);
            }
            paras.push(col);
        }
        let line_count =
            |para: &Vec<(f32, bool, String)>| para.iter().filter(|l| l.2 != "•").count();
        let mut out = Vec::new();
        let mut height: f32 = 0.0;
        let place = |out: &mut Vec<CellLine>, c: usize, y: f32, para: &Vec<(f32, bool, String)>| {
            let x0 = cols[c].0 + pad_x;
            let mut row = 0;
            for (dx, bold, text) in para {
                // The bullet shares the first line of its paragraph.
                let at = y + row as f32 * LEADING;
                out.push(CellLine {
                    x: x0 + dx,
                    y: at,
                    bold: *bold,
                    text: text.clone(),
                });
                if text != "•" {
                    row += 1;
                }
            }
        };
        let aligned = |c: usize| align_from.is_some_and(|n| c >= n) && !spans;
        // Free columns: paragraphs one after another.
        for (c, col) in paras.iter().enumerate() {
            if aligned(c) {
                continue;
            }
            let mut y = 0.0;
            for para in col {
                let n = line_count(para);
                if n == 0 {
                    continue;
                }
                if y > 0.0 {
                    y += CELL_PARA_GAP;
                }
                place(&mut out, c, y, para);
                y += n as f32 * LEADING;
            }
            height = height.max(y);
        }
        // Aligned columns: paragraph k of each starts at the same height.
        if let Some(first) = align_from.filter(|_| !spans) {
            let count = paras[first..].iter().map(Vec::len).max().unwrap_or(0);
            let mut y = 0.0;
            for k in 0..count {
                let tallest = paras[first..]
                    .iter()
                    .filter_map(|col| col.get(k))
                    .map(line_count)
                    .max()
                    .unwrap_or(0);
                if tallest == 0 {
                    continue;
                }
                if y > 0.0 {
                    y += CELL_PARA_GAP;
                }
                for (c, col) in paras.iter().enumerate().skip(first) {
                    if let Some(para) = col.get(k) {
                        place(&mut out, c, y, para);
                    }
                }
                y += tallest as f32 * LEADING;
            }
            height = height.max(y);
        }
        (out, height)
    }

    fn draw_row(
        &mut self,
        table: &Table,
        lines: &[CellLine],
        content: f32,
        shaded: bool,
        spans: bool,
    ) {
        let cols = self.columns(table);
        let pad_y = if table.borders { CELL_PAD_Y } else { 0.0 };
        let h = content + 2.0 * pad_y;
        let (top, left, right) = (self.y, self.left, self.right);
        let page = self.pages.last_mut().expect("a page");
        if shaded {
            page.ops.push(Op::Shade {
                x: left,
                y: top,
                w: right - left,
                h,
            });
        }
        for l in lines {
            page.ops.push(Op::Text {
                x: l.x,
                baseline: baseline(top + pad_y + l.y, BODY_SIZE, LEADING),
                size: BODY_SIZE,
                bold: l.bold,
                grey: false,
                text: l.text.clone(),
            });
            if !shaded {
                // A repeated header row alone does not make a page of text.
                page.body_lines += 1;
            }
        }
        if table.borders {
            let bottom = top + h;
            page.ops.push(Op::Line {
                x1: left,
                y1: top,
                x2: right,
                y2: top,
            });
            page.ops.push(Op::Line {
                x1: left,
                y1: bottom,
                x2: right,
                y2: bottom,
            });
            page.ops.push(Op::Line {
                x1: left,
                y1: top,
                x2: left,
                y2: bottom,
            });
            if !spans {
                for &(x, w) in &cols {
                    page.ops.push(Op::Line {
                        x1: x + w,
                        y1: top,
                        x2: x + w,
                        y2: bottom,
                    });
                }
            } else {
                page.ops.push(Op::Line {
                    x1: right,
                    y1: top,
                    x2: right,
                    y2: bottom,
                });
            }
        }
        self.y = top + h + if table.borders { 0.0 } else { 4.0 };
        self.fresh = false;
    }

    fn header_row(&mut self, table: &Table) {
        if table.header {
            let (lines, h) = self.row_lines(table, &table.rows[0], true);
            self.draw_row(table, &lines, h, true, false);
        }
    }

    fn table(&mut self, table: &Table) {
        let pad_y = if table.borders { CELL_PAD_Y } else { 0.0 };
        let body_rows = if table.header {
            &table.rows[1..]
        } else {
            &table.rows[..]
        };
        // Keep the header with at least two lines of the first row.
        self.ensure(if table.header {
            4.0 * LEADING
        } else {
            2.0 * LEADING
        });
        self.header_row(table);
        for row in body_rows {
            if row.break_before {
                self.new_page();
                self.header_row(table);
            }
            let spans = row.cells.len() == 1 && table.widths.len() > 1;
            let (mut lines, mut content) = self.row_lines(table, row, false);
            if row.cells.iter().all(|c| c.is_empty()) {
                content = 2.0 * LEADING; // an empty row of a form, to be written in
            }
            loop {
                let room = self.room() - 2.0 * pad_y;
                if content <= room {
                    self.draw_row(table, &lines, content, false, spans);
                    break;
                }
                // A short row moves whole to the next page; a long one is split,
                // leaving at least three lines on each side of the break.
                if content < 6.0 * LEADING || room < 3.0 * LEADING {
                    self.new_page();
                    self.header_row(table);
                    continue;
                }
                let mut cut = room.min(content - 3.0 * LEADING);
                // Do not leave a bold sub-heading (outside the first column, whose
                // titles are all bold) as the last line before the break.
                let first_col_end = self.left + table.widths[0] * self.text_width();
                loop {
                    let last = lines
                        .iter()
                        .filter(|l| l.y + LEADING <= cut)
                        .map(|l| l.y)
                        .fold(-1.0, f32::max);
                    let heading_last = lines
                        .iter()
                        .any(|l| l.y == last && l.bold && l.x > first_col_end);
                    if last <= 0.0 || !heading_last {
                        break;
                    }
                    cut = last;
                }
                let (now, later): (Vec<CellLine>, Vec<CellLine>) =
                    lines.into_iter().partition(|l| l.y + LEADING <= cut);
                let used = now.iter().map(|l| l.y + LEADING).fold(0.0, f32::max);
                self.draw_row(table, &now, used, false, spans);
                let shift = later.iter().map(|l| l.y).fold(f32::MAX, f32::min);
                lines = later
                    .into_iter()
                    .map(|l| CellLine {
                        y: l.y - shift,
                        ..l
                    })
                    .collect();
                content -= shift;
                self.new_page();
                self.header_row(table);
            }
        }
        self.y += PARA_GAP;
    }
}

fn layout(fonts: &Fonts, spec: &DocSpec) -> Vec<PageOut> {
    let blocks = parse(spec.body);
    let mut layout = Layout::new(fonts, spec);
    for (i, block) in blocks.iter().enumerate() {
        let next_is_tight =
            matches!(blocks.get(i + 1), Some(Block::Para { gap, .. }) if *gap == 0.0);
        layout.block(block, next_is_tight);
    }
    layout.pages
}

// ---------------------------------------------------------------------------
// PDF output.
// ---------------------------------------------------------------------------

fn fill(lightness: u8) -> Fill {
    Fill {
        paint: luma::Color::new(lightness).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn render(fonts: &Fonts, spec: &DocSpec, pages: &[PageOut]) -> Vec<u8> {
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(spec.title.to_string())
            .language("en-GB".to_string())
            .authors(vec!["Kirklees Council".to_string()]),
    );
    for out in pages {
        let mut page = document
            .start_page_with(PageSettings::from_wh(out.width, out.height).expect("page size"));
        let mut surface = page.surface();
        for op in &out.ops {
            match op {
                Op::Shade { x, y, w, h } => {
                    let mut pb = PathBuilder::new();
                    pb.push_rect(Rect::from_xywh(*x, *y, *w, *h).expect("shade rect"));
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(232)));
                    surface.draw_path(&pb.finish().expect("shade path"));
                }
                Op::Line { x1, y1, x2, y2 } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: luma::Color::new(120).into(),
                        width: 0.6,
                        ..Default::default()
                    }));
                    surface.draw_path(&pb.finish().expect("line path"));
                }
                Op::Text {
                    x,
                    baseline,
                    size,
                    bold,
                    grey,
                    text,
                } => {
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(if *grey { 105 } else { 0 })));
                    let font = if *bold {
                        fonts.bold.clone()
                    } else {
                        fonts.regular.clone()
                    };
                    surface.draw_text(
                        Point::from_xy(*x, *baseline),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .unwrap_or_else(|e| panic!("{}: {e:?}", spec.file))
}

// ---------------------------------------------------------------------------
// The signature: a thick parametric scribble, anti-aliased, on transparency.
// ---------------------------------------------------------------------------

fn write_signature(path: &Path) {
    const W: usize = 300;
    const H: usize = 90;
    let mut alpha = vec![0f32; W * H];
    let mut stamp = |x: f64, y: f64, r: f64| {
        let (x0, x1) = (
            (x - r - 1.0).floor().max(0.0) as usize,
            ((x + r + 1.0).ceil() as usize).min(W - 1),
        );
        let (y0, y1) = (
            (y - r - 1.0).floor().max(0.0) as usize,
            ((y + r + 1.0).ceil() as usize).min(H - 1),
        );
        for py in y0..=y1 {
            for px in x0..=x1 {
                let d = ((px as f64 + 0.5 - x).powi(2) + (py as f64 + 0.5 - y).powi(2)).sqrt();
                let cover = (r + 0.5 - d).clamp(0.0, 1.0) as f32;
                let a = &mut alpha[py * W + px];
                *a = a.max(cover);
            }
        }
    };
    use std::f64::consts::PI;
    // Everything leans forward like handwriting: x moves right as y rises.
    let slant = |x: f64, y: f64| x + 0.32 * (62.0 - y);
    let mut stroke = |f: &dyn Fn(f64) -> (f64, f64, f64)| {
        let steps = 8000;
        for i in 0..=steps {
            let (x, y, r) = f(i as f64 / steps as f64);
            stamp(slant(x, y), y, r);
        }
    };
    // A capital S: a hook at the top, then the double curve down.
    stroke(&|t| {
        let a = 2.0 * PI * t;
        (
            24.0 - 13.0 * a.sin() + 9.0 * (1.0 - t).powi(3),
            12.0 + 56.0 * t,
            1.5 + 0.9 * (a * 0.5).sin(),
        )
    });
    // The surname: a run of cursive loops (a prolate trochoid) whose heights
    // follow the letters, tall for ascenders and short for the rest.
    let heights = [0.45, 0.5, 1.25, 0.5, 0.55, 1.1, 0.5, 0.45, 0.4];
    stroke(&|t| {
        let cycles = 7.5;
        let a = 2.0 * PI * cycles * t;
        let k = cycles * t;
        let (i, frac) = (k.floor() as usize, k.fract());
        let mix = 0.5 - 0.5 * (PI * frac).cos();
        let h = heights[i.min(heights.len() - 1)] * (1.0 - mix)
            + heights[(i + 1).min(heights.len() - 1)] * mix;
        (
            50.0 + 205.0 * t - 11.0 * a.sin(),
            60.0 - 2.0 * t - 30.0 * h * (0.5 - 0.5 * a.cos()),
            1.3 + 0.8 * (0.5 + 0.5 * a.cos()),
        )
    });
    // The underline flourish.
    stroke(&|t| {
        (
            40.0 + 235.0 * t,
            80.0 - 10.0 * t + 4.0 * (PI * t).sin(),
            0.9 + 0.9 * (PI * t).sin(),
        )
    });

    let mut rgba = Vec::with_capacity(W * H * 4);
    for a in alpha {
        rgba.extend_from_slice(&[18, 20, 34, (a * 255.0).round() as u8]);
    }
    let file =
        std::fs::File::create(path).unwrap_or_else(|e| panic!("create {}: {e}", path.display()));
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), W as u32, H as u32);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("png header");
    writer.write_image_data(&rgba).expect("png data");
    writer.finish().expect("png finish");
}

// ---------------------------------------------------------------------------
// The text of the published pack.
// ---------------------------------------------------------------------------

const MINUTES: &str = r##"
Contact Officer: Helen Kilroy

# KIRKLEES COUNCIL

# CHILDREN'S SCRUTINY PANEL

## Friday 30th August 2024

%grid 20 80
| **Present: | Councillor Itrat Ali (Chair)¶Councillor Jane Rylah¶Councillor Richard Smith |

| **In attendance: | Jo-Anne Sanders, Service Director - Learning and Early Support¶Joel Hanna, Head of Service – Corporate Parenting (representing Vicky Metheringham, Service Director – Child Protection & Family Support)¶Anna Gledhill, Head of Service – Sufficiency (representing Kieran Lord, Service Director - Resources, Improvements and Partnerships)¶Cllr Kendrick, Cabinet Member for Children’s Services |

| **Apologies: | Councillor Ashleigh Robinson¶Councillor Hannah McKerchar¶Councillor Tanisha Bramwell |

## 1 Membership of the Panel

Apologies were received from Councillor Ashleigh Robinson, Councillor Hannah McKerchar and Councillor Tanisha Bramwell.

## 2 Minutes of the Previous Meeting

That the minutes of the meetings held on the 26th March 2024 be approved as a correct record.

## 3 Declaration of Interests

No interests were declared.

## 4 Admission of the Public

All items were considered in public session.

## 5 Deputations/Petitions

No deputations or petitions were received

## 6 Public Question Time

Suzanne Wright asked the following questions: 1. “Did the Council consider whether the Post 16 Transport provisions were lawful under the Equality Act, The Education Act and the Human Rights Act?” and 2. “How do the Council propose to deliver the education provision and in my son’s Education and Health Care Plan if he is unable to get to college?”

===

The Chair advised that the Panel were unable to answer the questions as they did not have the specialist knowledge regarding this matter, and that the questions would be passed on to the relevant Cabinet Member to provide a written response.

The Cabinet Member with responsibility for Children, Councillor Kendrick, advised that any public questions regarding personal matters could not be responded to in a public meeting to protect the individual concerned but that the Cabinet Member with responsibility for this area would be able to respond direct.

The Chair read out the second set of public questions which had been submitted by Neil Clarkson who had not been able to attend the meeting.

Neil Clarkson asked the following questions – 1. “Was an impact assessment done by officers under the public sector equality duty?” and 2. “Of the four travel bands in transport provisions, band three and four are woefully inadequate and unaffordable for disabled young people and their parents. As these bands cover young people travelling long distances using public transport is often not an option as lots of young people are not able to travel independently due to their disabilities. Their parents face punitive and unaffordable taxi costs to enable them to access the educational provision specified in their Education and Health Care Plan. This means the allocated transport grant will prevent some from being able to attend college at all. How were these figures calculated and what assessment was made of how much parents would have to top up this figure to enable their children to participate in the educational provision prescribed in their EHCP?”

The Chair agreed to forward the questions onto the relevant Cabinet Member to provide a written response.

**RESOLVED:

1) That the Members of the Public be thanked for their questions.
2) That the questions be forwarded to the relevant Cabinet Member for a written response.

## 7 Performance Data (Children's Services) - verbal update on highlights

The Panel considered a verbal update on the performance highlights from the latest Children's Services data report covering period ending 31st July 2024. The report provided a summary of consistent and improved areas of practice and a review of how data was helping with work improvements and challenges.

Jo-Anne Sanders, Service Director for Learning and Early Support, highlighted the following key points –

- Educational Outcomes - Further analysis would be undertaken of the previous academic year to July 2024 and reported to the Panel at a future meeting.
- Increase in take-up of Free Early Education for Eligible 2 year-olds - Those eligible for this offer were mainly from low-income families, families in receipt of benefits, Children Looked After or children with an Education, Health and Care Plan. There had been a focus on this as a route out of poverty, with the aim of narrowing the attainment gap, and encouraging parents to take up education or work.

===

- At the end of the Summer term there was 87% take-up of the offer, which was the highest level it had ever been at that time of year, as the data often dipped between Spring and Summer Term. It was also the 7th term in a row where there was at least 80% take-up by eligible families. The national average take-up figure was significantly lower, at 74%.
- The Service had taken positive action to achieve this success. Since 2022 there had been increased targeted work to contact and support eligible families, particularly in areas of Kirklees where take-up had been below average. Six priority wards were identified, Batley East and Batley West, Dewsbury East and Dewsbury West, Crosland Moor and Greenhead.
- All eligible families had been contacted and of 1,491 children identified as eligible, 87% were accessing free early education, due to the work done to encourage take-up and highlight eligibility. It was recognised that take-up was not 100%, however some families had made a personal choice not to take up the offer.
- Increase of Education Health and Care Plans issued within statutory timescales - Progress was outlined regarding the SEND Transformation Programme, particularly in relation to statutory compliance in issuing Education Health and Care Plan (EHCPs). EHCPs identify additional educational, health or social care needs of children and young people aged 0 to 25, and set out the additional support that needs to be in place to meet those needs.
- There had been a significant rise in the number of EHCPs being maintained, from 4,146 at the end of December 2023 to 4,601 at the end of July 2024. Historically, performance had not been as good as it should be in this area, with statutory compliance at the end of 2023 being very poor.
- Figures now demonstrated that improvements had been made, with 38% of EHCPs issued within the statutory 20 week timescale, compared to January 2024 when no EHCPs were issued within the 20 weeks.
- There were a number of EHCP applications currently outside the statutory 20 weeks, and the Panel was assured that the service was working diligently to ensure these would be issued as soon as they could be.

Joel Hanna, Head of Service for Corporate Parenting, highlighted the following key points -

- An Ofsted Inspection of the Children's Service was undertaken in July 2024 and had been judged by Ofsted as 'Good'.
- The detailed report had been published on 28th August and was available to view on the Ofsted website. There had been a move from 'Requires Improvement' to 'Good', which was a really positive outcome for the Local Authority, staff, children and families in Kirklees. The report also identified areas of improvement.
- The number of cases held by Children's Services had gone up slightly, having an impact on July's data in some aspects of timeliness.
- There had been an increase in response times from referrals to the Front Door after a focussed effort in this area and a review of systems and processes.
===
- The number of children in care had increased slightly but was still at a lesser rate than the national average. It was felt that this indicated good systems were in place for supporting children to remain in their families without the need to come into care, and it was noted that those children who did come into care were supported in a range of settings, with a significant number going into foster care settings or with members of their own family in kinship arrangements. This approach had been recognised as positive and was highlighted as such in the recent Ofsted inspection report.

- There had been focussed work on Corporate Parenting responsibility, specifically on the support of care leavers, which tied in with the Council recognising care leaving as a protected characteristic. There had been a positive increase in performance around pathway planning, involving more in-depth work with young people at the centre of their plans.

The Panel thanked the team for their hard work in contributing to the positive Ofsted inspection outcome, and recognised the Service's significant achievement of moving Children's Services from Requires Improvement to Good, for the benefit of children and young people in Kirklees.

The Panel asked about the measure of success in terms of the percentage of children in care and if Kirklees had a lower percentage of children in care than other authorities, was this a measure of success or could it indicate that children are not being taken into care when they perhaps should be. Joel Hanna explained that the data used to benchmark the performance of local authorities, was the rate of children aged 0 to 17 who were in care. During the inspection, Ofsted reviewed case work, and the work with families prior to children coming into care. From their critical measure, the Service was not either bringing children into care unnecessarily or leaving children outside of care where they should be coming into care. The Panel was informed that confidence was gained from the recent, very thorough scrutiny that was applied by Ofsted, and which was applied equally across all authorities. In Kirklees, the rate of children coming into care was lower due to a good early help family offer, and Special Guardianship Order arrangements were higher as these were well supported.

Cllr Kendrick added that when the number of children looked after, and children under Special Guardianship arrangements were added together, Kirklees figures were comparable to other local authorities.

Anna Gledhill, Head of Service for Sufficiency, highlighted the following key points -

- All 6 children's homes in Kirklees for looked after children were on a positive trajectory in terms of Ofsted inspections. Each home had a separate Ofsted inspection, and in each recent inspection every home had improved, apart from one home which was awaiting inspection.
- There was recognised to be a challenge in having enough homes to meet demand. There was more to do to make sure there were enough homes in the area and data and the Ofsted report indicated this challenge. There was oversight of this through the sufficiency strategy and governance of that strategy.
- Performance in health assessments for looked after children had improved, with the help of the Integrated Care Board (ICB) to fund extra clinics, and good partnership working to clear the backlog of children waiting for assessments. 90.7% of looked after children had an up-to-date health assessment.
===
- There were challenges with Neurodevelopmental assessments, which was a local and national issue. A lot of work had been done, in partnership with the ICB. There had been a service transformation in terms of a dedicated assessment clinic and an improved triage process, which had resulted in good feedback from families. There continued to be a high demand for the services and the waiting times continued to present a challenge.

In answer to a question from the Panel about potentially having representation from care leavers on the Panel, Joel Hanna advised that the Corporate Parenting Board, now called the Kirklees Parenting Board, had it written within its terms of reference that there would be care experienced representation on the Board. In addition and present at today's meeting, there was a member of the public present from the Care Leaver's Forum, who had been involved with developing training for Councillors and who would be delivering training to Members of the Children's Scrutiny Panel. The Panel noted that there would be care leaver representation on the Kirklees Parenting Board.

Jo-Anne Sanders agreed that the Children's Voice was a golden thread running through the work-plan of the Children's Scrutiny Panel and noted that the Panel were planning opportunities to undertake visits to meet children and families, to triangulate the evidence presented during more formal meetings. The Chair agreed and looked forward to the programme of in-person visits planned over the year to hear the voice of children in Kirklees.

**RESOLVED:

That the verbal updates on performance data be noted and Officers be thanked for their contributions.

## 8 Pre-decision scrutiny - Cabinet decisions on the horizon

The Panel noted that they would consider the outcome of the Ofsted Inspection of the Children's Service at the October meeting.

The Panel noted that recommendations from the Children's Scrutiny Panel could be submitted to Cabinet to be considered and discussed. Councillor Kendrick advised that recommendations to Cabinet from the Children's Scrutiny Panel had previously enhanced the direction of travel in relation to decisions made.

## 9 Feedback from Panel Members on issues considered by Kirklees Parenting Board

The Panel noted that there had been no meetings of the Kirklees Parenting Board since the start of the new municipal year.

## 10 Work Programme and Agenda Plan for 2024/5

The Chair noted that the Work Programme for 2024/25 and Agenda Plan had been finalised and circulated, and thanked governance officers for their role in putting it together. The work programme had been approved by Overview and Scrutiny Management Committee, but it was noted that updates would be made to the work programme during the municipal year. The Chair had met with the Chair of Health and Adult Social Care Scrutiny Panel to discuss the immunisation of babies and children and children's dentistry, which were on the work programmes of both scrutiny panels. The Chair would attend the Health and Adult Social Care Scrutiny Panel early in 2025, when these matters would be considered and Members from both Scrutiny Panels had been invited to attend the Joint meetings.

===

The Chair noted that there was a full work programme and agenda plan for the 2024/25 municipal year which included a number of visits, and encouraged Members of the Panel to attend as many of the visits as possible to gain a deeper understanding of the challenges faced and of the issues that would be scrutinised by the Panel.

**RESOLVED:

That the progress on the Work Programme and Agenda Plan for 2024-25 be noted.
"##;

const DECLARATION: &str = r##"
# KIRKLEES COUNCIL

## COUNCIL/CABINET/COMMITTEE MEETINGS ETC

## DECLARATION OF INTERESTS

## Childrens Scrutiny Panel

%table 30 70
| **Name of Councillor | |

%table header 24 26 28 22
| Item in which you have an interest | Type of interest (eg a disclosable pecuniary interest or an "Other Interest") | Does the nature of the interest require you to withdraw from the meeting while the item in which you have an interest is under consideration? [Y/N] | Brief description of your interest |
| | | | |
| | | | |
| | | | |
| | | | |
| | | | |
| | | | |

%grid 50 50
| **Signed: | **Dated: |

===

## NOTES

## Disclosable Pecuniary Interests

If you have any of the following pecuniary interests, they are your disclosable pecuniary interests under the new national rules. Any reference to spouse or civil partner includes any person with whom you are living as husband or wife, or as if they were your civil partner.

Any employment, office, trade, profession or vocation carried on for profit or gain, which you, or your spouse or civil partner, undertakes.

Any payment or provision of any other financial benefit (other than from your council or authority) made or provided within the relevant period in respect of any expenses incurred by you in carrying out duties as a member, or towards your election expenses.

Any contract which is made between you, or your spouse or your civil partner (or a body in which you, or your spouse or your civil partner, has a beneficial interest) and your council or authority -

- under which goods or services are to be provided or works are to be executed; and
- which has not been fully discharged.

Any beneficial interest in land which you, or your spouse or your civil partner, have and which is within the area of your council or authority.

Any licence (alone or jointly with others) which you, or your spouse or your civil partner, holds to occupy land in the area of your council or authority for a month or longer.

Any tenancy where (to your knowledge) - the landlord is your council or authority; and the tenant is a body in which you, or your spouse or your civil partner, has a beneficial interest.

Any beneficial interest which you, or your spouse or your civil partner has in securities of a body where -

(a) that body (to your knowledge) has a place of business or land in the area of your council or authority; and
(b) either -

> the total nominal value of the securities exceeds £25,000 or one hundredth of the total issued share capital of that body; or

> if the share capital of that body is of more than one class, the total nominal value of the shares of any one class in which you, or your spouse or your civil partner, has a beneficial interest exceeds one hundredth of the total issued share capital of that class.
"##;

const QA_COVER: &str = r##"
# REPORT TITLE: QUALITY ASSURANCE – ANNUAL REVIEW

%table 40 60
| **Meeting: | Children’s Scrutiny Panel |
| **Date: | 11th October 2024 |
| **Cabinet Member (if applicable) | Not applicable |
| **Key Decision | No |
| **Eligible for Call In | Not applicable |
| **Purpose of Report | To share the Children’s Services annual QA report |
| **Recommendations | This report is for information.¶There are no specific recommendations within the report – the attached report is an overview of our audit and learning processes for the last 12 months for consideration and discussion. |
| **Resource Implications: | None |
| **Date signed off by Executive Director & name | 26.09.24 – Vicky Metheringham |
| **Is it also signed off by the Service Director for Finance? | Not applicable |
| **Is it also signed off by the Service Director for Legal and Commissioning (Monitoring Officer)? | Not applicable |

%grid 32 68
| **Electoral wards affected: | All |

| **Ward councillors consulted: | None |

| **Public or private: | Public |

| **Has GDPR been considered? | There is no child specific data within the report. |

## 1. Executive Summary

Quality assurance work has taken place on a monthly basis across children’s social care involving both regular monthly learning conversations, quarterly Practice Learning Days and ad-hoc specific auditing deep dives. This report provides a summary of the outcomes of the learning and some of the steps taken to address the learning needs and the Annual Report on Quality Assurance is attached as Appendix 1.

===

## 2. Information required to take a decision

There is no decision required from the panel – this is being shared for information and scrutiny.

## 3. Implications for the Council

The report provides an overview of the quality of our work in children's social care. It will help to provide information about the areas in need of development within Children's Social care.

## 3.1 Council Plan

Not applicable

## 3.2 Financial Implications

Not applicable

## 3.3 Legal Implications

Not applicable

## 3.8 Other (eg Risk, Integrated Impact Assessment or Human Resources)

Not applicable

## 4. Consultation

Not applicable

## 5. Engagement

Not applicable

## 6. Options

Not applicable

## 7. Next steps and timelines

The quality assurance work is ongoing and the panel may wish for an update report in the future. Scrutiny members are also observing a practice learning day.

## 8. Contact officer

Rob Fordyce – Head of QA and Practice Development and Principal Social Worker

## 9. Background Papers and History of Decisions

None.

## 10. Appendices

Quality Assurance Annual Report attached as Appendix 1.

## 11. Service Director responsible

Vicky Metheringham, Service Director (Family Support and Child Protection)
"##;

const QA_ANNUAL: &str = r##"
# Quality Assurance 12 month overview Report (September 2024)

> “We all need people who will give us feedback. That’s how we improve.” Bill Gates

## Introduction and Aim of this report:

The purpose of this report is to provide an overview of the quality assurance work that has taken place over the last 12 months up to August 2024. Our quality assurance process has many strands including Learning Conversations between a manager and a practitioner; practice learning days; specific deep dive audits and direct feedback from children and families. This report is set out following the categories used in our learning conversation forms. Learning conversations take place between managers and practitioners from Assessment & Intervention teams, the Youth Engagement Service, Children Looked After teams and the Care Leavers service with each manager completing one learning conversation a month with a member of staff that they do not manage. This approach was introduced in June 2023 and since this time we have sought to finesse and improve the process. The questions on the learning conversation form have been amended over this timeframe to provide some more precise qualitative information which means that there cannot always be a direct comparison from month to month. Since February 2024 monthly QA overview reports have been produced, previously they were quarterly. The learning from our quality assurance activity directly influences the learning and development opportunities we provide our practitioners.

Throughout this report the quotes you see are those provided by children and families that we have spoken to when requesting feedback.

## Acronym checker:

. A&I – assessment and intervention
. CLA – Children Looked After team
. CL – Care Leavers
. CWD – children with a disabilities team
. LSW – Life Story Work
. YES – Youth Engagement Service

## Engagement

Across all teams there is evidence that children are being seen in the majority of files that were reviewed but there has been a steady improvement in the evidence of the positive impact of these visits over the 12 months. 88% of children’s files that were reviewed in August were able to identify this which can be seen as a real strength and an improvement from a rate of 50% at the start of the year. There remains variation between different teams, however. Engagement is better evidenced in the Youth Engagement Service than in Assessment & Intervention and within A&I it is slightly stronger in A&I South than North. Children Looked After services saw an improving picture over the 12 months in terms of engagement with clear evidence in the latter months of children’s bedrooms being seen, of child being seen at home, alone and being spoken to regularly.

===

The lack of evidence of life story work was a feature in Children Looked After and Care Leavers files that were reviewed earlier in this 12-month period (LSW is not a question that is specifically asked in A&I and YES learning conversations) and this generated a deep dive standalone audit which was backed up this finding and showed that it was a feature for development across all teams. A life story working group was developed and training has been delivered to all staff with a view to improving this practice.

> The social worker is nice and I feel well supported

> They have been lovely, they have come to the house and played with the children and made her feel comfortable

## Management oversight and supervision

Rates of completion of supervision across all teams improved over this period – from 38% at the start of the period up to 65%. However, most workers will tell us they are being supervised the issue is this is not always recorded. There was some variation though with CWD and YES performing strongly; CLA showing strong completion rates with achievable outcomes being set but an area of improvement around evidence of reflection in supervision. A&I South performing better than A&I north in terms of the evidence of impact and timeliness of supervision. In order to gather further information around this, supervision forums were established as part of practice learning days across all services. This gave further context to how practitioners and managers experienced supervision. Across 2024 a new training package around supervision has been developed and delivered and it is expected that the results of this will be seen in to 2025.

> S took me seriously and she listened to what I had to say

===

## Partnership working

This has been a consistent strength across this period with the majority of files reviewed showing good partnership working across all teams – or at the very least some examples of good partnership working. This has dipped over recent months however – going from a high of 81% in December to 61% in August.

At this stage it is not clear whether this is because performance around partnership working has decreased or whether the auditing skills of our managers have improved. We asked a new question in May specifically around partnership contribution to plans and this was on the whole really positive with the vast majority showing good partnership contribution. This gives some reassurance about the input of partners into our work with children.

## Assessments and planning

Over the 12 months there has been a changing picture around the quality of assessments.

There was slightly inconsistent performance across the teams. Assessments from CLA were felt to remain strong but A&I north and CWD fluctuated over the 12 months. There are some signs that this is an improving picture though with 80% felt to be addressing the risks in August. YES team assessments were felt to be of good quality on a fairly consistent basis, Evidence that work has been planned effectively has remained fairly consistent as can be seen from the table below. A&I teams seem to do better in this metric than CLA and Care leavers. Across all teams we are aware that we need to develop the language we use to write to and about children – this language needs to be easier to understand by children and their families. A working group has been established to identify how this can be achieved.

===

> R she is quick to get hold off, she is very good, any concerns she listens and addresses it, any concerns children or parents have, she shares this, she is a peace maker, she is really good, it is helping the children and us as family and the parents, she listens, she listens to the children, any concerns children have they feel comfortable sharing with R

. Rob Fordyce
. 20/09/24
"##;

const OFSTED_COVER: &str = r##"
# REPORT TITLE: OVERVIEW OFSTED INSPECTION OF CHILDREN'D SERVICES 2024

%table 40 60
| **Meeting: | Children's Scrutiny Panel |
| **Date: | 11th October 2024 |
| **Cabinet Member (if applicable) | Not applicable |
| **Key Decision | No |
| **Eligible for Call In | Not applicable |
| **Purpose of Report | To share the overview of the Ofsted inspection of Children's Services |
| **Recommendations | This report is for information. There are no specific recommendations within the report |
| **Resource Implications: | None |
| **Date signed off by Executive Director & name | 26.09.24 – Vicky Metheringham |
| **Is it also signed off by the Service Director for Finance? | Not applicable |
| **Is it also signed off by the Service Director for Legal and Commissioning (Monitoring Officer)? | Not applicable |

%grid 32 68
| **Electoral wards affected: | All |

| **Ward councillors consulted: | None |

| **Public or private: | Public |

| **Has GDPR been considered? | There is no child specific data within the report. |

## 1. Executive Summary

In July 2024 Kirklees Children's Social Care received it's full inspection report from Ofsted and this is attached at Appendix 1. We were delighted that they graded the authority as 'Good' and clear progress was noted from our previous full inspection in 2019. The presentation which is attached at Appendix 2 provides an overview of Ofsted's findings.

===

## 2. Information required to take a decision

There is no decision required from the panel – this is being shared for information and scrutiny.

## 3. Implications for the Council

There are no direct implications for the council from this presentation.

## 3.1 Council Plan

Not applicable

## 3.2 Financial Implications

Not applicable

## 3.3 Legal Implications

Not applicable

## 3.8 Other (eg Risk, Integrated Impact Assessment or Human Resources)

Not applicable

## 4. Consultation

Not applicable

## 5. Engagement

Not applicable

## 6. Options

Not applicable

## 7. Next steps and timelines

The work to address the learning points from the report has begun and Kirklees will be subject to at least two further focused visits from Ofsted to review the progress in these areas.

## 8. Contact officer

Rob Fordyce – Head of Quality Assurance and Practice Development and Principal Social Worker

## 9. Background Papers and History of Decisions

None.

## 10. Appendices

Ofsted overview presentation attached as Appendix 1

## 11. Service Director responsible

Vicky Metherringham, Service Director (Family Support and Child Protection)
"##;

const OFSTED_REPORT: &str = r##"
# Inspection of Kirklees local authority children's services

. Inspection dates: 8 to 19 July 2024

. Lead inspector: Rachel Griffiths, His Majesty's Inspector

%table header 75 25
| Judgement | Grade |
| The impact of leaders on social work practice with children and families | Good |
| The experiences and progress of children who need help and protection | Good |
| The experiences and progress of children in care | Good |
| The experiences and progress of care leavers | Requires improvement to be good |
| Overall effectiveness | Good |

Since the previous inspection in 2019 when children's services in Kirklees were judged to require improvement to be good, services have improved. Overall, they are now good. An established and confident leadership team, with committed staff, and strong corporate and political support have driven improvements in the quality and impact of support to children in need of help and protection and children in care. Alongside strategic partners, leaders have developed a range of effective, bespoke services that are meeting local need and making a tangible difference to children's experiences.

Variability remains in the quality and impact of services for care leavers. There are challenges regarding the sufficiency of homes for children in care and care leavers to live in, and with the consistency and quality of written records for children in care and care leavers. For a small number of children who are experiencing harm from neglect and / or domestic abuse, responses are not effective enough. Leaders are fully aware of their challenges and have clear action plans in place to address them.

===

## What needs to improve?

- The availability and choice of homes for children in care and care leavers.
- The quality of written plans, records and meeting minutes for the minority of children in care and care leavers where these documents are weak.
- The effectiveness of practice with every child who is experiencing harm from neglect and / or domestic abuse.

## The experiences and progress of children who need help and protection: good

1. Overall, children in Kirklees receive effective and responsive help and protection. Those children and families who need early help benefit from a wide range of services and timely interventions to help improve children's experiences.
2. When children are referred into the front door, they receive a timely, effective, and proportionate response. Skilled social workers understand and consistently apply thresholds. They carefully consider children's experience and histories, and they fully understand the effect of cumulative harm. Social workers gain parental consent and override this if required to ensure children's safety and well-being.
3. The out-of-hours service responds to children's and families' needs in a timely and effective way.
4. When children are at risk of harm, timely and well-attended strategy meetings enable effective information-sharing and multi-agency decision-making in children's best interests. The social workers undertaking child protection enquiries see children quickly and listen carefully to their views. The outcomes of these enquiries are, for most children, appropriate, ensuring that children are only subject to statutory intervention when necessary.
5. For children in need of statutory help, social workers undertake detailed and thorough assessments of their needs. Social workers gain children's, parents' and other professionals' views, alongside a consideration of family history. This helps social workers to understand and analyse key areas of need. Social workers regularly update assessments in response to changes in need or circumstance, to inform planning.
6. When children need either help or protection, for most, their child-in-need or child protection plans are clear and easy for parents to understand. Most plans have actions with clear timescales, and, for most children, the actions from plans are improving their circumstances.
7. There is a strong emphasis by workers to help children to remain safely within their family network. Families are offered family group conferences at the earliest opportunity, where they are supported to develop their own plans to help ensure that children can remain at home with appropriate levels of support. Family group conferencing is a strength and is making a positive difference to children's and families' experiences.

===
8. Regular multi-agency reviews of children's plans enable an effective review of the progress being made. Social workers work sensitively with parents and children to enable their full participation in reviews. These reviews usually result in clear outcomes and actions that are focused on improving children's lives.
9. For a small number of children who have been experiencing cumulative harm from domestic abuse or neglect, social workers have been overly optimistic about the level of parental change being achieved. For some children, this has resulted in their cases stepping down from child protection plans too quickly, or stepping down to early help, only for them to step back up for further statutory intervention because change has not been sustained.
10. Social workers in the assessment and intervention teams have regular supervision, which results in clear actions to inform planning. For a small number of children, a lack of management challenge to social work recommendations results in interventions ending too early.
11. Social workers engage with and assess parents who have previously had children removed, in the early stages of their new pregnancy. Because of the detailed planning and support provided, more children have safely remained in their parents' care.
12. When risks to children escalate, children appropriately enter the pre-proceedings stage of the Public Law Outline. Letters given to parents before proceedings clarify exactly what needs to change and by when, and what help and support they will be provided to achieve this. Managers and leaders robustly oversee children in pre-proceedings to ensure that timely and effective work is completed, to enable children to step down from pre-proceedings because positive change has been achieved, or for a court application to be issued.
13. Social workers know their children and families well. Social workers regularly visit children and undertake sensitive, direct work to help them understand their world.
14. Children who are at risk of exploitation in Kirklees benefit from a strong multi-agency response that helps to reduce risk to children and disrupt the activities of exploiters. Children at risk of exploitation build meaningful relationships with workers, who frequently update risk assessments in line with changing circumstances, harm and threat.
15. Children living in private fostering arrangements are well supported. Assessments are comprehensive and social workers undertake nuanced work to support children and their carers.

===
16. When children aged 16 to 17 become homeless, a timely, joined-up response from children's services and housing means that children are appropriately supported. Practitioners inform children of their rights and entitlement to become looked after and, when required, find them a suitable home to live in.
17. Disabled children receive a range of effective services and comprehensive packages of support. Social workers regularly update children's assessments, to inform plans so that they continue to meet children's needs.
18. Social workers understand the challenges faced by young carers. Young carers receive timely and effective support from both social workers and youth engagement workers.
19. The local authority designated officer service is effective, ensuring a timely and proportionate response to children at risk of harm from professionals.
20. Leaders have realigned the responsibilities of teams involved with supporting and monitoring the welfare of children who are missing education and those who are electively home educated. Clearly defined roles ensure that those involved with these groups of children provide clear oversight and support. Strong partnership working between the virtual school, social care, and inclusion ensure that children and their families receive the support that they need.

## The experiences and progress of children in care: good

21. Most children come into care in a planned and timely way, and the majority of children receive a good service that results in their life experiences improving.
22. Achieving permanence for children at the earliest opportunity is a priority in Kirklees. Independent reviewing officers (IROs) make permanence recommendations early. Social workers consider all permanence options for children and, where possible, they support children to live with family or friends. After thorough assessments of family and friend carers, a high number of children achieve permanence via special guardianship orders (SGOs). This has been a very positive outcome for many children.
23. If children are unable to safely remain within their family network and adoption is not a viable option, social workers seek to match children in permanent foster homes. Arrangements to track children's progress towards permanence in this way have been strengthening but are still to be fully embedded. This means that for some children living in foster care, certainty about their permanence plan is not achieved at the earliest opportunity.
24. When a child's permanence plan is one of adoption, social workers complete thorough and sensitive child permanence reports, demonstrating a good understanding of children's needs. Social workers appropriately consider early permanence homes, which means children can live with their prospective adopters at the earliest opportunity.

===
25. The relationship between the local authority and regional adoption agency (One Adoption) is strong. Effective management oversight and panel arrangements ensure that decision-making for children with adoption plans is prompt. This results in the timely identification of well-matched prospective adopters, with social workers paying particular attention to children's cultural and identity needs.
26. When children in care are placed at home with their parents, comprehensive assessments ensure that the arrangements meet children's needs, and they are safeguarded. When a child's plan is to return home, very effective support from a multi-systemic therapy team is helping to ensure a successful and safe transition back home for the child. When appropriate, the local authority makes timely applications to discharge care orders and end prolonged statutory intervention.
27. Social workers know their children well. They visit them regularly and in timescales that meet children's needs. Social workers are stable and consistent, and they have positive relationships with children. Direct work undertaken by social workers and members of the emotional health and well-being service helps children to express their views and to understand their journey into care. Many children also benefit from the support of advocates and independent visitors.
28. Social workers regularly update assessments of children's needs, which then inform up-to-date care plans. The quality of the written plans is variable. On occasion, language is used that is not child friendly. Social workers do not consistently write plans and records in a way that will help children to understand who will be helping them achieve their goals and how.
29. IROs visit children and monitor their progress between reviews. Some IROs provide clear oversight and direction; however, this is not consistent. IROs do not consistently write review minutes in a language that children would easily understand.
30. Social workers carefully consider children's family time arrangements. The arrangements are well thought out and led by children's views and needs. This leads to children being able to maintain relationships with people who are important to them.
31. When children in care are at risk of exploitation or going missing, a strong multi-agency response helps to keep children safer.
32. Children in care benefit from an effective emotional well-being service. Timely and bespoke packages of support are helping children emotionally, and helping carers to develop insight, understanding and skills to better support children through trauma. This is helping to improve relationships between carers and children and improve placement stability.

===
33. Initial health assessments have become timelier because of increased capacity to undertake these. These assessments, and timely review health assessments, alongside regular dental and optician appointments are helping to ensure that children's physical health needs are met.
34. The virtual school ensures that there is a clear focus on the academic and developmental needs of children. Personal education plans set out the overview of children's needs. Actions to address these needs are clearly mapped out. Children usually make expected progress against these actions. Children are supported to participate in a wide range of enriching activities in line with their interests. This supports the development of children's confidence and widens their peer network.
35. Most children in care live in stable foster placements that meet their needs to a good standard. Foster carers benefit from sustained and well-established support groups. These arrangements provide strong and positive networks for children and their carers, supporting placement stability and carer retention.
36. Social workers support unaccompanied asylum-seeking children well. Social workers understand children's cultural and ethnic identity needs, along with their educational and health needs. Social workers advocate to ensure that children's needs are met.
37. Some older children aged 16 and 17 live in supported accommodation. Most are making progress in these placements. However, there is inconsistency in the management oversight and written rationale for children moving into supported accommodation rather than a home that provides care for them.
38. For a small but significant number of children, their entries into care have been on an unplanned or emergency basis, including via the police using their powers of protection. Due to a lack of emergency placements, this resulted in a very small number of children who needed to come into care out of hours staying overnight in a hotel, supervised by local authority staff, before a more suitable home was found the following day.
39. Local sufficiency challenges have led to a very small number of children under the age of 16 being placed in supported accommodation by necessity, which is outlawed by regulation. This is effectively creating unregistered children's homes. Leaders, managers and social workers closely monitor these children's safety and welfare, and consistent efforts continue to be made to quickly find appropriate registered children's home placements for them.
40. A small number of children are involved in participation opportunities to help improve services through the children in care council. This enables those involved to share experiences and make a difference to service development. Leaders recognise that there is more to do and have plans in place to broaden membership to the children in care council to maximise impact.

===

## The experiences and progress of care leavers: requires improvement to be good

41. Care leavers do not receive a consistently good service. While there are strengths within the service, there remains variability in the quality of pathway plans, the local offer is not accessible enough to care leavers, and there is not enough suitable accommodation for care leavers.
42. The transition to the care leaver service is effective, as personal advisers (PAs) have already developed purposeful and meaningful relationships with children in advance of them turning 18.
43. Care leavers benefit from enduring and consistent relationships with PAs, who know them well. PAs are persistent, kind, and visit care leavers at a frequency that meets their needs. Care leavers who met inspectors spoke with genuine warmth and enthusiasm about the help and support they receive from their PAs.
44. The health and well-being offer for care leavers is a strength of the service. Access to the emotional well-being service up to the age of 25, with no waiting time, means that care leavers can access therapy and support when they need it. This has had a positive impact on the emotional well-being of many care leavers.
45. Care leavers receive comprehensive and informative health histories when they turn 18. This means that they have important information about their lives and where to access health advice in the future, should they need this. Care leavers also have access to key documents, such as passports and National Insurance numbers.
46. Care leavers continue to receive support for as long as they require it after turning 21. As a result, care leavers know that they always have somewhere to go and someone to speak to whenever they need it.
47. When care leavers are vulnerable or at risk of exploitation, PAs, alongside partners, take effective and protective action to help keep them safer.
48. Unaccompanied asylum-seeking care leavers live in accommodation that meets their needs and in communities that they feel safe in. PAs support unaccompanied asylum-seeking care leavers with their applications for immigration status, and support them to be aspirational in their future educational or career choices.
49. PAs are persistent in their contact, advice and guidance for young parents. Effective and inclusive group work, based at one of the two care leaver hubs, is helping care leavers to develop skills and important links within their communities.

===
50. PAs regularly visit care leavers who are in custody and ensure that care leavers know that they have someone who cares about them. PAs provide care leavers in custody with effective support to enable their transition back into the community.
51. PAs, with the support of a dedicated careers officer for care leavers, help care leavers into employment, education or training, in line with their wishes and abilities. When care leavers are not in education, employment or training, PAs, with the support of the careers adviser and the virtual school, persist to help care leavers back into education, training or employment.
52. A number of care leavers continue to live with their former foster carers when they turn 18. This ensures longer and more lasting links with carers who they know and are familiar with, before taking their next step into adult life.
53. Pathway plans for care leavers are variable in quality and impact. While some are comprehensive and co-produced with care leavers, others are too general in their actions and timescales. Most importantly, care leavers who spoke to inspectors described their pathway plans as ineffective and meaningless.
54. The care leaver offer is not easily accessible, and care leavers do not always know what is available to them or how to access the services available to them. Leaders are aware of this, and the planned relaunch of the local offer and care leavers' website took place during the inspection.
55. Some care leavers are living in unsuitable temporary housing arrangements due to insufficient accommodation being available in Kirklees. A small but significant number of care leavers are living in bed and breakfast accommodation. While these care leavers are risk assessed by housing partners, and regular management monitoring of the accommodation takes place, for these care leavers, this has a negative impact on their sense of stability. It also places them in a vulnerable position, living alongside unknown or homeless people from the wider population. Leaders are progressing clear plans to address this shortfall, with an aim to eradicate the use of bed and breakfast accommodation, but it is too soon to see the full impact.
56. Until recently, care leavers have had limited formal opportunities to prepare to live independently. Leaders, in partnership with the Huddersfield Town Foundation, have developed a preparation for independence course. However, it is too soon to see the impact of this.
57. Care leavers have the opportunity to participate with the care leavers' forum. The group participates in a range of activities. Services are increasingly being improved, with care leavers making important contributions to the design and development of them.

===

## The impact of leaders on social work practice with children and families: good

58. With strong political and corporate support, and committed staff, leaders have been successful in improving the quality and impact of social work practice with children and families. Leaders have a thorough understanding of the service and have realistic improvement plans in progress for those areas that still require further development.
59. Senior leaders model their commitment to getting things right for children. The ethos and aspiration of leaders to prioritise family and friend networks to ensure that children can remain within their family and wider support networks, where possible, are shared throughout the workforce. This is resulting in many children successfully remaining safely with their parents or securing permanence via SGOs. This is a real strength, and it is impacting positively on many children's lives.
60. Strategic partnerships are largely effective. For example, the virtual school has ensured that children benefit from the effective use of resources to improve their educational outcomes. Leaders know that there is some work to do with the police to ensure that there is a more effective joint approach to the emergency protection of children.
61. With local partners, leaders have developed bespoke services to meet local need. A multi-agency, child-centred approach to support children at risk of exploitation is an example of strategic partners enabling effective multi-agency operations. Further examples are provided through a well-developed and impactful family group conferencing service, a youth engagement service, the new beginnings model, a multi-systemic therapy service, and an emotional well-being service for children in care and care leavers. All these operations are having a tangible, positive impact on children's lives.
62. Senior, political and corporate leaders have shown ambition to improve the experiences of children in care and care leavers. This is evidenced by the recent broadening of the membership of the corporate parenting board. Leaders know that there is more to do to achieve their ambitions for every child in care and care leaver, by tackling sufficiency challenges and strengthening the links between the corporate parenting board and the children in care council, so that they have a greater impact on service development.
63. Senior leaders in Kirklees have an accurate and realistic understanding of the strengths of children's services and the challenges that remain. The authority's recent self-evaluation reflects this and informs service priorities, such as the sufficiency of homes for children in care and care leavers. Actions to address this, as outlined in the authority's sufficiency strategy, are well underway, but it is too soon for the impact to be fully evident.

===
64. Since the previous inspection, leaders have invited and welcomed external scrutiny, and they have learned from inspection findings. This has informed service restructuring in the assessment and intervention teams and the development of services for children at risk of exploitation. Social workers are mostly positive about the changes made.
65. Leaders have transformed quality assurance processes. Multi-agency practice reviews, audits, targeted dip sampling, collaborative learning conversations, feedback from children and families, and responding to complaints and compliments are giving leaders an accurate line of sight into frontline practice. Learning from quality assurance activities, shared via practice learning days, is well received by practitioners.
66. Leaders are also using improved performance data and quality assurance information to strategically respond to areas identified for improvement. For example, quality assurance activities highlighted a need to improve oversight of children in care awaiting permanence via long-term fostering to prevent unnecessary delay. In response, leaders have developed a 'finding and matching' panel to address this.
67. Frontline managers have oversight of children's assessments and plans, and staff receive regular case supervision that they report is helpful. The quality of written supervision records is variable, with a lack of evidence of reflection and detailed scrutiny to inform planning and the progression of children's cases. For a small number of children, this contributes to the limited impact of social work intervention and in achieving sustained positive changes in their life. Management oversight regarding placing older children in supported accommodation and care leavers in temporary accommodation is not consistent in its rationale for these decisions.
68. Recruitment and retention in Kirklees have not been without some challenges and, as a result, caseloads for some social workers and PAs are higher than leaders would aspire to. Managers closely monitor caseloads so that they do not become unmanageable or negatively impact on the quality of work. Despite this, staff morale is high, staff feel valued by managers at every level, and they like working in Kirklees.
69. The culture created by leaders has ensured that there is a workforce of skilled practitioners who are highly committed to children in Kirklees. Many practitioners have chosen to remain working for Kirklees for long durations. A learning culture and training and development opportunities, which include both national and local training events, contribute to this. A comprehensive workforce development strategy supports the ongoing recruitment and retention of social workers, and this includes a strong offer to newly qualified social workers.

===
The Office for Standards in Education, Children’s Services and Skills (Ofsted) regulates and inspects to achieve excellence in the care of children and young people, and in education and skills for learners of all ages. It regulates and inspects childcare and children’s social care, and inspects the Children and Family Court Advisory and Support Service (Cafcass), schools, colleges, initial teacher training, further education and skills, adult and community learning, and education and training in prisons and other secure establishments. It assesses council children’s services, and inspects services for children looked after, safeguarding and child protection.

If you would like a copy of this document in a different format, such as large print or Braille, please telephone 0300 123 1231, or email.

You may reuse this information (not including logos) free of charge in any format or medium, under the terms of the Open Government Licence. To view this licence, visit www.nationalarchives.gov.uk/doc/open-government-licence, write to the Information Policy Team, The National Archives, Kew, London TW9 4DU, or email: psi@nationalarchives.gsi.gov.uk.

This report is available at https://reports.ofsted.gov.uk/.

Interested in our work? You can subscribe to our monthly newsletter for more information and updates: http://eepurl.com/iTrDn.

. Piccadilly Gate
. Store Street
. Manchester
. M1 2WD

. T: 0300 123 1231
. Textphone: 0161 618 8524
. E: enquiries@ofsted.gov.uk
. W: www.gov.uk/ofsted

© Crown copyright 2024
"##;

const PRESENTATION: &str = r##"
# Kirklees Children's Service's Journey and Next Steps

. Vicky Metherringham
. Service Director

===

# Kirklees inspection of local authority children's services (ILACS)

- 3-week inspection took place in July 2024 and was the first in Kirklees since 2019 where we were judged to be “requires improvements”.
- The report highlights a wide range of strengths, along with areas for development which the council was already taking steps to address.
- Ofsted described the leadership team as “established and confident, with committed staff and strong corporate and political support which has driven improvement.”
- “There is a range of effective, bespoke services that are meeting local need and making a tangible difference to children’s experiences.”

===

# What grades did inspectors give Kirklees?

%table header 75 25
| Judgement | Grade |
| The impact of leaders on social work practice with children and families | Good |
| The experiences and progress of children who need help and protection | Good |
| The experiences and progress of children in care | Good |
| The experiences and progress of care leavers | Requires improvement to be good |
| Overall effectiveness | Good |

- The inspection ended with a judgement of 'Good', confirming the excellent progress made for children and young people who are either in care or in need of help and protection.

Full report can be read here: Kirklees Council Ofsted report 2024

===

# What we have done well

- Social workers carefully consider children's experiences and history. They see children quickly and listen carefully to their views.
- There is a strong emphasis on helping children to remain safely within their family network, where possible. This is the ethos and aspiration of leaders and is shared throughout the workforce.
- Children at risk of exploitation benefit from a strong multi-agency response. This helps to reduce the risk to children and disrupt the activities of exploiters.
- Disabled children receive a range of effective services and comprehensive packages of support.
- There is a range of effective, bespoke services that are meeting local need and making a tangible difference to children's experiences.
- The virtual school ensures that there is a clear focus on the academic and developmental needs of children.

===

# What we have done well

- Social workers know their children and families well. They undertake sensitive direct work to help them understand their world.
- Children in care live in stable foster placements that meet their needs to a good standard.
- Young people who are care leavers spoke with genuine warmth and affection about the support they receive. They benefit from enduring and consistent relationships with PAs.
- There is a strong offer to newly qualified social workers.
- Staff morale is high, staff feel valued at every level and they like working in Kirklees.
- The culture created by leaders has ensured there is a workforce of skilled practitioners, who are highly committed to children in Kirklees. Many practitioners have chosen to remain working for Kirklees for long durations.

===

# What needs to improve?

- The availability and choice of homes for children in care and care leavers.
- The quality of written plans, records and meeting minutes for the minority of children in care and care leavers where these documents are weak.
- The effectiveness of practice with every child who is experiencing harm from neglect and / or domestic abuse.

===

> “I am writing to personally congratulate you on the outcome of your recent ILACS inspection, which saw Kirklees move out of the requires improvement rating to an overall effectiveness of good.

> This is a significant achievement and one which I wanted to acknowledge today. This outcome is testament to the hard work and tenacity of the leadership team past and present, managers and frontline staff, the wider council and your safeguarding partners.

> It was particularly pleasing to read ‘An established and confident leadership team, with committed staff, and strong corporate and political support have driven improvements in the quality and impact of support to children in need of help and protection and children in care’

> It was an absolute pleasure to read your report, and I know you will be already concentrating on the next stages of your improvement journey.

> Please pass on my congratulations to all Kirklees colleagues who have contributed to this achievement, as well as extending my thanks to all the staff, children, foster carers and wider stakeholders who participated in the inspection process.”

**Yvette Stanley – Ofsted National Director Regulation and Social Care

===

# What we will do to improve our services to Care Leavers

## What Ofsted said:

> “Care leavers do not receive a consistently good service. While there are strengths within the service, there remains variability in the quality of pathway plans, the local offer is not accessible enough to care leavers, and there is not enough suitable accommodation for care leavers.”

To deliver this we are asking all elected members and senior officers in the council to engage with and promote our Kirklees Parenting Strategy.

Our Care Leaver Forum have co-authored, and are co-delivering, our Kirklees Parenting Training to support this

===

# What we will do to improve our services to Care Leavers

## What Ofsted said:

> “Some care leavers are living in unsuitable temporary housing arrangements due to insufficient accommodation being available in Kirklees. A small but significant number of care leavers are living in bed and breakfast accommodation. While these care leavers are risk assessed by housing partners, and regular management monitoring of the accommodation takes place, for these care leavers, this has a negative impact on their sense of stability. It also places them in a vulnerable position, living alongside unknown or homeless people from the wider population. Leaders are progressing clear plans to address this shortfall, with an aim to eradicate the use of bed and breakfast accommodation, but it is too soon to see the full impact.”

Suitable accommodation continues to be a pressure within our authority like others though we are working to better establish our recognition of our primary responsibility to our care leavers as a priority. We are also working to establish a broader collaboration with social housing providers.
"##;

const WORK_PROGRAMME: &str = r##"
# CHILDREN’S SCRUTINY PANEL – WORK PROGRAMME 2024/25

**MEMBERS: Cllr Itrat Ali, Cllr Richard Smith, Cllr Jane Rylah, Cllr Ashleigh Robinson, Cllr Tanisha Bramwell, Cllr Hannah McKerchar

**SUPPORT: Helen Kilroy (Assistant Democracy Manager), Claire Gardiner (Democracy Officer)

%table header align=2 20 17 48 15
| Agenda item/area of focus | Lead Officer | Areas of Scrutiny carried forward from 24-25 | Comments |
|^ **Standard items¶- Pre-decision scrutiny (decisions by Cabinet)¶- Performance Information (Children’s Service) – Informal meeting¶- Feedback from Panel Members on issues considered by Kirklees Parenting Board¶- Ambition Board Minutes | ¶Cabinet Members/Senior Officers (Children’s Service)¶Presented by Service Directors (produced by Lucy Tiffany)¶Panel Members who attend Kirklees Parenting Board¶Senior Officers and Cabinet Members | ¶Panel will check at each meeting with Cabinet Members and Senior Officers from Children’s Service if there are any potential areas of pre-decision scrutiny they need to consider at future meetings.¶The Panel will continue to monitor the performance of the Learning Early Support Service and Child Protection & Family Support (written report in informal session and verbal update on key issues in public meeting). Panel will be asked for questions prior to the Panel meeting so that these can be shared with Senior Officers and Cabinet Members in advance of the Informal meeting.¶Members of the Panel who attend the Kirklees Parenting Board will feedback on key issues to the Scrutiny Panel as appropriate.¶The Panel will receive for information the minutes from the Ambition Board meetings which are held quarterly. | ¶Every meeting¶Every meeting¶Every meeting¶Quarterly |
| **Review of the Improvement Journey – Ofsted Inspection | Tom Brailsford/Vicky Metherringham | The Panel will continue to review the Improvement Journey of Children’s Services and receive regular updates following Ofsted Inspections.¶The Panel will visit Children’s Social Care Teams, Children with Disabilities Team and the Front Door during the 2024/25 municipal year.¶**Training on Corporate Parenting¶The Panel received a training presentation on Corporate Parenting on the 30th August 2024 and will consider regular updates on issues considered by the Kirklees Parenting Board at each Panel meeting.¶**Visit to No 11 and No 12 hubs¶The Panel will visit No 11 and No 12 hubs and observe the services on offer and being accessed by young people – to be arranged.¶**Care Leavers Month – October 2024¶The Panel will be invited to events taking place during Care Leavers Month (October 2024) – to be arranged.¶**Panel meeting on 11th October 2024¶The Panel will consider the outcome and recommendations of the Children’s Services Ofsted Inspection report, which will be published on the 27th August 2024 and will highlight the key areas of improvement for the Service. The Ofsted Inspection covered all areas of the Children’s Service but focussed on children in need, children in care and care leavers. | Immediate and ongoing¶¶¶¶¶¶¶¶11.10.24 |
| **Special Educational Needs and Disabilities (SEND) Transformation Plan and Sufficiency of SEND and mainstream capacity | Jo-Anne Sanders Michelle Lister/Paul Calendine | The Panel will scrutinise the SEND Transformation Plan and will focus on the following areas –¶- Safety Valve - Oversight of the Government Safety Valve Agreement and the current profile of spend across the High Needs Blocks¶- Quality and Compliance - Education Health and Care Plans (EHCPs) Overview of volume processes – quality and compliance (including Annual Reviews)¶- Graduated Approach – Mainstream Schools organised in Clusters - New initiative of schools working in clusters¶- Specialist places (Sufficiency) - Special Schools – overview of provision and two new school rebuilds¶To support this scrutiny, the Panel will do the following –¶**Visit to SEND Transformation and Commissioning Group on 3rd October 2024¶The Panel will attend and observe the SEND Transformation and Commissioning Group on the 3rd October 2024 to gain a better understanding of the SEND transformation work.¶**Visit to an Education and Learning Partnership Board (ELPB) meeting – date to be arranged¶**Panel meeting on 22nd November 2024¶The Panel will consider a report on SEND giving an oversight of the Government Safety Valve Agreement and current profile of spend across the High Needs Block.¶**Panel meeting on 17th January 2025¶The Panel will consider a report on the Education Health and Care Plans (EHCPs) giving an overview of volume process, quality and compliance, including Annual Reviews.¶**Panel meeting on 14th March 2025¶The Panel will consider a report on the new initiatives in schools that are working in clusters.¶**Visit to Kirklees Safeguarding Partnership Board (KSPB) on 10th February 2025¶The Panel will visit the Kirklees Safeguarding Partnership Board meeting as part of their scrutiny on the working together action plan and achieving outcomes for the children across Kirklees.¶**Panel Meeting on 14th March 2025¶The Panel will consider the changes implemented in the Working Together Action Plan and the multi-agency partnership arrangements. | ¶¶¶¶¶¶3.10.24¶¶¶22.11.24¶¶17.1.25¶¶14.3.25¶¶10.2.25¶¶14.3.25 |
| **Quality Assurance – impact of auditing the Children’s Service | Vicky Metheringham/Robert Fordyce | The Panel will scrutinise the Quality Assurance impact of auditing the Children’s Service and what difference it was making to children’s lives.¶The Panel will be invited to observe appropriate forums on Quality Assurance, including the Practice Learning days and Quality Learning Events taking place within the Children’s Service.¶**Panel Meeting on 11th October 2024¶The Panel will consider the Annual Report on Quality Assurance. | ¶¶11.10.24 |
| **Educational Outcomes | Jo-Anne Sanders/Emma Brayford (key lead) | The Panel will scrutinise the educational outcomes of children and young people in Kirklees.¶**Informal Panel Meeting on 11th October 2024¶The Panel will consider early unvalidated data and KS2 and GCSE outcomes, which will identify the strengths, prior to the outcomes being shared with Cabinet.¶**Elective Home Education¶The Panel will consider recent data (provided by Jo-Anne Sanders in September 2024) shared with Ofsted during the inspection provided. The Panel will also meet with Strategic Leads early in 2025 when narrative was available for further consideration and scrutiny by the Panel. | ¶11.10.24¶¶¶Jan/Feb 25 – to be arranged |
===
| **Partnership Arrangements | Vicky Metheringham/Jo-Anne Sanders/Kieran Lord | The Panel will continue to scrutinise partnerships and boards during the 2024/25 municipal year, for example, Kirklees Parenting Board and Health and Wellbeing Board, visits to internal teams and partners and the Panel can look at how data was collected and used to improve outcomes. The Panel can be represented at meetings, events and visits to internal teams and external providers and agree to focus on the following areas:-¶- Data collection¶- Partnership working¶- Is the voice of the young person being heard? (as below)¶- Good practice¶- Delivery of quality service¶The Panel have been invited to attend the Home-Start Kirklees Annual General Meeting and 25th Anniversary celebration on the 26th September 2024 where there will be a showcase of work from families, volunteers and staff. | |
| **Voice of the Young Person | Tom Brailsford/Service Directors (Children’s Service) | The Panel will keep a watching brief on all areas of scrutiny by the Panel and explore whether the voice of the child was being heard, whether they are empowered to speak up and ensure that lessons have and are being learned. | |
| **Standing Advisory Council for Religious Education (SACRE) | Jo-Anne Sanders/Mark Janes (Chair of SACRE) | The Panel will scrutinise the work of the Kirklees Standing Advisory Council for Religious Education (SACRE) which includes partnership working with other regional local authorities.¶**Panel meeting 17th January 2025¶The Panel will consider the Annual Report from the Kirklees Standing Advisory Council for Religious Education (SACRE). | ¶17 th January 2025 |
| **Health Provision for Children and Young People | Jane McDonnell (Head of Health Protection in Public Health) | The Panel will scrutinise the health provision for Children and Young People in Kirklees with a particular focus on dental care, babies and immunisations.¶**Joint discussion at Health and Adults Social Care Scrutiny Panel on 22.1.25 - Dentistry¶The Panel has been invited to attend the Health and Adult Social Care Scrutiny Panel on the 22nd January 2025 for a joint discussion on Dentistry. Representatives from the Integrated Care Board (ICB) will give a report on access to dentistry for Adults and Children.¶**Joint Informal meeting of the Children’s Scrutiny Panel and the Health and Adult Social Care Panel - 8th January 2025) – Children’s Immunisations¶The Panel will be invited to attend a Joint Informal meeting of the Children’s Scrutiny Panel and the Health and Adult Social Care Panel on the 8th January 2025 to receive an update and presentation on Children’s Immunisations including the whooping cough maternal vaccination programme.¶The Panel will have a Joint meeting with the Health and Adult Social Care Panel in 2025/26 to discuss the Respiratory syncytial virus (RSV) vaccination programme, aimed at adults over 75 and babies/pregnant women when data will be available for consideration. | ¶22nd January 2025¶¶8th January 2025¶¶2025/26 municipal year |
===
| **Emotional Wellbeing Provision for children in Kirklees and Mental Health in Schools - Keep in mind | Jo-Anne Sanders/ Stewart Horn | The Panel will scrutinise the experience verses the provision of service and seek feedback from service users on their perception on using the service. The Panel will also consider the fluctuation in the waiting times and trends for children’s emotional health and wellbeing.¶**Emotional Wellbeing Provision in Kirklees – “Keep in Mind”¶The Panel will consider an update on the implementation of the new “Keep in Mind” Service, which was launched in April 2024. The Panel will particularly focus on how the service is working in practice and this may include a visit to the service or attendance at appropriate meetings to understand how it is being implemented. | To be confirmed |
| **Review of the Provision of Short Breaks and Respite Care for Parents and Carers | Jo-Anne Sanders/ Stewart Horn | The Panel will consider the review of the provision of short breaks and respite care for parents and carers in Kirklees. | To be confirmed |
===
| **Review of Children’s Residential Homes and Foster Care Placements | Vicky Metheringham/Anna Gledhill | The Panel will consider an update on the Review of Children’s Residential Homes and Foster Care Placements in Kirklees to ensure that children were living in the right home and environment.¶**Panel meeting on 17th January 2025¶The Panel will consider an update on the Review of Children’s Residential Homes and foster care placements in Kirklees.¶**Visits to Kirklees Fostering Network, Mocking Bird and Special Guardianship Orders carers and representatives¶The Panel will meet with appropriate representatives from the Kirklees Fostering Network on the 26th September 2024, Mocking Bird Support Meeting (date to be arranged) and the Special Guardianship Order Support Group meeting and Christmas party on the 18th December 2024.¶**Visit to drop-in session to celebrate National Kinship Week¶The Panel were also invited to attend an informal drop-in session on Wednesday 9th October to celebrate National Kinship Week. The Connected Persons Support Team are hosting the session, staff from the Connected Persons assessment team will be attending along with some of our carers from the constitution. This will be an information session for professionals, to tell them about the support offer for Kirklees Kinship carers. The carers will be sharing their experience of being a Kinship carer, so professionals have a better understanding of what its like being a kinship care and some of highlights and challenges they face. | ¶17th January 2025¶¶¶KFN 26.9.24 SGOs 18.12.24 Mocking Bird – to be confirmed¶9th October 2024 |
===
| **Lead Member Briefings (Bi-monthly LM Briefings with Cabinet Members for Learning and Children’s; and Strategic Director/Service Directors in Children’s Services during 24/25) – Actions from these meetings will be included within the Panel’s Work Programme where appropriate |
| **Manchester Road – Asylum Seekers | | The Lead Member will review any impact on Children’s Service of the housing of asylum seekers on Manchester Road. | |

. Updated 23.9.24
"##;

const AGENDA_PLAN: &str = r##"
# Children's Scrutiny Panel

## Agenda Plan 2024/25

%table header align=1 24 50 26
| Date of Meeting | Issues for Consideration | Officer Contact |
| **24th July 2024¶Workshop - Informal Meeting | (with Panel, Officers and Cabinet Members)¶To consider potential areas of focus for the Panel during 2024/25 municipal year which will include the Council's key priorities for the children's service. | ¶Helen Kilroy |
| **30th August 2024¶Informal meeting 9.30am-10.30am¶Public meeting 10.30am¶Hybrid meeting¶Council Chamber HTH¶Report deadline: 16.8.24¶(Apols: V Metheringham) | **Informal items:-¶Ambition Board Minutes – 18.3.24 and 24.6.24¶Performance Report¶**Public Items:¶Minutes of meeting on 26.3.24¶Performance Highlights (verbal)¶Pre-decision Scrutiny – Cabinet decisions on the horizon¶Feedback from Panel Members on issues considered by Kirklees Parenting Board¶Work Programme and Agenda Plan for 24/25 | ¶W Harris to provide¶J Sanders/A Gledhill/J Hanna to present¶¶H Kilroy¶J Sanders/A Gledhill/J Hanna to present¶Senior Officers/Cabinet Members¶Panel Members¶H Kilroy |
===
| **11th October 2024¶Informal meeting 9.30am-10.30am¶Public meeting 10.30am¶Hybrid meeting Council Chamber HTH¶Report deadline: 27.9.24 | **Informal items:-¶Ambition Board Minutes – 16.9.24¶Performance Report¶2023-24 Kirklees Annual Education Quality and Standards Report¶**Public Items:¶Quality Assurance Annual Report¶Ofsted Inspection of Children’s Services – outcome and recommendations¶Performance Highlights (verbal)¶Pre-decision Scrutiny – Cabinet decisions on the horizon¶Feedback from Panel Members on issues considered by Kirklees Parenting Board¶Work Programme and Agenda Plan for 24/25 | ¶W Harris to provide¶Service Directors to present¶Jo-Anne Sanders/Emma Brayford¶¶V Metheringham/R Fordyce¶V Metheringham¶J Sanders/V Metheringham to present¶Senior Officers/Cabinet Members¶Panel Members¶H Kilroy |
| **22nd November 2024¶Informal meeting 9.30am-10.30am¶Public meeting 10.30am¶Hybrid meeting Council Chamber HTH¶Report deadline: | **Informal items:-¶Performance Report¶**Public Items:¶SEND – Oversight of the Government Safety Valve Agreement and current profile of spend across High Needs Block | ¶J Sanders/V Metheringham to present¶¶J Sanders |
===
| 8.11.24 | Performance Highlights (verbal)¶Pre-decision Scrutiny – Cabinet decisions on the horizon¶Feedback from Panel Members on issues considered by Kirklees Parenting Board¶Work Programme and Agenda Plan for 24/25 | J Sanders/V Metheringham¶Senior Officers/Cabinet Members¶Panel Members¶H Kilroy |
| **17th January 2025¶Informal meeting 9.30am-10.30am¶Public meeting 10.30am¶Hybrid meeting¶Council Chamber HTH¶Report deadline: 3.1.25 | **Informal items:-¶Ambition Board Minutes – 19.12.24¶Performance Report¶Education Health and Care Plan (EHCP) Overview of volume process – quality and compliance¶**Public Items:¶Standing Advisory Council for Religious Education (SACRE) Annual Report¶Review of Children’s Residential Homes and Foster Care Placements (to be confirmed)¶Performance Highlights (verbal)¶Pre-decision Scrutiny – Cabinet decisions on the horizon¶Feedback from Panel Members on issues considered by Kirklees Parenting Board¶Work Programme and Agenda Plan for 24/25 | ¶W Harris to provide¶J Sanders/V Metheringham¶J Sanders/Michelle Lister/Paul Calendine¶¶J Sanders/E Brayford/Pennine Learning¶V Metheringham/A Gledhill¶J Sanders/V Metheringham¶Senior Officers/Cabinet Members¶Panel Members¶H Kilroy |
===
| **14th March 2025¶10am-11am Informal meeting 11am-12.30pm Public meeting¶Hybrid Meeting Council Chamber, HTH¶Report deadline: 28.2.25 | **Informal items:-¶Performance Report¶**Public Items:¶Multi-Agency Safeguarding Arrangements (MASA) Action Plan (to be confirmed)¶New initiatives of schools working in clusters¶Performance Highlights (verbal)¶Pre-decision Scrutiny – Cabinet decisions on the horizon¶Feedback from Panel Members on issues considered by Kirklees Parenting Board¶Work Programme and Agenda Plan for 24/25 | ¶J Sanders/V Metheringham to present¶¶V Metheringham/I Mottershaw/ S Miles¶J Sanders/M Lister/Jayne Whitton/A Wisniewski¶J Sanders/V Metheringham to present¶Senior Officers/Cabinet Members¶Panel Members¶H Kilroy |
| **28th April 2025¶10.30 am – 11 am Pre-meeting 11am – 1pm Public Meeting¶Hybrid Meeting Council Chamber, HTH¶Report deadline: 16.4.25 | **Pre-meeting items:-¶Panel Preparation for Public Meeting¶**Public items:¶Special Schools – overview of provision and 2 new school rebuilds – Joseph Norton and Woodley¶Decline of the cohort of children in primary schools in Kirklees¶Pre-decision Scrutiny – Cabinet decisions on the horizon | ¶Panel Members¶¶M Wilby/S Horn/J Sanders¶M Wilby/J Sanders¶Senior Officers/Cabinet Members |
===
| | Feedback from Panel Members on issues considered by Kirklees Parenting Board¶Work Programme and Agenda Plan for 24/25 (progress and items to roll forward to 25/26) | Panel Members¶H Kilroy |
"##;
