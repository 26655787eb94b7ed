//! `xinjian index PATH...` and `xinjian search QUERY`: the archive of past items.

use super::{Exit, Fatal};
use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;

use super::Format;
use super::{IndexArgs, SearchArgs, SimilarArgs};
use xinjian::config::Config;
use xinjian::index::archive::Archive;
use xinjian::index::search::{similar_to, SearchReport, SearchRequest, SimilarReport};
use xinjian::source;
use xinjian::{DocReport, Engine};

/// The configuration with `--index` applied.
pub(super) fn load_config(
    path: Option<&std::path::Path>,
    index: Option<PathBuf>,
) -> Result<Config, Fatal> {
    let mut c = Config::load(path)?;
    if index.is_some() {
        c.index = index;
    }
    Ok(c)
}

pub fn index(args: IndexArgs) -> Exit {
    let config = load_config(args.config.as_deref(), args.index)?;
    let dir = config.index_dir();
    let engine = (Engine::new(config)?).with_all_tokens();
    let archive = Archive::open(&dir, engine.resources().clone())?;
    let collected = source::collect(&args.paths);
    if let Some(notice) = collected.skipped_notice() {
        eprintln!("{notice}");
    }
    let files = collected.files;
    // Each draft is read and analysed once; the index takes the same tokens.
    // A progress bar on a terminal only; pipes and CI logs stay clean.
    let bar = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("分析稿件 {bar:40} {pos}/{len} 篇 {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let outcomes: Vec<Result<DocReport, source::SourceError>> = files
        .into_par_iter()
        .map(|f| {
            let r = f.and_then(|p| engine.check_path(&p));
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut failed = 0;
    let mut reports = Vec::new();
    for o in outcomes {
        match o {
            Ok(r) => reports.push(r),
            Err(e) => {
                failed += 1;
                eprintln!("xinjian：{e}");
            }
        }
    }
    let batch: Vec<_> = reports
        .iter()
        .map(|r| xinjian::index::archive::NewItem {
            doc: &r.doc,
            tokens: r.analysis.tokens.as_slice(),
            category: Some(r.elements.category.category.id()),
            quality: r.quality.quality,
        })
        .collect();
    if archive.has_old_band_keys() {
        eprintln!(
            "xinjian：提示：{} 中有旧版本建立的查重指纹，check 比对重复时找不到这些信息；请删除这个索引文件夹后重新运行 xinjian index",
            dir.display()
        );
    }
    let stats = archive.add(&batch)?;
    if let Some(w) = &stats.warning {
        eprintln!(
            "xinjian：提示：稿件已全部写入索引，但整理查重指纹文件时出错（{w}），下次运行 xinjian index 时会再试"
        );
    }
    let total = archive
        .searcher()
        .map(|s| s.num_docs() as usize)
        .unwrap_or(0);
    println!(
        "索引 {}：新增 {} 篇，更新 {} 篇，未变 {} 篇；共 {} 篇{}",
        dir.display(),
        stats.added,
        stats.replaced,
        stats.unchanged,
        total,
        if failed > 0 {
            format!("；{failed} 个文件无法读取")
        } else {
            String::new()
        }
    );
    Ok(if failed > 0 { 2 } else { 0 })
}

/// An error when the archive folder has no index yet.
pub(super) fn require_index(config: &Config) -> Result<(), Fatal> {
    let dir = config.index_dir();
    if dir.join("meta.json").exists() {
        return Ok(());
    }
    Err(Fatal(format!(
        "{}：还没有索引。先运行 xinjian index 稿件文件夹 建立索引",
        dir.display()
    )))
}

/// An existing archive (configured, given or default folder).
pub(super) fn existing_archive(
    config: &Config,
    res: std::sync::Arc<xinjian::Resources>,
) -> Result<Archive, Fatal> {
    require_index(config)?;
    Ok(Archive::open(&config.index_dir(), res)?)
}

/// Configuration, engine and an existing archive.
fn open_existing(
    config_path: Option<&std::path::Path>,
    index: Option<PathBuf>,
) -> Result<(Engine, Archive), Fatal> {
    let config = load_config(config_path, index)?;
    // The message before loading the segmenter.
    require_index(&config)?;
    let engine = Engine::new(config)?;
    let archive = existing_archive(engine.config(), engine.resources().clone())?;
    Ok((engine, archive))
}

pub fn search(args: SearchArgs) -> Exit {
    let (_engine, archive) = open_existing(args.config.as_deref(), args.index)?;
    let request = SearchRequest {
        query: args.query.join(" "),
        unit: args.unit,
        category: args.category,
        since: args.since,
        until: args.until,
        limit: args.limit,
    };
    let hits = request.run(&archive)?;
    let query = request.query;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(
            &mut out,
            &SearchReport {
                schema_version: 1,
                query: &query,
                hits: &hits,
            },
        )
        .map_err(std::io::Error::other)
        .and_then(|_| writeln!(out)),
        Format::Terminal => (|| {
            for (k, h) in hits.iter().enumerate() {
                writeln!(
                    out,
                    "{}. {}  {}  {}  {}",
                    k + 1,
                    h.item.date.as_deref().unwrap_or("日期不详"),
                    h.item.unit.as_deref().unwrap_or("单位不详"),
                    h.item.title,
                    h.item.path
                )?;
                // Matches shown in 【】 so they stand out without colour.
                let mut shown = String::new();
                let mut last = 0;
                for &(s, e) in &h.highlighted {
                    shown.push_str(&h.snippet[last..s]);
                    shown.push('【');
                    shown.push_str(&h.snippet[s..e]);
                    shown.push('】');
                    last = e;
                }
                shown.push_str(&h.snippet[last..]);
                writeln!(out, "   {}", shown.replace('\n', " "))?;
            }
            writeln!(out, "找到 {} 条（“{}”）", hits.len(), query)
        })(),
    };
    super::written(written.and_then(|_| out.flush()))
}

pub fn similar(args: SimilarArgs) -> Exit {
    let doc = source::load_isolated(&args.file)?;
    let (_engine, archive) = open_existing(args.config.as_deref(), args.index)?;
    let found = similar_to(&archive, &doc, args.limit)?;
    type Out<'a> = SimilarReport<'a>;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(
            &mut out,
            &Out {
                schema_version: 1,
                path: args.file.display().to_string(),
                similar: &found,
            },
        )
        .map_err(std::io::Error::other)
        .and_then(|_| writeln!(out)),
        Format::Terminal => (|| {
            for (k, r) in found.iter().enumerate() {
                writeln!(
                    out,
                    "{}. 相似度 {:.0}%  {}  {}  {}  {}",
                    k + 1,
                    r.similarity.score() * 100.0,
                    r.item.date.as_deref().unwrap_or("日期不详"),
                    r.item.unit.as_deref().unwrap_or("单位不详"),
                    r.item.title,
                    r.item.path
                )?;
                if let Some(w) = &r.duplicate {
                    writeln!(out, "   是同一条信息：{}", w.describe())?;
                }
                for s in &r.shared {
                    writeln!(out, "   重合：{s}")?;
                }
            }
            writeln!(out, "找到 {} 条相似信息", found.len())
        })(),
    };
    super::written(written.and_then(|_| out.flush()))
}
