//! The pack's tag tree: our pages' tree (as krilla writes it) and every
//! tagged report's, merged into one.
//!
//! Each document's tree comes with its structure parent keys (the numbers
//! its pages' `/StructParents` and its annotations' `/StructParent` give
//! into the parent tree). Keys of different documents overlap, so each
//! document's are moved past the last one taken before the documents are
//! merged; role maps and class maps are joined (the first meaning of a
//! name is kept); element identifiers that clash are made unique.

use std::collections::{BTreeMap, HashSet};

use lopdf::{Dictionary, Document as PdfDocument, Object, ObjectId, StringFormat};

use super::{renumber, text};
use crate::model::Pack;
use crate::plan::PagePlan;

/// Number-tree and name-tree nodes nested deeper than this are not read.
const MAX_TREE_DEPTH: usize = 32;

/// One document's tag tree, in some document's numbering.
#[derive(Debug, Default, Clone)]
pub struct Tree {
    /// The elements directly under the structure tree root.
    pub kids: Vec<Object>,
    /// The parent tree: key → an element, or an array of elements (a
    /// page's marked content by MCID).
    pub nums: Vec<(i64, Object)>,
    pub role_map: Dictionary,
    pub class_map: Dictionary,
    /// Elements with an identifier (`/ID`).
    pub ids: Vec<(Vec<u8>, ObjectId)>,
}

impl Tree {
    /// Moves the tree into the numbering of `map` (an import's).
    pub fn renumber(&mut self, map: &rustc_hash::FxHashMap<ObjectId, ObjectId>) {
        for kid in &mut self.kids {
            renumber(kid, map);
        }
        for (_, value) in &mut self.nums {
            renumber(value, map);
        }
        let mut roles = Object::Dictionary(std::mem::take(&mut self.role_map));
        renumber(&mut roles, map);
        self.role_map = roles.as_dict().cloned().unwrap_or_default();
        let mut classes = Object::Dictionary(std::mem::take(&mut self.class_map));
        renumber(&mut classes, map);
        self.class_map = classes.as_dict().cloned().unwrap_or_default();
        self.ids.retain_mut(|(_, id)| match map.get(id) {
            Some(new) => {
                *id = *new;
                true
            }
            None => false,
        });
    }

    /// One past the largest key of the parent tree.
    fn next_key(&self) -> i64 {
        self.nums.iter().map(|(k, _)| k + 1).max().unwrap_or(0)
    }
}

/// The tag tree of a document we wrote ourselves (our pages, drawn by
/// krilla), read whole.
pub fn read(pdf: &PdfDocument) -> Option<Tree> {
    let catalog = pdf.catalog().ok()?;
    let root = resolve_dict(pdf, catalog.get(b"StructTreeRoot").ok()?)?;
    let kids = match root.get(b"K").ok()? {
        Object::Array(kids) => kids.clone(),
        kid => vec![kid.clone()],
    };
    let mut nums = Vec::new();
    if let Ok(tree) = root.get(b"ParentTree") {
        number_tree(pdf, tree, &mut nums);
    }
    let dict = |key: &[u8]| {
        root.get(key)
            .ok()
            .and_then(|o| resolve_dict(pdf, o))
            .cloned()
            .unwrap_or_default()
    };
    Some(Tree {
        kids,
        nums,
        role_map: dict(b"RoleMap"),
        class_map: dict(b"ClassMap"),
        ids: Vec::new(),
    })
}

/// The dictionary `object` is or names.
pub(crate) fn resolve_dict<'a>(pdf: &'a PdfDocument, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Reference(id) => pdf.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// The entries of a number tree, leaves in order. Each node is read once
/// (a tree whose kids loop back, or name one node twice, cannot make the
/// walk explode), nodes deeper than [`MAX_TREE_DEPTH`] are not read, and
/// at most [`MAX_TREE_ENTRIES`] entries are.
pub fn number_tree(pdf: &PdfDocument, node: &Object, out: &mut Vec<(i64, Object)>) {
    let mut seen = HashSet::new();
    number_tree_from(pdf, node, 0, &mut seen, out);
}

/// The most parent-tree entries read from one document.
const MAX_TREE_ENTRIES: usize = 1 << 20;

