//! Dumps what the stale-topic rule sees in a labelled set (`tests/dups_editor`,
//! `tests/stale_editor3` …), for `scripts/stale_floor.py`: one JSON line per archived item and
//! draft with its date, title and every jieba token (with whether it is in the title, in a
//! place name or in a long quotation, its dictionary sub-words and its synonym head), then one
//! line per pair of archived items that `same_item::judge` calls the same item.
//!
//! `cargo run --release --example topic_dump -- tests/dups_editor > /tmp/dups_editor.jsonl`

// The allocator the shipped binary uses (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashSet;
use std::path::Path;
use xinjian::index::{facts::Facts, same_item};
use xinjian::text::Span;
use xinjian::{source, Analysis, Resources};

fn main() {
    let Some(set) = std::env::args().nth(1) else {
        eprintln!("用法：topic_dump <标注集目录>");
        std::process::exit(2);
    };
    let res = Resources::shared();
    let mut archived = Vec::new();
    for sub in ["archive", "stale"] {
        let mut files: Vec<_> = std::fs::read_dir(Path::new(&set).join(sub))
            .expect("标注集目录下应有 archive/ 和 stale/")
            .map(|e| e.expect("读目录").path())
            .collect();
        files.sort();
        for f in files {
            let doc = source::load(&f).expect("读稿件");
            let text = &doc.text;
            let title_end = text.find('\n').unwrap_or(text.len());
            let analysis = Analysis::new(&res, text, None);
            let quoted: Vec<Span> = xinjian::text::quotations(text)
                .into_iter()
                .filter(|q| q.slice(text).chars().count() > xinjian::index::topics::QUOTATION_CHARS)
                .collect();
            let tokens: Vec<serde_json::Value> = res
                .segment(text)
                .iter()
                .map(|t| {
                    let w = &text[t.start..t.end];
                    let place = analysis
                        .places
                        .iter()
                        .any(|p| Span::new(p.start, p.end).overlaps(t.start, t.end));
                    let quote = quoted.iter().any(|q| q.overlaps(t.start, t.end));
                    let subs: Vec<&str> = res
                        .sub_words(w)
                        .into_iter()
                        .map(|(s, e)| &w[s..e])
                        .collect();
                    let head = res.lexicons.topic_synonyms.get(w);
                    serde_json::json!([w, t.end <= title_end, place, quote, subs, head])
                })
                .collect();
            let name = f
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            println!(
                "{}",
                serde_json::json!({
                    "kind": sub, "file": name, "date": doc.meta.date,
                    "title": &text[..title_end], "segs": tokens,
                })
            );
            if sub == "archive" {
                archived.push((name, doc.text.clone(), doc.meta.date.clone()));
            }
        }
    }
    let facts: Vec<Facts> = archived
        .iter()
        .map(|(_, t, _)| Facts::of(&res, t))
        .collect();
    let none = HashSet::<u64>::new();
    for a in 0..archived.len() {
        for b in a + 1..archived.len() {
            let side = |k: usize| same_item::Side {
                text: &archived[k].1,
                facts: &facts[k],
                date: archived[k].2.as_deref(),
            };
            if same_item::judge(&side(a), &side(b), &none, Default::default()).is_some() {
                println!(
                    "{}",
                    serde_json::json!({"pair": [archived[a].0, archived[b].0]})
                );
            }
        }
    }
}
