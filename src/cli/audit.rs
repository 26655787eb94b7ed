//! `xinjian audit PATH... [--since D --until D] [--out DIR]`: check every item in parallel and
//! write the report folder (report.html, report.xlsx, report.json, report.md).

use std::io::IsTerminal;
use std::path::Path;

use rayon::prelude::*;

use super::AuditArgs;
use crate::audit::{self, Audit, DateRange, DuplicateRef, Item};
use crate::{annotate, source, SourceError};

/// Writes `bytes` to `dir/name` through a temporary file, so a report is never half written.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, dir.join(name))
}

/// Exit codes: 0 the report was written; 2 it could not be (or some file could not be read —
/// the report is written all the same, with those files as error rows).
pub fn run(args: AuditArgs) -> i32 {
    let (since, until) = match super::date_bounds(args.since.as_deref(), args.until.as_deref()) {
        Ok(b) => b,
        Err(code) => return code,
    };
    // Loading the dictionaries and the gazetteer (about 0.2 s) runs on a thread of its own
    // while the submissions are found and read; nothing is printed before it is done, so
    // that a configuration error is still the only message.
    std::thread::scope(|scope| {
        let loading = scope.spawn(|| super::engine(&args.engine));
        run_with(
            &args,
            since,
            until,
            || {
                loading
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e))
            },
            false,
        )
    })
}

