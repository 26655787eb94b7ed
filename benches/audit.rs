//! Audit throughput (issue 5): a generated month (`benches/common/synth.rs`, ~1,500 字 per
//! item, 15 units) read from files, checked in parallel, summarised and written as the four
//! reports, against bare jieba-rs segmentation of the same text, on 1 and 2 threads. Target:
//! ≥ 0.5× bare segmentation on 2 threads. The 10,000-item run and peak memory are in
//! `examples/audit_scale.rs`; this bench uses 500 items so that it runs in minutes.

// The allocator the shipped binary uses (src/main.rs), so that this measures what ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jieba_rs::Jieba;
use rayon::prelude::*;
use xinjian::audit::{html, markdown, xlsx, Audit, DateRange, Item};
use xinjian::{source, Config, Engine};

const ITEMS: usize = 500;

fn bench(c: &mut Criterion) {
    let g = synth::Generator::new();
    let items: Vec<synth::Synth> = (0..ITEMS).map(|i| g.item(i)).collect();
    let bytes: u64 = items.iter().map(|s| s.text.len() as u64).sum();
    let dir = tempfile::tempdir().unwrap();
    let month = dir.path().join("2026-11");
    std::fs::create_dir(&month).unwrap();
    for (i, s) in items.iter().enumerate() {
        let body = format!(
            "---\n单位: 单位{}\n日期: 2026-11-{:02}\n---\n{}\n",
            i % 15,
            1 + i % 30,
            s.text
        );
        std::fs::write(month.join(format!("{i:05}.md")), body).unwrap();
    }
    let out = dir.path().join("report");
    std::fs::create_dir(&out).unwrap();
    let bare = Jieba::new();
    let engine = Engine::new(Config::default()).unwrap();
    let mut grp = c.benchmark_group("month");
    grp.throughput(Throughput::Bytes(bytes));
    grp.sample_size(10);
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        grp.bench_with_input(
            BenchmarkId::new("bare_jieba_segmentation", threads),
            &threads,
            |b, _| {
                b.iter(|| {
                    pool.install(|| {
                        items
                            .par_iter()
                            .map(|s| bare.cut(&s.text, true).len())
                            .sum::<usize>()
                    })
                })
            },
        );
        grp.bench_with_input(BenchmarkId::new("audit", threads), &threads, |b, _| {
            b.iter(|| {
                pool.install(|| {
                    let files = source::collect_files(std::slice::from_ref(&month));
                    let entries: Vec<_> = files
                        .into_par_iter()
                        .map(|f| {
                            f.and_then(|p| engine.check_path(&p))
                                .map(|r| Item::from_report(r, Vec::new()))
                        })
                        .collect();
                    let audit = Audit::build(entries, &DateRange::default());
                    std::fs::write(out.join("report.json"), serde_json::to_vec(&audit).unwrap())
                        .unwrap();
                    std::fs::write(out.join("report.html"), html::render(&audit)).unwrap();
                    std::fs::write(out.join("report.md"), markdown::render(&audit)).unwrap();
                    xlsx::write(
                        &audit,
                        std::fs::File::create(out.join("report.xlsx")).unwrap(),
                    )
                    .unwrap();
                    audit.totals.items
                })
            })
        });
    }
    grp.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
