//! xinjian (信鉴): reads Chinese government information drafts (党委信息/政务信息) and reports
//! what a provincial editor would: missing data, no township named, vague suggestions, stale
//! wording, the wrong category.
//!
//! The pipeline: [`source`] (file → text) → [`text`] (segment once, places, numbers) →
//! [`elements`] and [`checks`] (pure functions) → [`report`] (formats).
//!
//! ```
//! use xinjian::{Engine, source};
//! let engine = Engine::new(Default::default()).unwrap();
//! let doc = source::from_text("草稿.txt", "永嘉县桥头镇纽扣企业缺工约3000人\n全县纽扣企业312家，其中桥头镇缺工约3000人。").unwrap();
//! let report = engine.check(doc);
//! assert!(report.elements.coverage.township);
//! assert_eq!(report.analysis.data_points.len(), 3);
//! ```

pub mod annotate;
pub mod audit;
pub mod category;
pub mod checks;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod elements;
pub mod index;
pub mod lexicon;
pub mod report;
pub mod scoring;
pub mod serve;
pub mod source;
pub mod text;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

pub use category::Category;
pub use checks::TopicHistory;
pub use config::Config;
pub use diagnostic::{Diagnostic, Severity};
pub use elements::Elements;
pub use source::isolate;
pub use source::{Document, SourceError};
pub use text::resources;
pub use text::Analysis;
pub use text::Resources;

/// A draft containing this text finds the archive unreadable: how the tests show that such an
/// error is reported, not dropped. Only with the `fault-injection` feature (tests).
#[cfg(feature = "fault-injection")]
pub const ARCHIVE_FAULT_MARKER: &str = "XINJIAN-ARCHIVE-FAULT";

/// An archived item as the checks see it.
fn earlier(i: &index::archive::StoredItem) -> checks::EarlierItem {
    checks::EarlierItem {
        title: i.title.clone(),
        unit: i.unit.clone(),
        date: i.date.clone(),
    }
}

/// One checked document.
#[derive(Debug, Clone)]
pub struct DocReport {
    pub doc: Document,
    pub analysis: Analysis,
    pub elements: Elements,
    pub diagnostics: Vec<Diagnostic>,
    pub quality: scoring::Quality,
    pub points: scoring::Points,
    /// Earlier archived items this draft near-duplicates (empty without an archive).
    pub history: Vec<index::archive::Reuse>,
    /// The archive could not be read while this draft was compared with it (in Chinese):
    /// `history` and the stale-topic check then know nothing, and the report says so.
    pub archive_error: Option<String>,
}

/// The places a report names outside the configured region (`--region`), each once, in
/// order of first mention; empty without a region.
pub fn outside_region(r: &DocReport) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for p in r
        .analysis
        .places
        .iter()
        .filter(|p| p.in_region == Some(false))
    {
        let name = p.canonical.clone().unwrap_or_else(|| p.name.clone());
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Configuration plus the shared resources and, when opened, the archive; cheap to share
/// across threads. Built once (by [`Engine::new`] or [`Engine::open`]) and not changed after:
/// what it caches (the region's counties) always matches its configuration.
pub struct Engine {
    resources: Arc<Resources>,
    config: Config,
    region: Option<HashSet<u32>>,
    /// The archive of earlier items, when one is opened: drafts are compared against it.
    archive: Option<index::archive::Archive>,
    /// Whether analyses keep every token (the index needs them), not only those read.
    all_tokens: bool,
    /// What the user should know about the engine opened (an archive of an older format).
    notices: Vec<String>,
}

/// Whether [`Engine::open`] must find an archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexUse {
    /// The folder was asked for (`--index`): its absence is an error.
    Required,
    /// The configured or default folder is used when it holds an index.
    IfPresent,
}

/// Problems that stop a whole run (not a single file).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("地区“{0}”在区划库中找不到，请写省、市或县的全称，如“温州市”“浙江省”“永嘉县”")]
    UnknownRegion(String),
    #[error("词表有误，请先运行 xinjian lexicon check 修正：\n{0}")]
    Lexicons(String),
    #[error("{0}：还没有索引。先运行 xinjian index 稿件文件夹 建立索引")]
    NoIndex(String),
    #[error(transparent)]
    Archive(#[from] index::archive::ArchiveError),
}

