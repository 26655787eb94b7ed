//! Scale measurements on generated items (~1,500 字 each, see `benches/common/synth.rs`).
//!
//! ```text
//! cargo run --release --example scale -- dups 100000       duplicate detection: time, peak memory, planted pairs found
//! cargo run --release --example scale -- dups 1000000 tests/dups_editor3
//!     the same with a labelled set's archive (its `archive/` and `pairs.toml`) among the
//!     generated items: its duplicate pairs found, its pairs with generated items
//! cargo run --release --example scale -- index 1000000 DIR build an index (batches of 20,000, one commit each)
//! cargo run --release --example scale -- search DIR 500    search latency: median and p99 over 500 queries
//! cargo run --release --example scale -- tidy DIR          finish merges, remove unused files
//! cargo run --release --example scale -- bare 300          for callgrind: bare jieba segmentation of 300 items
//! cargo run --release --example scale -- build 300 DIR     for callgrind: segmentation + Archive::add of the same
//! cargo run --release --example scale -- segment 300       for callgrind: xinjian's segmentation alone
//! cargo run --release --example scale -- gen 300           for callgrind: the generation alone (to subtract)
//! ```
//!
//! Instructions per item: run each mode at two sizes under
//! `valgrind --tool=callgrind` and take the difference (start-up costs cancel).
//!
//! Peak memory is the process's VmHWM from /proc/self/status: run one size per process.

// The allocator the shipped binary uses (src/main.rs), so that this measures what ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/common/synth.rs"]
mod synth;

use std::borrow::Cow;
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use xinjian::index::archive::Archive;
use xinjian::index::minhash::{self, Thresholds};
use xinjian::{source, Resources};

fn vm_hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "?".into())
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    let m = e.metadata().unwrap();
                    if m.is_dir() {
                        dir_size(&e.path())
                    } else {
                        m.len()
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Pairs of strings: (file name, text) or (file name, file name).
type Named = Vec<(String, String)>;

/// A labelled set's archived items and its duplicate pairs (`pairs.toml`), by file name.
fn labelled(dir: &Path) -> (Named, Named) {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("archive"))
        .expect("archive/ of the labelled set")
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let items = files
        .iter()
        .map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            (name, xinjian::source::load(f).unwrap().text)
        })
        .collect();
    #[derive(serde::Deserialize)]
    struct Labels {
        pair: Vec<Pair>,
    }
    #[derive(serde::Deserialize)]
    struct Pair {
        a: String,
        b: String,
        duplicate: bool,
    }
    let labels: Labels =
        toml::from_str(&std::fs::read_to_string(dir.join("pairs.toml")).unwrap()).unwrap();
    let pairs = labels
        .pair
        .into_iter()
        .filter(|p| p.duplicate)
        .map(|p| (p.a, p.b))
        .collect();
    (items, pairs)
}

