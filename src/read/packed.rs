//! A font's glyph widths (`/W`, `/W2`, `/Widths`) held as the bytes they
//! are written as. A report's embedded fonts each carry one such array of
//! hundreds of numbers, and lopdf holds every number as a whole object of
//! 120 bytes: in a text-heavy pack these arrays were a sixth of the peak
//! memory. Nothing agendapack does reads them after the allowlist has
//! copied them (stamps are placed from the source document), so each long
//! one is written out when copied, kept as an indirect object whose value
//! is its written bytes (an [`Object::String`] standing in for it), and
//! written back into the pack as it was. A PDF reader finds the same array,
//! only indirect (as the PDF reference prefers for `/Widths`).

use lopdf::{Object, ObjectId, StringFormat, Writer};

/// The objects of a document that stand for written bytes: each is an
/// [`Object::String`] holding them.
pub type Packed = rustc_hash::FxHashSet<ObjectId>;

/// Arrays with fewer numbers than this are left as objects: the indirect
/// object that stands for them costs about as much as they save.
pub const PACK_FROM: usize = 16;

/// `array` as the object that stands for its written bytes, if it holds
/// numbers only (or arrays of numbers, as `/W` does) and at least
/// [`PACK_FROM`] of them.
pub fn pack(array: &Object) -> Option<Object> {
    let Object::Array(items) = array else {
        return None;
    };
    let number = |o: &Object| matches!(o, Object::Integer(_) | Object::Real(_));
    let mut numbers = 0;
    for item in items {
        match item {
            Object::Array(inner) if inner.iter().all(number) => numbers += inner.len(),
            other if number(other) => numbers += 1,
            _ => return None,
        }
    }
    if numbers < PACK_FROM {
        return None;
    }
    let mut bytes = Vec::new();
    Writer::write_object(&mut bytes, array).ok()?;
    bytes.shrink_to_fit();
    Some(Object::String(bytes, StringFormat::Literal))
}

/// Writes object `id` into `out`: the bytes it stands for if it is
/// packed, else the object as lopdf writes it.
pub fn write_object(
    out: &mut Vec<u8>,
    packed: &Packed,
    id: ObjectId,
    object: &Object,
) -> std::io::Result<()> {
    match object {
        Object::String(bytes, _) if packed.contains(&id) => {
            out.extend_from_slice(bytes);
            Ok(())
        }
        other => Writer::write_object(out, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(n: i64) -> Object {
        // As Word writes `/W`: a first glyph and the widths from it.
        Object::Array(
            (0..n)
                .flat_map(|i| {
                    [
                        Object::Integer(i * 3),
                        Object::Array(vec![Object::Integer(500 + i), Object::Real(277.5)]),
                    ]
                })
                .collect(),
        )
    }

    #[test]
    fn long_arrays_of_numbers_are_packed_as_they_are_written() {
        let array = widths(8);
        let Some(placeholder @ Object::String(..)) = pack(&array) else {
            panic!("24 numbers are packed");
        };
        // Written into a document and read back: the same array.
        let mut pdf = lopdf::Document::with_version("1.7");
        let id = pdf.add_object(placeholder);
        let font = pdf.add_object(lopdf::dictionary! { "Type" => "Font", "W" => id });
        let catalog = pdf.add_object(lopdf::dictionary! { "Type" => "Catalog", "F" => font });
        pdf.trailer.set("Root", catalog);
        let mut packed = Packed::default();
        packed.insert(id);
        let mut bytes = Vec::new();
        let extents = crate::read::extent::Extents::default();
        crate::write::pdf::write_pdf(&pdf, &extents, &packed, &mut bytes).unwrap();
        let back = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(back.get_object(id).unwrap(), &array);
        // Not so without the list: the bytes are written as a string.
        let mut bytes = Vec::new();
        crate::write::pdf::write_pdf(&pdf, &extents, &Packed::default(), &mut bytes).unwrap();
        let back = lopdf::Document::load_mem(&bytes).unwrap();
        assert!(matches!(back.get_object(id).unwrap(), Object::String(..)));
    }

    #[test]
    fn short_arrays_and_arrays_of_anything_else_are_not() {
        assert!(pack(&widths(5)).is_none(), "15 numbers");
        let mut with_name = widths(8);
        if let Object::Array(items) = &mut with_name {
            items.push(Object::Name(b"X".to_vec()));
        }
        assert!(pack(&with_name).is_none());
        let mut with_reference = widths(8);
        if let Object::Array(items) = &mut with_reference {
            items.push(Object::Reference((4, 0)));
        }
        assert!(pack(&with_reference).is_none());
        assert!(pack(&Object::Integer(3)).is_none());
    }

    #[test]
    fn only_objects_listed_as_packed_are_written_as_bytes() {
        let placeholder = pack(&widths(8)).unwrap();
        let Object::String(bytes, _) = &placeholder else {
            unreachable!()
        };
        let mut packed = Packed::default();
        packed.insert((7, 0));
        let written = |id, object: &Object| {
            let mut out = Vec::new();
            write_object(&mut out, &packed, id, object).unwrap();
            out
        };
        assert_eq!(&written((7, 0), &placeholder), bytes);
        assert!(written((8, 0), &placeholder).starts_with(b"("), "a string");
        assert_eq!(written((7, 0), &Object::Integer(1)), b"1");
    }
}
