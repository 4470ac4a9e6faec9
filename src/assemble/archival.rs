//! The pack's metadata (XMP), and PDF/A-2b: what keeps a report out of an
//! archival pack, and what is fixed without changing what a page shows.

use lopdf::content::Content;
use lopdf::{Dictionary, Document as PdfDocument, Object, ObjectId, Stream, StringFormat};

use super::structure::resolve_dict;
use crate::read::extent::Extents;

/// The sRGB profile of a PDF/A pack's output intent (CC0, see
/// templates/icc/README.md).
const SRGB: &[u8] = include_bytes!("../../templates/icc/sRGB-v2-magic.icc");

/// What the XMP metadata says of the pack: the same as its document
/// information, and which standards it claims.
pub struct Description<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub language: &'a str,
    pub producer: &'a str,
    /// The day the notice was issued: year, month, day.
    pub date: (i32, u32, u32),
    /// Claims PDF/UA-1.
    pub accessible: bool,
    /// Claims PDF/A-2b.
    pub archival: bool,
}

fn escape(text: &str) -> String {
    html_escape::encode_text_minimal(text).into_owned()
}

/// The XMP metadata packet.
pub fn xmp(d: &Description<'_>) -> Vec<u8> {
    let mut x = String::from(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\" \
         xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n\
         <dc:format>application/pdf</dc:format>\n",
    );
    x.push_str(&format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n\
         <dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n\
         <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n\
         <dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n\
         <pdf:Producer>{}</pdf:Producer>\n\
         <xmp:CreatorTool>{}</xmp:CreatorTool>\n\
         <xmp:CreateDate>{date}</xmp:CreateDate>\n\
         <xmp:ModifyDate>{date}</xmp:ModifyDate>\n",
        escape(d.title),
        escape(d.author),
        escape(d.subject),
        escape(d.language),
        escape(d.producer),
        escape(d.producer),
        date = format!("{:04}-{:02}-{:02}T00:00:00Z", d.date.0, d.date.1, d.date.2),
    ));
    if d.accessible {
        x.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
    }
    if d.archival {
        x.push_str("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n");
    }
    x.push_str("</rdf:Description>\n");
    if d.accessible && d.archival {
        // PDF/A-2 knows the PDF/UA schema only if the file describes it.
        x.push_str(
            "<rdf:Description rdf:about=\"\" \
             xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" \
             xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" \
             xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n\
             <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n\
             <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n\
             <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n\
             <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n\
             <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n\
             <pdfaProperty:name>part</pdfaProperty:name>\n\
             <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n\
             <pdfaProperty:category>internal</pdfaProperty:category>\n\
             <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n\
             </rdf:li></rdf:Seq></pdfaSchema:property>\n\
             </rdf:li></rdf:Bag></pdfaExtension:schemas>\n\
             </rdf:Description>\n",
        );
    }
    x.push_str("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    x.into_bytes()
}

/// The date as the document information gives it: the same moment as the
/// XMP's.
pub fn info_date(d: &Description<'_>) -> Object {
    Object::String(
        format!("D:{:04}{:02}{:02}000000Z", d.date.0, d.date.1, d.date.2).into_bytes(),
        StringFormat::Literal,
    )
}

/// The metadata stream: never compressed, so that a PDF/A reader (and
/// any search tool) reads it as it is.
pub fn metadata_stream(d: &Description<'_>) -> Stream {
    let mut stream = Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp(d),
    );
    stream.allows_compression = false;
    stream
}

/// The output intent of a PDF/A pack: sRGB.
pub fn output_intent(out: &mut PdfDocument) -> Object {
    let mut profile = Stream::new(
        Dictionary::from_iter([("N", Object::Integer(3))]),
        SRGB.to_vec(),
    );
    profile.allows_compression = false;
    let profile = out.add_object(profile);
    let name = Object::String(b"sRGB IEC61966-2.1".to_vec(), StringFormat::Literal);
    Object::Array(vec![Object::Dictionary(Dictionary::from_iter([
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", name.clone()),
        ("Info", name),
        ("DestOutputProfile", Object::Reference(profile)),
    ]))])
}

