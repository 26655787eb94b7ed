//! Precision and recall of every writing-quality check (issue 3) on the five labelled sets:
//! `tests/labelled/`, `tests/labelled_holdout/`, `tests/labelled_holdout2/`, `tests/labelled_holdout3/` and
//! `tests/labelled_quality/` (written to exercise these checks, with confusable negatives).
//!
//! The labels are the writing-quality fields of each `NNN_slug.toml` (see
//! `tests/labelled/README.md`). Whole-draft judgements (title too long, 套话连篇 …) are compared
//! per draft; vague time words and outdated place names per span, by overlap. The table is
//! printed (`cargo test --release --test quality_eval -- --nocapture`, with every mismatch)
//! and written to `target/quality_eval.md`; the README quotes it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use xinjian::{Config, Engine};

#[path = "common/spans.rs"]
#[allow(dead_code)] // the place and data-point helpers are for the element evaluations
mod spans;
use spans::{cell, expected_spans, txt_files, Binary, Counts};

/// The writing-quality labels; the element labels of the other sets are read by
/// `labelled_eval.rs`.
#[derive(Debug, Deserialize)]
struct Quality {
    title_generic: bool,
    long_title: bool,
    too_long: bool,
    too_short: bool,
    cliche_dense: bool,
    empty_sentences: bool,
    incomplete_structure: bool,
    vague_time: Vec<String>,
    stale_event: bool,
    hierarchy_broken: bool,
    no_problem_stated: bool,
    outdated_place_names: Vec<String>,
}

/// Every key a label file may hold (a misspelt key would silently read as “absent”).
const KNOWN_KEYS: &[&str] = &[
    "category",
    "coverage_county",
    "coverage_township",
    "typical_case",
    "counties",
    "townships",
    "villages",
    "data_points",
    "cliches",
    "outdated",
    "title_generic",
    "vague_time",
    "hierarchy_broken",
    "no_problem_stated",
    "suggestions",
    "long_title",
    "too_long",
    "too_short",
    "cliche_dense",
    "empty_sentences",
    "incomplete_structure",
    "stale_event",
    "outdated_place_names",
];

/// The whole-draft checks: label column, check name, and the words of its message that tell
/// this finding from the check's other findings.
const BINARY: &[(&str, &str, &str)] = &[
    ("标题空泛", "generic-title", "亮眼"),
    ("标题过长", "long-title", ""),
    ("篇幅过长", "too-long", ""),
    ("篇幅过短", "too-short", ""),
    ("套话过多", "cliche-density", ""),
    ("空话过多", "empty-sentence", ""),
    ("结构不完整", "incomplete-structure", ""),
    ("动态事件过旧", "vague-time", "动态信息已不及时"),
    ("层次序号不连贯", "broken-hierarchy", ""),
    ("只报成绩", "no-problem-stated", ""),
];

#[derive(Default)]
struct Tally {
    binary: BTreeMap<&'static str, Binary>,
    vague: Counts,
    renamed: Counts,
    files: usize,
}

