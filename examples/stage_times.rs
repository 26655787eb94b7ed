//! Time per analysis stage over the corpus (design experiment for the speed target).
use std::path::Path;
use std::time::{Duration, Instant};
use xinjian::{elements, source, text, Resources};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let docs: Vec<_> = source::collect_files(&[dir])
        .into_iter()
        .map(|f| source::load(&f.unwrap()).unwrap())
        .collect();
    let res = Resources::shared();
    let mut t = [Duration::ZERO; 9];
    let rounds = 30;
    for _ in 0..rounds {
        for d in &docs {
            let x = d.text.as_str();
            let s = Instant::now();
            let tokens = res.segment(x);
            t[0] += s.elapsed();
            let s = Instant::now();
            let a = text::Analysis::new(&res, x, None);
            t[1] += s.elapsed();
            let s = Instant::now();
            let p = res.gazetteer.find(x, &tokens, None, &*res);
            t[2] += s.elapsed();
            let s = Instant::now();
            let _ = text::numbers::find(x, &tokens, &a.set_phrases, &p);
            t[3] += s.elapsed();
            let s = Instant::now();
            let sug = elements::suggestions::find(&res, x, &a);
            t[4] += s.elapsed();
            let s = Instant::now();
            let _ = elements::cases::find(x, &a);
            t[5] += s.elapsed();
            let s = Instant::now();
            let _ = elements::stale::find(&res, x, &a);
            t[6] += s.elapsed();
            let s = Instant::now();
            let _ = elements::coverage::find(x, &a);
            t[7] += s.elapsed();
            let s = Instant::now();
            let _ = elements::category::classify(x, &a, &sug, None);
            t[8] += s.elapsed();
        }
    }
    for (n, d) in [
        "segment",
        "Analysis::new (all of text)",
        "places",
        "numbers",
        "suggestions",
        "cases",
        "stale",
        "coverage",
        "category",
    ]
    .iter()
    .zip(t)
    {
        println!("{n:30} {:?}", d / rounds);
    }
}
