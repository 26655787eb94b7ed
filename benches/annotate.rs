//! What `--annotate` costs on top of `check` for a folder of `.docx` drafts: the corpus's Word
//! drafts plus every text draft of the corpus made into a `.docx`, in a temporary folder.
//! `check` is what `xinjian check FOLDER` does for each draft on one thread (read the file,
//! check it, print the terminal report); `check_and_annotate` adds what `--annotate` adds
//! (the annotated copy, written beside the draft). `annotate_only` is the copy alone, from
//! reports made beforehand. Target (issue 21): annotating adds less than 20%.
//!
//! `cargo bench --bench annotate`; the README quotes the ratio of the times criterion prints.

// The allocator the shipped binary uses (src/main.rs), so that this measures what ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use xinjian::annotate::{self, package};
use xinjian::report::{Format, Options};
use xinjian::{source, Config, Engine};

/// The drafts, written into `dir` as `.docx` files.
fn drafts(dir: &std::path::Path) -> Vec<PathBuf> {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    source::collect_files(&[corpus])
        .into_iter()
        .map(|f| {
            let p = f.unwrap();
            let bytes = if p.extension().is_some_and(|e| e == "docx") {
                std::fs::read(&p).unwrap()
            } else {
                // The text as a Word file would hold it, one paragraph per line.
                package::from_text(&source::load(&p).unwrap().text)
            };
            let to = dir.join(p.with_extension("docx").file_name().unwrap());
            std::fs::write(&to, bytes).unwrap();
            to
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let drafts = drafts(dir.path());
    let copies = tempfile::tempdir().unwrap();
    let engine = Engine::new(Config::default()).unwrap();
    let terminal = Format::Terminal;
    let check = |p: &PathBuf| {
        let bytes = source::read_bytes(p).unwrap();
        let r = engine.check(source::from_bytes(p, &bytes).unwrap());
        terminal
            .render(
                std::slice::from_ref(&Ok(r.clone())),
                Options::default(),
                &mut std::io::sink(),
            )
            .unwrap();
        (bytes, r)
    };
    let mut g = c.benchmark_group("docx_folder");
    g.throughput(Throughput::Elements(drafts.len() as u64));
    g.sample_size(20);
    g.bench_function("check", |b| {
        b.iter(|| {
            drafts
                .iter()
                .map(|p| check(p).1.diagnostics.len())
                .sum::<usize>()
        })
    });
    g.bench_function("check_and_annotate", |b| {
        b.iter(|| {
            drafts
                .iter()
                .map(|p| {
                    let (bytes, r) = check(p);
                    let a = annotate::annotate(p, &bytes, &r, "2026-12-07").unwrap();
                    let out = annotate::output_path(p, Some(copies.path()));
                    annotate::write_copy(&out, &a.bytes).unwrap();
                    a.comments
                })
                .sum::<usize>()
        })
    });
    let checked: Vec<_> = drafts.iter().map(check).collect();
    g.bench_function("annotate_only", |b| {
        b.iter(|| {
            drafts
                .iter()
                .zip(&checked)
                .map(|(p, (bytes, r))| {
                    annotate::annotate(p, bytes, r, "2026-12-07")
                        .unwrap()
                        .bytes
                        .len()
                })
                .sum::<usize>()
        })
    });
    // The floor of writing the copies: the same bytes written by std::fs::write.
    let bytes: Vec<Vec<u8>> = drafts
        .iter()
        .zip(&checked)
        .map(|(p, (b, r))| annotate::annotate(p, b, r, "2026-12-07").unwrap().bytes)
        .collect();
    let plain = tempfile::tempdir().unwrap();
    g.bench_function("write_only", |b| {
        b.iter(|| {
            for (i, c) in bytes.iter().enumerate() {
                std::fs::write(plain.path().join(format!("{i}.docx")), c).unwrap();
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