fn number_tree_from(
    pdf: &PdfDocument,
    node: &Object,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    out: &mut Vec<(i64, Object)>,
) {
    if depth > MAX_TREE_DEPTH || out.len() >= MAX_TREE_ENTRIES {
        return;
    }
    if let Object::Reference(id) = node
        && !seen.insert(*id)
    {
        return;
    }
    let Some(node) = resolve_dict(pdf, node) else {
        return;
    };
    if let Ok(Object::Array(nums)) = node.get(b"Nums") {
        for pair in nums.chunks(2) {
            if let [Object::Integer(key), value] = pair
                && out.len() < MAX_TREE_ENTRIES
            {
                out.push((*key, value.clone()));
            }
        }
    }
    let kids = match node.get(b"Kids") {
        Ok(Object::Reference(id)) => pdf.get_object(*id).ok().cloned(),
        Ok(kids) => Some(kids.clone()),
        Err(_) => None,
    };
    if let Some(Object::Array(kids)) = kids {
        for kid in &kids {
            number_tree_from(pdf, kid, depth + 1, seen, out);
        }
    }
}

/// The merged tree, built as documents are imported.
pub struct Merger {
    /// Our pages' tree, first.
    ours: Option<Tree>,
    /// Each tagged report's tree, with its item and document index.
    reports: Vec<(usize, usize, Tree)>,
    next_key: i64,
}

impl Merger {
    pub fn new(ours: Option<Tree>) -> Merger {
        let next_key = ours.as_ref().map_or(0, Tree::next_key);
        Merger {
            ours,
            reports: Vec::new(),
            next_key,
        }
    }

    /// Adds a report's tree, `tree` already in the pack's numbering;
    /// `objects` are the report's objects there, whose structure parent
    /// keys are moved past those taken.
    pub fn add_report(
        &mut self,
        out: &mut PdfDocument,
        item: usize,
        document: usize,
        mut tree: Tree,
        objects: impl Iterator<Item = ObjectId>,
    ) {
        let offset = self.next_key;
        for id in objects {
            let dict = match out.objects.get_mut(&id) {
                Some(Object::Dictionary(d)) => d,
                Some(Object::Stream(s)) => &mut s.dict,
                _ => continue,
            };
            for key in [&b"StructParents"[..], b"StructParent"] {
                if let Ok(Object::Integer(n)) = dict.get_mut(key) {
                    *n += offset;
                }
            }
            // A tagged page with annotations is tabbed through in the
            // order of its structure.
            if dict.has(b"Annots") && dict.get(b"Type").ok() == Some(&Object::Name(b"Page".into()))
            {
                dict.set("Tabs", Object::Name(b"S".to_vec()));
            }
        }
        for (key, _) in &mut tree.nums {
            *key += offset;
        }
        self.next_key = tree.next_key().max(offset);
        self.reports.push((item, document, tree));
    }

    /// Documents whose tags are in the pack.
    pub fn tagged(&self) -> usize {
        self.reports.len()
    }

