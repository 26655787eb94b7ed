//! Segmentation speed with and without the gazetteer as user words (design experiment).
use jieba_rs::Jieba;
use std::path::Path;
use std::time::Instant;
use xinjian::{source, Resources};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let docs: Vec<_> = source::collect_files(&[dir])
        .into_iter()
        .map(|f| source::load(&f.unwrap()).unwrap())
        .collect();
    let bare = Jieba::new();
    let res = Resources::shared();
    let mut counties = Jieba::new();
    for (w, f) in res.gazetteer.segmenter_words() {
        if !w.ends_with('镇') && !w.ends_with('乡') && !w.ends_with("街道") {
            counties.add_word(w, Some(f), Some("ns"));
        }
    }
    for (name, j) in [
        ("bare", &bare),
        ("full gazetteer", &res.jieba),
        ("counties only", &counties),
    ] {
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..50 {
            for d in &docs {
                n += j.cut(&d.text, true).len();
            }
        }
        println!("{name}: {:?} ({n})", t.elapsed() / 50);
    }
}
