//! Searching the archive as an officer asks, and the items most like a draft: what the
//! `search` and `similar` commands and the server's `/api/search` and `/api/similar` share,
//! with the JSON they write.

use serde::Serialize;

use crate::category::Category;
use crate::index::archive::{Archive, ArchiveError, Hit, Reuse, StoredItem};
use crate::source;

#[derive(Serialize)]
pub struct SearchReport<'a> {
    pub schema_version: u32,
    pub query: &'a str,
    pub hits: &'a [Hit],
}

/// A search as an officer asks it: the words typed and the filters (unit contains, category
/// in Chinese or as an id, dates as `--since`/`--until` take them), for the command and the
/// server alike.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub unit: Option<String>,
    pub category: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: usize,
}

impl SearchRequest {
    /// The hits, or what is wrong with the request (in Chinese).
    pub fn run(&self, archive: &Archive) -> Result<Vec<Hit>, String> {
        let (since, until) = crate::date::bounds(self.since.as_deref(), self.until.as_deref())?;
        let category = match self.category.as_deref().filter(|c| !c.trim().is_empty()) {
            Some(c) => Some(Category::parse(c.trim()).map(|c| c.id()).ok_or_else(|| {
                format!("类别“{c}”无法识别，可用：问题类、调研类、典型经验、专报、动态")
            })?),
            None => None,
        };
        let unit = self
            .unit
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty());
        let filter = |i: &StoredItem| {
            unit.is_none_or(|u| i.unit.as_deref().is_some_and(|x| x.contains(u)))
                && category.is_none_or(|c| i.category.as_deref() == Some(c))
                && since
                    .as_ref()
                    .is_none_or(|s| i.date.as_deref().is_some_and(|d| d >= s.as_str()))
                && until
                    .as_ref()
                    .is_none_or(|u| i.date.as_deref().is_some_and(|d| d <= u.as_str()))
        };
        archive
            .search(&self.query, self.limit, &filter)
            .map_err(|e| e.to_string())
    }
}

/// What `similar --format json` writes.
#[derive(Serialize)]
pub struct SimilarReport<'a> {
    pub schema_version: u32,
    pub path: String,
    pub similar: &'a [Reuse],
}

/// The archived items most like `doc`, not itself (the same text), at most `limit`.
pub fn similar_to(
    archive: &Archive,
    doc: &source::Document,
    limit: usize,
) -> Result<Vec<Reuse>, ArchiveError> {
    let own = crate::index::archive::content_hash(&doc.text);
    Ok(archive
        .reuse(&doc.text, doc.meta.date.as_deref(), limit + 1)?
        .into_iter()
        .filter(|r| r.item.hash != own)
        .take(limit)
        .collect())
}
