//! The audit as one library call: find and read the submissions, check each in parallel (with
//! its annotated copy when asked), apply the ledger, build the [`Audit`] and write the report
//! folder (report.html, report.xlsx, report.json, report.md) atomically. `xinjian audit` and
//! the server's `POST /api/audit` both call [`run`]; the command prints what it returns.

use std::borrow::Borrow;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Audit, DateRange, DuplicateRef, Item};
use crate::{annotate, source, Engine, SourceError};

/// What to audit and where the report goes.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub paths: &'a [PathBuf],
    /// Full dates (see [`crate::date::bounds`]).
    pub range: DateRange,
    pub out: &'a Path,
    /// The 报送台账; the configuration's when `None`.
    pub ledger: Option<&'a Path>,
    /// Write each item's annotated copy into the report folder's [`COPIES`].
    pub annotate: bool,
}

/// What an audit did, for the caller to tell.
#[derive(Debug)]
pub struct Run {
    pub report: Audit,
    /// Files of the kinds not read (PDF, OFD …), and files skipped, said once.
    pub notice: Option<String>,
    /// Submissions that could not be read (error rows in the report).
    pub unreadable: usize,
    /// Annotated copies that could not be written, in Chinese.
    pub copy_errors: Vec<String>,
    /// Drafts the archive could not be compared with: path and why, in Chinese.
    pub archive_errors: Vec<String>,
    /// Where the annotated copies went.
    pub copies_dir: PathBuf,
}

/// Why no report was written, in Chinese. `E` is the engine loader's own error.
#[derive(Debug)]
pub enum RunError<E> {
    /// The report folder is one of the folders audited.
    OutIsInput(String),
    /// Paths that do not exist (a mistyped argument), with the notice about skipped files.
    Missing {
        notice: Option<String>,
        paths: Vec<String>,
    },
    /// Nothing to audit.
    NoDrafts {
        notice: Option<String>,
    },
    Ledger(String),
    Write(String),
    Engine(E),
}

impl<E: std::fmt::Display> std::fmt::Display for RunError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            RunError::OutIsInput(m) | RunError::Ledger(m) | RunError::Write(m) => f.write_str(m),
            RunError::Missing { paths, .. } => write!(
                f,
                "{}\n请检查路径后重新运行；没有写出报告",
                paths.join("\n")
            ),
            RunError::NoDrafts { .. } => write!(
                f,
                "给出的文件夹里没有可审核的稿件（{}）",
                source::supported_list()
            ),
            RunError::Engine(e) => e.fmt(f),
        }
    }
}

/// The report folder's subfolder for annotated copies.
pub const COPIES: &str = "批注稿";

/// Writes `bytes` to `dir/name` through a temporary file, so a report is never half written.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, dir.join(name))
}

