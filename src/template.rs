//! Templates: the wording and layout of everything agendapack draws. A
//! template is a folder holding `template.toml`: the order of the notice's
//! parts, where the logo goes, sizes, and any phrase of
//! `templates/phrases/en.toml` said another way. Two are shipped
//! (`default`, the modern.gov-style Kirklees front sheet, and `parish`, a
//! town or parish council's summons); a council names its own folder.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// The English phrases, the base every template overrides.
const ENGLISH: &str = include_str!("../templates/phrases/en.toml");

/// The templates shipped with agendapack, by name.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "default",
        include_str!("../templates/default/template.toml"),
    ),
    ("parish", include_str!("../templates/parish/template.toml")),
];

/// A part of the notice of meeting, in the order a template lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// "Public Document Pack" (or the edition's heading), with the logo.
    Heading,
    /// The council's name, large.
    Organisation,
    /// The issuing officer's block beside "Please ask for".
    Issuer,
    NoticeHeading,
    Greeting,
    /// The committee's name.
    Body,
    /// "The BODY will meet in the VENUE at TIME on DATE."
    Sentence,
    /// The pack file's `notices`.
    Notices,
    /// The signature image, the officer's name and title.
    Signature,
    /// The pack file's `closing` paragraphs.
    Closing,
    /// The members list.
    Members,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogoPlace {
    Right,
    Left,
    None,
}

/// How the notice is laid out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    pub notice: Vec<Part>,
    #[serde(default = "right")]
    pub logo: LogoPlace,
    #[serde(default)]
    pub members_column: bool,
    #[serde(default = "sixteen")]
    pub heading_size: f32,
    #[serde(default = "eighteen")]
    pub notice_heading_size: f32,
    #[serde(default = "eleven")]
    pub text_size: f32,
    /// The colour of the headings, "#rrggbb" [default: black].
    #[serde(default)]
    pub accent: Option<String>,
    /// The font files, regular and bold, in the template's folder
    /// [default: the shipped Liberation Sans].
    #[serde(default)]
    pub font: Option<String>,
    #[serde(default)]
    pub bold_font: Option<String>,
}

impl Layout {
    /// The headings' colour, red, green and blue.
    pub fn accent_rgb(&self) -> Option<[u8; 3]> {
        self.accent.as_deref().and_then(parse_colour)
    }
}

/// "#00457c" → [0x00, 0x45, 0x7c].
fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn right() -> LogoPlace {
    LogoPlace::Right
}
fn eleven() -> f32 {
    11.0
}
fn sixteen() -> f32 {
    16.0
}
fn eighteen() -> f32 {
    18.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    #[allow(dead_code)]
    description: Option<String>,
    layout: Layout,
    #[serde(default)]
    phrases: BTreeMap<String, String>,
}

/// A template, read and checked.
#[derive(Debug, Clone)]
pub struct Template {
    /// The shipped name, or the folder it was read from.
    pub name: String,
    phrases: BTreeMap<String, String>,
    pub layout: Layout,
    /// The template's own font files, regular and bold, if it has them.
    pub fonts: Option<(Vec<u8>, Vec<u8>)>,
    /// BLAKE3 of the template file and its fonts: part of what identifies
    /// a build, so a changed template builds again.
    pub digest: [u8; 32],
}

impl Default for Template {
    fn default() -> Template {
        Template::parse("default", SHIPPED[0].1).expect("the shipped default template is valid")
    }
}

impl Template {
    /// The template `name`: a shipped one, or a folder (relative to
    /// `base`, the pack file's folder) holding `template.toml`.
    pub fn load(name: &str, base: &Path) -> Result<Template, String> {
        if let Some((_, text)) = SHIPPED.iter().find(|(n, _)| *n == name) {
            return Template::parse(name, text);
        }
        let folder = base.join(name);
        let file = if folder.is_dir() {
            folder.join("template.toml")
        } else {
            folder.clone()
        };
        let text = crate::files::read_pack_file(&file).map_err(|e| {
            let shipped: Vec<&str> = SHIPPED.iter().map(|(n, _)| *n).collect();
            format!(
                "`{name}` is not a shipped template ({}) and {} {e}",
                shipped.join(", "),
                display(&file)
            )
        })?;
        let mut template = Template::parse(&folder.display().to_string(), &text)
            .map_err(|e| format!("{}: {e}", display(&file)))?;
        let home = file.parent().unwrap_or(Path::new(""));
        let read_font = |name: &str| -> Result<Vec<u8>, String> {
            let path = home.join(name);
            let data = crate::files::read_regular(&path, Some(64 << 20))
                .map_err(|e| format!("{}: the font {e}", display(&path)))?;
            if crate::render::text::Fonts::usable(&data) {
                Ok(data)
            } else {
                Err(format!(
                    "{}: not a TrueType or OpenType font agendapack can use",
                    display(&path)
                ))
            }
        };
        match (&template.layout.font, &template.layout.bold_font) {
            (None, None) => {}
            (Some(regular), bold) => {
                let regular = read_font(regular)?;
                let bold = match bold {
                    Some(bold) => read_font(bold)?,
                    None => regular.clone(),
                };
                let mut hash = blake3::Hasher::new();
                hash.update(&template.digest);
                hash.update(&regular);
                hash.update(&bold);
                template.digest = *hash.finalize().as_bytes();
                template.fonts = Some((regular, bold));
            }
            (None, Some(_)) => {
                return Err(format!(
                    "{}: [layout] bold_font needs font (the regular face) too",
                    display(&file)
                ));
            }
        }
        Ok(template)
    }

