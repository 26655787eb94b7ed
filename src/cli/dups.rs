//! `xinjian dups [PATH...] [--index DIR] [--since DATE]`: clusters of duplicate items among
//! the given drafts and, with an index, the archived items (the same item sent by two units,
//! an old item re-sent, a short item copied into a long one, the same facts rewritten), each
//! pair with why (see [`xinjian::index::same_item`]).
//!
//! Archived items are not loaded into memory: duplicate detection keeps their band keys and
//! re-reads their stored text when it needs the shingles (see
//! [`minhash::duplicate_pairs_of_texts`]), so an archive of a million items fits in a few hundred MB.

use super::{Exit, Fatal};
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;
use std::sync::Mutex;

use rayon::prelude::*;
use tantivy::DocAddress;

use super::DupsArgs;
use super::Format;
use xinjian::index::archive::{content_hash, Archive, StoredItem};
use xinjian::index::minhash::{self, Thresholds};
use xinjian::report::model::{Cluster, DupPair, DupsReport, Member};
use xinjian::source::{self, Document};

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The archive part of a run: the opened archive, a searcher and the items compared.
struct Archived {
    archive: Archive,
    searcher: tantivy::Searcher,
    addresses: Vec<DocAddress>,
}

/// Opens the archive when the run includes it and lists the items to compare: dated on or
/// after `--since`, and not the same item as a given draft (same content or same path).
fn archived(args: &DupsArgs, docs: &[Document]) -> Result<Option<Archived>, Fatal> {
    if args.index.is_none() && !args.paths.is_empty() {
        if args.since.is_some() {
            return Err(Fatal(
                "--since 只筛选历史信息，请同时用 --index 指定索引".into(),
            ));
        }
        return Ok(None);
    }
    let config = super::archive::load_config(args.config.as_deref(), args.index.clone())?;
    let (since, _) = xinjian::date::bounds(args.since.as_deref(), None)?;
    let archive = super::archive::existing_archive(&config, xinjian::Resources::shared())?;
    let searcher = archive.searcher()?;
    let mut addresses = archive.addresses(&searcher, since.as_deref())?;
    let mut same: HashSet<DocAddress> = HashSet::new();
    for d in docs {
        same.extend(archive.with_hash(&searcher, &content_hash(&d.text))?);
        same.extend(archive.with_path(&searcher, &d.path.display().to_string())?);
    }
    addresses.retain(|a| !same.contains(a));
    Ok(Some(Archived {
        archive,
        searcher,
        addresses,
    }))
}

