//! Loops one analysis stage over the corpus, for a flat profile (design experiment).

// The allocator the shipped binary uses (src/main.rs), so that this measures what ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::Path;
use xinjian::{checks, elements, source, text, Config, Resources};

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
    let config = Config::default();
    let extracted: Vec<_> = docs
        .iter()
        .zip(&analysed)
        .map(|(d, a)| elements::Elements::extract(&res, &d.text, a, None))
        .collect();
    let only = std::env::args().nth(3);
    let mut n = 0usize;
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    for _ in 0..rounds {
        for (d, a) in docs.iter().zip(&analysed) {
            let x = d.text.as_str();
            let i = docs.iter().position(|x| std::ptr::eq(x, d)).unwrap();
            n += match stage.as_str() {
                "checks" => {
                    let ctx = checks::Context {
                        text: x,
                        analysis: a,
                        elements: &extracted[i],
                        category: extracted[i].category.category,
                        meta: &d.meta,
                        thresholds: &config.thresholds,
                        length: &config.length,
                        gazetteer: &res.gazetteer,
                        history: &[],
                        topic_history: &Default::default(),
                    };
                    checks::run(&ctx, &|r| {
                        if only.as_deref().is_none_or(|o| o == r.name) {
                            Some(r.default_severity)
                        } else {
                            None
                        }
                    })
                    .len()
                }
                "suggestions" => elements::suggestions::find(x, a).len(),
                "numbers" => text::numbers::find(
                    x,
                    &mut |p| a.tokens.binary_search_by_key(&p, |t| t.start).is_ok(),
                    &a.set_phrases,
                    &a.places,
                    &a.words,
                )
                .len(),
                "places" => res.gazetteer.find(x, &a.tokens, None, &*res).len(),
                "stale" => elements::stale::find(&res, x, a, &res.lexicons.word_hits(x)).len(),
                "word_hits" => res.lexicons.word_hits(x).len(),
                "pieces" => text::segments::Segments::needed(&res, x, a.title())
                    .into_tokens()
                    .len(),
                "category" => {
                    elements::category::classify(x, a, &[], None, &res.lexicons.word_hits(x))
                        .confidence as usize
                }
                "cases" => elements::cases::find(x, a).len(),
                "coverage" => elements::coverage::find(x, a).county as usize,
                "analysis" => text::Analysis::new(&res, x, None).tokens.len(),
                "sentences" => text::Analysis::new(&res, x, None).sentences.len(),
                "skeleton" => text::skeleton_len(x),
                "segment_nohmm" => res.jieba.cut(x, false).len(),
                _ => res.segment(x).len(),
            };
        }
    }
    println!("{n}");
}
