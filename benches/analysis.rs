//! Throughput of bare jieba-rs segmentation versus xinjian's full analysis (segmentation with
//! the gazetteer, places, data points, elements and checks) on the same corpus text, on 1 and
//! 2 threads. Target (issue 2): full analysis ≥ 0.6× bare segmentation.
//!
//! `cargo bench --bench analysis`; the README quotes the MB/s that criterion prints.

// The allocator the shipped binary uses (src/main.rs), so that this measures what ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jieba_rs::Jieba;
use rayon::prelude::*;
use xinjian::{source, Config, Document, Engine};

fn corpus() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let files = source::collect_files(&[dir]);
    let docs: Vec<Document> = files
        .into_iter()
        .map(|f| source::load(&f.unwrap()).unwrap())
        .collect();
    // Four copies: enough work per iteration to keep both threads busy.
    (0..4).flat_map(|_| docs.clone()).collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let bare = Jieba::new();
    let engine = Engine::new(Config::default()).unwrap();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        g.bench_with_input(
            BenchmarkId::new("bare_jieba_segmentation", threads),
            &threads,
            |b, _| {
                b.iter(|| {
                    pool.install(|| {
                        docs.par_iter()
                            .map(|d| bare.cut(&d.text, true).len())
                            .sum::<usize>()
                    })
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("full_analysis", threads),
            &threads,
            |b, _| {
                b.iter(|| {
                    pool.install(|| {
                        docs.par_iter()
                            .map(|d| engine.check(d.clone()).diagnostics.len())
                            .sum::<usize>()
                    })
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
