//! Precision and recall of duplicate detection on the labelled pairs in `tests/dups/`
//! (resubmissions, light edits, contained items, recycled items, heavy rewrites of the same
//! facts — and the confusable ones: same topic, a shared long quotation, unrelated).
//! Thresholds of issue 19: precision ≥ 0.95, recall ≥ 0.9; every heavy rewrite found.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use std::borrow::Cow;

use xinjian::index::minhash::{duplicate_pairs_of_texts, Thresholds};
use xinjian::source;

#[derive(Deserialize)]
struct Pairs {
    pair: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    a: String,
    b: String,
    duplicate: bool,
    kind: String,
}

/// The `.txt` files of a folder, sorted, and their texts.
fn texts_in(dir: &Path) -> (Vec<String>, Vec<String>) {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let texts = names
        .iter()
        .map(|n| source::load(&dir.join(n)).unwrap().text)
        .collect();
    (names, texts)
}

#[test]
fn dups_precision_and_recall_on_labelled_pairs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dups");
    let labels: Pairs =
        toml::from_str(&std::fs::read_to_string(dir.join("pairs.toml")).unwrap()).unwrap();
    let (names, texts) = texts_in(&dir);
    let found: HashSet<(String, String)> = duplicate_pairs_of_texts(
        texts.len(),
        |i| Cow::Borrowed(texts[i].as_str()),
        Thresholds::default(),
    )
    .pairs
    .into_iter()
    .map(|p| {
        let (a, b) = (names[p.a].clone(), names[p.b].clone());
        if a < b {
            (a, b)
        } else {
            (b, a)
        }
    })
    .collect();
    let key = |l: &Labelled| {
        if l.a < l.b {
            (l.a.clone(), l.b.clone())
        } else {
            (l.b.clone(), l.a.clone())
        }
    };
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut heavy = (0, 0);
    for l in &labels.pair {
        let hit = found.contains(&key(l));
        if l.kind == "heavy_edit" {
            heavy.0 += 1;
            heavy.1 += usize::from(hit);
        }
        match (hit, l.duplicate) {
            (true, true) => tp += 1,
            (true, false) => {
                fp += 1;
                println!("误报 {} {} ↔ {}", l.kind, l.a, l.b);
            }
            (false, true) => {
                fn_ += 1;
                println!("漏报 {} {} ↔ {}", l.kind, l.a, l.b);
            }
            _ => {}
        }
    }
    let labelled: HashSet<(String, String)> = labels.pair.iter().map(key).collect();
    // A pair not labelled is a duplicate when both belong to one labelled group (01 ↔ 02 and
    // 01 ↔ 35 are duplicates: so are 02 and 35); otherwise it is a false alarm.
    let mut group: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    fn root(g: &std::collections::HashMap<String, String>, x: &str) -> String {
        let mut x = x.to_string();
        while let Some(p) = g.get(&x) {
            x = p.clone();
        }
        x
    }
    for l in labels.pair.iter().filter(|l| l.duplicate) {
        let (ra, rb) = (root(&group, &l.a), root(&group, &l.b));
        if ra != rb {
            group.insert(ra, rb);
        }
    }
    let mut unlabelled = 0;
    for p in found.iter().filter(|p| !labelled.contains(*p)) {
        if root(&group, &p.0) == root(&group, &p.1) {
            tp += 1;
        } else {
            unlabelled += 1;
            fp += 1;
            println!("误报（未标注） {} ↔ {}", p.0, p.1);
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "`tests/dups/`：{} 篇，{} 对标注（{} 对重复，另有同组传递的对）：精确率 {precision:.3}，召回率 {recall:.3}；另报出同组之外未标注的 {unlabelled} 对",
        names.len(),
        labels.pair.len(),
        tp + fn_
    );
    println!("heavy_edit（同一事实改写）：{}/{}", heavy.1, heavy.0);
    assert!(precision >= 0.95, "dups precision {precision:.3} < 0.95");
    assert!(recall >= 0.9, "dups recall {recall:.3} < 0.9");
    assert_eq!(unlabelled, 0, "pairs reported outside the labels");
    assert_eq!(heavy.0, heavy.1, "heavy rewrites missed");
}

/// Issue 19: a pair at the lowest similarity the rule accepts must become a candidate with
/// probability ≥ 0.99. The lowest is a short item copied whole into one six times as long
/// (containment 1, Jaccard about 0.15), where the 64 LSH bands of 2 rows alone catch it with
/// probability 1 − (1 − 0.15²)^64 ≈ 0.77. Each of the 120 items of `tests/dups_editor` is
/// put inside five others, one pair per run; the figure keys make every such pair a
/// candidate.
#[test]
fn a_short_item_inside_a_long_one_is_always_a_candidate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dups_editor/archive");
    let (names, texts) = texts_in(&dir);
    let n = texts.len();
    let mut found = 0;
    let mut jaccards = Vec::new();
    for i in 0..n {
        let long: String = (0..6).map(|k| texts[(i + k * 17) % n].as_str()).collect();
        let pair = [texts[i].clone(), long];
        let pairs = duplicate_pairs_of_texts(
            2,
            |k| Cow::Borrowed(pair[k].as_str()),
            Thresholds::default(),
        )
        .pairs;
        if let Some(p) = pairs.first() {
            found += 1;
            jaccards.push(p.similarity.jaccard);
        } else {
            println!("未找到：{}", names[i]);
        }
    }
    jaccards.sort_by(f64::total_cmp);
    let lsh = |j: f64| 1.0 - (1.0 - j * j).powi(64);
    println!(
        "短稿整篇套进六倍长的稿件：{found}/{n} 成为候选并被报出；Jaccard 中位数 {:.3}（只靠 LSH 的概率 {:.2}）",
        jaccards[jaccards.len() / 2],
        lsh(jaccards[jaccards.len() / 2])
    );
    assert!(found as f64 >= 0.99 * n as f64, "{found}/{n}");
}
