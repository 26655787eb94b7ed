//! Precision and recall of near-duplicate detection on the labelled pairs in `tests/dups/`
//! (resubmissions, light edits, contained items, recycled items — and the confusable ones:
//! rewrites, same topic, a shared long quotation). Thresholds of issue 4: both ≥ 0.9.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use xinjian::index::minhash::{duplicate_pairs, Item, Thresholds};
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

#[test]
fn dups_precision_and_recall_on_labelled_pairs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dups");
    let labels: Pairs =
        toml::from_str(&std::fs::read_to_string(dir.join("pairs.toml")).unwrap()).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let items: Vec<Item> = names
        .iter()
        .map(|n| Item::new(&source::load(&dir.join(n)).unwrap().text))
        .collect();
    let found: HashSet<(String, String)> = duplicate_pairs(&items, Thresholds::default())
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
    for l in &labels.pair {
        let hit = found.contains(&key(l));
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
    let unlabelled = found.iter().filter(|p| !labelled.contains(*p)).count();
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "`tests/dups/`：{} 篇，{} 对标注（{} 对重复）：精确率 {precision:.3}，召回率 {recall:.3}；另报出未标注的 {unlabelled} 对",
        names.len(),
        labels.pair.len(),
        tp + fn_
    );
    assert!(precision >= 0.9, "dups precision {precision:.3} < 0.9");
    assert!(recall >= 0.9, "dups recall {recall:.3} < 0.9");
}
