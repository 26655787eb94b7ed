//! `xinjian audit PATH... [--since D --until D] [--out DIR]`: check every item in parallel and
//! write the report folder (report.html, report.xlsx, report.json, report.md).

use super::{Exit, Fatal};
use std::io::IsTerminal;

use super::AuditArgs;
use xinjian::audit::{self, DateRange};

/// Exit codes: 0 the report was written; 2 it could not be (or some file could not be read —
/// the report is written all the same, with those files as error rows).
pub fn run(args: AuditArgs) -> Exit {
    let (since, until) = xinjian::date::bounds(args.since.as_deref(), args.until.as_deref())?;
    // Loading the dictionaries and the gazetteer (about 0.2 s) runs on a thread of its own
    // while the submissions are found and read; nothing is printed before it is done, so
    // that a configuration error is still the only message.
    std::thread::scope(|scope| {
        let loading = scope.spawn(|| super::engine(&args.engine));
        run_with(&args, since, until, || {
            loading
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))
        })
    })
}

/// The audit of `args.paths` into `args.out` (see [`audit::run::run`]) and what it prints.
fn run_with(
    args: &AuditArgs,
    since: Option<String>,
    until: Option<String>,
    engine: impl FnOnce() -> Result<xinjian::Engine, Fatal>,
) -> Exit {
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("审核中 {bar:40} {pos}/{len} 篇 {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let req = audit::run::Request {
        paths: &args.paths,
        range: DateRange { since, until },
        out: &args.out,
        ledger: args.ledger.as_deref(),
        annotate: args.annotate,
    };
    let run = audit::run::run(&req, || engine().map_err(|f| f.0), &|total| {
        bar.set_length(total as u64);
        bar.inc(1)
    });
    bar.finish_and_clear();
    let run = match run {
        Ok(r) => r,
        Err(audit::run::RunError::Engine(message)) => return Err(Fatal(message)),
        Err(e) => {
            if let audit::run::RunError::Missing {
                notice: Some(n), ..
            }
            | audit::run::RunError::NoDrafts { notice: Some(n) } = &e
            {
                eprintln!("{n}");
            }
            return Err(Fatal(e.to_string()));
        }
    };
    if let Some(notice) = &run.notice {
        eprintln!("{notice}");
    }
    for e in run.copy_errors.iter().chain(&run.archive_errors) {
        eprintln!("xinjian：{e}");
    }
    let report = &run.report;
    let copies_dir = &run.copies_dir;
    let out = &args.out;
    let t = &report.totals;
    let m = &report.type_mix;
    let verdict = |key: bool| {
        if t.items == 0 {
            "无稿件".to_string()
        } else {
            m.verdict(key)
        }
    };
    println!(
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
        println!(
            "应报送而本期没有报送的单位 {} 个：{}。",
            names.len(),
            names.join("、")
        );
    }
    if let Some(l) = &report.ledger {
        println!(
            "报送台账 {} 行，与稿件对上 {} 行；台账中有、找不到稿件的 {} 行，文件夹里有、台账中没有的稿件 {} 篇（报告中列出）。",
            l.rows,
            l.matched,
            l.unmatched_rows.len(),
            l.unmatched_files.len()
        );
    }
    for e in &report.errors {
        eprintln!("xinjian：{}", e.message);
    }
    if !report.skipped.is_empty() {
        println!(
            "{} 篇稿件的日期不在审核范围内（或没有日期），未纳入。",
            report.skipped.len()
        );
    }
    if !report.unsupported.is_empty() {
        println!(
            "{} 个文件是 PDF、OFD 等不能读取的格式，未纳入（报告中列出了文件名）；另存为 .docx 或 .txt 后重新审核。",
            report.unsupported.len()
        );
    }
    println!(
        "报告已写入 {}：用浏览器打开 report.html；report.xlsx 是报送清单；report.md 是可贴入通报的摘要；report.json 供其他程序读取。",
        out.display()
    );
    if t.items == 0 {
        return Err(Fatal(
            "没有纳入审核的稿件（文件都读不了，或日期都不在审核范围内），报告中没有数字".into(),
        ));
    }
    if args.annotate {
        let written = report
            .items
            .iter()
            .filter(|i| i.annotated.is_some())
            .count();
        println!(
            "批注稿 {written} 篇已写入 {}（在 report.html 和 report.xlsx 中点击可打开）。",
            copies_dir.display()
        );
    }
    let partly =
        run.unreadable > 0 || !run.copy_errors.is_empty() || !run.archive_errors.is_empty();
    Ok(if partly { 2 } else { 0 })
}
