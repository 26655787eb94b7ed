//! The archive side: near-duplicate detection now; the tantivy index comes with issue 4.

pub mod minhash;