/// Audits `req.paths` into `req.out` with the engine `engine` gives: the command loads one
/// while the drafts are read, the server lends its own. `checked` is called once per item
/// checked with the number of items (a progress bar).
pub fn run<B: Borrow<Engine>, E>(
    req: &Request,
    engine: impl FnOnce() -> Result<B, E>,
    checked: &(dyn Fn(usize) + Sync),
) -> Result<Run, RunError<E>> {
    // The report folder is not a submission (a second run in the same folder would audit the
    // first run's report.md), and a file given twice is audited once.
    let out_dir = std::fs::canonicalize(req.out).ok();
    // Reports written into a folder being audited would be mixed with its drafts.
    if let Some(o) = &out_dir {
        let inside = req
            .paths
            .iter()
            .find(|p| p.is_dir() && std::fs::canonicalize(p).is_ok_and(|c| &c == o));
        if let Some(p) = inside {
            return Err(RunError::OutIsInput(format!(
                "报告文件夹（--out {}）就是要审核的文件夹 {}，报告会和稿件混在一起。请用 --out 另指定一个文件夹，如 --out {}审核报告",
                req.out.display(),
                p.display(),
                p.display().to_string().trim_end_matches(['/', '\\'])
            )));
        }
    }
    let mut seen = std::collections::HashSet::new();
    let collected = source::collect(req.paths);
    let notice = collected.skipped_notice();
    // A file whose name dates it outside the audited range is not one of this month's.
    let unsupported: Vec<String> = collected
        .skipped
        .iter()
        .filter(|p| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            let date = source::meta::meta_from_file_name(&stem).date;
            date.is_none() || req.range.contains(date.as_deref())
        })
        .map(|p| p.display().to_string())
        .collect();
    let files: Vec<_> = collected
        .files
        .into_iter()
        .filter(|f| match f {
            Ok(p) => {
                let canon = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                !out_dir.as_ref().is_some_and(|o| canon.starts_with(o)) && seen.insert(canon)
            }
            Err(_) => true,
        })
        .collect();
    // A path that does not exist is a mistyped argument, not a bad submission: a report
    // without that folder's items would look complete and be wrong, so nothing is written.
    let missing: Vec<String> = files
        .iter()
        .filter_map(|f| f.as_ref().err())
        .filter(|e| matches!(e, SourceError::NotFound { .. }))
        .map(|e| e.to_string())
        .collect();
    let count = files.len();
    // Read while the engine loads (unless nothing will be audited).
    let docs: Vec<Result<source::Document, SourceError>> = if missing.is_empty() {
        files
            .into_par_iter()
            .map(|f| f.and_then(|p| source::load_isolated(&p)))
            .collect()
    } else {
        Vec::new()
    };
    let engine = engine().map_err(RunError::Engine)?;
    let engine: &Engine = engine.borrow();
    // The 报送台账: its categories, units, dates and adoptions override the drafts' own.
    let ledger = match req.ledger.or(engine.config().ledger.as_deref()) {
        Some(path) => Some(super::ledger::Ledger::load(path).map_err(|e| {
            RunError::Ledger(format!("{e}\n请修正报送台账后重新运行；没有写出报告"))
        })?),
        None => None,
    };
    let mut docs = docs;
    let ledger_check = ledger.as_ref().map(|l| {
        let mut refs: Vec<&mut source::Document> =
            docs.iter_mut().filter_map(|d| d.as_mut().ok()).collect();
        l.apply(&mut refs)
    });
    if !missing.is_empty() {
        return Err(RunError::Missing {
            notice,
            paths: missing,
        });
    }
    if count == 0 {
        return Err(RunError::NoDrafts { notice });
    }
    // With annotate, each item's annotated copy goes into the report folder's 批注稿, under a
    // name chosen here so that two drafts never share one.
    let copies_dir = req.out.join(COPIES);
    let mut taken = std::collections::HashSet::new();
    let docs: Vec<_> = docs
        .into_iter()
        .map(|d| {
            let copy = match (&d, req.annotate) {
                (Ok(doc), true) => {
                    let p = annotate::output_path_avoiding(&doc.path, Some(&copies_dir), &taken);
                    taken.insert(p.clone());
                    Some(p)
                }
                _ => None,
            };
            (d, copy)
        })
        .collect();
    if req.annotate {
        std::fs::create_dir_all(&copies_dir).map_err(|e| {
            RunError::Write(format!(
                "{}：无法创建批注稿文件夹（{e}）",
                copies_dir.display()
            ))
        })?;
    }
    let today = annotate::today();
    let copy_errors = std::sync::Mutex::new(Vec::new());
    let archive_errors = std::sync::Mutex::new(Vec::new());
    // Each checked document is reduced to what the audit keeps as soon as it is checked.
    let entries: Vec<Result<Item, SourceError>> = docs
        .into_par_iter()
        .map(|(d, copy)| {
            let r = d.and_then(|d| engine.check_isolated(d)).map(|r| {
                if let Some(e) = &r.archive_error {
                    archive_errors
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(format!(
                            "{}：没有与历史信息比对重复（{e}）",
                            r.doc.path.display()
                        ));
                }
                let annotated = copy.and_then(|out| match write_copy(&r, &out, &today) {
                    Ok(()) => out
                        .file_name()
                        .map(|n| format!("{COPIES}/{}", n.to_string_lossy())),
                    Err(e) => {
                        copy_errors
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(e.to_string());
                        None
                    }
                });
                let archived = r
                    .history
                    .iter()
                    .map(|h| DuplicateRef {
                        path: h.item.path.clone(),
                        title: h.item.title.clone(),
                        unit: h.item.unit.clone(),
                        date: h.item.date.clone(),
                        similarity: (h.similarity.score() * 1000.0).round() / 1000.0,
                        source: "archive",
                        hash: h.item.hash.clone(),
                        why: h.duplicate.clone(),
                    })
                    .collect();
                let mut item = Item::from_report(r, archived);
                item.annotated = annotated;
                item
            });
            checked(count);
            r
        })
        .collect();
    let unreadable = entries.iter().filter(|o| o.is_err()).count();
    let mut report = Audit::build(entries, &req.range);
    report.unsupported = unsupported;
    // Who should have reported: the configuration's list and every unit the ledger names.
    let mut expected = engine.config().units.clone();
    if let Some(l) = &ledger {
        expected.extend(l.rows.iter().filter_map(|r| r.unit.clone()));
    }
    report.expect_units(&expected);
    report.ledger = ledger_check;
    write(&report, req.out).map_err(RunError::Write)?;
    Ok(Run {
        report,
        notice,
        unreadable,
        copy_errors: copy_errors.into_inner().unwrap_or_else(|e| e.into_inner()),
        archive_errors: archive_errors
            .into_inner()
            .unwrap_or_else(|e| e.into_inner()),
        copies_dir,
    })
}

