//! Storing identical streams (and the font and resource dictionaries that
//! describe them) once: the council logo, the same fonts and the
//! same images repeated in every report become one object each.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHasher as DefaultHasher};

use lopdf::{Document as PdfDocument, Object, ObjectId};
use rayon::prelude::*;

use crate::read::extent::{self, Extents};
use crate::read::packed::Packed;

/// Merges identical streams; returns how many were dropped and their bytes.
/// Repeats while merging makes more streams equal (an image and its soft
/// mask; a Type 0 font, its descendant, their descriptor and its font
/// file), a few rounds at most.
/// Streams whose data is left in their files (`extents`) are compared by
/// reading it, which only happens for two of the same dictionary and size.
/// Packed width arrays are shared too, so that the fonts holding them can
/// be.
pub fn share_identical_streams(
    pdf: &mut PdfDocument,
    extents: &mut Extents,
    packed: &Packed,
) -> (usize, u64) {
    let (mut dropped, mut saved) = (0, 0);
    // Each round compares only shareable objects, so only they need their
    // references moved before the next round; everything else is moved
    // once, at the end, along the whole chain of replacements.
    let mut replaced: HashMap<ObjectId, ObjectId> = HashMap::default();
    // Which objects are shareable does not change from round to round
    // (only references move), so it is worked out once, in object order,
    // with each one's shape, kept from round to round: only those whose
    // references moved are worked out again, and only groups holding one
    // of them can have become equal.
    let mut shapes: Vec<(ObjectId, u64)> = pdf
        .objects
        .par_iter()
        .filter(|(id, o)| shareable(o) || packed.contains(id))
        .map(|(&id, _)| (id, shape(pdf, extents, id)))
        .collect();
    let mut touched: Option<rustc_hash::FxHashSet<ObjectId>> = None;
    for _ in 0..8 {
        let (replace, bytes) = one_round(pdf, extents, &shapes, touched.as_ref());
        if replace.is_empty() {
            break;
        }
        dropped += replace.len();
        saved += bytes;
        // Still in object order, so looked up by halving.
        shapes.retain(|(id, _)| !replace.contains_key(id));
        let moved: rustc_hash::FxHashSet<ObjectId> = pdf
            .objects
            .par_iter_mut()
            .filter(|(id, _)| shapes.binary_search_by_key(*id, |&(k, _)| k).is_ok())
            .filter_map(|(&id, object)| point_at_kept(object, &replace).then_some(id))
            .collect();
        shapes
            .par_iter_mut()
            .filter(|(id, _)| moved.contains(id))
            .for_each(|(id, shape_of)| *shape_of = shape(pdf, extents, *id));
        touched = Some(moved);
        replaced.extend(replace);
    }
    if replaced.is_empty() {
        return (0, 0);
    }
    // A kept object may itself be replaced in a later round: follow each
    // chain to its end (each step goes to a lower number, so it ends).
    let ends: HashMap<ObjectId, ObjectId> = replaced
        .keys()
        .map(|&id| {
            let mut end = replaced[&id];
            while let Some(&next) = replaced.get(&end) {
                end = next;
            }
            (id, end)
        })
        .collect();
    pdf.objects.par_iter_mut().for_each(|(_, object)| {
        point_at_kept(object, &ends);
    });
    for (_, value) in pdf.trailer.iter_mut() {
        point_at_kept(value, &ends);
    }
    (dropped, saved)
}

/// Candidate `id`'s shape: its dictionary and its data's length (a
/// stream), or the whole object.
fn shape(pdf: &PdfDocument, extents: &Extents, id: ObjectId) -> u64 {
    let mut h = DefaultHasher::default();
    match pdf.objects.get(&id) {
        Some(Object::Stream(stream)) => {
            extent::data_len(extents, id, stream).hash(&mut h);
            hash_dictionary(&stream.dict, &mut h);
        }
        Some(other) => hash_object(other, &mut h),
        None => {}
    }
    h.finish()
}

