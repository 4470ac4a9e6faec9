//! agendapack's integration tests: one binary, a module per feature. Every
//! test builds real packs with the real binary and reads the PDF back the
//! way a person (pdftotext) or a viewer (page tree, outline) would.

mod corpus;
mod determinism;
mod example_pack;
mod fidelity;
mod front_matter;
mod images;
mod long_words;
mod merge;
mod navigation;
mod nightly;
mod office;
mod pack_file;
mod pagination;
mod robustness;
mod stamp_clearance;
mod stamps;
mod support;
