//! Bare segmentation versus full analysis over the corpus. `ratio bare|full ROUNDS` runs on
//! one thread, for instruction counts under `valgrind --tool=callgrind` (repeatable on a noisy
//! machine: take the difference of two round counts). `ratio bare|full ROUNDS THREADS` runs
//! the rounds on a rayon pool of THREADS and prints the best round's wall time in µs
//! (the minimum over rounds is the least disturbed by other load).

// The allocator the shipped binary uses (src/main.rs), so that this measures what ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use jieba_rs::Jieba;
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;
use xinjian::{source, Config, Engine};

fn main() {
    let arg = |k: usize| std::env::args().nth(k);
    let mode = arg(1).unwrap_or_default();
    let rounds: usize = arg(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let threads: Option<usize> = arg(3).and_then(|a| a.parse().ok());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let docs: Vec<_> = source::collect_files(&[dir])
        .into_iter()
        .map(|f| source::load(&f.unwrap()).unwrap())
        .collect();
    let bare = Jieba::new();
    let engine = Engine::new(Config::default()).unwrap();
    let one = |d: &xinjian::Document| -> usize {
        if mode == "bare" {
            bare.cut(&d.text, true).len()
        } else {
            engine.check(d.clone()).diagnostics.len()
        }
    };
    let mut n = 0usize;
    match threads {
        None => {
            for _ in 0..rounds {
                for d in &docs {
                    n += one(d);
                }
            }
        }
        Some(t) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build()
                .unwrap();
            let mut best = u128::MAX;
            for _ in 0..rounds {
                let clock = Instant::now();
                n += pool.install(|| docs.par_iter().map(one).sum::<usize>());
                best = best.min(clock.elapsed().as_micros());
            }
            println!("{mode} {t} threads: best round {best} µs");
        }
    }
    eprintln!("bytes {}", docs.iter().map(|d| d.text.len()).sum::<usize>());
    println!("{n}");
}