/// Writes the four reports into `out` (created, and marked as xinjian's own so that a later
/// run over this tree skips it), each put in place atomically.
fn write(report: &Audit, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out)
        .and_then(|_| {
            std::fs::write(
                out.join(source::OUTPUT_MARKER),
                "信鉴审核报告文件夹：信鉴读取稿件时跳过这个文件夹。\n",
            )
        })
        .map_err(|e| format!("{}：无法创建报告文件夹（{e}）", out.display()))?;
    // The four reports are rendered at the same time (the HTML page and the workbook are the
    // slow ones); each file is then put in place atomically.
    let ((json, html), (md, xlsx)) = rayon::join(
        || {
            rayon::join(
                || serde_json::to_vec_pretty(report),
                || super::html::render(report),
            )
        },
        || {
            rayon::join(
                || super::markdown::render(report),
                || {
                    let mut workbook = Vec::new();
                    super::xlsx::write(report, &mut workbook).map(|_| workbook)
                },
            )
        },
    );
    let json = json.map_err(|e| format!("报告无法生成（{e}）"))?;
    // The workbook is made first: if it could not be, the previous run's reports stay together.
    let written = xlsx.map_err(|e| e.to_string()).and_then(|workbook| {
        write_atomically(out, "report.json", &json)
            .and_then(|_| write_atomically(out, "report.html", html.as_bytes()))
            .and_then(|_| write_atomically(out, "report.md", md.as_bytes()))
            .and_then(|_| write_atomically(out, "report.xlsx", &workbook))
            .map_err(|e| e.to_string())
    });
    written.map_err(|e| format!("{}：报告写入失败（{e}）", out.display()))
}

/// Reads the checked draft again and writes its annotated copy to `out`.
fn write_copy(
    r: &crate::DocReport,
    out: &Path,
    today: &str,
) -> Result<(), annotate::AnnotateError> {
    let path = &r.doc.path;
    crate::source::isolate::isolate(&path.display().to_string(), || {
        Ok(source::read_bytes(path)
            .map_err(annotate::AnnotateError::from)
            .and_then(|bytes| annotate::annotate(path, &bytes, r, today))
            .and_then(|a| annotate::write_copy(out, &a.bytes)))
    })
    .map_err(annotate::AnnotateError::from)
    .and_then(|x| x)
}
