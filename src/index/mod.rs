//! The archive: the tantivy index of past items and near-duplicate detection.

pub mod archive;
pub mod minhash;
