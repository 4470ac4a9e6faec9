//! Page boxes and rotation, with inheritance from the page tree resolved,
//! and the transform that sets a stamp upright on the visible page.

use lopdf::{Dictionary, Document as PdfDocument, Object, ObjectId};

use crate::render::VisibleSize;

/// A rectangle in PDF user space: left, bottom, right, top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rect {
    pub fn width(self) -> f32 {
        self.x1 - self.x0
    }

    pub fn height(self) -> f32 {
        self.y1 - self.y0
    }

    pub fn intersect(self, other: Rect) -> Option<Rect> {
        let r = Rect {
            x0: self.x0.max(other.x0),
            y0: self.y0.max(other.y0),
            x1: self.x1.min(other.x1),
            y1: self.y1.min(other.y1),
        };
        (r.width() > 0.0 && r.height() > 0.0).then_some(r)
    }

    pub fn to_object(self) -> Object {
        Object::Array(vec![
            self.x0.into(),
            self.y0.into(),
            self.x1.into(),
            self.y1.into(),
        ])
    }
}

/// What a page shows: its media box, its visible (crop) box, its rotation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub media: Rect,
    /// The crop box intersected with the media box: what a reader shows.
    pub visible: Rect,
    /// Clockwise rotation in degrees: 0, 90, 180 or 270.
    pub rotate: i32,
}

/// US Letter, the default media box when a file gives none.
const LETTER: Rect = Rect {
    x0: 0.0,
    y0: 0.0,
    x1: 612.0,
    y1: 792.0,
};

impl Geometry {
    /// Reads a page's geometry, inheriting from its ancestors.
    pub fn of(pdf: &PdfDocument, page: ObjectId) -> Geometry {
        let media = inherited(pdf, page, b"MediaBox")
            .and_then(|o| rect(pdf, o))
            .unwrap_or(LETTER);
        let visible = inherited(pdf, page, b"CropBox")
            .and_then(|o| rect(pdf, o))
            .and_then(|crop| crop.intersect(media))
            .unwrap_or(media);
        let rotate = inherited(pdf, page, b"Rotate")
            .and_then(|o| number(pdf, o))
            .map(normalise_rotation)
            .unwrap_or(0);
        Geometry {
            media,
            visible,
            rotate,
        }
    }

    /// The page's size as a reader displays it.
    pub fn visible_size(&self) -> VisibleSize {
        let (w, h) = (self.visible.width(), self.visible.height());
        if self.rotate % 180 == 0 {
            VisibleSize {
                width: w,
                height: h,
            }
        } else {
            VisibleSize {
                width: h,
                height: w,
            }
        }
    }

    /// The `cm` matrix mapping upright display coordinates (origin at the
    /// bottom-left of the visible page) to the page's user space.
    pub fn upright_matrix(&self) -> [f32; 6] {
        let c = self.visible;
        match self.rotate {
            90 => [0.0, 1.0, -1.0, 0.0, c.x1, c.y0],
            180 => [-1.0, 0.0, 0.0, -1.0, c.x1, c.y1],
            270 => [0.0, -1.0, 1.0, 0.0, c.x0, c.y1],
            _ => [1.0, 0.0, 0.0, 1.0, c.x0, c.y0],
        }
    }
}

/// Rotation in degrees, as one of 0, 90, 180, 270 (negative and over-full
/// turns allowed; values off the quarter turn are rounded down to one).
pub fn normalise_rotation(degrees: f32) -> i32 {
    let d = (degrees as i64).rem_euclid(360) as i32;
    d - d % 90
}

/// A page attribute from the page or the nearest ancestor that has it.
pub fn inherited<'a>(pdf: &'a PdfDocument, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node: &Dictionary = pdf.get_dictionary(page).ok()?;
    // A bound, not a visited set: page trees deeper than this are not real.
    for _ in 0..64 {
        if let Ok(value) = node.get(key) {
            return Some(value);
        }
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        node = pdf.get_dictionary(parent).ok()?;
    }
    None
}

pub fn number(pdf: &PdfDocument, object: &Object) -> Option<f32> {
    match pdf.dereference(object).ok()?.1 {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn rect(pdf: &PdfDocument, object: &Object) -> Option<Rect> {
    let array = pdf.dereference(object).ok()?.1.as_array().ok()?;
    if array.len() != 4 {
        return None;
    }
    let v: Vec<f32> = array
        .iter()
        .map(|o| number(pdf, o))
        .collect::<Option<_>>()?;
    if v.iter().any(|n| !n.is_finite()) {
        return None;
    }
    let r = Rect {
        x0: v[0].min(v[2]),
        y0: v[1].min(v[3]),
        x1: v[0].max(v[2]),
        y1: v[1].max(v[3]),
    };
    (r.width() > 0.0 && r.height() > 0.0).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_is_normalised() {
        assert_eq!(normalise_rotation(-90.0), 270);
        assert_eq!(normalise_rotation(450.0), 90);
        assert_eq!(normalise_rotation(-180.0), 180);
        assert_eq!(normalise_rotation(0.0), 0);
    }

    /// The upright matrix maps the visible page's corners onto the crop box.
    #[test]
    fn upright_matrix_maps_display_corners_into_the_crop_box() {
        let visible = Rect {
            x0: 10.0,
            y0: 20.0,
            x1: 110.0,
            y1: 220.0,
        };
        for rotate in [0, 90, 180, 270] {
            let g = Geometry {
                media: visible,
                visible,
                rotate,
            };
            let size = g.visible_size();
            let m = g.upright_matrix();
            for (u, v) in [
                (0.0, 0.0),
                (size.width, 0.0),
                (0.0, size.height),
                (size.width, size.height),
            ] {
                let x = m[0] * u + m[2] * v + m[4];
                let y = m[1] * u + m[3] * v + m[5];
                assert!(
                    (9.99..=110.01).contains(&x) && (19.99..=220.01).contains(&y),
                    "{rotate}: ({u},{v}) -> ({x},{y})"
                );
            }
        }
    }
}
