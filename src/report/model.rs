//! The public output model: the serde types that every face of the tool writes — `check
//! --format json`, the server's answers, the findings in the audit's `report.json`, `dups
//! --format json` — so that one documented set of fields is what other programs read
//! (DESIGN.md's JSON report, `schema_version` 1). Offsets are character (Unicode scalar) offsets into the text
//! as extracted, end exclusive; line and column are 1-based.

use serde::Serialize;

use crate::elements::Missing;
use crate::index::facts::Shared;
use crate::index::same_item::Kind;
use crate::text::Positions;
use crate::text::{DataKind, DataLevel, PlaceLevel};
use crate::DocReport;

/// Version of the schema; bumped only on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// `check --format json`: every draft checked, and the files that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct Report<'a> {
    pub schema_version: u32,
    pub documents: Vec<Document<'a>>,
    /// Files that could not be read: path and a Chinese message.
    pub errors: Vec<ReadError>,
}

/// A file that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

/// One checked draft: what `POST /api/check` answers, and an element of [`Report::documents`].
#[derive(Debug, Clone, Serialize)]
pub struct Document<'a> {
    pub path: String,
    pub title: &'a str,
    pub unit: Option<&'a str>,
    pub date: Option<&'a str>,
    /// Length of the text in characters.
    pub chars: usize,
    pub category: Category,
    pub elements: Elements,
    /// Quality score (0–100, with what each check cost) and points under the 计分办法.
    pub score: Score<'a>,
    pub coverage: Coverage,
    pub diagnostics: Vec<Finding>,
    /// With an archive: the earlier items this draft is the same item as, each with why
    /// (`duplicate.kind`, `duplicate.shared` figures, places and names, `shared` sentences).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub duplicate_of: &'a [crate::index::archive::Reuse],
    /// The archive could not be read for this draft: it was not compared with earlier items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archive_error: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Score<'a> {
    pub quality: u32,
    pub deductions: &'a [crate::scoring::Deduction],
    pub points: &'a crate::scoring::Points,
}

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: &'static str,
    pub label: &'static str,
    pub confidence: f64,
    /// true when the category comes from the metadata (类别:).
    pub declared: bool,
    /// What the text reads like, whatever was declared.
    pub inferred: &'static str,
    pub inferred_confidence: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Elements {
    pub data_points: Vec<DataPoint>,
    pub places: Vec<Place>,
    pub typical_cases: Vec<Passage>,
    pub suggestions: Vec<Suggestion>,
    pub stale: Vec<Stale>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataPoint {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub level: Option<DataLevel>,
    pub kind: DataKind,
}

#[derive(Debug, Clone, Serialize)]
pub struct Place {
    pub name: String,
    /// Full official name when known (北川 → 北川羌族自治县).
    pub canonical: Option<String>,
    pub level: PlaceLevel,
    pub code: Option<String>,
    pub start: usize,
    pub end: usize,
    /// Inside the configured region; null when no region is set or it cannot be told.
    pub in_region: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub operable: bool,
    pub missing: Vec<Missing>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stale {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: crate::elements::StaleClass,
    pub replacement: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub county: bool,
    pub township: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The rule's code (X001) and name (missing-data).
    pub code: &'static str,
    pub name: &'static str,
    /// error | warning | info.
    pub severity: &'static str,
    /// What is wrong, in Chinese.
    pub message: String,
    /// Character offsets into the text (`check`, the server); absent in the audit's report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// 1-based line and column (characters).
    pub line: usize,
    pub column: usize,
    /// Where a Word user finds it: `第3段“高度重视”` (see [`super::word_location`]); the
    /// audit's report only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The text the finding points at (at most 40 characters); the audit's report only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
    /// How to fix it, in Chinese.
    pub suggestion: Option<String>,
}

impl Finding {
    /// The finding of `d` at 1-based `line` and `column`, without offsets or location (each
    /// report adds what it gives).
    pub fn of(d: &crate::diagnostic::Diagnostic, (line, column): (usize, usize)) -> Finding {
        Finding {
            code: d.code,
            name: d.name,
            severity: d.severity.id(),
            message: d.message.clone(),
            start: None,
            end: None,
            line,
            column,
            location: None,
            excerpt: None,
            suggestion: d.suggestion.clone(),
        }
    }
}

impl<'a> Document<'a> {
    /// The document object of a checked draft; the text itself only with `include_text`.
    pub fn new(r: &'a DocReport, include_text: bool) -> Document<'a> {
        let text = r.doc.text.as_str();
        // Offsets are converted in one pass: collect every byte offset, sort, walk the text once.
        let mut wanted: Vec<usize> = Vec::new();
        let a = &r.analysis;
        let e = &r.elements;
        for d in &a.data_points {
            wanted.extend([d.start, d.end]);
        }
        for p in &a.places {
            wanted.extend([p.start, p.end]);
        }
        for c in &e.typical_cases {
            wanted.extend([c.start, c.end]);
        }
        for s in &e.suggestions {
            wanted.extend([s.start, s.end]);
        }
        for s in &e.stale {
            wanted.extend([s.start, s.end]);
        }
        for d in &r.diagnostics {
            wanted.extend([d.start, d.end]);
        }
        wanted.sort_unstable();
        wanted.dedup();
        let mut map = std::collections::HashMap::with_capacity(wanted.len());
        let (mut chars, mut last) = (0usize, 0usize);
        for &b in &wanted {
            chars += text[last..b].chars().count();
            last = b;
            map.insert(b, chars);
        }
        let c = |b: usize| map[&b];
        let pos = Positions::new(text);
        let slice = |s: usize, e: usize| text[s..e].to_string();
        Document {
            duplicate_of: &r.history,
            path: r.doc.path.display().to_string(),
            title: r.doc.meta.title.as_deref().unwrap_or(""),
            unit: r.doc.meta.unit.as_deref(),
            date: r.doc.meta.date.as_deref(),
            chars: text.chars().count(),
            category: Category {
                id: e.category.category.id(),
                label: e.category.category.label(),
                confidence: e.category.confidence,
                declared: e.category.declared.is_some(),
                inferred: e.category.inferred.id(),
                inferred_confidence: e.category.inferred_confidence,
            },
            elements: Elements {
                data_points: a
                    .data_points
                    .iter()
                    .map(|d| DataPoint {
                        text: slice(d.start, d.end),
                        start: c(d.start),
                        end: c(d.end),
                        level: d.level,
                        kind: d.kind,
                    })
                    .collect(),
                places: a
                    .places
                    .iter()
                    .map(|p| Place {
                        name: p.name.clone(),
                        canonical: p.canonical.clone(),
                        level: p.level,
                        code: p.code.clone(),
                        start: c(p.start),
                        end: c(p.end),
                        in_region: p.in_region,
                    })
                    .collect(),
                typical_cases: e
                    .typical_cases
                    .iter()
                    .map(|t| Passage {
                        text: slice(t.start, t.end),
                        start: c(t.start),
                        end: c(t.end),
                    })
                    .collect(),
                suggestions: e
                    .suggestions
                    .iter()
                    .map(|s| Suggestion {
                        text: slice(s.start, s.end),
                        start: c(s.start),
                        end: c(s.end),
                        operable: s.operable,
                        missing: s.missing.clone(),
                    })
                    .collect(),
                stale: e
                    .stale
                    .iter()
                    .map(|s| Stale {
                        text: slice(s.start, s.end),
                        start: c(s.start),
                        end: c(s.end),
                        kind: s.class,
                        replacement: s.replacement.clone(),
                    })
                    .collect(),
            },
            score: Score {
                quality: r.quality.quality,
                deductions: &r.quality.deductions,
                points: &r.points,
            },
            coverage: Coverage {
                county: e.coverage.county,
                township: e.coverage.township,
            },
            diagnostics: r
                .diagnostics
                .iter()
                .map(|d| Finding {
                    start: Some(c(d.start)),
                    end: Some(c(d.end)),
                    ..Finding::of(d, pos.line_col(d.start))
                })
                .collect(),
            archive_error: r.archive_error.as_deref(),
            text: include_text.then_some(text),
        }
    }
}

/// `xinjian dups --format json`: the groups of items that are one item sent more than once.
#[derive(Debug, Clone, Serialize)]
pub struct DupsReport {
    pub schema_version: u32,
    pub clusters: Vec<Cluster>,
    /// Files that could not be read, in Chinese.
    pub errors: Vec<String>,
}

/// One group: its items and the pairs that make it.
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    pub members: Vec<Member>,
    pub pairs: Vec<DupPair>,
}

/// An item of a group.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub path: String,
    pub title: String,
    pub unit: Option<String>,
    pub date: Option<String>,
    /// From the archive (true) or given on the command line (false).
    pub archived: bool,
}

/// Two items of a group and why they are one item.
#[derive(Debug, Clone, Serialize)]
pub struct DupPair {
    pub a: String,
    pub b: String,
    /// The larger of Jaccard and containment.
    pub similarity: f64,
    pub jaccard: f64,
    pub containment: f64,
    /// resubmission | recycled | copied_passage | rewrite
    pub kind: Option<Kind>,
    /// The facts both state (figures, places, names) and shared sentences.
    pub shared: Option<Shared>,
    pub sentences: Vec<String>,
    /// Why, in one line of Chinese.
    pub why: String,
}