impl Engine {
    /// The engine for `config` with its archive (`config.index`, or `xinjian-index` in the
    /// working folder) opened when there is one — or required, with [`IndexUse::Required`].
    ///
    /// ```
    /// use xinjian::{Engine, IndexUse};
    /// let engine = Engine::open(Default::default(), IndexUse::IfPresent).unwrap();
    /// // A draft as an upload gives it: a name and its bytes.
    /// let doc = xinjian::source::from_bytes(
    ///     "2026-11-03_永嘉县委办_纽扣.txt".as_ref(),
    ///     "永嘉县桥头镇纽扣企业缺工\n全县纽扣企业312家，其中桥头镇缺工约3000人。".as_bytes(),
    /// )
    /// .unwrap();
    /// let report = engine.check_isolated(doc).unwrap();
    /// // The public output type: the document object of `xinjian check --format json`
    /// // (what `POST /api/check` answers).
    /// let document = xinjian::report::model::Document::new(&report, false);
    /// assert_eq!(document.diagnostics.len(), report.diagnostics.len());
    /// let json: serde_json::Value = serde_json::to_value(&document).unwrap();
    /// assert_eq!(json["unit"], "永嘉县委办");
    /// assert_eq!(json["coverage"]["township"], true);
    /// assert_eq!(json["elements"]["data_points"].as_array().unwrap().len(), 2);
    /// ```
    pub fn open(config: Config, index: IndexUse) -> Result<Engine, EngineError> {
        let dir = config.index_dir();
        let mut engine = Engine::new(config)?;
        let exists = dir.join("meta.json").exists();
        if index == IndexUse::Required && !exists {
            return Err(EngineError::NoIndex(dir.display().to_string()));
        }
        if exists {
            let archive = index::archive::Archive::open(&dir, engine.resources.clone())?;
            if archive.has_old_band_keys() {
                engine.notices.push(format!(
                    "提示：{} 是旧版本建立的索引，其中稿件的查重指纹格式已更改，比对重复时找不到它们；请删除这个索引文件夹后重新运行 xinjian index",
                    dir.display()
                ));
            }
            engine.archive = Some(archive);
        }
        Ok(engine)
    }

    /// The configuration the engine was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The dictionaries, gazetteer and word lists.
    pub fn resources(&self) -> &Arc<Resources> {
        &self.resources
    }

    /// The archive of earlier items, when one is open.
    pub fn archive(&self) -> Option<&index::archive::Archive> {
        self.archive.as_ref()
    }

    /// What the user should be told about the engine opened, in Chinese.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// An engine with the process-wide resources.
    pub fn new(config: Config) -> Result<Engine, EngineError> {
        // The office's own word lists mean a segmenter of their own; otherwise share.
        let resources = match &config.lexicons {
            Some(dir) => Arc::new(Resources::build(lexicon::Lexicons::layered(dir).map_err(
                |errors| {
                    EngineError::Lexicons(
                        errors
                            .iter()
                            .map(|e| e.to_string())
                            .collect::<Vec<_>>()
                            .join("\n"),
                    )
                },
            )?)),
            None => Resources::shared(),
        };
        let region = match &config.region {
            Some(r) => Some(
                resources
                    .gazetteer
                    .region_counties(r)
                    .ok_or_else(|| EngineError::UnknownRegion(r.clone()))?,
            ),
            None => None,
        };
        Ok(Engine {
            resources,
            config,
            region,
            archive: None,
            all_tokens: false,
            notices: Vec::new(),
        })
    }

    /// The same engine, its analyses keeping every token of the text (for the index).
    pub fn with_all_tokens(mut self) -> Engine {
        self.all_tokens = true;
        self
    }

    /// Analyses a document's text once.
    pub fn analyse(&self, doc: &Document) -> Analysis {
        if self.all_tokens {
            Analysis::with_all_tokens(&self.resources, &doc.text, self.region.as_ref())
        } else {
            Analysis::new(&self.resources, &doc.text, self.region.as_ref())
        }
    }

    /// Analyses, extracts elements and runs the enabled checks.
    /// Earlier archived items this draft reuses: not itself (same path or same text), not
    /// items dated after it.
    fn history(
        &self,
        doc: &Document,
    ) -> Result<Vec<index::archive::Reuse>, index::archive::ArchiveError> {
        let Some(archive) = &self.archive else {
            return Ok(Vec::new());
        };
        #[cfg(feature = "fault-injection")]
        if doc.text.contains(ARCHIVE_FAULT_MARKER) {
            return Err(index::archive::ArchiveError::Broken(
                "xinjian-index".into(),
                "planted fault".to_string().into(),
            ));
        }
        let hash = index::archive::content_hash(&doc.text);
        let path = doc.path.display().to_string();
        Ok(archive
            .reuse(&doc.text, doc.meta.date.as_deref(), 20)?
            .into_iter()
            .filter(|r| r.duplicate.is_some())
            // Not itself: the same path, or the same text with the same date (one file
            // copied twice). The same text dated earlier at another path is 旧稿重报.
            .filter(|r| {
                r.item.path != path && !(r.item.hash == hash && r.item.date == doc.meta.date)
            })
            .filter(|r| match (&r.item.date, &doc.meta.date) {
                (Some(theirs), Some(ours)) => theirs <= ours,
                _ => true,
            })
            .collect())
    }

