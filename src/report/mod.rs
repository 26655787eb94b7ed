//! Output formats. Each format is one file behind [`Reporter`]; none of them decides anything,
//! they only render [`DocReport`]s and the files that could not be read.

pub mod json;
pub mod terminal;

pub use terminal::score_line;

use std::io::{self, Write};

use crate::{DocReport, SourceError};

/// The result for one input file.
pub type Outcome = Result<DocReport, SourceError>;

/// Output formats of `xinjian check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// 终端：file:line:col, the line, carets under the span.
    Terminal,
    /// JSON, schema_version 1.
    Json,
}

/// Options shared by formats.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub color: bool,
    pub include_text: bool,
}

/// Renders outcomes.
pub trait Reporter {
    fn write(&self, outcomes: &[Outcome], opts: Options, out: &mut dyn Write) -> io::Result<()>;
}

impl Format {
    pub fn reporter(self) -> Box<dyn Reporter> {
        match self {
            Format::Terminal => Box::new(terminal::Terminal),
            Format::Json => Box::new(json::Json),
        }
    }
}

/// Where a Word user finds a span: `第3段“高度重视”` — the paragraph as the file has it
/// (the masthead counted) and the span's first characters (at most 12, on one line).
pub fn word_location(doc: &crate::Document, start: usize, end: usize) -> String {
    let text = doc.text.as_str();
    let paragraph = doc.map.paragraph(start).unwrap_or_else(|| {
        text.get(..start)
            .map_or(0, |t| {
                t.split('\n').filter(|l| !l.trim().is_empty()).count()
            })
            .max(1)
    });
    let span = text.get(start..end.max(start)).unwrap_or("");
    let span = span
        .split('\n')
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let mut quote: String = span.chars().take(12).collect();
    if span.chars().nth(12).is_some() || span.len() < text.get(start..end).map_or(0, str::len) {
        quote.push('…');
    }
    if quote.is_empty() {
        format!("第{paragraph}段")
    } else {
        format!("第{paragraph}段“{quote}”")
    }
}

/// Counts by severity over all outcomes.
pub fn totals(outcomes: &[Outcome]) -> (usize, usize, usize, usize) {
    let (mut e, mut w, mut i, mut failed) = (0, 0, 0, 0);
    for o in outcomes {
        match o {
            Ok(r) => {
                for d in &r.diagnostics {
                    match d.severity {
                        crate::Severity::Error => e += 1,
                        crate::Severity::Warning => w += 1,
                        crate::Severity::Info => i += 1,
                    }
                }
            }
            Err(_) => failed += 1,
        }
    }
    (e, w, i, failed)
}