    /// Writes the merged tree into `out`; returns the structure tree root,
    /// or `None` if there is no tree at all.
    pub fn finish(self, out: &mut PdfDocument, pack: &Pack, plan: &PagePlan) -> Option<ObjectId> {
        let Merger {
            ours,
            reports,
            next_key,
        } = self;
        if ours.is_none() && reports.is_empty() {
            return None;
        }
        let root = out.new_object_id();
        let mut role_map = Dictionary::new();
        let mut class_map = Dictionary::new();
        let mut nums: Vec<(i64, Object)> = Vec::new();
        let mut ids: BTreeMap<Vec<u8>, ObjectId> = BTreeMap::new();
        let mut join = |tree: &mut Tree, out: &mut PdfDocument, n: usize| {
            for (key, value) in tree.role_map.iter() {
                if !role_map.has(key) {
                    role_map.set(key.clone(), value.clone());
                }
            }
            for (key, value) in tree.class_map.iter() {
                if !class_map.has(key) {
                    class_map.set(key.clone(), value.clone());
                }
            }
            nums.append(&mut tree.nums);
            for (id, element) in std::mem::take(&mut tree.ids) {
                let mut unique = id.clone();
                if ids.contains_key(&unique) {
                    unique = format!("agendapack-{n}-").into_bytes();
                    unique.extend_from_slice(&id);
                    if let Ok(dict) = out.get_dictionary_mut(element) {
                        dict.set("ID", Object::String(unique.clone(), StringFormat::Literal));
                    }
                }
                ids.insert(unique, element);
            }
        };

        // The document element: krilla's, holding our pages' structure,
        // or a new one.
        let mut document_kids = Vec::new();
        let mut ours = ours.unwrap_or_default();
        join(&mut ours, out, 0);
        let document = match ours.kids.as_slice() {
            [Object::Reference(id)]
                if out
                    .get_dictionary(*id)
                    .is_ok_and(|d| d.get(b"S").ok() == Some(&Object::Name(b"Document".into()))) =>
            {
                let id = *id;
                if let Ok(dict) = out.get_dictionary(id) {
                    match dict.get(b"K") {
                        Ok(Object::Array(kids)) => document_kids.extend(kids.iter().cloned()),
                        Ok(kid) => document_kids.push(kid.clone()),
                        Err(_) => {}
                    }
                }
                id
            }
            kids => {
                let id = out.new_object_id();
                for kid in kids {
                    set_parent(out, kid, id);
                    document_kids.push(kid.clone());
                }
                id
            }
        };

        // Under it, after our pages: a section for each item with tagged
        // reports, a part for each report, and the report's own elements.
        let mut current: Option<(usize, ObjectId, Vec<Object>)> = None;
        let mut sections = Vec::new();
        for (n, (item, d, mut tree)) in reports.into_iter().enumerate() {
            join(&mut tree, out, n + 1);
            if current.as_ref().is_none_or(|(i, _, _)| *i != item) {
                if let Some(done) = current.take() {
                    sections.push(done);
                }
                current = Some((item, out.new_object_id(), Vec::new()));
            }
            let (_, section, parts) = current.as_mut().expect("set above");
            let part = out.new_object_id();
            for kid in &tree.kids {
                set_parent(out, kid, part);
            }
            let title = &plan.items[item].documents[d].title;
            out.objects.insert(
                part,
                Object::Dictionary(Dictionary::from_iter([
                    ("Type", Object::Name(b"StructElem".to_vec())),
                    ("S", Object::Name(b"Part".to_vec())),
                    ("P", Object::Reference(*section)),
                    ("T", text(title)),
                    ("K", Object::Array(tree.kids)),
                ])),
            );
            parts.push(Object::Reference(part));
        }
        sections.extend(current);
        for (item, section, parts) in sections {
            let label = pack
                .template
                .fill("agenda_item", &[("n", &plan.items[item].label)]);
            out.objects.insert(
                section,
                Object::Dictionary(Dictionary::from_iter([
                    ("Type", Object::Name(b"StructElem".to_vec())),
                    ("S", Object::Name(b"Sect".to_vec())),
                    ("P", Object::Reference(document)),
                    ("T", text(&format!("{label}: {}", pack.items[item].title))),
                    ("K", Object::Array(parts)),
                ])),
            );
            document_kids.push(Object::Reference(section));
        }
        let mut document_dict = out.get_dictionary(document).cloned().unwrap_or_else(|_| {
            Dictionary::from_iter([
                ("Type", Object::Name(b"StructElem".to_vec())),
                ("S", Object::Name(b"Document".to_vec())),
                ("Lang", text(&pack.meeting.language)),
            ])
        });
        document_dict.set("P", Object::Reference(root));
        document_dict.set("K", Object::Array(document_kids));
        out.objects
            .insert(document, Object::Dictionary(document_dict));

        nums.sort_by_key(|(k, _)| *k);
        nums.dedup_by_key(|(k, _)| *k);
        let parent_tree = out.add_object(Dictionary::from_iter([(
            "Nums",
            Object::Array(
                nums.into_iter()
                    .flat_map(|(k, v)| [Object::Integer(k), v])
                    .collect(),
            ),
        )]));
        let mut root_dict = Dictionary::from_iter([
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Reference(document)),
            ("ParentTree", Object::Reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(next_key)),
        ]);
        if !role_map.is_empty() {
            root_dict.set("RoleMap", role_map);
        }
        if !class_map.is_empty() {
            root_dict.set("ClassMap", class_map);
        }
        if !ids.is_empty() {
            let names = ids
                .into_iter()
                .flat_map(|(name, id)| {
                    [
                        Object::String(name, StringFormat::Literal),
                        Object::Reference(id),
                    ]
                })
                .collect();
            root_dict.set(
                "IDTree",
                Dictionary::from_iter([("Names", Object::Array(names))]),
            );
        }
        out.objects.insert(root, Object::Dictionary(root_dict));
        Some(root)
    }
}

/// Removes structure parent keys from `objects` (of an untagged report):
/// they would point into another document's part of the parent tree.
pub fn strip_keys(out: &mut PdfDocument, objects: impl Iterator<Item = ObjectId>) {
    for id in objects {
        let dict = match out.objects.get_mut(&id) {
            Some(Object::Dictionary(d)) => d,
            Some(Object::Stream(s)) => &mut s.dict,
            _ => continue,
        };
        dict.remove(b"StructParents");
        dict.remove(b"StructParent");
    }
}

/// Makes `parent` the parent of the element `kid`.
fn set_parent(out: &mut PdfDocument, kid: &Object, parent: ObjectId) {
    if let Object::Reference(id) = kid
        && let Ok(dict) = out.get_dictionary_mut(*id)
        && dict.has(b"S")
    {
        dict.set("P", Object::Reference(parent));
    }
}
