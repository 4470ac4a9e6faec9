//! What a report brings besides its pages: named destinations (resolved into
//! explicit ones, so links keep working in the pack), its own outline, its
//! form fields; and what it must not bring into a public pack (JavaScript,
//! launch and submit actions, attached files).

use std::collections::{BTreeMap, HashSet};

use lopdf::{Dictionary, Document as PdfDocument, Object, ObjectId};

/// Actions removed from a public pack: they run code, open other programs
/// or send data away.
const UNSAFE_ACTIONS: [&[u8]; 6] = [
    b"JavaScript",
    b"Launch",
    b"SubmitForm",
    b"ImportData",
    b"Rendition",
    b"RichMediaExecute",
];

/// What was found in a report and carried over or removed.
#[derive(Debug, Default, Clone)]
pub struct Carried {
    /// Top-level items of the report's own outline: first, last, count.
    pub outline: Option<(ObjectId, ObjectId, i64)>,
    /// Top-level form fields.
    pub fields: Vec<ObjectId>,
    /// The form's default resources and appearance, if any.
    pub form_resources: Option<Object>,
    pub form_appearance: Option<Object>,
    /// Optional content (layers): every group, and those off by default.
    pub layers: Vec<ObjectId>,
    pub layers_off: Vec<ObjectId>,
    pub resolved_links: usize,
    pub removed_actions: usize,
    pub removed_attachments: usize,
    pub had_embedded_files: bool,
    pub had_document_javascript: bool,
}

impl Carried {
    /// Warnings for the clerk about what was removed.
    pub fn warnings(&self) -> Vec<String> {
        let mut w = Vec::new();
        let actions = self.removed_actions + usize::from(self.had_document_javascript);
        if actions > 0 {
            let plural = if actions == 1 { "" } else { "s" };
            w.push(format!(
                "removed {actions} JavaScript, launch or submit action{plural}"
            ));
        }
        if self.removed_attachments > 0 || self.had_embedded_files {
            w.push("removed attached files (not published in a public pack)".to_string());
        }
        w
    }
}

/// Prepares a report for merging, in its own numbering (before import).
pub fn prepare(pdf: &mut PdfDocument, pages: &[ObjectId]) -> Carried {
    let mut carried = Carried::default();
    inline_actions(pdf);
    let names = named_destinations(pdf);
    let catalog = pdf.catalog().cloned().unwrap_or_default();
    carried.had_embedded_files = names_tree_has(pdf, &catalog, b"EmbeddedFiles");
    carried.had_document_javascript = names_tree_has(pdf, &catalog, b"JavaScript")
        || catalog.has(b"AA")
        || open_action_is_unsafe(pdf, &catalog);

    // Annotations: resolve named links, drop unsafe actions and attachments.
    for &page in pages {
        let annots = pdf
            .get_dictionary(page)
            .ok()
            .and_then(|d| d.get(b"Annots").ok())
            .and_then(|a| pdf.dereference(a).ok())
            .and_then(|(_, a)| a.as_array().ok())
            .cloned()
            .unwrap_or_default();
        let mut kept = Vec::with_capacity(annots.len());
        for mut annot in annots {
            let id = annot.as_reference().ok();
            let is_attachment = pdf
                .dereference(&annot)
                .ok()
                .and_then(|(_, a)| a.as_dict().ok())
                .and_then(|d| d.get(b"Subtype").ok())
                .and_then(|s| s.as_name().ok())
                == Some(b"FileAttachment".as_slice());
            if is_attachment {
                carried.removed_attachments += 1;
                continue;
            }
            if let Object::Dictionary(dict) = &mut annot {
                clean_actions(dict, &names, &mut carried);
            } else if let Some(id) = id
                && let Ok(dict) = pdf.get_dictionary_mut(id)
            {
                clean_actions(dict, &names, &mut carried);
            }
            kept.push(annot);
        }
        if let Ok(dict) = pdf.get_dictionary_mut(page) {
            if dict.remove(b"AA").is_some() {
                carried.removed_actions += 1;
            }
            if dict.has(b"Annots") {
                dict.set("Annots", Object::Array(kept));
            }
        }
    }

    // The report's own outline, with named destinations resolved.
    if let Some(outlines) = catalog
        .get(b"Outlines")
        .ok()
        .and_then(|o| o.as_reference().ok())
    {
        let mut seen = HashSet::new();
        walk_outline(pdf, outlines, &names, &mut carried, &mut seen);
        let root = pdf.get_dictionary(outlines).ok();
        let first = root
            .and_then(|d| d.get(b"First").ok())
            .and_then(|o| o.as_reference().ok());
        let last = root
            .and_then(|d| d.get(b"Last").ok())
            .and_then(|o| o.as_reference().ok());
        if let (Some(first), Some(last)) = (first, last) {
            let count = siblings(pdf, first).len() as i64;
            carried.outline = Some((first, last, count));
        }
    }

    // Optional content: which layers exist and which start hidden.
    if let Some(props) = catalog
        .get(b"OCProperties")
        .ok()
        .and_then(|p| pdf.dereference(p).ok())
        .and_then(|(_, p)| p.as_dict().ok())
    {
        let refs = |o: Option<&Object>| -> Vec<ObjectId> {
            o.and_then(|o| pdf.dereference(o).ok())
                .and_then(|(_, o)| o.as_array().ok())
                .map(|a| a.iter().filter_map(|r| r.as_reference().ok()).collect())
                .unwrap_or_default()
        };
        carried.layers = refs(props.get(b"OCGs").ok());
        let default = props
            .get(b"D")
            .ok()
            .and_then(|d| pdf.dereference(d).ok())
            .and_then(|(_, d)| d.as_dict().ok());
        let base_off = default
            .and_then(|d| d.get(b"BaseState").ok())
            .and_then(|b| b.as_name().ok())
            == Some(b"OFF".as_slice());
        let on = refs(default.and_then(|d| d.get(b"ON").ok()));
        let off = refs(default.and_then(|d| d.get(b"OFF").ok()));
        carried.layers_off = if base_off {
            carried
                .layers
                .iter()
                .copied()
                .filter(|l| !on.contains(l))
                .collect()
        } else {
            off
        };
    }

    // Form fields.
    if let Some(form) = catalog
        .get(b"AcroForm")
        .ok()
        .and_then(|f| pdf.dereference(f).ok())
        .and_then(|(_, f)| f.as_dict().ok())
        .cloned()
    {
        carried.fields = form
            .get(b"Fields")
            .ok()
            .and_then(|f| pdf.dereference(f).ok())
            .and_then(|(_, f)| f.as_array().ok())
            .map(|a| a.iter().filter_map(|f| f.as_reference().ok()).collect())
            .unwrap_or_default();
        carried.form_resources = form.get(b"DR").ok().cloned();
        carried.form_appearance = form.get(b"DA").ok().cloned();
        let mut seen = HashSet::new();
        let fields = carried.fields.clone();
        for field in fields {
            clean_field(pdf, field, &names, &mut carried, &mut seen);
        }
    }
    carried
}

