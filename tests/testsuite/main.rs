//! agendapack's integration tests: one binary, a module per feature. Every
//! test builds real packs with the real binary and reads the PDF back the
//! way a person (pdftotext) or a viewer (page tree, outline) would.

mod accessibility;
mod allowlist;
mod batch_folders;
mod corpus;
mod determinism;
mod editions;
mod example_pack;
mod fidelity;
mod findings;
mod front_matter;
mod hostile_inputs;
mod images;
mod long_words;
mod merge;
mod messages;
mod navigation;
mod nightly;
mod office;
mod output_safety;
mod pack_file;
mod pagination;
mod publication;
mod robustness;
mod site;
mod stamp_clearance;
mod stamps;
mod support;
