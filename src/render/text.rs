//! The shipped font, and measuring and wrapping text with the same shaper
//! krilla draws with, so that a wrapped line never overflows its column.

use krilla::text::Font;

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

struct Face {
    krilla: Font,
    shaper: rustybuzz::Face<'static>,
    units_per_em: f32,
}

impl Face {
    fn new(data: &'static [u8]) -> Face {
        let shaper = rustybuzz::Face::from_slice(data, 0).expect("the shipped font parses");
        Face {
            krilla: Font::new(data.to_vec().into(), 0).expect("the shipped font loads"),
            units_per_em: shaper.units_per_em() as f32,
            shaper,
        }
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
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let glyphs = rustybuzz::shape(&face.shaper, &[], buffer);
        let units: i32 = glyphs.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 * size / face.units_per_em
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
