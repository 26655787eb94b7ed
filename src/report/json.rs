//! `--format json`: the schema-1 report of DESIGN.md. Offsets are character (Unicode scalar)
//! offsets into the document text as extracted, end exclusive; line/column are 1-based.

use std::io::{self, Write};

use serde::Serialize;

use super::{Options, Outcome, Reporter};
use crate::elements::Missing;
use crate::text::Positions;
use crate::text::{DataKind, DataLevel, PlaceLevel};
use crate::DocReport;

pub struct Json;

/// Version of this schema; bumped only on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    documents: Vec<JsonDoc<'a>>,
    /// Files that could not be read: path and a Chinese message.
    errors: Vec<JsonError>,
}

#[derive(Serialize)]
struct JsonError {
    path: String,
    message: String,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    path: String,
    title: &'a str,
    unit: Option<&'a str>,
    date: Option<&'a str>,
    /// Length of the text in characters.
    chars: usize,
    category: JsonCategory,
    elements: JsonElements,
    /// Quality score (0–100, with what each check cost) and points under the 计分办法.
    score: JsonScore<'a>,
    coverage: JsonCoverage,
    diagnostics: Vec<JsonDiagnostic>,
    /// With an archive: the earlier items this draft is the same item as, each with why
    /// (`duplicate.kind`, `duplicate.shared` figures, places and names, `shared` sentences).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    duplicate_of: &'a [crate::index::archive::Reuse],
    /// The archive could not be read for this draft: it was not compared with earlier items.
    #[serde(skip_serializing_if = "Option::is_none")]
    archive_error: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonScore<'a> {
    quality: u32,
    deductions: &'a [crate::scoring::Deduction],
    points: &'a crate::scoring::Points,
}

#[derive(Serialize)]
struct JsonCategory {
    id: &'static str,
    label: &'static str,
    confidence: f64,
    /// true when the category comes from the metadata (类别:).
    declared: bool,
    /// What the text reads like, whatever was declared.
    inferred: &'static str,
    inferred_confidence: f64,
}

#[derive(Serialize)]
struct JsonElements {
    data_points: Vec<JsonData>,
    places: Vec<JsonPlace>,
    typical_cases: Vec<JsonSpanText>,
    suggestions: Vec<JsonSuggestion>,
    stale: Vec<JsonStale>,
}

#[derive(Serialize)]
struct JsonData {
    text: String,
    start: usize,
    end: usize,
    level: Option<DataLevel>,
    kind: DataKind,
}

#[derive(Serialize)]
struct JsonPlace {
    name: String,
    /// Full official name when known (北川 → 北川羌族自治县).
    canonical: Option<String>,
    level: PlaceLevel,
    code: Option<String>,
    start: usize,
    end: usize,
    /// Inside the configured region; null when no region is set or it cannot be told.
    in_region: Option<bool>,
}

#[derive(Serialize)]
struct JsonSpanText {
    text: String,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonSuggestion {
    text: String,
    start: usize,
    end: usize,
    operable: bool,
    missing: Vec<Missing>,
}

#[derive(Serialize)]
struct JsonStale {
    text: String,
    start: usize,
    end: usize,
    kind: crate::elements::StaleClass,
    replacement: Option<String>,
}

#[derive(Serialize)]
struct JsonCoverage {
    county: bool,
    township: bool,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: String,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    suggestion: Option<String>,
}

fn doc_json<'a>(r: &'a DocReport, include_text: bool) -> JsonDoc<'a> {
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
    JsonDoc {
        duplicate_of: &r.history,
        path: r.doc.path.display().to_string(),
        title: r.doc.meta.title.as_deref().unwrap_or(""),
        unit: r.doc.meta.unit.as_deref(),
        date: r.doc.meta.date.as_deref(),
        chars: text.chars().count(),
        category: JsonCategory {
            id: e.category.category.id(),
            label: e.category.category.label(),
            confidence: e.category.confidence,
            declared: e.category.declared.is_some(),
            inferred: e.category.inferred.id(),
            inferred_confidence: e.category.inferred_confidence,
        },
        elements: JsonElements {
            data_points: a
                .data_points
                .iter()
                .map(|d| JsonData {
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
                .map(|p| JsonPlace {
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
                .map(|t| JsonSpanText {
                    text: slice(t.start, t.end),
                    start: c(t.start),
                    end: c(t.end),
                })
                .collect(),
            suggestions: e
                .suggestions
                .iter()
                .map(|s| JsonSuggestion {
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
                .map(|s| JsonStale {
                    text: slice(s.start, s.end),
                    start: c(s.start),
                    end: c(s.end),
                    kind: s.class,
                    replacement: s.replacement.clone(),
                })
                .collect(),
        },
        score: JsonScore {
            quality: r.quality.quality,
            deductions: &r.quality.deductions,
            points: &r.points,
        },
        coverage: JsonCoverage {
            county: e.coverage.county,
            township: e.coverage.township,
        },
        diagnostics: r
            .diagnostics
            .iter()
            .map(|d| {
                let (line, column) = pos.line_col(d.start);
                JsonDiagnostic {
                    code: d.code,
                    name: d.name,
                    severity: d.severity.id(),
                    message: d.message.clone(),
                    start: c(d.start),
                    end: c(d.end),
                    line,
                    column,
                    suggestion: d.suggestion.clone(),
                }
            })
            .collect(),
        archive_error: r.archive_error.as_deref(),
        text: include_text.then_some(text),
    }
}

impl Reporter for Json {
    fn write(&self, outcomes: &[Outcome], opts: Options, out: &mut dyn Write) -> io::Result<()> {
        let mut report = JsonReport {
            schema_version: SCHEMA_VERSION,
            documents: Vec::new(),
            errors: Vec::new(),
        };
        for o in outcomes {
            match o {
                Ok(r) => report.documents.push(doc_json(r, opts.include_text)),
                Err(e) => report.errors.push(JsonError {
                    path: e.path().to_string(),
                    message: e.to_string(),
                }),
            }
        }
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)
    }
}

/// One document's object of the schema-1 report — what `check --format json` writes inside
/// `documents` — on its own and compact: the body of `xinjian serve`'s `POST /api/check`.
pub fn document(r: &DocReport, include_text: bool) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&doc_json(r, include_text))
}