pub fn run(args: DupsArgs) -> Exit {
    let collected = source::collect(&args.paths);
    if let Some(notice) = collected.skipped_notice() {
        eprintln!("{notice}");
    }
    let files = collected.files;
    let loaded: Vec<Result<Document, source::SourceError>> = files
        .into_par_iter()
        .map(|f| f.and_then(|p| source::load_isolated(&p)))
        .collect();
    let mut errors = Vec::new();
    let mut docs = Vec::new();
    for l in loaded {
        match l {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e.to_string()),
        }
    }
    let arch = archived(&args, &docs)?;
    let stored = arch.as_ref().map_or(0, |a| a.addresses.len());
    let read_errors: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let text_of = |i: usize| -> Cow<str> {
        match (i.checked_sub(docs.len()), &arch) {
            (Some(k), Some(a)) => match a.archive.item_at(&a.searcher, a.addresses[k]) {
                Ok((_, body)) => Cow::Owned(body),
                Err(e) => {
                    read_errors.lock().unwrap().push(e.to_string());
                    Cow::Borrowed("")
                }
            },
            _ => Cow::Borrowed(docs[i].text.as_str()),
        }
    };
    let n = docs.len() + stored;
    let pairs = minhash::duplicate_pairs_of_texts(n, text_of, Thresholds::default()).pairs;
    {
        // Each unreadable item once.
        let mut e = read_errors.into_inner().unwrap();
        e.sort();
        e.dedup();
        errors.extend(e);
    }
    let mut groups = minhash::clusters(n, &pairs);
    // With drafts given, the archive is the background: only groups holding a draft.
    if arch.is_some() && !docs.is_empty() {
        groups.retain(|g| g[0] < docs.len());
    }
    let mut group_of = vec![usize::MAX; n];
    for (k, g) in groups.iter().enumerate() {
        for &i in g {
            group_of[i] = k;
        }
    }
    let member = |i: usize| -> Member {
        match (i.checked_sub(docs.len()), &arch) {
            (Some(k), Some(a)) => {
                let item: StoredItem = a
                    .archive
                    .item_at(&a.searcher, a.addresses[k])
                    .map(|(s, _)| s)
                    .unwrap_or_else(|_| StoredItem {
                        path: format!("（索引中第 {k} 篇）"),
                        title: String::new(),
                        unit: None,
                        date: None,
                        category: None,
                        hash: String::new(),
                        quality: None,
                    });
                Member {
                    path: item.path,
                    title: item.title,
                    unit: item.unit,
                    date: item.date,
                    archived: true,
                }
            }
            _ => Member {
                path: docs[i].path.display().to_string(),
                title: docs[i].meta.title.clone().unwrap_or_default(),
                unit: docs[i].meta.unit.clone(),
                date: docs[i].meta.date.clone(),
                archived: false,
            },
        }
    };
    let mut clusters: Vec<Cluster> = groups
        .iter()
        .map(|g| Cluster {
            members: g.iter().map(|&i| member(i)).collect(),
            pairs: Vec::new(),
        })
        .collect();
    for p in &pairs {
        let k = group_of[p.a];
        if k == usize::MAX {
            continue;
        }
        let c = &groups[k];
        let path = |i: usize| {
            let pos = c.binary_search(&i).unwrap_or(0);
            clusters[k].members[pos].path.clone()
        };
        let date = |i: usize| {
            let pos = c.binary_search(&i).unwrap_or(0);
            clusters[k].members[pos].date.clone()
        };
        let why = p
            .why
            .clone()
            .map(|w| w.dated(date(p.a).as_deref(), date(p.b).as_deref()));
        let jp = DupPair {
            a: path(p.a),
            b: path(p.b),
            similarity: round(p.similarity.score()),
            jaccard: round(p.similarity.jaccard),
            containment: round(p.similarity.containment),
            kind: why.as_ref().map(|w| w.kind),
            why: why.as_ref().map(|w| w.describe()).unwrap_or_default(),
            sentences: why
                .as_ref()
                .map(|w| w.sentences.clone())
                .unwrap_or_default(),
            shared: why.map(|w| w.shared),
        };
        clusters[k].pairs.push(jp);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        Format::Json => {
            let report = DupsReport {
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
                        "  {}{}  {}  {}  {}",
                        if m.archived { "【历史】" } else { "" },
                        m.date.as_deref().unwrap_or("日期不详"),
                        m.unit.as_deref().unwrap_or("单位不详"),
                        m.title,
                        m.path
                    )?;
                }
                for p in &c.pairs {
                    writeln!(out, "  {} ↔ {}", p.a, p.b)?;
                    writeln!(out, "    {}", p.why)?;
                    if let Some(s) = p.sentences.first() {
                        writeln!(out, "    重合的句子：{s}")?;
                    }
                }
                writeln!(out)?;
            }
            for e in &errors {
                writeln!(out, "无法读取 {e}")?;
            }
            let what = match (docs.len(), stored, arch.is_some()) {
                (d, _, false) => format!("检查了 {d} 篇稿件"),
                (0, s, true) => format!("比对了历史信息 {s} 篇"),
                (d, s, true) => format!("比对了 {d} 篇稿件和历史信息 {s} 篇"),
            };
            writeln!(out, "{what}：{} 组疑似重复", clusters.len())
        })(),
    };
    super::written(written.and_then(|_| out.flush()))?;
    Ok(if errors.is_empty() { 0 } else { 2 })
}
