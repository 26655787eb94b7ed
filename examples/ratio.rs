//! Bare segmentation versus full analysis over the corpus, for instruction counts under
//! `valgrind --tool=callgrind` (repeatable on a noisy machine). Usage: ratio bare|full ROUNDS
use jieba_rs::Jieba;
use std::path::Path;
use xinjian::{source, Config, Engine};

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let docs: Vec<_> = source::collect_files(&[dir])
        .into_iter()
        .map(|f| source::load(&f.unwrap()).unwrap())
        .collect();
    let mut n = 0usize;
    if mode == "bare" {
        let j = Jieba::new();
        for _ in 0..rounds {
            for d in &docs {
                n += j.cut(&d.text, true).len();
            }
        }
    } else {
        let e = Engine::new(Config::default()).unwrap();
        for _ in 0..rounds {
            for d in &docs {
                n += e.check(d.clone()).diagnostics.len();
            }
        }
    }
    eprintln!("bytes {}", docs.iter().map(|d| d.text.len()).sum::<usize>());
    println!("{n}");
}
