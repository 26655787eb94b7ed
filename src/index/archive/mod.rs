//! The archive of past items: a tantivy index of title, body and metadata, fed with the
//! segmentation the checks already made (pre-tokenized), plus the LSH band keys of each
//! item's MinHash sketch in files beside it (see [`crate::index::bands`]).
//!
//! tantivy does not persist custom tokenizers, so [`Archive::open`] registers the jieba
//! tokenizer every time an index is opened — the query parser and the snippet generator need
//! it. Writes are committed once per run: tantivy swaps its `meta.json` atomically, so a run
//! killed at any moment leaves the index as it was at the last commit. A second writer gets
//! a Chinese message instead of a corrupt index.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{
    Field, IndexRecordOption, OwnedValue, Schema, TextFieldIndexing, TextOptions, Value, STORED,
    STRING,
};
use tantivy::tokenizer::{Token as TvToken, TokenStream, Tokenizer};
use tantivy::{
    DocAddress, DocSet, Index, IndexWriter, Searcher, TantivyDocument, Term, TERMINATED,
};

use crate::index::bands::Runs;
use crate::index::facts::Facts;
use crate::index::minhash::{self, Similarity};
use crate::index::same_item;
use crate::index::topics;
use crate::source::Document;
use crate::text::Resources;
use crate::text::Span;

mod doc;
mod queries;
mod reuse;
mod tokenizer;

pub use doc::{ArchiveDoc, ArchiveDocIter};
pub use queries::{char_ranges, Hit};
pub use reuse::{OnTopic, Reuse};
use tokenizer::{handoff_key, is_word, Handoff};
pub use tokenizer::{to_index_tokens, JiebaStream, JiebaTokenizer, TOKENIZER};

/// The fields of the archive.
#[derive(Clone, Copy)]
pub struct Fields {
    pub path: Field,
    pub title: Field,
    pub body: Field,
    pub unit: Field,
    pub date: Field,
    pub category: Field,
    pub hash: Field,
    pub quality: Field,
}

/// Field of the band keys in indexes built before the keys moved out of tantivy.
const OLD_BANDS_FIELD: &str = "bands";

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        path: b.add_text_field("path", STRING | STORED),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
        unit: b.add_text_field("unit", STRING | STORED),
        date: b.add_text_field("date", STRING | STORED),
        category: b.add_text_field("category", STRING | STORED),
        hash: b.add_text_field("hash", STRING | STORED),
        quality: b.add_u64_field("quality", STORED),
    };
    (b.build(), fields)
}

/// The fields of an opened index, by name: an index built by an earlier version has the
/// same ones (and `bands`).
fn fields_of(schema: &Schema) -> Result<Fields, String> {
    let f = |name: &str| {
        schema
            .get_field(name)
            .map_err(|_| format!("缺少字段 {name}，不是信鉴建立的索引"))
    };
    Ok(Fields {
        path: f("path")?,
        title: f("title")?,
        body: f("body")?,
        unit: f("unit")?,
        date: f("date")?,
        category: f("category")?,
        hash: f("hash")?,
        quality: f("quality")?,
    })
}

/// Problems with the archive, in Chinese. The underlying error is kept as the source.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("{0}：另一个信鉴进程正在写入这个索引，请等它结束后再试")]
    Locked(String),
    #[error("{0}：索引无法打开或已损坏（{1}）")]
    Broken(String, #[source] Cause),
    #[error("{0}：无法创建索引文件夹（{1}）")]
    Create(String, #[source] Cause),
}

/// What went wrong underneath an [`ArchiveError`].
#[derive(Debug, thiserror::Error)]
pub enum Cause {
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Other(String),
}

impl From<String> for Cause {
    fn from(s: String) -> Cause {
        Cause::Other(s)
    }
}

fn fnv64(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// FNV-1a 64 of the canonical text: the identity of an item's content.
pub fn content_hash(text: &str) -> String {
    format!("{:016x}", fnv64(text))
}

/// An opened archive.
pub struct Archive {
    pub dir: PathBuf,
    pub index: Index,
    pub fields: Fields,
    handoff: Arc<Handoff>,
    bands: Runs,
    res: Arc<Resources>,
}

/// One stored item.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoredItem {
    pub path: String,
    pub title: String,
    pub unit: Option<String>,
    pub date: Option<String>,
    pub category: Option<String>,
    pub hash: String,
    pub quality: Option<u64>,
}

/// One analysed document to add to the archive.
#[derive(Debug, Clone, Copy)]
pub struct NewItem<'a> {
    pub doc: &'a Document,
    /// Its segmentation, if the analysis kept every token (handed to the index instead of
    /// segmenting the text again); otherwise the tokenizer segments it.
    pub tokens: &'a [Span],
    /// Category id (`problem`, `research` …), when known.
    pub category: Option<&'a str>,
    /// Quality score 0–100.
    pub quality: u32,
}