fn dups(n: usize, with: Option<&Path>) {
    let g = synth::Generator::new();
    let (extra, labelled_pairs) = with.map(labelled).unwrap_or_default();
    let total = n + extra.len();
    println!(
        "items: {n}; planted near-duplicates: {}%",
        synth::DUP_SHARE * 100.0
    );
    // Reference: one pass generating every item and computing its shingles.
    let t = Instant::now();
    let (chars, shingles) = (0..n)
        .into_par_iter()
        .map(|i| {
            let text = g.item(i).text;
            (text.chars().count(), minhash::own_shingles(&text).len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!(
        "one pass generating + shingling: {:.1} s; {:.0} 字 and {:.0} shingles per item",
        t.elapsed().as_secs_f64(),
        chars as f64 / n as f64,
        shingles as f64 / n as f64
    );
    let t = Instant::now();
    let text = |i: usize| {
        if i < n {
            Cow::Owned(g.item(i).text)
        } else {
            Cow::Borrowed(extra[i - n].1.as_str())
        }
    };
    let found = minhash::duplicate_pairs_of_texts(total, text, Thresholds::default());
    let secs = t.elapsed().as_secs_f64();
    // Planted families: an item and everything planted from it, transitively.
    let root = |mut i: usize| {
        while let Some(s) = g.planted(i) {
            i = s;
        }
        i
    };
    let planted: Vec<(usize, usize)> = (0..n)
        .filter_map(|i| g.planted(i).map(|s| (s, i)))
        .collect();
    let got: std::collections::HashSet<(usize, usize)> =
        found.pairs.iter().map(|p| (p.a, p.b)).collect();
    let hit = planted.iter().filter(|p| got.contains(p)).count();
    let outside = found
        .pairs
        .iter()
        .filter(|p| p.b < n && root(p.a) != root(p.b))
        .count();
    println!(
        "duplicate detection: {secs:.1} s, peak memory (VmHWM) {}",
        vm_hwm()
    );
    println!(
        "phases: boilerplate sample {:.1} s, sketches {:.1} s, candidates {:.1} s, exact verification {:.1} s",
        found.seconds[0], found.seconds[1], found.seconds[2], found.seconds[3]
    );
    println!(
        "boilerplate shingles {}; bucket pairs compared on digests {}; verified exactly {} (met through shared figures {}); capped buckets {}",
        found.common, found.examined, found.candidates, found.from_facts, found.capped_buckets
    );
    println!(
        "pairs {}; planted pairs found {hit} of {} ({:.3}); pairs outside planted families {outside}",
        found.pairs.len(),
        planted.len(),
        hit as f64 / planted.len().max(1) as f64
    );
    if let Some(dir) = with {
        let at = |name: &str| extra.iter().position(|e| e.0 == name).map(|k| n + k);
        let want: Vec<(usize, usize)> = labelled_pairs
            .iter()
            .filter_map(|(a, b)| Some((at(a)?.min(at(b)?), at(a)?.max(at(b)?))))
            .collect();
        let missed: Vec<&(String, String)> = labelled_pairs
            .iter()
            .zip(&want)
            .filter(|(_, p)| !got.contains(p))
            .map(|(l, _)| l)
            .collect();
        let mixed = found.pairs.iter().filter(|p| p.a < n && p.b >= n).count();
        let among = found.pairs.iter().filter(|p| p.a >= n).count();
        println!(
            "{}: {} items among the generated ones; labelled duplicate pairs found {} of {}; pairs among its items {among}; pairs with generated items {mixed}",
            dir.display(),
            extra.len(),
            want.len() - missed.len(),
            want.len()
        );
        for (a, b) in missed {
            println!("  missed: {a} ↔ {b}");
        }
        for p in found.pairs.iter().filter(|p| p.a < n && p.b >= n) {
            let why = p.why.as_ref().map(|w| w.describe()).unwrap_or_default();
            println!(
                "  with generated item {}: {} — {why}",
                p.a,
                extra[p.b - n].0
            );
        }
    }
}

fn index(n: usize, dir: &Path) {
    let g = synth::Generator::new();
    let res = Resources::shared();
    let archive = Archive::open(dir, res.clone()).unwrap();
    let t = Instant::now();
    let mut bytes = 0usize;
    let batch = 20_000;
    for start in (0..n).step_by(batch) {
        let docs: Vec<(source::Document, Vec<xinjian::text::Span>)> = (start
            ..(start + batch).min(n))
            .into_par_iter()
            .map(|i| {
                let d = g.document(i);
                let tokens = res.segment(&d.text);
                (d, tokens)
            })
            .collect();
        bytes += docs.iter().map(|d| d.0.text.len()).sum::<usize>();
        let refs: Vec<_> = docs
            .iter()
            .map(|(d, t)| xinjian::index::archive::NewItem {
                doc: d,
                tokens: t.as_slice(),
                category: Some("problem"),
                quality: 70,
            })
            .collect();
        archive.add(&refs).unwrap();
        let s = t.elapsed().as_secs_f64();
        eprintln!(
            "{} items, {:.0} s, {:.2} MB/s, disk {:.2} GB",
            start + refs.len(),
            s,
            bytes as f64 / 1e6 / s,
            dir_size(dir) as f64 / 1e9
        );
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "indexed {n} items, {:.1} MB of text in {s:.0} s: {:.2} MB/s; index on disk {:.2} GB; peak memory {}",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / s,
        dir_size(dir) as f64 / 1e9,
        vm_hwm()
    );
}

fn search(dir: &Path, queries: usize) {
    let archive = Archive::open(dir, Resources::shared()).unwrap();
    let searcher = archive.searcher().unwrap();
    println!("index: {} items", searcher.num_docs());
    let words = synth::query_words();
    let mut r = synth::Rng::new(2026);
    let qs: Vec<String> = (0..queries)
        .map(|_| {
            let k = 2 + r.below(3);
            (0..k).map(|_| r.pick(&words)).collect::<Vec<_>>().join(" ")
        })
        .collect();
    // Warm-up: the first queries load the term dictionaries.
    for q in qs.iter().take(20) {
        archive.search(q, 10, &|_| true).unwrap();
    }
    let mut ms: Vec<f64> = Vec::with_capacity(queries);
    let mut hits = 0;
    for q in &qs {
        let t = Instant::now();
        hits += archive.search(q, 10, &|_| true).unwrap().len();
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() as f64 * p) as usize).min(ms.len() - 1)];
    println!(
        "{queries} queries of 2–4 words (10 hits with snippets each, {hits} hits in all): median {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        at(0.5),
        at(0.9),
        at(0.99),
        ms[ms.len() - 1]
    );
}

/// Bare segmentation versus segmentation + index build of the same items, one thread, for
/// instruction counts under callgrind.
fn bare(n: usize) {
    let g = synth::Generator::new();
    let texts: Vec<String> = (0..n).map(|i| g.document(i).text).collect();
    let j = jieba_rs::Jieba::new();
    let t = Instant::now();
    let words: usize = texts.iter().map(|t| j.cut(t, true).len()).sum();
    println!("{words} words in {:.2} s", t.elapsed().as_secs_f64());
}

/// Only the generation, to subtract from `bare` and `build`.
fn generate(n: usize) {
    let g = synth::Generator::new();
    let bytes: usize = (0..n).map(|i| g.document(i).text.len()).sum();
    println!("{bytes} bytes");
}

/// xinjian's own segmentation (jieba with the gazetteer as user words), without the index.
fn segment(n: usize) {
    let g = synth::Generator::new();
    let docs: Vec<source::Document> = (0..n).map(|i| g.document(i)).collect();
    let res = Resources::shared();
    let words: usize = docs.iter().map(|d| res.segment(&d.text).len()).sum();
    println!("{words} words");
}

fn build(n: usize, dir: &Path) {
    let g = synth::Generator::new();
    let docs: Vec<source::Document> = (0..n).map(|i| g.document(i)).collect();
    let res = Resources::shared();
    let archive = Archive::open(dir, res.clone()).unwrap();
    let t = Instant::now();
    let tokens: Vec<Vec<xinjian::text::Span>> = docs.iter().map(|d| res.segment(&d.text)).collect();
    let refs: Vec<_> = docs
        .iter()
        .zip(&tokens)
        .map(|(d, t)| xinjian::index::archive::NewItem {
            doc: d,
            tokens: t.as_slice(),
            category: Some("problem"),
            quality: 70,
        })
        .collect();
    let stats = archive.add(&refs).unwrap();
    println!("{stats:?} in {:.2} s", t.elapsed().as_secs_f64());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |k: usize| -> usize { args.get(k).and_then(|a| a.parse().ok()).unwrap_or(1000) };
    match args.first().map(String::as_str) {
        Some("dups") => dups(num(1), args.get(2).map(Path::new)),
        Some("index") => index(num(1), Path::new(&args[2])),
        Some("search") => search(Path::new(&args[1]), num(2)),
        Some("bare") => bare(num(1)),
        Some("build") => build(num(1), Path::new(&args[2])),
        Some("gen") => generate(num(1)),
        Some("tidy") => {
            let dir = Path::new(&args[1]);
            let t = Instant::now();
            Archive::open(dir, Resources::shared())
                .unwrap()
                .tidy()
                .unwrap();
            println!(
                "merged and collected in {:.0} s; index on disk {:.2} GB",
                t.elapsed().as_secs_f64(),
                dir_size(dir) as f64 / 1e9
            );
        }
        Some("segment") => segment(num(1)),
        _ => eprintln!(
            "usage: scale dups N [LABELLED_SET] | index N DIR | search DIR QUERIES | bare N | build N DIR"
        ),
    }
}