    /// Earlier archived items on the draft's topic (see [`index::topics`]) within the
    /// look-back window, most similar first, and how many distinct items they are (items
    /// that are one item sent twice count once); both dates must be known.
    fn topic_history(&self, doc: &Document) -> Result<TopicHistory, index::archive::ArchiveError> {
        let (Some(archive), Some(date)) = (&self.archive, doc.meta.date.as_deref()) else {
            return Ok(TopicHistory::default());
        };
        let hash = index::archive::content_hash(&doc.text);
        let path = doc.path.display().to_string();
        let window = self.config.thresholds.stale_topic_days;
        let keep = |i: &index::archive::StoredItem| {
            i.hash != hash
                && i.path != path
                && i.date.as_deref().is_some_and(|d| {
                    d < date && date::days_between(d, date).is_some_and(|n| n <= window)
                })
        };
        let found = archive.on_topic(&doc.text, index::topics::SAME_TOPIC, &keep)?;
        // Distinct items: clusters of the items that are the same item sent again.
        let mut parent: Vec<usize> = (0..found.len()).collect();
        fn root(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                x = p[x];
            }
            x
        }
        for a in 0..found.len() {
            for b in a + 1..found.len() {
                let side = |k: usize| index::same_item::Side {
                    text: &found[k].body,
                    facts: &found[k].facts,
                    date: found[k].item.date.as_deref(),
                };
                let none = std::collections::HashSet::<u64>::new();
                if index::same_item::judge(
                    &side(a),
                    &side(b),
                    &none,
                    index::minhash::Thresholds::default(),
                )
                .is_some()
                {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
        let distinct = (0..found.len())
            .filter(|&k| root(&mut parent, k) == k)
            .count();
        Ok(TopicHistory {
            items: found
                .into_iter()
                .map(|o| (earlier(&o.item), o.closeness))
                .collect(),
            distinct,
        })
    }

    pub fn check(&self, doc: Document) -> DocReport {
        let analysis = self.analyse(&doc);
        let mut elements =
            Elements::extract(&self.resources, &doc.text, &analysis, doc.meta.category);
        // An archive that cannot be read leaves the draft uncompared, and the report says so.
        let mut archive_error = None;
        let history = self.history(&doc).unwrap_or_else(|e| {
            archive_error = Some(e.to_string());
            Vec::new()
        });
        let topic = self.topic_history(&doc).unwrap_or_else(|e| {
            archive_error.get_or_insert(e.to_string());
            TopicHistory::default()
        });
        if topic.distinct >= self.config.thresholds.stale_topic_count {
            let t = analysis.title();
            elements.stale.push(elements::Stale {
                start: t.start,
                end: t.end,
                class: elements::StaleClass::History,
                replacement: None,
                vague_result: false,
            });
        }
        for r in &history {
            // The reused passage, located in the draft, is a stale element of kind history.
            let at = r
                .shared
                .first()
                .and_then(|s| doc.text.find(s.as_str()).map(|i| (i, i + s.len())));
            let (start, end) = at.unwrap_or((analysis.title().start, analysis.title().end));
            elements.stale.push(elements::Stale {
                start,
                end,
                class: elements::StaleClass::History,
                replacement: None,
                vague_result: false,
            });
        }
        let earlier_duplicates: Vec<checks::EarlierDuplicate> = history
            .iter()
            .map(|r| checks::EarlierDuplicate {
                item: earlier(&r.item),
                why: r.duplicate.as_ref().map(|w| w.describe()),
                shared: r.shared.clone(),
            })
            .collect();
        let ctx = checks::Context {
            text: &doc.text,
            analysis: &analysis,
            elements: &elements,
            category: elements.category.category,
            meta: &doc.meta,
            thresholds: &self.config.thresholds,
            length: &self.config.length,
            gazetteer: &self.resources.gazetteer,
            history: &earlier_duplicates,
            topic_history: &topic,
        };
        let disabled = &doc.meta.disabled;
        let diagnostics = checks::run(&ctx, &|r| {
            if disabled
                .iter()
                .any(|d| d == r.name || d.eq_ignore_ascii_case(r.code))
            {
                None
            } else {
                self.config.severity_of(r)
            }
        });
        let quality = scoring::quality(&diagnostics);
        let points = scoring::points(
            &self.config.scoring,
            elements.category.category,
            &doc.meta,
            &analysis,
            &elements,
        );
        DocReport {
            doc,
            analysis,
            elements,
            diagnostics,
            quality,
            points,
            history,
            archive_error,
        }
    }

    /// Loads and checks one file. A panic while reading or checking it is that file's
    /// [`SourceError::Internal`]; the caller's batch goes on.
    pub fn check_path(&self, path: &Path) -> Result<DocReport, SourceError> {
        isolate::isolate(&path.display().to_string(), || {
            source::load(path).map(|d| self.check(d))
        })
    }

    /// Checks a document already read, isolated as [`Engine::check_path`] is.
    pub fn check_isolated(&self, doc: Document) -> Result<DocReport, SourceError> {
        let path = doc.path.display().to_string();
        isolate::isolate(&path, || Ok(self.check(doc)))
    }
}