/// One round: finds the shareable objects (with their shapes, in object
/// order) equal to one of a lower number, removes them, and returns which
/// object replaces each, and the bytes saved. After the first round only
/// groups holding a `touched` object (one whose references moved) are
/// looked at: the others were settled already. References to the removed
/// objects are left for the caller to move.
fn one_round(
    pdf: &mut PdfDocument,
    extents: &mut Extents,
    shapes: &[(ObjectId, u64)],
    touched: Option<&rustc_hash::FxHashSet<ObjectId>>,
) -> (HashMap<ObjectId, ObjectId>, u64) {
    // Candidates are grouped by their dictionary and their data's length;
    // only where that puts two or more together is the data itself hashed,
    // and equal hashes are compared in full before two objects are taken as
    // one. Most of a pack's bytes are images and page content of a length
    // no other stream has, so they are never read here.
    // The shapes are grouped in object order, so the groups are the same
    // whatever the number of cores.
    let mut by_shape: HashMap<u64, Vec<ObjectId>> = HashMap::default();
    for &(id, shape) in shapes {
        by_shape.entry(shape).or_default().push(id);
    }
    // Each group is settled on its own, over all cores; the results are
    // taken in the groups' order, so the outcome does not depend on them.
    let shape_groups: Vec<Vec<ObjectId>> = by_shape
        .into_values()
        .filter(|ids| ids.len() > 1)
        .filter(|ids| touched.is_none_or(|t| ids.iter().any(|id| t.contains(id))))
        .collect();
    let settled: Vec<(Vec<(ObjectId, ObjectId)>, u64)> = shape_groups
        .into_par_iter()
        .map(|ids| settle(pdf, extents, ids))
        .collect();
    let mut replace: HashMap<ObjectId, ObjectId> = HashMap::default();
    let mut saved = 0u64;
    for (pairs, bytes) in settled {
        replace.extend(pairs);
        saved += bytes;
    }
    for id in replace.keys() {
        pdf.objects.remove(id);
        extents.remove(id);
    }
    (replace, saved)
}

/// A stream's data, from memory or read from its file.
type Data<'a> = std::borrow::Cow<'a, [u8]>;

