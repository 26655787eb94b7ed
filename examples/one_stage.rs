//! Loops one analysis stage over the corpus, for a flat profile (design experiment).
use std::path::Path;
use xinjian::{elements, source, text, Resources};

fn main() {
    let stage = std::env::args().nth(1).unwrap_or_default();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let docs: Vec<_> = source::collect_files(&[dir])
        .into_iter()
        .map(|f| source::load(&f.unwrap()).unwrap())
        .collect();
    let res = Resources::shared();
    let analysed: Vec<_> = docs
        .iter()
        .map(|d| text::Analysis::new(&res, &d.text, None))
        .collect();
    let mut n = 0usize;
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    for _ in 0..rounds {
        for (d, a) in docs.iter().zip(&analysed) {
            let x = d.text.as_str();
            n += match stage.as_str() {
                "suggestions" => elements::suggestions::find(&res, x, a).len(),
                "numbers" => text::numbers::find(x, &a.tokens, &a.set_phrases, &a.places).len(),
                "places" => res.gazetteer.find(x, &a.tokens, None, &*res).len(),
                "stale" => elements::stale::find(&res, x, a).len(),
                "category" => elements::category::classify(x, a, &[], None).confidence as usize,
                "cases" => elements::cases::find(x, a).len(),
                "coverage" => elements::coverage::find(x, a).county as usize,
                "analysis" => text::Analysis::new(&res, x, None).tokens.len(),
                "sentences" => text::Analysis::new(&res, x, None).sentences.len(),
                "segment_nohmm" => res.jieba.cut(x, false).len(),
                _ => res.segment(x).len(),
            };
        }
    }
    println!("{n}");
}
