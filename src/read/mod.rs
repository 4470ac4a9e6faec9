//! Reading the documents attached to items: PDFs, scanned images and office
//! files, opened, decrypted and repaired, and what of them may enter a
//! public pack.

pub mod allowlist;
pub mod clearance;
pub mod convert;
pub mod extent;
pub mod findings;
pub mod geometry;
pub mod limits;
pub mod office;
pub mod packed;
pub mod repair;
pub mod source;
