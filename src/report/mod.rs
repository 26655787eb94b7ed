//! Output formats. Each format is one file behind [`Sink`]; none of them decides anything,
//! they only render [`DocReport`]s and the files that could not be read. What they write is
//! the public model of [`model`].

pub mod json;
pub mod model;
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

/// Where a run's results go, one input at a time and in input order (ripgrep's `Sink`,
/// typos' `Report`): the terminal prints each draft as it comes, JSON collects the documents
/// into one report, and a format writing one file per draft fits the same way.
pub trait Sink<'a> {
    /// One input's outcome.
    fn document(&mut self, outcome: &'a Outcome) -> io::Result<()>;
    /// After the last input: the summary, or the collected report.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// Every outcome into `sink`, then its end.
pub fn write_all<'a>(mut sink: Box<dyn Sink<'a> + 'a>, outcomes: &'a [Outcome]) -> io::Result<()> {
    for o in outcomes {
        sink.document(o)?;
    }
    sink.finish()
}

impl Format {
    /// The sink of this format, writing to `out`.
    pub fn sink<'a>(self, opts: Options, out: &'a mut dyn Write) -> Box<dyn Sink<'a> + 'a> {
        match self {
            Format::Terminal => Box::new(terminal::Terminal::new(opts, out)),
            Format::Json => Box::new(json::Json::new(opts, out)),
        }
    }

    /// All of `outcomes` in this format to `out`.
    pub fn render(
        self,
        outcomes: &[Outcome],
        opts: Options,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        write_all(self.sink(opts, out), outcomes)
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

/// Findings by severity, files checked and files that could not be read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub checked: usize,
    pub failed: usize,
}

impl Totals {
    pub fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Ok(r) => {
                self.checked += 1;
                for d in &r.diagnostics {
                    match d.severity {
                        crate::Severity::Error => self.errors += 1,
                        crate::Severity::Warning => self.warnings += 1,
                        crate::Severity::Info => self.infos += 1,
                    }
                }
            }
            Err(_) => self.failed += 1,
        }
    }
}
