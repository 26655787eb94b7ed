//! Precision and recall of every element on the labelled set in `tests/labelled/`.
//!
//! Each `NNN_slug.txt` draft has a `NNN_slug.toml` with its expected elements (see
//! `tests/labelled/README.md`). Spans are matched by overlap: every occurrence of a labelled
//! string in the extracted text is an expected span; a found span is correct when it overlaps
//! one. The table is printed (`cargo test --test labelled_eval -- --nocapture`) and written to
//! `target/labelled_eval.md`; the README quotes it. The thresholds are those of issue 2.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use xinjian::text::PlaceLevel;
use xinjian::{Config, Engine};

#[path = "common/spans.rs"]
mod spans;
use spans::{cell, data_spans, expected_spans, place_spans, txt_files, Binary, Counts};

/// The element labels; the writing-quality fields are read (and their keys checked) by
/// `quality_eval.rs`.
#[derive(Debug, Deserialize)]
struct Labels {
    category: String,
    coverage_county: bool,
    coverage_township: bool,
    typical_case: bool,
    counties: Vec<String>,
    townships: Vec<String>,
    villages: Vec<String>,
    data_points: Vec<String>,
    cliches: Vec<String>,
    outdated: Vec<String>,
    title_generic: bool,
    vague_time: Vec<String>,
    hierarchy_broken: bool,
    no_problem_stated: bool,
    #[serde(default)]
    suggestions: Vec<SuggestionLabel>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SuggestionLabel {
    anchor: String,
    operable: bool,
}

#[derive(Default, Debug)]
struct Agreement {
    right: usize,
    total: usize,
    wrong: Vec<String>,
}

impl Agreement {
    fn add(&mut self, ok: bool, what: String) {
        self.total += 1;
        if ok {
            self.right += 1;
        } else {
            self.wrong.push(what);
        }
    }
    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

/// The figures the thresholds are checked on.
struct Summary {
    files: usize,
    markdown: String,
    spans: BTreeMap<&'static str, (f64, f64)>,
    agreements: BTreeMap<&'static str, f64>,
}

fn evaluate(set: &str) -> Summary {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(set);
    let engine = Engine::new(Config::default()).unwrap();
    let files = txt_files(&dir);
    assert!(
        files.len() >= 20,
        "tests/{set} needs at least 30 drafts, has {}",
        files.len()
    );

    let mut spans: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut suggestions = Counts::default();
    let mut operable = Agreement::default();
    let mut cov_county = Agreement::default();
    let mut cov_township = Agreement::default();
    let mut case = Agreement::default();
    let mut category = Agreement::default();
    let mut title = Binary::default();
    let mut hierarchy = Binary::default();
    let mut no_problem = Binary::default();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let labels: Labels =
            toml::from_str(&std::fs::read_to_string(path.with_extension("toml")).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        let r = engine.check_path(path).unwrap_or_else(|e| panic!("{e}"));
        let text = r.doc.text.as_str();
        let a = &r.analysis;
        let places = |level: PlaceLevel| place_spans(a, level);
        let data = data_spans(a);
        let diag_spans = |name: &str, containing: &str| -> Vec<(usize, usize)> {
            r.diagnostics
                .iter()
                .filter(|d| d.name == name && d.message.contains(containing))
                .map(|d| (d.start, d.end))
                .collect()
        };
        let fired = |name: &str, containing: &str| !diag_spans(name, containing).is_empty();
        title.add(fired("generic-title", "亮眼"), labels.title_generic, &name);
        hierarchy.add(
            fired("broken-hierarchy", "序号"),
            labels.hierarchy_broken,
            &name,
        );
        no_problem.add(
            fired("no-problem-stated", "问题"),
            labels.no_problem_stated,
            &name,
        );
        let stale = |class: xinjian::elements::StaleClass| -> Vec<(usize, usize)> {
            r.elements
                .stale
                .iter()
                .filter(|s| s.class == class)
                .map(|s| (s.start, s.end))
                .collect()
        };
        for (key, exp, pred) in [
            ("数据点", &labels.data_points, data),
            ("县级地名", &labels.counties, places(PlaceLevel::County)),
            ("乡镇地名", &labels.townships, places(PlaceLevel::Township)),
            (
                "村（社区）名",
                &labels.villages,
                places(PlaceLevel::Village),
            ),
            (
                "套话",
                &labels.cliches,
                stale(xinjian::elements::StaleClass::Cliche),
            ),
            (
                "过时提法",
                &labels.outdated,
                stale(xinjian::elements::StaleClass::Outdated),
            ),
            (
                "模糊时间（vague-time）",
                &labels.vague_time,
                diag_spans("vague-time", "没有说明具体时间"),
            ),
        ] {
            let (expected, _) = expected_spans(text, exp);
            spans
                .entry(key)
                .or_default()
                .score(&expected, &pred, |s, e| format!("{name}: {}", &text[s..e]));
        }
        // Suggestions: an expected one is found when a found item contains its anchor.
        let found = &r.elements.suggestions;
        let mut matched = vec![false; found.len()];
        suggestions.exp += labels.suggestions.len();
        suggestions.pred += found.len();
        for l in &labels.suggestions {
            let at = text
                .find(&l.anchor)
                .unwrap_or_else(|| panic!("{name}: anchor {} not in text", l.anchor));
            match found.iter().position(|s| s.start <= at && at < s.end) {
                Some(i) => {
                    suggestions.tp_exp += 1;
                    matched[i] = true;
                    operable.add(
                        found[i].operable == l.operable,
                        format!("{name}: {}（应为{}）", l.anchor, l.operable),
                    );
                }
                None => suggestions.misses.push(format!("{name}: {}", l.anchor)),
            }
        }
        for (i, s) in found.iter().enumerate() {
            if matched[i] {
                suggestions.tp_pred += 1;
            } else {
                suggestions
                    .false_alarms
                    .push(format!("{name}: {}", &text[s.start..s.end]));
            }
        }
        cov_county.add(
            r.elements.coverage.county == labels.coverage_county,
            name.clone(),
        );
        cov_township.add(
            r.elements.coverage.township == labels.coverage_township,
            name.clone(),
        );
        case.add(
            r.elements.typical_cases.is_empty() != labels.typical_case,
            name.clone(),
        );
        category.add(
            r.elements.category.inferred.id() == labels.category,
            format!(
                "{name}: 推断{} 应为{}",
                r.elements.category.inferred.id(),
                labels.category
            ),
        );
    }

    let mut md = format!("`tests/{set}/`，{} 篇：\n\n", files.len());
    md.push_str("| 要素 | 标注数 | 查出数 | 精确率 | 召回率 |\n|---|---:|---:|---:|---:|\n");
    for (k, c) in spans
        .iter()
        .chain(std::iter::once((&"对策建议", &suggestions)))
    {
        md.push_str(&format!(
            "| {k} | {} | {} | {:.3} | {:.3} |\n",
            c.exp,
            c.pred,
            c.precision(),
            c.recall()
        ));
    }
    md.push_str(
        "\n| 整篇判断（检查项） | 标注为有 | 报出 | 精确率 | 召回率 |\n|---|---:|---:|---:|---:|\n",
    );
    for (k, b) in [
        ("标题空泛（generic-title）", &title),
        ("层次序号不连贯（broken-hierarchy）", &hierarchy),
        ("只报成绩（no-problem-stated）", &no_problem),
    ] {
        md.push_str(&format!(
            "| {k} | {} | {} | {} | {} |\n",
            b.labelled,
            b.tp + b.fp,
            cell(b.precision()),
            cell(b.recall())
        ));
    }
    for (k, b) in [
        ("标题", &title),
        ("层次", &hierarchy),
        ("只报成绩", &no_problem),
    ] {
        for w in &b.wrong {
            println!("不一致 {k} {w}");
        }
    }
    md.push_str("\n| 判断 | 篇（条）数 | 一致率 |\n|---|---:|---:|\n");
    for (k, g) in [
        ("县级覆盖", &cov_county),
        ("乡镇覆盖", &cov_township),
        ("有无典型事例", &case),
        ("类别（推断）", &category),
        ("建议可操作性", &operable),
    ] {
        md.push_str(&format!("| {k} | {} | {:.3} |\n", g.total, g.rate()));
    }
    for (k, c) in spans
        .iter()
        .chain(std::iter::once((&"对策建议", &suggestions)))
    {
        for m in &c.misses {
            println!("漏报 {k} {m}");
        }
        for f in &c.false_alarms {
            println!("误报 {k} {f}");
        }
    }
    for (k, g) in [
        ("县级覆盖", &cov_county),
        ("乡镇覆盖", &cov_township),
        ("典型事例", &case),
        ("类别", &category),
        ("可操作性", &operable),
    ] {
        for w in &g.wrong {
            println!("不一致 {k} {w}");
        }
    }
    Summary {
        files: files.len(),
        markdown: md,
        spans: spans
            .iter()
            .map(|(k, c)| (*k, (c.precision(), c.recall())))
            .chain(std::iter::once((
                "对策建议",
                (suggestions.precision(), suggestions.recall()),
            )))
            .collect(),
        agreements: [
            ("县级覆盖", cov_county.rate()),
            ("乡镇覆盖", cov_township.rate()),
            ("有无典型事例", case.rate()),
            ("类别（推断）", category.rate()),
            ("建议可操作性", operable.rate()),
        ]
        .into_iter()
        .collect(),
    }
}

/// Issue 2's thresholds, on the development set and the held-out set together with each alone.
#[test]
fn labelled_sets_precision_and_recall() {
    let dev = evaluate("labelled");
    assert!(
        dev.files >= 40,
        "issue 2 asks for a labelled set of at least 40 drafts"
    );
    let holdout = evaluate("labelled_holdout");
    let holdout2 = evaluate("labelled_holdout2");
    let holdout3 = evaluate("labelled_holdout3");
    let md = format!(
        "{}\n{}\n{}\n{}",
        dev.markdown, holdout.markdown, holdout2.markdown, holdout3.markdown
    );
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/labelled_eval.md");
    let _ = std::fs::write(out, &md);
    println!("{md}");
    for (name, s) in [
        ("labelled", &dev),
        ("labelled_holdout", &holdout),
        ("labelled_holdout2", &holdout2),
        ("labelled_holdout3", &holdout3),
    ] {
        for k in ["数据点", "县级地名", "乡镇地名"] {
            let (p, r) = s.spans[k];
            assert!(p >= 0.95, "{name}: {k} precision {p:.3} < 0.95");
            assert!(r >= 0.90, "{name}: {k} recall {r:.3} < 0.90");
        }
        for k in [
            "县级覆盖",
            "乡镇覆盖",
            "有无典型事例",
            "类别（推断）",
            "建议可操作性",
        ] {
            let a = s.agreements[k];
            // Issue 18 raises the category's bar to 0.9 on every set.
            let bar = if k == "类别（推断）" { 0.9 } else { 0.85 };
            assert!(a >= bar, "{name}: {k} agreement {a:.3} < {bar}");
        }
    }
}
