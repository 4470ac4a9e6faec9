//! The shipped font, and measuring and wrapping text with the same shaper
//! krilla draws with, so that a wrapped line never overflows its column.

use std::collections::HashMap;
use std::sync::Mutex;

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
    plans: Mutex<HashMap<PlanKey, ShapePlan>>,
}

impl Face {
    fn new(data: &'static [u8]) -> Face {
        let shaper = rustybuzz::Face::from_slice(data, 0).expect("the shipped font parses");
        Face {
            krilla: Font::new(data.to_vec().into(), 0).expect("the shipped font loads"),
            units_per_em: shaper.units_per_em() as f32,
            shaper,
            plans: Mutex::new(HashMap::new()),
        }
    }

    /// Shapes `text` as one run, as krilla's own `draw_text` would.
    fn shape(&self, text: &str) -> rustybuzz::GlyphBuffer {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let key = (buffer.direction(), buffer.script(), buffer.language());
        let mut plans = self.plans.lock().unwrap_or_else(|e| e.into_inner());
        let plan = plans.entry(key.clone()).or_insert_with(|| {
            ShapePlan::new(&self.shaper, key.0, Some(key.1), key.2.as_ref(), &[])
        });
        rustybuzz::shape_with_plan(&self.shaper, plan, buffer)
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
        let units: i32 = glyphs.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 * size / face.units_per_em
    }

    /// `text` shaped for krilla's `draw_glyphs`: advances and offsets in
    /// ems, each glyph with the span of text it draws (for copy and search).
    pub fn glyphs(&self, text: &str, weight: Weight) -> Vec<KrillaGlyph> {
        let face = self.face(weight);
        let shaped = face.shape(text);
        let infos = shaped.glyph_infos();
        let em = face.units_per_em;
        // A glyph draws the text from its cluster to the next cluster in
        // text order, whichever the direction the glyphs come out in.
        let mut clusters: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        clusters.sort_unstable();
        clusters.dedup();
        let end_of = |start: usize| {
            let next = clusters.partition_point(|&c| c <= start);
            clusters.get(next).copied().unwrap_or(text.len())
        };
        infos
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| {
                let start = info.cluster as usize;
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / em,
                    pos.x_offset as f32 / em,
                    pos.y_offset as f32 / em,
                    pos.y_advance as f32 / em,
                    start..end_of(start),
                    None,
                )
            })
            .collect()
    }

    /// Breaks `text` into lines no wider than `width`, at spaces; a word
    /// wider than the line is broken between characters.
    pub fn wrap(&self, text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, weight, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if self.width(word, weight, size) <= width {
                line = word.to_string();
            } else {
                for ch in word.chars() {
                    let mut next = line.clone();
                    next.push(ch);
                    if !line.is_empty() && self.width(&next, weight, size) > width {
                        lines.push(std::mem::take(&mut line));
                        line.push(ch);
                    } else {
                        line = next;
                    }
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn bold_is_wider_than_regular() {
        let fonts = Fonts::new();
        assert!(
            fonts.width("Agenda", Weight::Bold, 12.0)
                > fonts.width("Agenda", Weight::Regular, 12.0)
        );
    }
}
