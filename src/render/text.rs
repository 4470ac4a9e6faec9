//! The shipped font, and measuring and wrapping text with the same shaper
//! krilla draws with, so that a wrapped line never overflows its column.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, Language, Script, ShapePlan, UnicodeBuffer};

static REGULAR: &[u8] = include_bytes!("../../templates/fonts/LiberationSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../templates/fonts/LiberationSans-Bold.ttf");

/// The shipped font files, for the hash that says whether a pack must be
/// rebuilt.
pub const FONT_DIGEST_INPUT: (&[u8], &[u8]) = (REGULAR, BOLD);

/// Which face of the shipped family to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// Liberation Sans, regular and bold: for drawing (krilla) and measuring
/// (rustybuzz, the shaper krilla itself uses).
pub struct Fonts {
    regular: Face,
    bold: Face,
}

/// What a shaping plan depends on, for one face.
type PlanKey = (Direction, Script, Option<Language>);

struct Face {
    krilla: Font,
    shaper: rustybuzz::Face<'static>,
    units_per_em: f32,
    /// Shaping plans by direction, script and language: compiling a plan
    /// costs far more than shaping a short line with it, and a pack shapes
    /// thousands of lines ("Page 1" … "Page 999") in one or two scripts.
    plans: Mutex<HashMap<PlanKey, Arc<ShapePlan>>>,
    /// The last runs shaped, newest last: a stamp's text is shaped once to
    /// place it and again to draw it.
    recent: Mutex<VecDeque<Run>>,
}

/// A shaped run as kept: its text, its direction if one was asked for,
/// and what shaping it gave.
type Run = (String, Option<bool>, Arc<Shaped>);

/// How many shaped runs a face keeps.
const RECENT_RUNS: usize = 4;

/// A run of text shaped: its glyphs, and their advances and offsets in
/// font units.
struct Shaped {
    infos: Vec<rustybuzz::GlyphInfo>,
    positions: Vec<rustybuzz::GlyphPosition>,
}

impl Face {
    fn new(data: &'static [u8]) -> Face {
        let shaper = rustybuzz::Face::from_slice(data, 0).expect("the shipped font parses");
        Face {
            // krilla reads the same bytes in place: no copy of the font.
            krilla: Font::new(data.into(), 0).expect("the shipped font loads"),
            units_per_em: shaper.units_per_em() as f32,
            shaper,
            plans: Mutex::new(HashMap::new()),
            recent: Mutex::new(VecDeque::with_capacity(RECENT_RUNS + 1)),
        }
    }

    /// Shapes `text` as one run, as krilla's own `draw_text` would.
    fn shape(&self, text: &str) -> Arc<Shaped> {
        self.shape_as(text, None)
    }

    /// Shapes `text` as one run, right to left if `rtl` says so; a run
    /// shaped a moment ago is not shaped again.
    fn shape_as(&self, text: &str, rtl: Option<bool>) -> Arc<Shaped> {
        if let Some((_, _, shaped)) = self
            .recent
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .rev()
            .find(|(t, r, _)| t == text && *r == rtl)
        {
            return Arc::clone(shaped);
        }
        let buffer = self.shape_now(text, rtl);
        let shaped = Arc::new(Shaped {
            infos: buffer.glyph_infos().to_vec(),
            positions: buffer.glyph_positions().to_vec(),
        });
        let mut runs = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        runs.push_back((text.to_string(), rtl, Arc::clone(&shaped)));
        if runs.len() > RECENT_RUNS {
            runs.pop_front();
        }
        shaped
    }

    fn shape_now(&self, text: &str, rtl: Option<bool>) -> rustybuzz::GlyphBuffer {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        if let Some(rtl) = rtl {
            buffer.set_direction(if rtl {
                Direction::RightToLeft
            } else {
                Direction::LeftToRight
            });
        }
        let key = (buffer.direction(), buffer.script(), buffer.language());
        // The lock is let go before shaping, so threads shape at once.
        let plan = Arc::clone(
            self.plans
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(key.clone())
                .or_insert_with(|| {
                    Arc::new(ShapePlan::new(
                        &self.shaper,
                        key.0,
                        Some(key.1),
                        key.2.as_ref(),
                        &[],
                    ))
                }),
        );
        rustybuzz::shape_with_plan(&self.shaper, &plan, buffer)
    }
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts::new()
    }
}

impl Fonts {
    pub fn new() -> Fonts {
        Fonts {
            regular: Face::new(REGULAR),
            bold: Face::new(BOLD),
        }
    }

    /// A template's own font, regular and bold (TrueType or OpenType).
    /// The data lives as long as the process: a build uses one template.
    pub fn with(regular: &[u8], bold: &[u8]) -> Fonts {
        let keep = |data: &[u8]| -> &'static [u8] { Box::leak(data.to_vec().into_boxed_slice()) };
        Fonts {
            regular: Face::new(keep(regular)),
            bold: Face::new(keep(bold)),
        }
    }