/// Why a report (as admitted into the pack) cannot be in a PDF/A-2b pack,
/// one reason each; empty if it can.
///
/// Streams left in the report's file (`extents`) are read from it.
pub fn blockers(pdf: &PdfDocument, extents: &Extents, pages: &[ObjectId]) -> Vec<String> {
    let mut unembedded = std::collections::BTreeSet::new();
    let mut lzw = false;
    let mut cmyk = false;
    let mut transfer = false;
    let mut no_appearance = 0;
    for object in pdf.objects.values() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => {
                if has_name(s.dict.get(b"Filter").ok(), b"LZWDecode") {
                    lzw = true;
                }
                &s.dict
            }
            _ => continue,
        };
        if mentions(object, b"DeviceCMYK", 0) {
            cmyk = true;
        }
        match name(dict.get(b"Type").ok()) {
            Some(b"ExtGState")
                if dict.has(b"TR") || dict.get(b"TR2").is_ok_and(|v| !is_name(v, b"Default")) =>
            {
                transfer = true;
            }
            Some(b"Annot") => {
                let subtype = name(dict.get(b"Subtype").ok()).unwrap_or_default();
                if !matches!(subtype, b"Link" | b"Popup") && !dict.has(b"AP") {
                    no_appearance += 1;
                }
            }
            _ => {}
        }
    }
    // Fonts that draw visible text: not those a page only names, nor
    // those of invisible text (rendering mode 3, the text layer OCR lays
    // over a scan), which PDF/A-2 does not ask to be embedded; and colours
    // set by operator (k, K) rather than by colour space.
    for &page in pages {
        let Ok(dict) = pdf.get_dictionary(page) else {
            continue;
        };
        let resources = dict
            .get(b"Resources")
            .ok()
            .and_then(|r| resolve_dict(pdf, r));
        let mut forms = Vec::new();
        match content_of(pdf, extents, page) {
            Some(content) => {
                let mut read = Read {
                    extents,
                    forms: &mut forms,
                    unembedded: &mut unembedded,
                    cmyk: &mut cmyk,
                };
                visible_fonts(pdf, &content, resources, &mut read)
            }
            // Content that cannot be read: every font the page names
            // counts.
            None => every_font(pdf, resources, &mut unembedded),
        }
    }
    let mut reasons = Vec::new();
    if !unembedded.is_empty() {
        let names: Vec<&str> = unembedded.iter().map(String::as_str).collect();
        reasons.push(format!(
            "its font{} {} {} not embedded, and a PDF/A file must carry every font it uses",
            if names.len() == 1 { "" } else { "s" },
            names.join(", "),
            if names.len() == 1 { "is" } else { "are" },
        ));
    }
    if cmyk {
        reasons.push(
            "it uses CMYK (print) colours, which a PDF/A pack with an sRGB output intent cannot hold"
                .into(),
        );
    }
    if lzw {
        reasons.push("it has LZW-compressed data, which PDF/A forbids".into());
    }
    if transfer {
        reasons.push("it uses transfer functions, which PDF/A forbids".into());
    }
    if no_appearance > 0 {
        reasons.push(format!(
            "{no_appearance} form field{} or comment{} no appearance of {} own, which PDF/A asks for",
            if no_appearance == 1 { "" } else { "s" },
            if no_appearance == 1 { " has" } else { "s have" },
            if no_appearance == 1 { "its" } else { "their" },
        ));
    }
    reasons
}

/// Fixes what PDF/A asks for that does not change what a page shows:
/// annotations are marked printable, images lose `/Interpolate` and
/// alternates. Returns how many objects were changed.
pub fn fix(out: &mut PdfDocument) -> usize {
    let mut changed = 0;
    for object in out.objects.values_mut() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &mut s.dict,
            _ => continue,
        };
        match name(dict.get(b"Type").ok()).map(<[u8]>::to_vec).as_deref() {
            Some(b"Annot") => {
                let flags = match dict.get(b"F") {
                    Ok(Object::Integer(f)) => *f,
                    _ => 0,
                };
                // Print on; Invisible, Hidden, NoView and ToggleNoView off.
                let fixed = (flags | 4) & !(1 | 2 | 32 | 256);
                if fixed != flags {
                    dict.set("F", Object::Integer(fixed));
                    changed += 1;
                }
            }
            _ => {
                let mut touched = false;
                if dict
                    .get(b"Interpolate")
                    .is_ok_and(|v| v == &Object::Boolean(true))
                {
                    dict.remove(b"Interpolate");
                    touched = true;
                }
                if dict.remove(b"Alternates").is_some() {
                    touched = true;
                }
                changed += usize::from(touched);
            }
        }
    }
    changed
}

/// The decoded content of `page`; `None` if some of it cannot be read
/// (left in the report's file, and the file cannot be read again).
fn content_of(pdf: &PdfDocument, extents: &Extents, page: ObjectId) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for id in crate::read::repair::content_streams(pdf, page).0 {
        let stream = pdf.get_object(id).ok()?.as_stream().ok()?;
        out.extend(decoded(extents, id, stream)?);
        out.push(b'\n');
    }
    Some(out)
}

/// The data of stream `id`, decoded where its filters can be, from memory
/// or from the report's file; `None` if the file cannot be read again.
fn decoded(extents: &Extents, id: ObjectId, stream: &Stream) -> Option<Vec<u8>> {
    let stream = crate::read::extent::with_data(extents, id, stream)?;
    Some(
        stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone()),
    )
}

/// Every unembedded font `resources` names.
fn every_font(
    pdf: &PdfDocument,
    resources: Option<&Dictionary>,
    unembedded: &mut std::collections::BTreeSet<String>,
) {
    let Some(fonts) = resources
        .and_then(|r| r.get(b"Font").ok())
        .and_then(|f| resolve_dict(pdf, f))
    else {
        return;
    };
    for (_, font) in fonts.iter() {
        if let Some(name) = resolve_dict(pdf, font).and_then(|f| unembedded_font(pdf, f)) {
            unembedded.insert(name);
        }
    }
}

