//! `--format json`: the schema-1 report of DESIGN.md, made of the public types of
//! [`super::model`]. The documents are collected and the report written at the end (one JSON
//! value).

use std::io::{self, Write};

use super::model::{Document, ReadError, Report, SCHEMA_VERSION};
use super::{Options, Outcome, Sink};
use crate::DocReport;

/// The JSON report, collected one document at a time.
pub struct Json<'a> {
    out: &'a mut dyn Write,
    include_text: bool,
    report: Report<'a>,
}

impl<'a> Json<'a> {
    pub fn new(opts: Options, out: &'a mut dyn Write) -> Json<'a> {
        Json {
            out,
            include_text: opts.include_text,
            report: Report {
                schema_version: SCHEMA_VERSION,
                documents: Vec::new(),
                errors: Vec::new(),
            },
        }
    }
}

impl<'a> Sink<'a> for Json<'a> {
    fn document(&mut self, outcome: &'a Outcome) -> io::Result<()> {
        match outcome {
            Ok(r) => self
                .report
                .documents
                .push(Document::new(r, self.include_text)),
            Err(e) => self.report.errors.push(ReadError {
                path: e.path().to_string(),
                message: e.to_string(),
            }),
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        let Json { out, report, .. } = *self;
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)
    }
}

/// One document's object of the schema-1 report — what `check --format json` writes inside
/// `documents` — on its own and compact: the body of `xinjian serve`'s `POST /api/check`.
pub fn document(r: &DocReport, include_text: bool) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&Document::new(r, include_text))
}