fn evaluate(set: &str, engine: &Engine, tally: &mut Tally) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(set);
    for path in txt_files(&dir) {
        let name = format!("{set}/{}", path.file_name().unwrap().to_string_lossy());
        let raw = std::fs::read_to_string(path.with_extension("toml")).unwrap();
        let table: toml::Table = toml::from_str(&raw).unwrap_or_else(|e| panic!("{name}: {e}"));
        for k in table.keys() {
            assert!(KNOWN_KEYS.contains(&k.as_str()), "{name}: unknown key {k}");
        }
        let q: Quality = toml::from_str(&raw).unwrap_or_else(|e| panic!("{name}: {e}"));
        let r = engine.check_path(&path).unwrap_or_else(|e| panic!("{e}"));
        let text = r.doc.text.as_str();
        let diag_spans = |check: &str, containing: &str| -> Vec<(usize, usize)> {
            r.diagnostics
                .iter()
                .filter(|d| d.name == check && d.message.contains(containing))
                .map(|d| (d.start, d.end))
                .collect()
        };
        let expected = [
            q.title_generic,
            q.long_title,
            q.too_long,
            q.too_short,
            q.cliche_dense,
            q.empty_sentences,
            q.incomplete_structure,
            q.stale_event,
            q.hierarchy_broken,
            q.no_problem_stated,
        ];
        for (&(label, check, containing), exp) in BINARY.iter().zip(expected) {
            let fired = !diag_spans(check, containing).is_empty();
            tally
                .binary
                .entry(label)
                .or_default()
                .add(fired, exp, &name);
        }
        let (exp, _) = expected_spans(text, &q.vague_time);
        tally.vague.score(
            &exp,
            &diag_spans("vague-time", "没有说明具体时间"),
            |s, e| format!("{name}: {}", &text[s..e]),
        );
        let (exp, _) = expected_spans(text, &q.outdated_place_names);
        tally
            .renamed
            .score(&exp, &diag_spans("outdated-place-name", ""), |s, e| {
                format!("{name}: {}", &text[s..e])
            });
        tally.files += 1;
    }
}

#[test]
fn writing_quality_checks_precision_and_recall() {
    let engine = Engine::new(Config::default()).unwrap();
    let mut tally = Tally::default();
    for set in [
        "labelled",
        "labelled_holdout",
        "labelled_holdout2",
        "labelled_holdout3",
        "labelled_quality",
    ] {
        evaluate(set, &engine, &mut tally);
    }
    let mut md = format!(
        "五套标注集共 {} 篇（`cargo test --release --test quality_eval -- --nocapture`）：\n\n",
        tally.files
    );
    md.push_str(
        "| 检查（整篇） | 标注为有 | 报出 | 精确率 | 召回率 |\n|---|---:|---:|---:|---:|\n",
    );
    for &(label, check, _) in BINARY {
        let b = &tally.binary[label];
        md.push_str(&format!(
            "| {label}（{check}） | {} | {} | {} | {} |\n",
            b.labelled,
            b.tp + b.fp,
            cell(b.precision()),
            cell(b.recall())
        ));
    }
    md.push_str(
        "\n| 检查（逐处） | 标注数 | 查出数 | 精确率 | 召回率 |\n|---|---:|---:|---:|---:|\n",
    );
    for (label, c) in [
        ("模糊时间（vague-time）", &tally.vague),
        ("已更名地名（outdated-place-name）", &tally.renamed),
    ] {
        md.push_str(&format!(
            "| {label} | {} | {} | {:.3} | {:.3} |\n",
            c.exp,
            c.pred,
            c.precision(),
            c.recall()
        ));
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/quality_eval.md");
    let _ = std::fs::write(out, &md);
    println!("{md}");
    for (label, b) in &tally.binary {
        for w in &b.wrong {
            println!("不一致 {label} {w}");
        }
    }
    for (label, c) in [("模糊时间", &tally.vague), ("已更名地名", &tally.renamed)] {
        for m in &c.misses {
            println!("漏报 {label} {m}");
        }
        for f in &c.false_alarms {
            println!("误报 {label} {f}");
        }
    }
    assert!(tally.files >= 140, "{} drafts", tally.files);
    // Precision first: every check at least 0.85 on the four sets together. Recall at least
    // 0.7, except incomplete-structure, which by design does not look for cause analysis
    // (labelled as missing in 11 drafts; see the check's documentation).
    for (label, b) in &tally.binary {
        let p = b.precision().unwrap_or(1.0);
        assert!(p >= 0.85, "{label}: precision {p:.3}");
        if *label != "结构不完整" {
            let r = b.recall().unwrap_or(1.0);
            assert!(r >= 0.7, "{label}: recall {r:.3}");
        }
    }
    for (label, c) in [("模糊时间", &tally.vague), ("已更名地名", &tally.renamed)] {
        assert!(
            c.precision() >= 0.85,
            "{label}: precision {:.3}",
            c.precision()
        );
        assert!(c.recall() >= 0.7, "{label}: recall {:.3}", c.recall());
    }
}
