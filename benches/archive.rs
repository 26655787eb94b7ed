//! The archive's cost on generated items (~1,500 字 each, `benches/common/synth.rs`):
//!
//! - index build (xinjian's segmentation + `Archive::add`: pre-tokenized title and body,
//!   stored fields, MinHash band keys, one commit) against bare jieba-rs segmentation of
//!   the same text, in MB/s. Target (issue 4): the build costs no more than 2× bare
//!   segmentation.
//! - duplicate detection over 10,000 items, shingles recomputed from the text on demand as
//!   the archive does.
//!
//! `cargo bench --bench archive`. The 100k/1M-item figures (time, peak memory, search
//! latency) come from `examples/scale.rs`: too long to run routinely.

// The allocator the shipped binary uses (src/main.rs), so that this measures what ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/synth.rs"]
mod synth;

use std::borrow::Cow;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use xinjian::index::archive::Archive;
use xinjian::index::minhash::{self, Thresholds};
use xinjian::{source, Resources};

fn documents(n: usize) -> Vec<source::Document> {
    let g = synth::Generator::new();
    (0..n).map(|i| g.document(i)).collect()
}

fn index_build(c: &mut Criterion) {
    let docs = documents(300);
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let bare = jieba_rs::Jieba::new();
    let res = Resources::shared();
    let mut g = c.benchmark_group("index_build_300_items");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function("bare_jieba_segmentation", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| bare.cut(&d.text, true).len())
                .sum::<usize>()
        })
    });
    g.bench_function("xinjian_segmentation", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| res.segment(&d.text).len())
                .sum::<usize>()
        })
    });
    g.bench_function("segmentation_and_index_build", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let archive = Archive::open(dir.path(), res.clone()).unwrap();
                let tokens: Vec<_> = docs.iter().map(|d| res.segment(&d.text)).collect();
                let batch: Vec<_> = docs
                    .iter()
                    .zip(&tokens)
                    .map(|(d, t)| xinjian::index::archive::NewItem {
                        doc: d,
                        tokens: t.as_slice(),
                        category: Some("problem"),
                        quality: 70,
                    })
                    .collect();
                archive.add(&batch).unwrap();
                dir
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn dups(c: &mut Criterion) {
    let g = synth::Generator::new();
    let texts: Vec<String> = (0..10_000).map(|i| g.item(i).text).collect();
    let mut group = c.benchmark_group("dups");
    group.sample_size(10);
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("10000_items", |b| {
        b.iter(|| {
            minhash::duplicate_pairs_of_texts(
                texts.len(),
                |i| Cow::Borrowed(texts[i].as_str()),
                Thresholds::default(),
            )
            .pairs
            .len()
        })
    });
    group.finish();
}

criterion_group!(benches, index_build, dups);
criterion_main!(benches);