    fn parse(name: &str, text: &str) -> Result<Template, String> {
        let file: TemplateFile =
            toml::from_str(text).map_err(|e| e.to_string().trim().to_string())?;
        let mut phrases: BTreeMap<String, String> =
            toml::from_str(ENGLISH).expect("the shipped phrases are valid");
        for (key, value) in file.phrases {
            if !phrases.contains_key(&key) {
                return Err(format!(
                    "[phrases] has no phrase `{key}`; the phrases are those of \
                     templates/phrases/en.toml"
                ));
            }
            phrases.insert(key, value);
        }
        if let Some(accent) = &file.layout.accent
            && parse_colour(accent).is_none()
        {
            return Err(format!(
                "[layout] accent = \"{accent}\" is not a colour; write it as \"#rrggbb\", e.g. \"#00457c\""
            ));
        }
        if file.layout.notice.is_empty() {
            return Err("[layout] notice lists no part of the notice".into());
        }
        Ok(Template {
            name: name.to_string(),
            phrases,
            fonts: None,
            digest: *blake3::hash(text.as_bytes()).as_bytes(),
            layout: file.layout,
        })
    }

    /// The phrase `key`, as the template says it.
    pub fn phrase(&self, key: &str) -> &str {
        self.phrases
            .get(key)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("no phrase {key}: every key is in en.toml"))
    }

    /// The phrase `key` with each `{name}` filled in.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.phrase(key), args)
    }

    /// The phrase `key` cut at its `{name}`s: the text between them, and
    /// which name follows each piece (for text that mixes weights).
    pub fn pieces(&self, key: &str) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        let mut rest = self.phrase(key);
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            out.push((
                rest[..open].to_string(),
                Some(rest[open + 1..open + close].to_string()),
            ));
            rest = &rest[open + close + 1..];
        }
        out.push((rest.to_string(), None));
        out
    }
}

impl Template {
    /// "paragraph 3", "paragraphs 1, 2 and 7".
    fn paragraphs(&self, exemption: &crate::exempt::Exemption) -> String {
        match exemption.paragraphs.as_slice() {
            [one] => self.fill("paragraph_one", &[("p", one)]),
            [init @ .., last] => self.fill(
                "paragraph_many",
                &[("list", &init.join(", ")), ("last", last)],
            ),
            [] => String::new(),
        }
    }

    fn cite(&self, key: &str, exemption: &crate::exempt::Exemption) -> String {
        self.fill(
            key,
            &[
                ("paragraphs", &self.paragraphs(exemption)),
                ("part", &exemption.country.part().to_string()),
            ],
        )
    }

    /// "Not for publication by virtue of paragraph 3 of Part 1 of Schedule
    /// 12A to the Local Government Act 1972".
    pub fn citation(&self, exemption: &crate::exempt::Exemption) -> String {
        self.cite("citation", exemption)
    }

    /// The citation as it reads after a colon.
    pub fn citation_lower(&self, exemption: &crate::exempt::Exemption) -> String {
        self.cite("citation_lower", exemption)
    }

    /// "NOT FOR PUBLICATION – paragraph 3 of Part 1 of Schedule 12A".
    pub fn not_for_publication(&self, exemption: &crate::exempt::Exemption) -> String {
        self.cite("not_for_publication", exemption)
    }
}

/// `text` with each `{name}` of `args` filled in.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

fn display(path: &Path) -> String {
    crate::printable::printable_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_templates_read() {
        for (name, text) in SHIPPED {
            let t = Template::parse(name, text).unwrap();
            assert!(!t.layout.notice.is_empty());
        }
        let parish = Template::load("parish", Path::new(".")).unwrap();
        assert_eq!(parish.phrase("agenda"), "Business to be transacted");
        assert_eq!(parish.phrase("page"), "Page {n}");
        assert_eq!(
            Template::default().fill("agenda_item", &[("n", "6.1")]),
            "Agenda Item 6.1"
        );
    }

    #[test]
    fn a_phrase_that_does_not_exist_is_refused() {
        let text = "[layout]\nnotice = [\"heading\"]\n[phrases]\npaeg = \"Tudalen {n}\"\n";
        let err = Template::parse("x", text).unwrap_err();
        assert!(err.contains("no phrase `paeg`"), "{err}");
        let bad_part = "[layout]\nnotice = [\"heding\"]\n";
        assert!(Template::parse("x", bad_part).is_err());
    }

    #[test]
    fn phrases_cut_at_their_names() {
        let t = Template::default();
        let pieces = t.pieces("sentence_in");
        assert_eq!(pieces[0], ("The ".to_string(), Some("body".to_string())));
        assert_eq!(pieces.last().unwrap(), &(".".to_string(), None));
    }
}
