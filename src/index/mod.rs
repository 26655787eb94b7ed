//! The archive: the tantivy index of past items and near-duplicate detection.

pub mod archive;
pub mod bands;
pub mod facts;
pub mod minhash;
pub mod same_item;
pub mod search;
pub mod topics;