/// What `add` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AddStats {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// A problem after the commit (the items are in the index), in Chinese.
    pub warning: Option<String>,
}

impl Archive {
    /// Opens the index in `dir`, creating it if the folder is empty or missing, and registers
    /// the tokenizer.
    pub fn open(dir: &Path, res: Arc<Resources>) -> Result<Archive, ArchiveError> {
        let shown = dir.display().to_string();
        let (schema, _) = schema();
        let index = if dir.join("meta.json").exists() {
            Index::open_in_dir(dir).map_err(|e| ArchiveError::Broken(shown.clone(), e.into()))?
        } else {
            std::fs::create_dir_all(dir)
                .map_err(|e| ArchiveError::Create(shown.clone(), e.into()))?;
            Index::create_in_dir(dir, schema)
                .map_err(|e| ArchiveError::Create(shown.clone(), e.into()))?
        };
        let fields = fields_of(&index.schema())
            .map_err(|e| ArchiveError::Broken(shown.clone(), e.into()))?;
        let bands = Runs::open(dir);
        let handoff = Arc::new(Handoff::default());
        index.tokenizers().register(
            TOKENIZER,
            JiebaTokenizer {
                res: res.clone(),
                handoff: handoff.clone(),
            },
        );
        Ok(Archive {
            dir: dir.to_path_buf(),
            index,
            fields,
            handoff,
            bands,
            res,
        })
    }

    /// The archive is broken: `e` says how.
    fn broken(&self, e: impl Into<Cause>) -> ArchiveError {
        ArchiveError::Broken(self.dir.display().to_string(), e.into())
    }

