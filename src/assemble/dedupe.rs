//! Storing identical streams (and the font and resource dictionaries that
//! describe them) once: the council logo, the same fonts and the
//! same images repeated in every report become one object each.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHasher as DefaultHasher};

use lopdf::{Document as PdfDocument, Object, ObjectId};
use rayon::prelude::*;

use crate::read::extent::{self, Extents};

/// Merges identical streams; returns how many were dropped and their bytes.
/// Repeats while merging makes more streams equal (an image and its soft
/// mask), a few rounds at most.
/// Streams whose data is left in their files (`extents`) are compared by
/// reading it, which only happens for two of the same dictionary and size.
pub fn share_identical_streams(pdf: &mut PdfDocument, extents: &mut Extents) -> (usize, u64) {
    let (mut dropped, mut saved) = (0, 0);
    // Each round compares only shareable objects, so only they need their
    // references moved before the next round; everything else is moved
    // once, at the end, along the whole chain of replacements.
    let mut replaced: HashMap<ObjectId, ObjectId> = HashMap::default();
    // Which objects are shareable does not change from round to round
    // (only references move), so it is worked out once, in object order.
    let mut candidates: Vec<ObjectId> = pdf
        .objects
        .par_iter()
        .filter(|(_, o)| shareable(o))
        .map(|(&id, _)| id)
        .collect();
    for _ in 0..4 {
        let (replace, bytes) = one_round(pdf, extents, &candidates);
        if replace.is_empty() {
            break;
        }
        dropped += replace.len();
        saved += bytes;
        // Still in object order, so looked up by halving.
        candidates.retain(|id| !replace.contains_key(id));
        pdf.objects
            .par_iter_mut()
            .filter(|(id, _)| candidates.binary_search(id).is_ok())
            .for_each(|(_, object)| point_at_kept(object, &replace));
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
    pdf.objects
        .par_iter_mut()
        .for_each(|(_, object)| point_at_kept(object, &ends));
    for (_, value) in pdf.trailer.iter_mut() {
        point_at_kept(value, &ends);
    }
    (dropped, saved)
}

/// One round: finds the shareable objects equal to one of a lower number,
/// removes them, and returns which object replaces each, and the bytes
/// saved. References to them are left for the caller to move.
fn one_round(
    pdf: &mut PdfDocument,
    extents: &mut Extents,
    candidates: &[ObjectId],
) -> (HashMap<ObjectId, ObjectId>, u64) {
    // A file that cannot be read again now is not compared: its streams
    // stay as they are, and writing the pack reports the error.
    let data = |id: ObjectId| extent::content(pdf, extents, id).ok();
    // Candidates are grouped by their dictionary and their data's length;
    // only where that puts two or more together is the data itself hashed,
    // and equal hashes are compared in full before two objects are taken as
    // one. Most of a pack's bytes are images and page content of a length
    // no other stream has, so they are never read here.
    // The shapes are worked out over all cores, then grouped in object
    // order, so the groups are the same whatever the number of cores.
    let shapes: Vec<(u64, ObjectId)> = candidates
        .par_iter()
        .filter_map(|&id| Some((id, pdf.objects.get(&id)?)))
        .map(|(id, object)| {
            let mut h = DefaultHasher::default();
            match object {
                Object::Stream(stream) => {
                    extent::data_len(extents, id, stream).hash(&mut h);
                    hash_dictionary(&stream.dict, &mut h);
                }
                other => hash_object(other, &mut h),
            }
            (h.finish(), id)
        })
        .collect();
    let mut by_shape: HashMap<u64, Vec<ObjectId>> = HashMap::default();
    for (shape, id) in shapes {
        by_shape.entry(shape).or_default().push(id);
    }
    // Each group is settled on its own, over all cores; the results are
    // taken in the groups' order, so the outcome does not depend on them.
    let shape_groups: Vec<Vec<ObjectId>> =
        by_shape.into_values().filter(|ids| ids.len() > 1).collect();
    let groups: Vec<Vec<ObjectId>> = shape_groups
        .into_par_iter()
        .flat_map_iter(|ids| {
            let streams = matches!(pdf.objects[&ids[0]], Object::Stream(_));
            if !streams {
                return vec![ids];
            }
            let mut by_data: HashMap<u64, Vec<ObjectId>> = HashMap::default();
            for id in ids {
                let Some(bytes) = data(id) else { continue };
                let mut h = DefaultHasher::default();
                bytes.hash(&mut h);
                by_data.entry(h.finish()).or_default().push(id);
            }
            by_data
                .into_values()
                .filter(|ids| ids.len() > 1)
                .collect::<Vec<_>>()
        })
        .collect();
    let settled: Vec<(Vec<(ObjectId, ObjectId)>, u64)> = groups
        .into_par_iter()
        .map(|mut ids| {
            // The lowest number is kept, whatever order the map gave.
            ids.sort_unstable();
            let mut kept: Vec<ObjectId> = Vec::new();
            let mut replace = Vec::new();
            let mut saved = 0u64;
            for id in ids {
                let object = &pdf.objects[&id];
                // Read once, compared with each stream kept so far.
                let bytes = match object {
                    Object::Stream(_) => data(id),
                    _ => None,
                };
                let same = |k: ObjectId| match (&pdf.objects[&k], object) {
                    (Object::Stream(x), Object::Stream(y)) => {
                        x.dict == y.dict
                            && bytes.as_ref().is_some_and(|b| data(k).as_ref() == Some(b))
                    }
                    (Object::Dictionary(x), Object::Dictionary(y)) => x == y,
                    _ => false,
                };
                match kept.iter().copied().find(|&k| same(k)) {
                    Some(k) => {
                        replace.push((id, k));
                        if let Object::Stream(stream) = object {
                            saved += extent::data_len(extents, id, stream);
                        }
                    }
                    None => kept.push(id),
                }
            }
            (replace, saved)
        })
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
        Object::Dictionary(dict) => dict
            .get(b"Type")
            .ok()
            .and_then(|t| t.as_name().ok())
            .is_some_and(|t| SHARED_TYPES.contains(&t)),
        _ => false,
    }
}

fn point_at_kept(object: &mut Object, replace: &HashMap<ObjectId, ObjectId>) {
    match object {
        Object::Reference(id) => {
            if let Some(k) = replace.get(id) {
                *id = *k;
            }
        }
        Object::Array(items) => items.iter_mut().for_each(|o| point_at_kept(o, replace)),
        Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, o)| point_at_kept(o, replace)),
        Object::Stream(stream) => stream
            .dict
            .iter_mut()
            .for_each(|(_, o)| point_at_kept(o, replace)),
        _ => {}
    }
}
