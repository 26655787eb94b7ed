//! `xinjian dups PATH...`: clusters of near-duplicate items among the given drafts (the same
//! item sent by two units, an old item re-sent, a short item copied into a long one).

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use super::DupsArgs;
use crate::index::minhash::{self, Item, Thresholds};
use crate::report::Format;
use crate::source::{self, Document};

#[derive(Serialize)]
struct Member<'a> {
    path: String,
    title: &'a str,
    unit: Option<&'a str>,
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonPair {
    a: String,
    b: String,
    /// The larger of Jaccard and containment.
    similarity: f64,
    jaccard: f64,
    containment: f64,
}

#[derive(Serialize)]
struct Cluster<'a> {
    members: Vec<Member<'a>>,
    pairs: Vec<JsonPair>,
}

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    clusters: Vec<Cluster<'a>>,
    errors: Vec<String>,
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

pub fn run(args: DupsArgs) -> i32 {
    let files = source::collect_files(&args.paths);
    let loaded: Vec<Result<Document, source::SourceError>> = files
        .into_par_iter()
        .map(|f| f.and_then(|p| source::load(&p)))
        .collect();
    let mut errors = Vec::new();
    let mut docs = Vec::new();
    for l in loaded {
        match l {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e.to_string()),
        }
    }
    let items: Vec<Item> = docs.par_iter().map(|d| Item::new(&d.text)).collect();
    let pairs = minhash::duplicate_pairs(&items, Thresholds::default());
    let groups = minhash::clusters(docs.len(), &pairs);
    let path = |i: usize| docs[i].path.display().to_string();
    let clusters: Vec<Cluster> = groups
        .iter()
        .map(|g| Cluster {
            members: g
                .iter()
                .map(|&i| Member {
                    path: path(i),
                    title: docs[i].meta.title.as_deref().unwrap_or(""),
                    unit: docs[i].meta.unit.as_deref(),
                    date: docs[i].meta.date.as_deref(),
                })
                .collect(),
            pairs: pairs
                .iter()
                .filter(|p| g.contains(&p.a))
                .map(|p| JsonPair {
                    a: path(p.a),
                    b: path(p.b),
                    similarity: round(p.similarity.score()),
                    jaccard: round(p.similarity.jaccard),
                    containment: round(p.similarity.containment),
                })
                .collect(),
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        Format::Json => {
            let report = Report {
                schema_version: 1,
                clusters,
                errors: errors.clone(),
            };
            serde_json::to_writer_pretty(&mut out, &report)
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        Format::Terminal => (|| {
            for (k, c) in clusters.iter().enumerate() {
                writeln!(out, "第 {} 组（{} 篇）", k + 1, c.members.len())?;
                for m in &c.members {
                    writeln!(
                        out,
                        "  {}  {}  {}  {}",
                        m.date.unwrap_or("日期不详"),
                        m.unit.unwrap_or("单位不详"),
                        m.title,
                        m.path
                    )?;
                }
                for p in &c.pairs {
                    writeln!(
                        out,
                        "  相似度 {:.0}%（重合 {:.0}%，较短一篇被包含 {:.0}%）：{} ↔ {}",
                        p.similarity * 100.0,
                        p.jaccard * 100.0,
                        p.containment * 100.0,
                        p.a,
                        p.b
                    )?;
                }
                writeln!(out)?;
            }
            for e in &errors {
                writeln!(out, "无法读取：{e}")?;
            }
            writeln!(
                out,
                "检查了 {} 篇稿件：{} 组疑似重复",
                docs.len(),
                clusters.len()
            )
        })(),
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("xinjian：输出失败（{e}）");
            return 2;
        }
    }
    if errors.is_empty() {
        0
    } else {
        2
    }
}
