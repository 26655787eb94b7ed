//! Runs the full analysis over the corpus many times, for profilers (perf, callgrind).
use std::path::Path;
use xinjian::{source, Config, Engine};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let docs: Vec<_> = source::collect_files(&[dir])
        .into_iter()
        .map(|f| source::load(&f.unwrap()).unwrap())
        .collect();
    let engine = Engine::new(Config::default()).unwrap();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let mut n = 0;
    for _ in 0..rounds {
        for d in &docs {
            n += engine.check(d.clone()).diagnostics.len();
        }
    }
    println!("{n}");
}
