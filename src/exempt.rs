//! Exempt information: the paragraphs of Schedule 12A to the Local
//! Government Act 1972 under which a report is kept out of the public pack,
//! and how the pack cites them.
//!
//! England cites Part 1 (paragraphs 1–7). Wales cites Part 4 (paragraphs
//! 12–18 and 18A–18C), inserted by the Local Authorities (Executive
//! Arrangements) (Access to Information) (Wales) Order 2007 and amended
//! since.

use std::fmt;

/// Whose version of Schedule 12A the council works under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Country {
    #[default]
    England,
    Wales,
}

impl Country {
    /// The Part of Schedule 12A that defines exempt information.
    pub fn part(self) -> u32 {
        match self {
            Country::England => 1,
            Country::Wales => 4,
        }
    }

    /// The paragraphs of that Part, as written in a pack file.
    pub fn paragraphs(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Country::England => ENGLAND,
            Country::Wales => WALES,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Country::England => "England",
            Country::Wales => "Wales",
        }
    }
}

// The words of the paragraphs England's Part 1 and Wales's Part 4 share.
const IDENTITY: &str = "Information which is likely to reveal the identity of an individual.";
const FINANCIAL: &str = "Information relating to the financial or business affairs of any \
     particular person (including the authority holding that information).";
const LABOUR: &str = "Information relating to any consultations or negotiations, or \
     contemplated consultations or negotiations, in connection with any labour relations \
     matter arising between the authority or a Minister of the Crown and employees of, or \
     office holders under, the authority.";
const PRIVILEGE: &str = "Information in respect of which a claim to legal professional \
     privilege could be maintained in legal proceedings.";
const NOTICES: &str = "Information which reveals that the authority proposes (a) to give under \
     any enactment a notice under or by virtue of which requirements are imposed on a person; \
     or (b) to make an order or direction under any enactment.";
const CRIME: &str = "Information relating to any action taken or to be taken in connection \
     with the prevention, investigation or prosecution of crime.";

const ENGLAND: &[(&str, &str)] = &[
    ("1", "Information relating to any individual."),
    ("2", IDENTITY),
    ("3", FINANCIAL),
    ("4", LABOUR),
    ("5", PRIVILEGE),
    ("6", NOTICES),
    ("7", CRIME),
];

const WALES: &[(&str, &str)] = &[
    ("12", "Information relating to a particular individual."),
    ("13", IDENTITY),
    ("14", FINANCIAL),
    ("15", LABOUR),
    ("16", PRIVILEGE),
    ("17", NOTICES),
    ("18", CRIME),
    (
        "18A",
        "Information which is subject to any obligations of confidentiality.",
    ),
    (
        "18B",
        "Information which relates in any way to matters concerning national security.",
    ),
    (
        "18C",
        "The deliberations of a standards committee or of a sub-committee of a standards \
         committee established under the provisions of Part 3 of the Local Government Act 2000 \
         in reaching any finding on a matter referred to it.",
    ),
];

/// Why a report is not for publication: one or more paragraphs of the
/// council's Part of Schedule 12A.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exemption {
    pub country: Country,
    /// Paragraph numbers as the Schedule writes them ("3", "18A"), in the
    /// Schedule's order, each once.
    pub paragraphs: Vec<&'static str>,
}

/// A paragraph that is not one of the council's Part of Schedule 12A.
#[derive(Debug, PartialEq, Eq)]
pub struct UnknownParagraph {
    pub written: String,
    /// The country whose Part has it, if the other one does.
    pub other_country: Option<Country>,
}

impl Exemption {
    /// Checks `written` paragraphs ("3", "18a") against `country`'s Part.
    pub fn new(country: Country, written: &[String]) -> Result<Exemption, UnknownParagraph> {
        let mut paragraphs = Vec::new();
        for w in written {
            let found = find(country, w).ok_or_else(|| UnknownParagraph {
                written: w.clone(),
                other_country: [Country::England, Country::Wales]
                    .into_iter()
                    .find(|&other| other != country && find(other, w).is_some()),
            })?;
            if !paragraphs.contains(&found) {
                paragraphs.push(found);
            }
        }
        let order = |p: &&str| country.paragraphs().iter().position(|(n, _)| n == p);
        paragraphs.sort_by_key(order);
        Ok(Exemption {
            country,
            paragraphs,
        })
    }

    /// "paragraph 3", "paragraphs 1 and 2", "paragraphs 1, 2 and 7".
    fn paragraph_words(&self) -> String {
        match self.paragraphs.as_slice() {
            [one] => format!("paragraph {one}"),
            [init @ .., last] => format!("paragraphs {} and {last}", init.join(", ")),
            [] => "paragraph".into(),
        }
    }

    /// "paragraph 3 of Part 1 of Schedule 12A", for the page map (the
    /// printed citations and stamps are the template's phrases).
    pub fn short(&self) -> String {
        format!(
            "{} of Part {} of Schedule 12A",
            self.paragraph_words(),
            self.country.part()
        )
    }
}

impl fmt::Display for Exemption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

fn find(country: Country, written: &str) -> Option<&'static str> {
    let w = written.trim();
    country
        .paragraphs()
        .iter()
        .map(|(n, _)| *n)
        .find(|n| n.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn citations_read_as_councils_print_them() {
        let e = Exemption::new(Country::England, &written(&["3"])).unwrap();
        // As the agenda prints it, in the shipped template's words.
        assert_eq!(
            crate::template::Template::default().citation(&e),
            "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A to the \
             Local Government Act 1972"
        );
        let w = Exemption::new(Country::Wales, &written(&["14"])).unwrap();
        assert_eq!(w.short(), "paragraph 14 of Part 4 of Schedule 12A");
        let several = Exemption::new(Country::England, &written(&["7", "1", "2", "1"])).unwrap();
        assert_eq!(
            several.short(),
            "paragraphs 1, 2 and 7 of Part 1 of Schedule 12A"
        );
        let lettered = Exemption::new(Country::Wales, &written(&["18a", "18"])).unwrap();
        assert_eq!(lettered.paragraphs, vec!["18", "18A"]);
    }

    #[test]
    fn a_paragraph_of_the_other_country_is_named() {
        assert_eq!(
            Exemption::new(Country::England, &written(&["14"])),
            Err(UnknownParagraph {
                written: "14".into(),
                other_country: Some(Country::Wales)
            })
        );
        assert_eq!(
            Exemption::new(Country::Wales, &written(&["8"])),
            Err(UnknownParagraph {
                written: "8".into(),
                other_country: None
            })
        );
        assert!(Exemption::new(Country::England, &written(&["18A"])).is_err());
        assert!(Exemption::new(Country::England, &written(&["0"])).is_err());
    }
}