/// The audit of `args.paths` into `args.out` with the engine `engine` gives (the command
/// loads one while the drafts are read; the server lends its own). `quiet`: nothing printed
/// (the server gives the report instead).
pub fn run_with<E: std::borrow::Borrow<crate::Engine>>(
    args: &AuditArgs,
    since: Option<String>,
    until: Option<String>,
    engine: impl FnOnce() -> Result<E, i32>,
    quiet: bool,
) -> i32 {
    macro_rules! say {
        ($($t:tt)*) => { if !quiet { println!($($t)*) } };
    }
    macro_rules! warn {
        ($($t:tt)*) => { if !quiet { eprintln!($($t)*) } };
    }
    // The report folder is not a submission (a second run in the same folder would audit the
    // first run's report.md), and a file given twice is audited once.
    let out_dir = std::fs::canonicalize(&args.out).ok();
    // Reports written into a folder being audited would be mixed with its drafts.
    if let Some(o) = &out_dir {
        let inside = args
            .paths
            .iter()
            .find(|p| p.is_dir() && std::fs::canonicalize(p).is_ok_and(|c| &c == o));
        if let Some(p) = inside {
            warn!(
                "xinjian：报告文件夹（--out {}）就是要审核的文件夹 {}，报告会和稿件混在一起。请用 --out 另指定一个文件夹，如 --out {}审核报告",
                args.out.display(),
                p.display(),
                p.display().to_string().trim_end_matches(['/', '\\'])
            );
            return 2;
        }
    }
    let mut seen = std::collections::HashSet::new();
    let collected = source::collect(&args.paths);
    let notice = collected.skipped_notice();
    // A file whose name dates it outside the audited range is not one of this month's.
    let named_range = DateRange {
        since: since.clone(),
        until: until.clone(),
    };
    let unsupported: Vec<String> = collected
        .skipped
        .iter()
        .filter(|p| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            let date = source::meta::meta_from_file_name(&stem).date;
            date.is_none() || named_range.contains(date.as_deref())
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
    let engine = match engine() {
        Ok(e) => e,
        Err(code) => return code,
    };
    let engine: &crate::Engine = engine.borrow();
    // The 报送台账: its categories, units, dates and adoptions override the drafts' own.
    let ledger = match args.ledger.as_ref().or(engine.config.ledger.as_ref()) {
        Some(path) => match audit::ledger::Ledger::load(path) {
            Ok(l) => Some(l),
            Err(e) => {
                warn!("xinjian：{e}");
                warn!("xinjian：请修正报送台账后重新运行；没有写出报告");
                return 2;
            }
        },
        None => None,
    };
    let mut docs = docs;
    let ledger_check = ledger.as_ref().map(|l| {
        let mut refs: Vec<&mut source::Document> =
            docs.iter_mut().filter_map(|d| d.as_mut().ok()).collect();
        l.apply(&mut refs)
    });
    if let Some(notice) = notice {
        warn!("{notice}");
    }
    if !missing.is_empty() {
        for e in &missing {
            warn!("xinjian：{e}");
        }
        warn!("xinjian：请检查路径后重新运行；没有写出报告");
        return 2;
    }
    if count == 0 {
        warn!(
            "xinjian：给出的文件夹里没有可审核的稿件（{}）",
            source::supported_list()
        );
        return 2;
    }
    let bar = if !quiet && std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(count as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("审核中 {bar:40} {pos}/{len} 篇 {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    // With --annotate, each item's annotated copy goes into the report folder's 批注稿, under
    // a name chosen here so that two drafts never share one.
    let copies_dir = args.out.join(COPIES);
    let mut taken = std::collections::HashSet::new();
    let docs: Vec<_> = docs
        .into_iter()
        .map(|d| {
            let copy = match (&d, args.annotate) {
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
    if args.annotate {
        if let Err(e) = std::fs::create_dir_all(&copies_dir) {
            warn!(
                "xinjian：{}：无法创建批注稿文件夹（{e}）",
                copies_dir.display()
            );
            return 2;
        }
    }
    let today = annotate::today();
    let copy_failures = std::sync::atomic::AtomicUsize::new(0);
    // Each checked document is reduced to what the audit keeps as soon as it is checked.
    let entries: Vec<Result<Item, SourceError>> = docs
        .into_par_iter()
        .map(|(d, copy)| {
            let r = d.and_then(|d| engine.check_isolated(d)).map(|r| {
                let annotated = copy.and_then(|out| match write_copy(&r, &out, &today) {
                    Ok(()) => out
                        .file_name()
                        .map(|n| format!("{COPIES}/{}", n.to_string_lossy())),
                    Err(e) => {
                        copy_failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        warn!("xinjian：{e}");
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
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let unreadable = entries.iter().filter(|o| o.is_err()).count();
    let range = DateRange { since, until };
    let mut report = Audit::build(entries, &range);
    report.unsupported = unsupported;
    // Who should have reported: the configuration's list and every unit the ledger names.
    let mut expected = engine.config.units.clone();
    if let Some(l) = &ledger {
        expected.extend(l.rows.iter().filter_map(|r| r.unit.clone()));
    }
    report.expect_units(&expected);
    report.ledger = ledger_check;

    let out = &args.out;
    if let Err(e) = std::fs::create_dir_all(out).and_then(|_| {
        // Marks the folder as xinjian's own, so a later run over this tree skips it.
        std::fs::write(
            out.join(source::OUTPUT_MARKER),
            "信鉴审核报告文件夹：信鉴读取稿件时跳过这个文件夹。\n",
        )
    }) {
        warn!("xinjian：{}：无法创建报告文件夹（{e}）", out.display());
        return 2;
    }
    // The four reports are rendered at the same time (the HTML page and the workbook are the
    // slow ones); each file is then put in place atomically.
    let tmp_xlsx = out.join(".report.xlsx.tmp");
    let ((json, html), (md, xlsx)) = rayon::join(
        || {
            rayon::join(
                || serde_json::to_vec_pretty(&report),
                || audit::html::render(&report),
            )
        },
        || {
            rayon::join(
                || audit::markdown::render(&report),
                || audit::xlsx::write(&report, &tmp_xlsx),
            )
        },
    );
    let json = match json {
        Ok(j) => j,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp_xlsx);
            warn!("xinjian：报告无法生成（{e}）");
            return 2;
        }
    };
    // The workbook first: if it failed, the previous run's reports stay together.
    let written = xlsx
        .map_err(|e| e.to_string())
        .and_then(|_| {
            write_atomically(out, "report.json", &json)
                .and_then(|_| write_atomically(out, "report.html", html.as_bytes()))
                .and_then(|_| write_atomically(out, "report.md", md.as_bytes()))
                .map_err(|e| e.to_string())
        })
        .and_then(|_| {
            std::fs::rename(&tmp_xlsx, out.join("report.xlsx")).map_err(|e| e.to_string())
        });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp_xlsx);
        warn!("xinjian：{}：报告写入失败（{e}）", out.display());
        return 2;
    }

    let t = &report.totals;
    let m = &report.type_mix;
    let verdict = |key: bool| {
        if t.items == 0 {
            "无稿件".to_string()
        } else {
            m.verdict(key)
        }
    };
    say!(
        "审核了 {} 个单位的 {} 篇稿件：平均质量分 {}，问题类+专报类+调研类占 {:.1}%（要求 ≥80%，{}），问题类占 {:.1}%（要求 ≥50%，{}），疑似重复 {} 篇。",
        t.units,
        t.items,
        t.average_quality
            .map_or("—".to_string(), |q| format!("{q:.1}")),
        m.key_share * 100.0,
        verdict(true),
        m.problem_share * 100.0,
        verdict(false),
        t.duplicate_items
    );
    if t.units_sent_nothing > 0 {
        let names: Vec<&str> = report
            .units
            .iter()
            .filter(|u| u.sent_nothing)
            .map(|u| u.unit.as_str())
            .collect();
        say!(
            "应报送而本期没有报送的单位 {} 个：{}。",
            names.len(),
            names.join("、")
        );
    }
    if let Some(l) = &report.ledger {
        say!(
            "报送台账 {} 行，与稿件对上 {} 行；台账中有、找不到稿件的 {} 行，文件夹里有、台账中没有的稿件 {} 篇（报告中列出）。",
            l.rows,
            l.matched,
            l.unmatched_rows.len(),
            l.unmatched_files.len()
        );
    }
    for e in &report.errors {
        warn!("xinjian：{}", e.message);
    }
    if !report.skipped.is_empty() {
        say!(
            "{} 篇稿件的日期不在审核范围内（或没有日期），未纳入。",
            report.skipped.len()
        );
    }
    if !report.unsupported.is_empty() {
        say!(
            "{} 个文件是 PDF、OFD 等不能读取的格式，未纳入（报告中列出了文件名）；另存为 .docx 或 .txt 后重新审核。",
            report.unsupported.len()
        );
    }
    say!(
        "报告已写入 {}：用浏览器打开 report.html；report.xlsx 是报送清单；report.md 是可贴入通报的摘要；report.json 供其他程序读取。",
        out.display()
    );
    if t.items == 0 {
        warn!(
            "xinjian：没有纳入审核的稿件（文件都读不了，或日期都不在审核范围内），报告中没有数字"
        );
        return 2;
    }
    if args.annotate {
        let written = report
            .items
            .iter()
            .filter(|i| i.annotated.is_some())
            .count();
        say!(
            "批注稿 {written} 篇已写入 {}（在 report.html 和 report.xlsx 中点击可打开）。",
            copies_dir.display()
        );
    }
    if unreadable > 0 || copy_failures.into_inner() > 0 {
        2
    } else {
        0
    }
}

/// The report folder's subfolder for annotated copies.
const COPIES: &str = "批注稿";

/// Reads the checked draft again and writes its annotated copy to `out`.
fn write_copy(
    r: &crate::DocReport,
    out: &Path,
    today: &str,
) -> Result<(), annotate::AnnotateError> {
    let path = &r.doc.path;
    crate::isolate::isolate(&path.display().to_string(), || {
        Ok(source::read_bytes(path)
            .map_err(annotate::AnnotateError::from)
            .and_then(|bytes| annotate::annotate(path, &bytes, r, today))
            .and_then(|a| annotate::write_copy(out, &a.bytes)))
    })
    .map_err(annotate::AnnotateError::from)
    .and_then(|x| x)
}
