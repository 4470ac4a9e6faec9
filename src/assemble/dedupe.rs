//! Storing identical streams (and the font and resource dictionaries that
//! describe them) once: the council logo, the same fonts and the
//! same images repeated in every report become one object each.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use lopdf::{Document as PdfDocument, Object, ObjectId};

/// Merges identical streams; returns how many were dropped and their bytes.
/// Repeats while merging makes more streams equal (an image and its soft
/// mask), a few rounds at most.
pub fn share_identical_streams(pdf: &mut PdfDocument) -> (usize, u64) {
    let (mut dropped, mut saved) = (0, 0);
    for _ in 0..4 {
        let (n, bytes) = one_round(pdf);
        dropped += n;
        saved += bytes;
        if n == 0 {
            break;
        }
    }
    (dropped, saved)
}

fn one_round(pdf: &mut PdfDocument) -> (usize, u64) {
    // Group streams by a hash of their dictionary and data; equal hashes are
    // compared in full before two streams are taken as one.
    let mut groups: HashMap<u64, Vec<ObjectId>> = HashMap::new();
    for (&id, object) in &pdf.objects {
        if !shareable(object) {
            continue;
        }
        let mut h = DefaultHasher::new();
        match object {
            // Hash the data as bytes: formatting megabytes of image data
            // would cost more than the merge itself.
            Object::Stream(stream) => {
                stream.content.hash(&mut h);
                format!("{:?}", stream.dict).hash(&mut h);
            }
            other => format!("{other:?}").hash(&mut h),
        }
        groups.entry(h.finish()).or_default().push(id);
    }
    let mut replace: HashMap<ObjectId, ObjectId> = HashMap::new();
    let mut saved = 0u64;
    for ids in groups.values().filter(|ids| ids.len() > 1) {
        let mut kept: Vec<ObjectId> = Vec::new();
        for &id in ids {
            let object = &pdf.objects[&id];
            match kept.iter().copied().find(|k| same(&pdf.objects[k], object)) {
                Some(k) => {
                    replace.insert(id, k);
                    if let Object::Stream(stream) = object {
                        saved += stream.content.len() as u64;
                    }
                }
                None => kept.push(id),
            }
        }
    }
    if replace.is_empty() {
        return (0, 0);
    }
    for object in pdf.objects.values_mut() {
        point_at_kept(object, &replace);
    }
    for (_, value) in pdf.trailer.iter_mut() {
        point_at_kept(value, &replace);
    }
    for id in replace.keys() {
        pdf.objects.remove(id);
    }
    (replace.len(), saved)
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

fn same(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::Stream(x), Object::Stream(y)) => x.content == y.content && x.dict == y.dict,
        (Object::Dictionary(x), Object::Dictionary(y)) => x == y,
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