/// Copies actions given by reference into the annotation or bookmark that
/// uses them, so each can be checked and resolved in place.
fn inline_actions(pdf: &mut PdfDocument) {
    let uses: Vec<(ObjectId, ObjectId)> = pdf
        .objects
        .iter()
        .filter_map(|(&id, object)| {
            let action = object.as_dict().ok()?.get(b"A").ok()?.as_reference().ok()?;
            Some((id, action))
        })
        .collect();
    for (owner, action) in uses {
        if let Ok(action) = pdf.get_dictionary(action).cloned()
            && let Ok(dict) = pdf.get_dictionary_mut(owner)
        {
            dict.set("A", action);
        }
    }
}

/// The sibling chain starting at `first`, bounded against loops.
fn siblings(pdf: &PdfDocument, first: ObjectId) -> Vec<ObjectId> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut next = Some(first);
    while let Some(id) = next {
        if !seen.insert(id) || out.len() > 100_000 {
            break;
        }
        out.push(id);
        next = pdf
            .get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"Next").ok())
            .and_then(|n| n.as_reference().ok());
    }
    out
}

fn walk_outline(
    pdf: &mut PdfDocument,
    parent: ObjectId,
    names: &BTreeMap<Vec<u8>, Object>,
    carried: &mut Carried,
    seen: &mut HashSet<ObjectId>,
) {
    let first = pdf
        .get_dictionary(parent)
        .ok()
        .and_then(|d| d.get(b"First").ok())
        .and_then(|o| o.as_reference().ok());
    let Some(first) = first else { return };
    for item in siblings(pdf, first) {
        if !seen.insert(item) {
            continue;
        }
        if let Ok(dict) = pdf.get_dictionary_mut(item) {
            clean_actions(dict, names, carried);
        }
        walk_outline(pdf, item, names, carried, seen);
    }
}