    fn writer(&self, budget: usize) -> Result<IndexWriter<ArchiveDoc>, ArchiveError> {
        self.index.writer(budget).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => {
                ArchiveError::Locked(self.dir.display().to_string())
            }
            other => self.broken(other),
        })
    }

    /// All stored items (path → hash). Reads every stored item: for listing, not for
    /// deciding what to add.
    pub fn items(&self) -> Result<Vec<StoredItem>, ArchiveError> {
        let reader = self.index.reader().map_err(|e| self.broken(e))?;
        let searcher = reader.searcher();
        let mut out = Vec::new();
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(64).map_err(|e| self.broken(e))?;
            for doc_id in 0..segment.max_doc() {
                if segment.is_deleted(doc_id) {
                    continue;
                }
                let doc: TantivyDocument = store.get(doc_id).map_err(|e| self.broken(e))?;
                out.push(self.stored(&doc));
            }
        }
        Ok(out)
    }

    fn stored(&self, doc: &TantivyDocument) -> StoredItem {
        let f = &self.fields;
        let s = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        StoredItem {
            path: s(f.path).unwrap_or_default(),
            title: s(f.title).unwrap_or_default(),
            unit: s(f.unit).filter(|x| !x.is_empty()),
            date: s(f.date).filter(|x| !x.is_empty()),
            category: s(f.category).filter(|x| !x.is_empty()),
            hash: s(f.hash).unwrap_or_default(),
            quality: doc.get_first(f.quality).and_then(|v| v.as_u64()),
        }
    }

    /// Live documents holding `term` (deleted versions of replaced files left out).
    fn alive_with(
        &self,
        searcher: &Searcher,
        term: &Term,
    ) -> Result<Vec<DocAddress>, ArchiveError> {
        let mut out = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let inverted = segment
                .inverted_index(term.field())
                .map_err(|e| self.broken(e))?;
            let Some(mut postings) = inverted
                .read_postings(term, IndexRecordOption::Basic)
                .map_err(|e| self.broken(e))?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if !segment.is_deleted(doc) {
                    out.push(DocAddress::new(ord as u32, doc));
                }
                doc = postings.advance();
            }
        }
        Ok(out)
    }

    /// Adds analysed documents in one commit: unchanged content (same hash) is skipped, a
    /// changed file (same path, new hash) replaces its earlier version. Returns when the
    /// merges that the commit started have finished.
    ///
    /// What is already stored is looked up by term (hash, path), not read: adding a batch
    /// costs the same whatever the size of the archive.
    pub fn add(&self, docs: &[NewItem]) -> Result<AddStats, ArchiveError> {
        let searcher = self.searcher()?;
        // A bigger batch gets a bigger indexing buffer (fewer, larger segments to merge);
        // a few drafts stay within the 50 MB that tantivy suggests.
        let bytes: usize = docs.iter().map(|d| d.doc.text.len()).sum();
        let mut writer = self.writer(bytes.saturating_mul(4).clamp(50 << 20, 600 << 20))?;
        let f = self.fields;
        let mut stats = AddStats::default();
        let mut batch_hashes: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut band_keys: Vec<(u64, [u32; minhash::BANDS])> = Vec::new();
        for &NewItem {
            doc,
            tokens,
            category,
            quality,
        } in docs
        {
            let key = fnv64(&doc.text);
            let hash = format!("{key:016x}");
            let path = doc.path.display().to_string();
            if batch_hashes.contains(&hash)
                || !self
                    .alive_with(&searcher, &Term::from_field_text(f.hash, &hash))?
                    .is_empty()
            {
                stats.unchanged += 1;
                continue;
            }
            let path_term = Term::from_field_text(f.path, &path);
            if !self.alive_with(&searcher, &path_term)?.is_empty() {
                writer.delete_term(path_term);
                stats.replaced += 1;
            } else {
                stats.added += 1;
            }
            batch_hashes.insert(hash.clone());
            let title_end = doc.text.find('\n').unwrap_or(doc.text.len());
            let title_tokens = tokens.partition_point(|t| t.end <= title_end);
            let text = |s: &str| OwnedValue::Str(s.to_string());
            let title = &doc.text[..title_end];
            // Only a segmentation of the whole text is handed over (an analysis keeps only the
            // tokens it reads unless told otherwise: `Engine::with_all_tokens`); without one,
            // the tokenizer segments the text itself.
            let whole = |tokens: &[Span], len: usize| {
                tokens.first().map_or(len == 0, |t| t.start == 0)
                    && tokens.windows(2).all(|w| w[0].end == w[1].start)
                    && tokens.last().map_or(len == 0, |t| t.end == len)
            };
            if whole(tokens, doc.text.len()) {
                self.handoff
                    .put(handoff_key(title), tokens[..title_tokens].to_vec());
                self.handoff.put(handoff_key(&doc.text), tokens.to_vec());
            }
            let d = ArchiveDoc(vec![
                (f.path, text(&path)),
                (f.title, text(title)),
                (f.body, text(&doc.text)),
                (f.unit, text(doc.meta.unit.as_deref().unwrap_or(""))),
                (f.date, text(doc.meta.date.as_deref().unwrap_or(""))),
                (f.category, text(category.unwrap_or(""))),
                (f.hash, text(&hash)),
                (f.quality, OwnedValue::U64(quality as u64)),
            ]);
            band_keys.push((key, minhash::band_hashes(&minhash::sketch_text(&doc.text))));
            writer.add_document(d).map_err(|e| self.broken(e))?;
        }
        // Before the commit: keys of documents that are not committed find nothing, while
        // committed documents without keys would never be found.
        if let Err(e) = self.bands.write(&band_keys) {
            self.handoff.clear();
            return Err(self.broken(e));
        }
        let committed = writer.commit().map_err(|e| self.broken(e));
        // Every document has been tokenized by now; nothing left should be kept.
        self.handoff.clear();
        committed?;
        // Still holding the writer lock: fold the band-key runs when they pile up. The items
        // are committed whatever happens here; a fold that fails is tried again by the next
        // add (or tidy), so it is reported, not returned as a failed add.
        if self.bands.count().unwrap_or(0) > crate::index::bands::MAX_RUNS {
            if let Err(e) = self.fold_band_runs() {
                stats.warning = Some(e.to_string());
            }
        }
        // The commit starts merges; dropping the writer would kill them, leave their files
        // behind and let segments pile up (a million items added 20,000 at a time left 100
        // segments and 11 GB of abandoned merge files beside a 3.2 GB index).
        writer.wait_merging_threads().map_err(|e| self.broken(e))?;
        Ok(stats)
    }

    /// Merges segments as tantivy's merge policy asks and removes files no longer used
    /// (left by a run killed while merging); for an archive built before merges were
    /// waited for.
    pub fn tidy(&self) -> Result<(), ArchiveError> {
        let mut writer = self.writer(50 << 20)?;
        writer.commit().map_err(|e| self.broken(e))?;
        writer
            .garbage_collect_files()
            .wait()
            .map_err(|e| self.broken(e))?;
        // Folded while the writer lock is held, so no run is written meanwhile.
        self.fold_band_runs()?;
        writer
            .wait_merging_threads()
            .map_err(|e| self.broken(e))
            .map(|_| ())
    }

    /// Folds the band-key runs into one, without the keys of replaced versions. The caller
    /// holds the writer lock.
    fn fold_band_runs(&self) -> Result<(), ArchiveError> {
        let searcher = self.searcher()?;
        let hash = self.fields.hash;
        self.bands
            .merge(|h| {
                let term = Term::from_field_text(hash, &format!("{h:016x}"));
                self.alive_with(&searcher, &term)
                    .map(|found| !found.is_empty())
                    .map_err(std::io::Error::other)
            })
            .map_err(|e| self.broken(e))
    }

    /// A searcher over the archive as last committed.
    pub fn searcher(&self) -> Result<Searcher, ArchiveError> {
        let reader = self.index.reader().map_err(|e| self.broken(e))?;
        Ok(reader.searcher())
    }

    /// Addresses of the live items, in index order; with `since` (ISO date) only those dated
    /// on or after it — items without a date are then left out, as in search.
    pub fn addresses(
        &self,
        searcher: &Searcher,
        since: Option<&str>,
    ) -> Result<Vec<DocAddress>, ArchiveError> {
        let mut out = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let ord = ord as u32;
            let Some(since) = since else {
                out.extend(
                    (0..segment.max_doc())
                        .filter(|&d| !segment.is_deleted(d))
                        .map(|d| DocAddress::new(ord, d)),
                );
                continue;
            };
            // Dates are indexed terms: walk the terms from `since` on instead of reading
            // every stored item.
            let inverted = segment
                .inverted_index(self.fields.date)
                .map_err(|e| self.broken(e))?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(since.as_bytes())
                .into_stream()
                .map_err(|e| self.broken(e))?;
            let mut docs = Vec::new();
            while stream.advance() {
                let mut postings = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)
                    .map_err(|e| self.broken(e))?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if !segment.is_deleted(doc) {
                        docs.push(doc);
                    }
                    doc = postings.advance();
                }
            }
            docs.sort_unstable();
            out.extend(docs.into_iter().map(|d| DocAddress::new(ord, d)));
        }
        Ok(out)
    }

    /// Addresses of the live items with this content hash (see [`content_hash`]).
    pub fn with_hash(
        &self,
        searcher: &Searcher,
        hash: &str,
    ) -> Result<Vec<DocAddress>, ArchiveError> {
        self.alive_with(searcher, &Term::from_field_text(self.fields.hash, hash))
    }

    /// Whether the index was built by a version that kept band keys in tantivy (a `bands`
    /// field): duplicate-of-earlier cannot find its items until they are indexed again.
    pub fn has_old_band_keys(&self) -> bool {
        self.index.schema().get_field(OLD_BANDS_FIELD).is_ok()
    }

    /// Addresses of the live items stored under this path.
    pub fn with_path(
        &self,
        searcher: &Searcher,
        path: &str,
    ) -> Result<Vec<DocAddress>, ArchiveError> {
        self.alive_with(searcher, &Term::from_field_text(self.fields.path, path))
    }

    /// The live item whose content hash is `hash`, and its text (how the server opens a hit:
    /// by an index key, never by a path on the server).
    pub fn item_by_hash(&self, hash: &str) -> Result<Option<(StoredItem, String)>, ArchiveError> {
        let reader = self.index.reader().map_err(|e| self.broken(e))?;
        let searcher = reader.searcher();
        let found = self.alive_with(&searcher, &Term::from_field_text(self.fields.hash, hash))?;
        found
            .first()
            .map(|&a| self.item_at(&searcher, a))
            .transpose()
    }

    /// The stored item at `addr` and its text.
    pub fn item_at(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
    ) -> Result<(StoredItem, String), ArchiveError> {
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.broken(e))?;
        let body = doc
            .get_first(self.fields.body)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        Ok((self.stored(&doc), body))
    }
}