    /// Whether `data` is a font the shaper and krilla can use.
    pub fn usable(data: &[u8]) -> bool {
        rustybuzz::Face::from_slice(data, 0).is_some()
            && Font::new(data.to_vec().into(), 0).is_some()
    }

    fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    pub fn krilla(&self, weight: Weight) -> Font {
        self.face(weight).krilla.clone()
    }

    /// Width of `text` set on one line, in points.
    pub fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        let face = self.face(weight);
        let glyphs = face.shape(text);
        let units: i32 = glyphs.positions.iter().map(|p| p.x_advance).sum();
        units as f32 * size / face.units_per_em
    }

    /// `text` shaped for krilla's `draw_glyphs`: advances and offsets in
    /// ems, each glyph with the span of text it draws (for copy and search).
    /// Text with right-to-left script in it (Hebrew, Arabic) is put in
    /// visual order by the Unicode bidirectional algorithm, run by run, so
    /// a Hebrew name in an English title reads the right way.
    pub fn glyphs(&self, text: &str, weight: Weight) -> Vec<KrillaGlyph> {
        let face = self.face(weight);
        let rtl = |c: char| {
            matches!(
                unicode_bidi::bidi_class(c),
                unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
            )
        };
        if !text.chars().any(rtl) {
            return glyphs_of(face, text, 0, None);
        }
        let bidi = unicode_bidi::BidiInfo::new(text, None);
        let mut glyphs = Vec::new();
        for paragraph in &bidi.paragraphs {
            let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
            for run in runs {
                let is_rtl = levels[run.start].is_rtl();
                glyphs.extend(glyphs_of(face, &text[run.clone()], run.start, Some(is_rtl)));
            }
        }
        glyphs
    }

    /// The characters of `text` the shipped font has no glyph for (each
    /// once, in order): they would print as empty boxes.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut missing = Vec::new();
        for c in text.chars() {
            if c.is_whitespace() || c.is_control() || missing.contains(&c) {
                continue;
            }
            // Joiners and marks that draw nothing of their own.
            if matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
            {
                continue;
            }
            if self.regular.shaper.glyph_index(c).is_none() {
                missing.push(c);
            }
        }
        missing
    }

    /// Breaks a word into pieces no wider than `width` (the last may be
    /// narrower), between clusters of characters (a letter and its accents
    /// stay together). The word is shaped once, so a word of megabytes
    /// takes linear time.
    pub fn split_word<'w>(
        &self,
        word: &'w str,
        weight: Weight,
        size: f32,
        width: f32,
    ) -> Vec<&'w str> {
        let face = self.face(weight);
        let shaped = face.shape(word);
        // Advance of each cluster, by where it starts in the word.
        let mut advances: Vec<(usize, i32)> = shaped
            .infos
            .iter()
            .zip(&shaped.positions)
            .map(|(info, pos)| (info.cluster as usize, pos.x_advance))
            .collect();
        advances.sort_by_key(|&(cluster, _)| cluster);
        // Kerning across a break is lost: keep a tenth of an em in hand.
        let room = ((width - size * 0.1) * face.units_per_em / size).max(0.0) as i64;
        let mut pieces = Vec::new();
        let mut start = 0;
        let mut used: i64 = 0;
        let mut i = 0;
        while i < advances.len() {
            let cluster = advances[i].0;
            let mut advance: i64 = 0;
            while i < advances.len() && advances[i].0 == cluster {
                advance += i64::from(advances[i].1);
                i += 1;
            }
            if used + advance > room && cluster > start && word.is_char_boundary(cluster) {
                pieces.push(&word[start..cluster]);
                start = cluster;
                used = 0;
            }
            used += advance;
        }
        pieces.push(&word[start..]);
        pieces
    }

    /// Breaks `text` into lines no wider than `width`, at spaces; a word
    /// wider than the line is broken between characters.
    ///
    /// A line takes words while, shaped whole, it fits. Shaping every
    /// longer line in turn made wrapping quadratic in a line's words (a
    /// tenth of a build's work on a long agenda), so how many fit is first
    /// estimated from the words' own widths, then settled by shaping the
    /// line with that many words and one more (a word never makes a line
    /// narrower, so that finds the same break).
    pub fn wrap(&self, text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut word_widths: HashMap<&str, f32> = HashMap::new();
        let space = self.width(" ", weight, size);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut i = 0;
        while i < words.len() {
            let rest = &words[i..];
            // The line with the next `k` words.
            let with = |k: usize| {
                let mut candidate = line.clone();
                for word in &rest[..k] {
                    if !candidate.is_empty() {
                        candidate.push(' ');
                    }
                    candidate.push_str(word);
                }
                candidate
            };
            let fits = |k: usize| k == 0 || self.width(&with(k), weight, size) <= width;
            // The estimate: the words' widths and spaces added up.
            let mut used = if line.is_empty() {
                0.0
            } else {
                self.width(&line, weight, size)
            };
            let mut k = 0;
            for (n, word) in rest.iter().enumerate() {
                let own = *word_widths
                    .entry(word)
                    .or_insert_with(|| self.width(word, weight, size));
                used += own
                    + if n > 0 || !line.is_empty() {
                        space
                    } else {
                        0.0
                    };
                if used > width {
                    break;
                }
                k += 1;
            }
            // Settled by shaping: the most words whose line fits.
            if fits(k) {
                while k < rest.len() && fits(k + 1) {
                    k += 1;
                }
            } else {
                while !fits(k) {
                    k -= 1;
                }
            }
            line = with(k);
            i += k;
            let Some(word) = words.get(i) else { break };
            // The next word does not fit: a new line, the word broken if it
            // is wider than a line.
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut pieces = self.split_word(word, weight, size, width);
            line = pieces.pop().unwrap_or_default().to_string();
            lines.extend(pieces.into_iter().map(str::to_string));
            i += 1;
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// One run of `text` (at byte `offset` of the whole) shaped for krilla.
fn glyphs_of(face: &Face, text: &str, offset: usize, rtl: Option<bool>) -> Vec<KrillaGlyph> {
    let shaped = face.shape_as(text, rtl);
    let infos = &shaped.infos;
    let em = face.units_per_em;
    // A glyph draws the text from its cluster to the next cluster in text
    // order, whichever the direction the glyphs come out in.
    let mut clusters: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    clusters.sort_unstable();
    clusters.dedup();
    let end_of = |start: usize| {
        let next = clusters.partition_point(|&c| c <= start);
        clusters.get(next).copied().unwrap_or(text.len())
    };
    infos
        .iter()
        .zip(&shaped.positions)
        .map(|(info, pos)| {
            let start = info.cluster as usize;
            KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / em,
                pos.x_offset as f32 / em,
                pos.y_offset as f32 / em,
                pos.y_advance as f32 / em,
                offset + start..offset + end_of(start),
                None,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hebrew_comes_out_in_visual_order_and_missing_scripts_are_found() {
        let fonts = Fonts::new();
        // "Shalom" in Hebrew: shin, lamed, vav, final mem, in logical
        // order; drawn right to left, the final mem comes first.
        let text = "Item \u{5e9}\u{5dc}\u{5d5}\u{5dd} report";
        let glyphs = fonts.glyphs(text, Weight::Regular);
        let order: Vec<&str> = glyphs.iter().map(|g| &text[g.text_range.clone()]).collect();
        let hebrew: String = order
            .iter()
            .filter(|t| t.chars().all(|c| ('\u{590}'..='\u{5ff}').contains(&c)))
            .copied()
            .collect();
        assert_eq!(hebrew, "\u{5dd}\u{5d5}\u{5dc}\u{5e9}");
        assert!(fonts.missing(text).is_empty(), "Liberation Sans has Hebrew");
        // Urdu, Chinese and Bengali are not in the shipped font.
        assert_eq!(fonts.missing("Ward \u{627}\u{631}\u{62f}\u{648}").len(), 4);
        assert_eq!(
            fonts.missing("\u{4e2d}\u{6587} and \u{9ac}\u{9be}"),
            vec!['\u{4e2d}', '\u{6587}', '\u{9ac}', '\u{9be}']
        );
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let fonts = Fonts::new();
        let text = "Members will be asked to say if there are any items on the Agenda in which they have any disclosable pecuniary interests.";
        let lines = fonts.wrap(text, Weight::Regular, 11.0, 200.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(fonts.width(line, Weight::Regular, 11.0) <= 200.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken() {
        let fonts = Fonts::new();
        let lines = fonts.wrap(&"x".repeat(200), Weight::Bold, 12.0, 100.0);
        assert!(lines.len() > 1);
        assert!(
            lines
                .iter()
                .all(|l| fonts.width(l, Weight::Bold, 12.0) <= 100.0)
        );
    }

    /// A word of megabytes is broken in linear time (shaping it prefix by
    /// prefix took hours).
    #[test]
    fn a_very_long_word_is_broken_quickly() {
        let fonts = Fonts::new();
        let word = "Ab\u{0301}c".repeat(100_000);
        let started = std::time::Instant::now();
        let lines = fonts.wrap(&word, Weight::Bold, 11.0, 300.0);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        assert_eq!(lines.concat(), word);
        assert!(
            lines
                .iter()
                .all(|l| fonts.width(l, Weight::Bold, 11.0) <= 300.0)
        );
        // The accent stays with its letter.
        assert!(lines.iter().all(|l| !l.starts_with('\u{0301}')));
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let fonts = Fonts::new();
        assert!(
            fonts.width("Agenda", Weight::Bold, 12.0)
                > fonts.width("Agenda", Weight::Regular, 12.0)
        );
    }
}