/// What reading a page's content for PDF/A finds.
struct Read<'r> {
    /// Where the report's streams left in its file lie.
    extents: &'r Extents,
    /// The forms being read, outermost first.
    forms: &'r mut Vec<ObjectId>,
    unembedded: &'r mut std::collections::BTreeSet<String>,
    cmyk: &'r mut bool,
}

/// Reads `content` (drawn with `resources`), and the forms it draws, for
/// the unembedded fonts that show visible text, and CMYK colours set by
/// operator.
fn visible_fonts(
    pdf: &PdfDocument,
    content: &[u8],
    resources: Option<&Dictionary>,
    read: &mut Read<'_>,
) {
    let Ok(content) = Content::decode(content) else {
        every_font(pdf, resources, read.unembedded);
        return;
    };
    let lookup = |category: &[u8], name: &[u8]| -> Option<(Option<ObjectId>, Object)> {
        let map = resolve_dict(pdf, resources?.get(category).ok()?)?;
        let value = map.get(name).ok()?;
        let id = value.as_reference().ok();
        Some((id, pdf.dereference(value).ok()?.1.clone()))
    };
    // The font and rendering mode, saved and restored with q and Q.
    let mut state: (Option<Vec<u8>>, i64) = (None, 0);
    let mut saved = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "q" => saved.push(state.clone()),
            "Q" => state = saved.pop().unwrap_or(state.clone()),
            "Tf" => {
                state.0 = op
                    .operands
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .map(<[u8]>::to_vec)
            }
            "Tr" => {
                state.1 = op
                    .operands
                    .first()
                    .and_then(|m| m.as_i64().ok())
                    .unwrap_or(0)
            }
            "k" | "K" => *read.cmyk = true,
            "Tj" | "TJ" | "'" | "\"" if state.1 != 3 => {
                if let Some(font) = &state.0
                    && let Some((_, Object::Dictionary(dict))) = lookup(b"Font", font)
                    && let Some(name) = unembedded_font(pdf, &dict)
                {
                    read.unembedded.insert(name);
                }
            }
            "Do" if read.forms.len() < 16 => {
                let Some(xobject) = op.operands.first().and_then(|n| n.as_name().ok()) else {
                    continue;
                };
                if let Some((Some(id), Object::Stream(form))) = lookup(b"XObject", xobject)
                    && name(form.dict.get(b"Subtype").ok()) == Some(&b"Form"[..])
                    && !read.forms.contains(&id)
                {
                    let inner = form
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|r| resolve_dict(pdf, r));
                    let Some(data) = decoded(read.extents, id, &form) else {
                        // Cannot be read: every font it names.
                        every_font(pdf, inner.or(resources), read.unembedded);
                        continue;
                    };
                    read.forms.push(id);
                    visible_fonts(pdf, &data, inner.or(resources), read);
                    read.forms.pop();
                }
            }
            _ => {}
        }
    }
}

fn name(object: Option<&Object>) -> Option<&[u8]> {
    match object? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

fn is_name(object: &Object, wanted: &[u8]) -> bool {
    matches!(object, Object::Name(n) if n == wanted)
}

fn has_name(object: Option<&Object>, wanted: &[u8]) -> bool {
    match object {
        Some(Object::Array(items)) => items.iter().any(|i| is_name(i, wanted)),
        Some(o) => is_name(o, wanted),
        None => false,
    }
}

/// Whether the name `wanted` appears anywhere in `object` (not through
/// references).
fn mentions(object: &Object, wanted: &[u8], depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    match object {
        Object::Name(n) => n == wanted,
        Object::Array(items) => items.iter().any(|i| mentions(i, wanted, depth + 1)),
        Object::Dictionary(d) => d.iter().any(|(_, v)| mentions(v, wanted, depth + 1)),
        Object::Stream(s) => s.dict.iter().any(|(_, v)| mentions(v, wanted, depth + 1)),
        _ => false,
    }
}

/// The name of a font whose program the file does not carry.
fn unembedded_font(pdf: &PdfDocument, font: &Dictionary) -> Option<String> {
    let subtype = name(font.get(b"Subtype").ok()).unwrap_or_default();
    if subtype == b"Type3" {
        return None;
    }
    let described = if subtype == b"Type0" {
        let descendants = match font.get(b"DescendantFonts").ok()? {
            Object::Reference(id) => pdf.get_object(*id).ok()?.clone(),
            o => o.clone(),
        };
        resolve_dict(pdf, descendants.as_array().ok()?.first()?)?.clone()
    } else {
        font.clone()
    };
    let embedded = described
        .get(b"FontDescriptor")
        .ok()
        .and_then(|d| resolve_dict(pdf, d))
        .is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
    if embedded {
        return None;
    }
    let base = name(font.get(b"BaseFont").ok()).unwrap_or(b"(unnamed)");
    Some(String::from_utf8_lossy(base).into_owned())
}