fn clean_field(
    pdf: &mut PdfDocument,
    field: ObjectId,
    names: &BTreeMap<Vec<u8>, Object>,
    carried: &mut Carried,
    seen: &mut HashSet<ObjectId>,
) {
    if !seen.insert(field) || seen.len() > 100_000 {
        return;
    }
    let kids = match pdf.get_dictionary_mut(field) {
        Ok(dict) => {
            clean_actions(dict, names, carried);
            dict.get(b"Kids")
                .ok()
                .and_then(|k| k.as_array().ok())
                .map(|a| {
                    a.iter()
                        .filter_map(|k| k.as_reference().ok())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        }
        Err(_) => return,
    };
    for kid in kids {
        clean_field(pdf, kid, names, carried, seen);
    }
}

/// Resolves a named /Dest or GoTo /D into an explicit destination, and
/// removes unsafe actions and additional actions.
fn clean_actions(dict: &mut Dictionary, names: &BTreeMap<Vec<u8>, Object>, carried: &mut Carried) {
    if dict.remove(b"AA").is_some() {
        carried.removed_actions += 1;
    }
    if let Ok(dest) = dict.get(b"Dest")
        && let Some(explicit) = resolve(dest, names)
    {
        dict.set("Dest", explicit);
        carried.resolved_links += 1;
    }
    let Ok(Object::Dictionary(action)) = dict.get_mut(b"A") else {
        return;
    };
    let kind = action
        .get(b"S")
        .ok()
        .and_then(|s| s.as_name().ok())
        .map(<[u8]>::to_vec);
    match kind.as_deref() {
        Some(k) if UNSAFE_ACTIONS.contains(&k) => {
            dict.remove(b"A");
            carried.removed_actions += 1;
        }
        Some(b"GoTo") => {
            if let Ok(d) = action.get(b"D")
                && let Some(explicit) = resolve(d, names)
            {
                action.set("D", explicit);
                carried.resolved_links += 1;
            }
            if action.remove(b"Next").is_some() {
                carried.removed_actions += 1;
            }
        }
        _ => {
            // A chained /Next may hide JavaScript behind a harmless action.
            if action.remove(b"Next").is_some() {
                carried.removed_actions += 1;
            }
        }
    }
}

/// The explicit destination for a named one (a name or a string).
fn resolve(dest: &Object, names: &BTreeMap<Vec<u8>, Object>) -> Option<Object> {
    let key = match dest {
        Object::Name(n) => n.clone(),
        Object::String(s, _) => s.clone(),
        _ => return None,
    };
    names.get(&key).cloned()
}

/// Every named destination of a document, from the catalog's /Dests and
/// the /Names /Dests tree, as explicit destination arrays.
fn named_destinations(pdf: &PdfDocument) -> BTreeMap<Vec<u8>, Object> {
    let mut out = BTreeMap::new();
    let Ok(catalog) = pdf.catalog() else {
        return out;
    };
    let explicit = |value: &Object| -> Option<Object> {
        let (_, v) = pdf.dereference(value).ok()?;
        match v {
            Object::Array(_) => Some(v.clone()),
            Object::Dictionary(d) => {
                let (_, inner) = pdf.dereference(d.get(b"D").ok()?).ok()?;
                inner.as_array().ok().map(|_| inner.clone())
            }
            _ => None,
        }
    };
    if let Ok(dests) = catalog.get(b"Dests")
        && let Ok((_, Object::Dictionary(d))) = pdf.dereference(dests)
    {
        for (name, value) in d.iter() {
            if let Some(e) = explicit(value) {
                out.insert(name.clone(), e);
            }
        }
    }
    if let Some(tree) = names_tree(pdf, catalog, b"Dests") {
        let mut seen = HashSet::new();
        collect_name_tree(
            pdf,
            tree,
            &mut |name, value| {
                if let Some(e) = explicit(value) {
                    out.entry(name.to_vec()).or_insert(e);
                }
            },
            &mut seen,
            0,
        );
    }
    out
}

fn names_tree<'a>(pdf: &'a PdfDocument, catalog: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let (_, names) = pdf.dereference(catalog.get(b"Names").ok()?).ok()?;
    names.as_dict().ok()?.get(key).ok()
}

fn names_tree_has(pdf: &PdfDocument, catalog: &Dictionary, key: &[u8]) -> bool {
    names_tree(pdf, catalog, key).is_some()
}

fn open_action_is_unsafe(pdf: &PdfDocument, catalog: &Dictionary) -> bool {
    let Ok(action) = catalog.get(b"OpenAction") else {
        return false;
    };
    let Ok((_, Object::Dictionary(action))) = pdf.dereference(action) else {
        return false;
    };
    action
        .get(b"S")
        .ok()
        .and_then(|s| s.as_name().ok())
        .is_some_and(|s| UNSAFE_ACTIONS.contains(&s))
}

fn collect_name_tree(
    pdf: &PdfDocument,
    node: &Object,
    visit: &mut dyn FnMut(&[u8], &Object),
    seen: &mut HashSet<ObjectId>,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    if let Object::Reference(id) = node
        && !seen.insert(*id)
    {
        return;
    }
    let Ok((_, Object::Dictionary(dict))) = pdf.dereference(node) else {
        return;
    };
    if let Ok(Object::Array(pairs)) = dict
        .get(b"Names")
        .and_then(|n| pdf.dereference(n).map(|(_, o)| o))
    {
        for pair in pairs.chunks(2) {
            if let [key, value] = pair
                && let Ok((_, Object::String(name, _))) = pdf.dereference(key)
            {
                visit(name, value);
            }
        }
    }
    if let Ok(Object::Array(kids)) = dict
        .get(b"Kids")
        .and_then(|k| pdf.dereference(k).map(|(_, o)| o))
    {
        for kid in kids {
            collect_name_tree(pdf, kid, visit, seen, depth + 1);
        }
    }
}