/// Settles one group of objects of the same shape: each equal to one
/// of a lower number is paired with it; returns the pairs and the bytes
/// saved. Short streams are compared by fingerprint. A longer stream's data
/// is hashed first, one stream at a time, and read again only to be
/// compared with a kept stream of the same hash, so a group of large scans
/// is never held in memory at once; a run of them from one report's file
/// is read with the file opened once.
fn settle(
    pdf: &PdfDocument,
    extents: &Extents,
    mut ids: Vec<ObjectId>,
) -> (Vec<(ObjectId, ObjectId)>, u64) {
    // The lowest number is kept, whatever order the map gave.
    ids.sort_unstable();
    let mut replace = Vec::new();
    let mut saved = 0u64;
    if !matches!(pdf.objects[&ids[0]], Object::Stream(_)) {
        let mut kept: Vec<ObjectId> = Vec::new();
        for id in ids {
            match kept.iter().find(|&&k| pdf.objects[&k] == pdf.objects[&id]) {
                Some(&k) => replace.push((id, k)),
                None => kept.push(id),
            }
        }
        return (replace, saved);
    }
    // Short streams are known by their fingerprints, without reading any
    // file again. (The group shares one length, so all or none are short.)
    if let Object::Stream(first) = &pdf.objects[&ids[0]]
        && extent::data_len(extents, ids[0], first) < extent::FINGERPRINT_BELOW as u64
    {
        let mut kept: Vec<(ObjectId, blake3::Hash)> = Vec::new();
        for id in ids {
            let Object::Stream(stream) = &pdf.objects[&id] else {
                continue;
            };
            let Some(print) = extent::fingerprint(extents, id, stream) else {
                continue;
            };
            let same = |&&(k, kept_print): &&(ObjectId, blake3::Hash)| {
                kept_print == print
                    && matches!(&pdf.objects[&k], Object::Stream(other) if other.dict == stream.dict)
            };
            match kept.iter().find(same) {
                Some(&(k, _)) => {
                    replace.push((id, k));
                    saved += extent::data_len(extents, id, stream);
                }
                None => kept.push((id, print)),
            }
        }
        return (replace, saved);
    }
    // A file that cannot be read again now is not compared: its streams
    // stay as they are, and writing the pack reports the error.
    let mut files = extent::OpenFiles::default();
    let mut data = |id: ObjectId| extent::content(pdf, extents, &mut files, id).ok();
    let hashes: Vec<Option<u64>> = ids
        .iter()
        .map(|&id| {
            let bytes = data(id)?;
            let mut h = DefaultHasher::default();
            bytes.hash(&mut h);
            Some(h.finish())
        })
        .collect();
    // Kept streams, with their data once it has been read for a comparison.
    let mut kept: Vec<(ObjectId, u64, Option<Data<'_>>)> = Vec::new();
    for (&id, hash) in ids.iter().zip(hashes) {
        let Some(hash) = hash else { continue };
        let Object::Stream(stream) = &pdf.objects[&id] else {
            continue;
        };
        let mut bytes = None;
        let mut found = None;
        for (k, kept_hash, kept_bytes) in kept.iter_mut() {
            let Object::Stream(other) = &pdf.objects[&*k] else {
                continue;
            };
            if *kept_hash != hash || other.dict != stream.dict {
                continue;
            }
            if kept_bytes.is_none() {
                *kept_bytes = data(*k);
            }
            if bytes.is_none() {
                bytes = data(id);
            }
            if bytes.is_some() && *kept_bytes == bytes {
                found = Some(*k);
                break;
            }
        }
        match found {
            Some(k) => {
                replace.push((id, k));
                saved += extent::data_len(extents, id, stream);
            }
            None => kept.push((id, hash, bytes)),
        }
    }
    (replace, saved)
}

/// Feeds an object's structure to `h`: equal objects hash equal (numbers by
/// their bits, dictionaries in their order, so a reordered copy may only be
/// missed, never confused).
fn hash_object(object: &Object, h: &mut DefaultHasher) {
    std::mem::discriminant(object).hash(h);
    match object {
        Object::Null => {}
        Object::Boolean(b) => b.hash(h),
        Object::Integer(i) => i.hash(h),
        Object::Real(r) => r.to_bits().hash(h),
        Object::Name(n) => n.hash(h),
        Object::String(s, _) => s.hash(h),
        Object::Array(items) => {
            items.len().hash(h);
            items.iter().for_each(|o| hash_object(o, h));
        }
        Object::Dictionary(dict) => hash_dictionary(dict, h),
        Object::Stream(stream) => hash_dictionary(&stream.dict, h),
        Object::Reference(id) => id.hash(h),
    }
}

fn hash_dictionary(dict: &lopdf::Dictionary, h: &mut DefaultHasher) {
    dict.len().hash(h);
    for (key, value) in dict.iter() {
        key.hash(h);
        hash_object(value, h);
    }
}

/// Streams, and the dictionaries that only describe shared resources
/// (fonts, optional content groups, graphics states). Pages, annotations,
/// fields and bookmarks have an identity of their own and are never merged.
fn shareable(object: &Object) -> bool {
    const SHARED_TYPES: [&[u8]; 5] = [
        b"Font",
        b"FontDescriptor",
        b"OCG",
        b"ExtGState",
        b"Encoding",
    ];
    match object {
        Object::Stream(_) => true,
        Object::Dictionary(dict) => {
            dict.get(b"Type")
                .ok()
                .and_then(|t| t.as_name().ok())
                .is_some_and(|t| SHARED_TYPES.contains(&t))
                // A CID font's character collection, which Word writes as
                // an object of its own (and has no /Type): unless it is
                // shared, neither is the font.
                || (dict.len() == 3
                    && [b"Registry".as_slice(), b"Ordering", b"Supplement"]
                        .iter()
                        .all(|key| dict.has(key)))
        }
        // A Type 0 font's one descendant font, which Word writes in an
        // array of its own. (An array is its items and nothing more: no
        // reader tells two equal ones apart, as it may two pages or
        // layers. Longer ones are left alone only as few are repeated.)
        Object::Array(items) => items.len() == 1,
        _ => false,
    }
}

/// Moves `object`'s references to replaced objects onto those kept;
/// returns whether any moved.
fn point_at_kept(object: &mut Object, replace: &HashMap<ObjectId, ObjectId>) -> bool {
    match object {
        Object::Reference(id) => match replace.get(id) {
            Some(k) => {
                *id = *k;
                true
            }
            None => false,
        },
        Object::Array(items) => items
            .iter_mut()
            .fold(false, |moved, o| point_at_kept(o, replace) | moved),
        Object::Dictionary(dict) => dict
            .iter_mut()
            .fold(false, |moved, (_, o)| point_at_kept(o, replace) | moved),
        Object::Stream(stream) => stream
            .dict
            .iter_mut()
            .fold(false, |moved, (_, o)| point_at_kept(o, replace) | moved),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::extent::{Extent, SourceFile};
    use lopdf::{Stream, dictionary};
    use std::sync::Arc;

    /// A stream of `data` as a report's parse leaves it when its data is
    /// left in its file: the dictionary as read (with its length), no data.
    fn left_in_file(dir: &std::path::Path, name: &str, data: &[u8]) -> (Stream, Extent) {
        let path = dir.join(name);
        std::fs::write(&path, [b"%PDF-1.7\n".as_slice(), data].concat()).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        let mut stream = Stream::new(dictionary! { "Subtype" => "Image" }, data.to_vec());
        stream.content = Vec::new();
        let extent = Extent {
            file: Arc::new(SourceFile::new(path, &meta)),
            offset: 9,
            len: data.len() as u64,
            fingerprint: Some(blake3::hash(data)),
        };
        (stream, extent)
    }

    #[test]
    fn short_streams_left_in_their_files_are_shared_by_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let logo = vec![7u8; 3000];
        let mut other = logo.clone();
        other[2999] = 8;
        let mut pdf = PdfDocument::with_version("1.7");
        let mut extents = Extents::default();
        let mut ids = Vec::new();
        for (name, data) in [("a.pdf", &logo), ("b.pdf", &other), ("c.pdf", &logo)] {
            let (stream, extent) = left_in_file(dir.path(), name, data);
            let id = pdf.add_object(stream);
            extents.insert(id, extent);
            ids.push(id);
        }
        // The same logo again, held in memory (as a decrypted report's is).
        let in_memory = pdf.add_object(Stream::new(
            dictionary! { "Subtype" => "Image" },
            logo.clone(),
        ));
        let catalog = pdf.add_object(dictionary! {
            "Type" => "Catalog",
            "Logos" => vec![ids[0].into(), ids[1].into(), ids[2].into(), in_memory.into()],
        });
        pdf.trailer.set("Root", catalog);

        let (dropped, saved) = share_identical_streams(&mut pdf, &mut extents, &Packed::default());
        assert_eq!((dropped, saved), (2, 6000));
        let logos = pdf.get_dictionary(catalog).unwrap().get(b"Logos").unwrap();
        let logos: Vec<ObjectId> = logos
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_reference().unwrap())
            .collect();
        // One byte different, same length: kept apart.
        assert_eq!(logos, [ids[0], ids[1], ids[0], ids[0]]);
        assert!(!pdf.objects.contains_key(&ids[2]) && !extents.contains_key(&ids[2]));
        assert!(!pdf.objects.contains_key(&in_memory));
        assert!(extents.contains_key(&ids[1]));
    }

    #[test]
    fn a_word_type0_font_given_twice_is_stored_once_with_all_it_holds() {
        // As Word writes one, in two reports: a Type 0 font, its descendant
        // in an array of its own, the descendant's character collection and
        // (packed) widths, its descriptor and font file. The two copies
        // differ only in their numbers: the second is replaced link by link
        // (five rounds), and a page of the second report ends up using the
        // first's font.
        let mut pdf = PdfDocument::with_version("1.7");
        let mut packed = Packed::default();
        let font = |pdf: &mut PdfDocument, packed: &mut Packed| {
            let file = pdf.add_object(Stream::new(dictionary! {}, vec![1u8; 400]));
            let descriptor = pdf.add_object(dictionary! {
                "Type" => "FontDescriptor", "FontName" => "Verdana", "FontFile2" => file,
            });
            let collection = pdf.add_object(dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            });
            let widths = crate::read::packed::pack(&Object::Array(
                (0..20).map(|i| Object::Integer(500 + i)).collect(),
            ))
            .unwrap();
            let widths = pdf.add_object(widths);
            packed.insert(widths);
            let descendant = pdf.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Verdana",
                "CIDSystemInfo" => collection, "FontDescriptor" => descriptor, "W" => widths,
            });
            let descendants = pdf.add_object(vec![descendant.into()]);
            pdf.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Verdana",
                "DescendantFonts" => descendants,
            })
        };
        let first = font(&mut pdf, &mut packed);
        let before = pdf.objects.len();
        let second = font(&mut pdf, &mut packed);
        let page = pdf.add_object(dictionary! {
            "Type" => "Page",
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => second } },
        });
        let catalog = pdf.add_object(dictionary! { "Type" => "Catalog", "P" => page });
        pdf.trailer.set("Root", catalog);

        let (dropped, _) = share_identical_streams(&mut pdf, &mut Extents::default(), &packed);
        assert_eq!(dropped, 7, "every object of the second font");
        assert_eq!(pdf.objects.len(), before + 2);
        let resources = pdf.get_dictionary(page).unwrap().get(b"Resources").unwrap();
        let fonts = resources.as_dict().unwrap().get(b"Font").unwrap();
        let used = fonts
            .as_dict()
            .unwrap()
            .get(b"F1")
            .unwrap()
            .as_reference()
            .unwrap();
        assert_eq!(used, first);
    }
}
