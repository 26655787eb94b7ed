//! Issue 19's acceptance on `tests/dups_editor/`, a set written and labelled from the policy
//! by a helper who had not read `src/`: duplicates as an editor means them (the same facts
//! sent again, however reworded), stale topics (老生常谈) and search, each measured through
//! the commands an officer runs (`dups`, `check --index`, `search`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_xinjian"))
}

/// The set of issue 19 (`tests/dups_editor/`, 120 items) and a second one written later by
/// another helper from the same policy (`tests/dups_editor2/`, 50 items, other provinces and
/// topics), held out while the stale-topic threshold was chosen.
const SETS: [&str; 2] = ["tests/dups_editor", "tests/dups_editor2"];

fn set_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// A label file of a set.
fn labels<T: serde::de::DeserializeOwned>(set: &Path, file: &str) -> T {
    toml::from_str(&std::fs::read_to_string(set.join(file)).unwrap()).unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = bin().args(args).output().unwrap();
    assert!(
        out.status.code() == Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn file_name(p: &str) -> String {
    Path::new(p)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string()
}

fn key(a: &str, b: &str) -> (String, String) {
    if a < b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

#[derive(Deserialize)]
struct Pairs {
    pair: Vec<LabelledPair>,
}

#[derive(Deserialize)]
struct LabelledPair {
    a: String,
    b: String,
    duplicate: bool,
    kind: String,
}

/// Pairs `xinjian dups` reports among the archive items.
fn found_pairs(set: &Path) -> HashSet<(String, String)> {
    let dir = set.join("archive");
    let v = json(&["dups", "--format", "json", dir.to_str().unwrap()]);
    let mut found = HashSet::new();
    for c in v["clusters"].as_array().unwrap() {
        for p in c["pairs"].as_array().unwrap() {
            found.insert(key(
                &file_name(p["a"].as_str().unwrap()),
                &file_name(p["b"].as_str().unwrap()),
            ));
        }
    }
    found
}

#[test]
fn duplicates_as_an_editor_means_them() {
    for name in SETS {
        duplicates_on(name, 0.9);
    }
}

/// Sets for duplicates only, written later by other helpers from the same policy with a third
/// of their items in the figure style of many county items (few figures, rounded: 20多个村、
/// 2000多户): `tests/dups_editor3/` (72 items, 28 duplicate pairs; first measured at recall
/// 0.857, the rule for such items then written from it and from `tests/stale_editor7/`'s five
/// pairs) and `tests/dups_editor4/` (73 items, 29 pairs; written after that rule, measured once
/// at 0.897). Their recall floors guard against regressions; precision and hard negatives are
/// held as on the others.
const DUPS_ONLY: [(&str, f64); 2] = [("tests/dups_editor3", 0.92), ("tests/dups_editor4", 0.89)];

#[test]
fn duplicates_written_with_few_figures() {
    for (name, floor) in DUPS_ONLY {
        duplicates_on(name, floor);
    }
}

fn duplicates_on(name: &str, recall_floor: f64) {
    let set = set_dir(name);
    let labels: Pairs = labels(&set, "pairs.toml");
    let found = found_pairs(&set);
    let labelled: HashMap<(String, String), &LabelledPair> =
        labels.pair.iter().map(|l| (key(&l.a, &l.b), l)).collect();
    // Per kind: (labelled, reported).
    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let (mut tp, mut fn_, mut hard_fp) = (0, 0, 0);
    for l in &labels.pair {
        let hit = found.contains(&key(&l.a, &l.b));
        let e = by_kind.entry(l.kind.as_str()).or_default();
        e.0 += 1;
        e.1 += usize::from(hit);
        match (l.duplicate, hit) {
            (true, true) => tp += 1,
            (true, false) => {
                fn_ += 1;
                println!("漏报 {} {} ↔ {}", l.kind, l.a, l.b);
            }
            (false, true) => {
                hard_fp += 1;
                println!("误报 {} {} ↔ {}", l.kind, l.a, l.b);
            }
            (false, false) => {}
        }
    }
    // Pairs not labelled are not duplicates (the set's README).
    let unlabelled: Vec<_> = found
        .iter()
        .filter(|p| !labelled.contains_key(*p))
        .collect();
    for p in &unlabelled {
        println!("误报（未标注） {} ↔ {}", p.0, p.1);
    }
    let fp = hard_fp + unlabelled.len();
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    for (kind, (n, hit)) in &by_kind {
        println!("| {kind} | {n} | {hit} |");
    }
    let heavy = by_kind.get("heavy").copied().unwrap_or((0, 0));
    let heavy_recall = heavy.1 as f64 / heavy.0.max(1) as f64;
    println!(
        "{name}：精确率 {precision:.3}，召回率 {recall:.3}（{tp}/{}），大幅改写召回 {heavy_recall:.3}，难负例误报 {hard_fp}，未标注误报 {}",
        tp + fn_,
        unlabelled.len()
    );
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= recall_floor, "{name}: recall {recall:.3}");
    assert!(heavy_recall >= 0.8, "heavy recall {heavy_recall:.3}");
    assert_eq!(hard_fp, 0, "hard negatives reported");
}

#[derive(Deserialize)]
struct Stale {
    draft: Vec<StaleDraft>,
}

#[derive(Deserialize)]
struct StaleDraft {
    file: String,
    stale: bool,
}

/// An index of the set's archive in a temporary folder.
fn indexed(set: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let out = bin()
        .args(["index", "--index", idx.to_str().unwrap()])
        .arg(set.join("archive"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// Sets for stale topics only, each written by another helper from issue 19's policy after
/// the previous one was measured: `tests/stale_editor3/` (36 items, 16 drafts),
/// `tests/stale_editor4/` (60, 24; first measured at 0.917), `tests/stale_editor5/` (80, 24,
/// near-topic families; first measured at 0.750), `tests/stale_editor6/` (72, 20; written
/// after the threshold was set from the first five, first measured at 0.950) and
/// `tests/stale_editor7/` (78, 22; first measured at 0.773, 0.864 once duplicates written with
/// few figures were counted once).
const STALE_ONLY: [&str; 5] = [
    "tests/stale_editor3",
    "tests/stale_editor4",
    "tests/stale_editor5",
    "tests/stale_editor6",
    "tests/stale_editor7",
];

#[test]
fn stale_topics_agree_with_the_editor() {
    // Floors per set guard against regressions (docs/measurements.md has the history); the
    // target of issue 19 (0.9) holds over all 146 drafts together.
    let floors = [0.79, 0.93, 0.87, 0.95, 0.95, 0.95, 0.86];
    let sets: Vec<&str> = SETS.into_iter().chain(STALE_ONLY).collect();
    let (mut agreed, mut drafts) = (0.0, 0.0);
    for (name, floor) in sets.into_iter().zip(floors) {
        let (agreement, n) = stale_on(name);
        assert!(agreement >= floor, "{name}: stale agreement {agreement:.3}");
        agreed += agreement * n as f64;
        drafts += n as f64;
    }
    let pooled = agreed / drafts;
    println!("老生常谈，全部 {drafts} 篇草稿：一致率 {pooled:.3}");
    assert!(pooled >= 0.9, "pooled stale agreement {pooled:.3}");
}

fn stale_on(name: &str) -> (f64, usize) {
    let set = set_dir(name);
    let labels: Stale = labels(&set, "stale.toml");
    let dir = indexed(&set);
    let idx = dir.path().join("idx");
    let mut args = vec![
        "check".to_string(),
        "--format".into(),
        "json".into(),
        "--index".into(),
        idx.display().to_string(),
    ];
    for d in &labels.draft {
        args.push(set.join("stale").join(&d.file).display().to_string());
    }
    let out = bin().args(&args).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut flagged: HashMap<String, bool> = HashMap::new();
    for d in v["documents"].as_array().unwrap() {
        let stale = d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["name"] == "stale-topic");
        flagged.insert(file_name(d["path"].as_str().unwrap()), stale);
    }
    let mut agree = 0;
    for d in &labels.draft {
        let got = flagged[&d.file];
        if got == d.stale {
            agree += 1;
        } else {
            println!(
                "不一致 {}：标注{}，工具{}",
                d.file,
                if d.stale { "老生常谈" } else { "不是" },
                if got { "报出" } else { "未报" }
            );
        }
    }
    let agreement = agree as f64 / labels.draft.len() as f64;
    println!(
        "{name} 老生常谈：{agree}/{} 一致，一致率 {agreement:.3}",
        labels.draft.len()
    );
    (agreement, labels.draft.len())
}

#[derive(Deserialize)]
struct Queries {
    query: Vec<Query>,
}

#[derive(Deserialize)]
struct Query {
    q: String,
    relevant: Vec<String>,
}

#[test]
fn search_finds_what_people_type() {
    for name in SETS {
        search_on(name);
    }
}

fn search_on(name: &str) {
    let set = set_dir(name);
    let labels: Queries = labels(&set, "queries.toml");
    let dir = indexed(&set);
    let idx = dir.path().join("idx");
    let (mut recall_sum, mut rr_sum) = (0.0, 0.0);
    for q in &labels.query {
        let mut args = vec![
            "search".to_string(),
            "--format".into(),
            "json".into(),
            "--limit".into(),
            "5".into(),
            "--index".into(),
            idx.display().to_string(),
        ];
        args.extend(q.q.split_whitespace().map(str::to_string));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let v = json(&args);
        let hits: Vec<String> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| file_name(h["path"].as_str().unwrap()))
            .collect();
        let relevant: HashSet<&str> = q.relevant.iter().map(String::as_str).collect();
        let found = hits
            .iter()
            .filter(|h| relevant.contains(h.as_str()))
            .count();
        let recall = found as f64 / relevant.len().clamp(1, 5) as f64;
        let rr = hits
            .iter()
            .position(|h| relevant.contains(h.as_str()))
            .map_or(0.0, |p| 1.0 / (p + 1) as f64);
        if recall < 1.0 {
            println!(
                "“{}”：前 5 条找到 {found}/{}，{hits:?}",
                q.q,
                relevant.len()
            );
        }
        recall_sum += recall;
        rr_sum += rr;
    }
    let n = labels.query.len() as f64;
    let (recall, mrr) = (recall_sum / n, rr_sum / n);
    println!(
        "{name} 检索：{} 条查询，recall@5 {recall:.3}，MRR {mrr:.3}",
        labels.query.len()
    );
    assert!(recall >= 0.9, "{name}: recall@5 {recall:.3}");
}
