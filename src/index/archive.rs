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

/// Name under which the jieba tokenizer is registered in every opened index.
pub const TOKENIZER: &str = "xinjian_jieba";

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

/// Tokens that [`Archive::add`] already has, handed to the tokenizer that tantivy runs on its
/// indexing threads, keyed by a hash of the text they belong to.
///
/// Why not tantivy's pre-tokenized values: `TantivyDocument` keeps them as JSON and parses
/// them back for the store and again for the index, and any document type has them cloned
/// (one `String` per word) on each of those two reads; together that cost 7× segmenting the
/// text (callgrind). Here a body's words travel as 16-byte byte ranges and become index
/// tokens in one reused buffer. A text whose tokens are not found (a query, a snippet, or
/// tantivy copying a value) is segmented by jieba, so the result is the same either way.
#[derive(Default)]
struct Handoff(Mutex<HashMap<u64, Vec<Vec<Span>>>>);

impl Handoff {
    fn put(&self, key: u64, tokens: Vec<Span>) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(key)
            .or_default()
            .push(tokens);
    }

    fn take(&self, text: &str) -> Option<Vec<Span>> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.is_empty() {
            return None;
        }
        let key = handoff_key(text);
        let list = map.get_mut(&key)?;
        let tokens = list.pop();
        if list.is_empty() {
            map.remove(&key);
        }
        // Byte ranges that do not fit this text are not its tokens.
        tokens.filter(|t| {
            t.iter()
                .all(|t| t.start <= t.end && text.get(t.start..t.end).is_some())
        })
    }

    fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// jieba as a tantivy tokenizer: for queries and snippets it segments; for documents being
/// added it takes the tokens the analysis already made (see [`Handoff`]).
#[derive(Clone)]
pub struct JiebaTokenizer {
    res: Arc<Resources>,
    handoff: Arc<Handoff>,
}

/// Index tokens of one text: words only (no punctuation or spaces), lower-cased, each word
/// of three or more characters followed by its dictionary sub-words at the same position
/// (see [`Resources::sub_words`]): a search for 撂荒 finds 撂荒地, one for 线虫 finds 线虫病.
pub struct JiebaStream<'a> {
    text: &'a str,
    tokens: Vec<Span>,
    next: usize,
    /// Position of the next word.
    position: usize,
    token: TvToken,
    res: &'a Resources,
    /// Sub-words of the last word still to give (byte ranges in the text).
    pending: Vec<(usize, usize)>,
}

impl TokenStream for JiebaStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some((s, e)) = self.pending.pop() {
            self.token.text.clear();
            push_lowercase(&self.text[s..e], &mut self.token.text);
            self.token.offset_from = s;
            self.token.offset_to = e;
            // Same position as the word it is part of.
            return true;
        }
        while let Some(t) = self.tokens.get(self.next) {
            self.next += 1;
            let w = &self.text[t.start..t.end];
            if !is_word(w) {
                continue;
            }
            self.token.text.clear();
            push_lowercase(w, &mut self.token.text);
            self.token.offset_from = t.start;
            self.token.offset_to = t.end;
            self.token.position = self.position;
            self.position += 1;
            if w.len() >= 9 && w.chars().next().is_some_and(crate::text::is_han) {
                self.pending.extend(
                    self.res
                        .sub_words(w)
                        .into_iter()
                        .rev()
                        .map(|(s, e)| (t.start + s, t.start + e)),
                );
            }
            return true;
        }
        false
    }
    fn token(&self) -> &TvToken {
        &self.token
    }
    fn token_mut(&mut self) -> &mut TvToken {
        &mut self.token
    }
}

impl Tokenizer for JiebaTokenizer {
    type TokenStream<'a> = JiebaStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> JiebaStream<'a> {
        let tokens = self
            .handoff
            .take(text)
            .unwrap_or_else(|| self.res.segment(text));
        JiebaStream {
            text,
            tokens,
            next: 0,
            position: 0,
            token: TvToken {
                offset_from: 0,
                offset_to: 0,
                position: 0,
                text: String::with_capacity(32),
                position_length: 1,
            },
            res: &self.res,
            pending: Vec::new(),
        }
    }
}

/// Whether a token is a word (has a letter or digit), not punctuation or space.
fn is_word(w: &str) -> bool {
    w.chars().any(crate::text::alphanumeric)
}

/// Appends `w` lower-cased. Nearly every word is Chinese or lower-case ASCII and is copied
/// whole; per-character `to_lowercase` was most of the tokenizer's cost (callgrind).
fn push_lowercase(w: &str, out: &mut String) {
    if w.chars()
        .all(|c| crate::text::is_han(c) || (c.is_ascii() && !c.is_ascii_uppercase()))
    {
        out.push_str(w);
    } else {
        for c in w.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

/// Our tokens as index tokens: words only (no punctuation or spaces), lower-cased.
pub fn to_index_tokens(text: &str, tokens: &[Span]) -> Vec<TvToken> {
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let w = &text[t.start..t.end];
        if !is_word(w) {
            continue;
        }
        out.push(TvToken {
            offset_from: t.start,
            offset_to: t.end,
            position: out.len(),
            text: w.to_lowercase(),
            position_length: 1,
        });
    }
    out
}

/// A document as the archive writes it: the field values as they are. tantivy's own
/// `TantivyDocument` keeps a pre-tokenized text as JSON and parses it back twice (for the
/// store and for the index), which cost more than segmenting the text (callgrind).
pub struct ArchiveDoc(Vec<(Field, OwnedValue)>);

/// The values of an [`ArchiveDoc`].
pub struct ArchiveDocIter<'a>(std::slice::Iter<'a, (Field, OwnedValue)>);

impl<'a> Iterator for ArchiveDocIter<'a> {
    type Item = (Field, &'a OwnedValue);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(f, v)| (*f, v))
    }
}

impl tantivy::Document for ArchiveDoc {
    type Value<'a> = &'a OwnedValue;
    type FieldsValuesIter<'a> = ArchiveDocIter<'a>;
    fn iter_fields_and_values(&self) -> ArchiveDocIter<'_> {
        ArchiveDocIter(self.0.iter())
    }
}

impl DocumentDeserialize for ArchiveDoc {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut values = Vec::with_capacity(deserializer.size_hint());
        while let Some(fv) = deserializer.next_field()? {
            values.push(fv);
        }
        Ok(ArchiveDoc(values))
    }
}

/// Key of a text's tokens in the [`Handoff`]: a word-at-a-time hash, several times cheaper
/// than the byte-at-a-time FNV of [`content_hash`] on a 4 KB body.
fn handoff_key(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(text.as_bytes());
    h.write_usize(text.len());
    h.finish()
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

    /// The query for what an officer typed. Each space-separated part is one concept; the
    /// parts are alternatives (BM25 adds them up, so an item having both ranks above one
    /// having one). A part matches an item that has it as a word, or has all the words jieba
    /// cuts it into (电信诈骗 → 电信 + 诈骗 finds 电信网络诈骗), or all its dictionary
    /// sub-words (危房改造 → 危房 + 改造), or a synonym from `lexicons/topic_synonyms.txt`
    /// (河长制 → 河湖长制); the words in order rank higher but are not required. Matches in
    /// the title count more.
    fn query(&self, typed: &str) -> Box<dyn Query> {
        let f = self.fields;
        let term = |field: Field, w: &str| Term::from_field_text(field, &w.to_lowercase());
        // Every word of the list in the body (and the title counted higher).
        let all_of = |words: &[String], boost: f32| -> Box<dyn Query> {
            let per_word: Vec<(Occur, Box<dyn Query>)> = words
                .iter()
                .map(|w| {
                    let either: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                        (
                            Occur::Should,
                            Box::new(BoostQuery::new(
                                Box::new(TermQuery::new(
                                    term(f.title, w),
                                    IndexRecordOption::WithFreqs,
                                )),
                                1.5,
                            )) as Box<dyn Query>,
                        ),
                        (
                            Occur::Should,
                            Box::new(TermQuery::new(
                                term(f.body, w),
                                IndexRecordOption::WithFreqs,
                            )),
                        ),
                    ]));
                    (Occur::Must, either)
                })
                .collect();
            Box::new(BoostQuery::new(
                Box::new(BooleanQuery::new(per_word)),
                boost,
            ))
        };
        let words_of = |s: &str| -> Vec<String> {
            self.res
                .segment(s)
                .iter()
                .map(|t| s[t.start..t.end].to_string())
                .filter(|w| is_word(w))
                .collect()
        };
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for part in typed.split_whitespace() {
            let words = words_of(part);
            if words.is_empty() {
                continue;
            }
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            // The part's words, all present.
            alternatives.push((Occur::Should, all_of(&words, 1.0)));
            // In order: a bonus.
            if words.len() > 1 {
                let terms: Vec<Term> = words.iter().map(|w| term(f.body, w)).collect();
                alternatives.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), 0.5)),
                ));
            }
            // Each long word cut into its sub-words, left to right, longest first (危房改造
            // → 危房 + 改造, not 房改), all present.
            for w in &words {
                let subs = self.res.sub_words(w);
                let mut cover: Vec<String> = Vec::new();
                let mut at = 0;
                while at < w.len() {
                    match subs
                        .iter()
                        .filter(|(s, _)| *s == at)
                        .max_by_key(|(s, e)| e - s)
                    {
                        Some(&(s, e)) => {
                            cover.push(w[s..e].to_string());
                            at = e;
                        }
                        None => at += w[at..].chars().next().map_or(1, char::len_utf8),
                    }
                }
                if !cover.is_empty() {
                    alternatives.push((Occur::Should, all_of(&cover, 0.8)));
                }
            }
            // Synonyms of the part or of one of its words.
            for w in std::iter::once(part.to_string()).chain(words.iter().cloned()) {
                for syn in topics::synonyms_of(&self.res, &w) {
                    let syn_words = words_of(&syn);
                    if !syn_words.is_empty() {
                        alternatives.push((Occur::Should, all_of(&syn_words, 0.8)));
                    }
                }
            }
            // One of several words: still a match, ranked below.
            if words.len() > 1 {
                for w in &words {
                    alternatives.push((Occur::Should, all_of(std::slice::from_ref(w), 0.3)));
                }
            }
            parts.push((Occur::Should, Box::new(BooleanQuery::new(alternatives))));
        }
        Box::new(BooleanQuery::new(parts))
    }

    /// BM25 search over title and body, with a highlighted snippet per hit.
    pub fn search(
        &self,
        query: &str,
        limit: usize,
        filter: &dyn Fn(&StoredItem) -> bool,
    ) -> Result<Vec<Hit>, ArchiveError> {
        let reader = self.index.reader().map_err(|e| self.broken(e))?;
        let searcher = reader.searcher();
        let q = self.query(query);
        // Filters apply after ranking; fetch enough to fill the page.
        let top = searcher
            .search(
                &q,
                &TopDocs::with_limit(limit.saturating_mul(20).max(100)).order_by_score(),
            )
            .map_err(|e| self.broken(e))?;
        let mut snippets =
            tantivy::snippet::SnippetGenerator::create(&searcher, &*q, self.fields.body)
                .map_err(|e| self.broken(e))?;
        snippets.set_max_num_chars(120);
        let mut out = Vec::new();
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.broken(e))?;
            let item = self.stored(&doc);
            if !filter(&item) {
                continue;
            }
            let snippet = snippets.snippet_from_doc(&doc);
            let highlighted: Vec<(usize, usize)> = snippet
                .highlighted()
                .iter()
                .map(|r| (r.start, r.end))
                .collect();
            let body = doc
                .get_first(self.fields.body)
                .and_then(|v| v.as_str())
                .unwrap_or("");
            let whole = body.starts_with(snippet.fragment());
            let (fragment, highlighted) = clean_start(snippet.fragment(), highlighted, whole);
            out.push(Hit {
                item,
                score,
                highlighted_chars: char_ranges(&fragment, &highlighted),
                snippet: fragment,
                highlighted,
            });
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }
}

/// An archived item like a draft: in wording, or in its facts.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Reuse {
    #[serde(flatten)]
    pub item: StoredItem,
    pub similarity: Similarity,
    /// Sentences of the draft found (almost) whole in the archived item.
    pub shared: Vec<String>,
    /// Why the two are the same item, when they are (see [`same_item`]); `None` for an item
    /// only alike.
    pub duplicate: Option<same_item::Why>,
}

/// Words of the draft that make the full-text query for fact candidates: the rarest in the
/// archive first, at most this many.
const QUERY_WORDS: usize = 24;
/// Items the full-text query brings for judging.
const QUERY_CANDIDATES: usize = 30;

impl Archive {
    /// Archived items like the text, duplicates first and then by wording similarity: the
    /// items sharing LSH bands with it (wording) and the best full-text matches of its
    /// rarest words (a rewrite of the same facts shares their places, names and terms, not
    /// its shingles), each judged by [`same_item::judge`]. `date` is the draft's, to tell
    /// 旧稿翻炒 from 重复报送.
    pub fn reuse(
        &self,
        text: &str,
        date: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Reuse>, ArchiveError> {
        let draft = minhash::Item::new(text);
        if draft.shingles.is_empty() {
            return Ok(Vec::new());
        }
        let searcher = self.searcher()?;
        // The items sharing most bands first; at most 200.
        let mut top: Vec<DocAddress> = Vec::new();
        for (hash, _) in self.band_candidates(&draft)? {
            top.extend(self.with_hash(&searcher, &format!("{hash:016x}"))?);
            if top.len() >= 200 {
                break;
            }
        }
        top.extend(self.fact_candidates(&searcher, text)?);
        let mut seen = std::collections::HashSet::new();
        top.retain(|a| seen.insert(*a));
        let facts = Facts::of(&self.res, text);
        let none: std::collections::HashSet<u64> = std::collections::HashSet::new();
        let mut out = Vec::new();
        for addr in top {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.broken(e))?;
            let item = self.stored(&doc);
            let body = doc
                .get_first(self.fields.body)
                .and_then(|v| v.as_str())
                .unwrap_or("");
            let other = minhash::Item::new(body);
            let sim = minhash::similarity(&draft.shingles, &other.shingles, &none);
            let theirs: std::collections::HashSet<u64> = other.shingles.iter().copied().collect();
            let their_facts = Facts::of(&self.res, body);
            let duplicate = same_item::judge(
                &same_item::Side {
                    text,
                    facts: &facts,
                    date,
                },
                &same_item::Side {
                    text: body,
                    facts: &their_facts,
                    date: item.date.as_deref(),
                },
                &none,
                minhash::Thresholds::default(),
            );
            // Full-text matches that are neither duplicates nor alike in wording are
            // only on the same subject.
            if duplicate.is_none() && sim.score() < 0.1 {
                continue;
            }
            out.push(Reuse {
                item,
                similarity: duplicate.as_ref().map_or(sim, |w| w.similarity),
                shared: same_item::shared_sentences(text, &theirs),
                duplicate,
            });
        }
        out.sort_by(|a, b| {
            b.duplicate
                .is_some()
                .cmp(&a.duplicate.is_some())
                .then(b.similarity.score().total_cmp(&a.similarity.score()))
        });
        out.truncate(limit);
        Ok(out)
    }

    /// Content hashes of the archived items sharing LSH bands with `item`, with the number
    /// of bands shared, most first.
    pub fn band_candidates(&self, item: &minhash::Item) -> Result<Vec<(u64, usize)>, ArchiveError> {
        self.bands
            .candidates(&minhash::band_hashes(&item.sketch))
            .map_err(|e| self.broken(e))
    }

    /// The best full-text matches of the text's rarest words in the archive (words of two
    /// or more characters that some archived item has, fewest items first).
    fn fact_candidates(
        &self,
        searcher: &Searcher,
        text: &str,
    ) -> Result<Vec<DocAddress>, ArchiveError> {
        let mut words: Vec<(u64, Term)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for t in self.res.segment(text) {
            let w = &text[t.start..t.end];
            if w.chars().count() < 2 || !w.chars().all(crate::text::is_han) || !seen.insert(w) {
                continue;
            }
            let term = Term::from_field_text(self.fields.body, w);
            let df = searcher.doc_freq(&term).map_err(|e| self.broken(e))?;
            if df > 0 {
                words.push((df, term));
            }
        }
        words.sort_by_key(|w| w.0);
        words.truncate(QUERY_WORDS);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let clauses: Vec<(tantivy::query::Occur, Box<dyn tantivy::query::Query>)> = words
            .into_iter()
            .map(|(_, term)| {
                let q: Box<dyn tantivy::query::Query> = Box::new(tantivy::query::TermQuery::new(
                    term,
                    IndexRecordOption::WithFreqs,
                ));
                (tantivy::query::Occur::Should, q)
            })
            .collect();
        let top = searcher
            .search(
                &tantivy::query::BooleanQuery::new(clauses),
                &TopDocs::with_limit(QUERY_CANDIDATES).order_by_score(),
            )
            .map_err(|e| self.broken(e))?;
        Ok(top.into_iter().map(|(_, a)| a).collect())
    }
}

/// An earlier archived item on a draft's topic.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OnTopic {
    #[serde(flatten)]
    pub item: StoredItem,
    /// Cosine of the two topic vectors.
    pub closeness: f64,
    /// Its text and facts, to tell which of the earlier items are one item sent twice.
    #[serde(skip)]
    pub body: String,
    #[serde(skip)]
    pub facts: Facts,
}

/// Items the topic query brings for comparing topic vectors.
const TOPIC_CANDIDATES: usize = 60;

impl Archive {
    /// Archived items whose topic vectors are at least `min` close to the text's (see
    /// [`topics`]), for which `keep` holds, most similar first. Candidates are the best
    /// full-text matches of the text's heaviest topic words.
    pub fn on_topic(
        &self,
        text: &str,
        min: f64,
        keep: &dyn Fn(&StoredItem) -> bool,
    ) -> Result<Vec<OnTopic>, ArchiveError> {
        let searcher = self.searcher()?;
        let n = searcher.num_docs();
        let body = self.fields.body;
        let df = |w: &str| {
            searcher
                .doc_freq(&Term::from_field_text(body, w))
                .unwrap_or(0)
        };
        let draft = topics::Vector::new(&topics::words(&self.res, text), n, &df);
        let clauses: Vec<(tantivy::query::Occur, Box<dyn tantivy::query::Query>)> = draft
            .top(16)
            .into_iter()
            .flat_map(|w| {
                // The stored words, not the synonym kept: query both fields by the word.
                [self.fields.title, body].map(|f| {
                    let q: Box<dyn tantivy::query::Query> =
                        Box::new(tantivy::query::TermQuery::new(
                            Term::from_field_text(f, w),
                            IndexRecordOption::WithFreqs,
                        ));
                    (tantivy::query::Occur::Should, q)
                })
            })
            .collect();
        if clauses.is_empty() {
            return Ok(Vec::new());
        }
        let top = searcher
            .search(
                &tantivy::query::BooleanQuery::new(clauses),
                &TopDocs::with_limit(TOPIC_CANDIDATES).order_by_score(),
            )
            .map_err(|e| self.broken(e))?;
        let mut out = Vec::new();
        for (_, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.broken(e))?;
            let item = self.stored(&doc);
            if !keep(&item) {
                continue;
            }
            let text_of = doc
                .get_first(body)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            // One analysis of the archived text serves its topic words and its facts.
            let analysis = crate::text::Analysis::new(&self.res, &text_of, None);
            let v =
                topics::Vector::new(&topics::words_with(&self.res, &text_of, &analysis), n, &df);
            let closeness = draft.cosine(&v);
            if closeness >= min {
                out.push(OnTopic {
                    item,
                    closeness,
                    facts: Facts::with_analysis(&text_of, &analysis),
                    body: text_of,
                });
            }
        }
        out.sort_by(|a, b| b.closeness.total_cmp(&a.closeness));
        Ok(out)
    }
}

/// One search result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    #[serde(flatten)]
    pub item: StoredItem,
    pub score: f32,
    /// A passage of the body around the matches.
    pub snippet: String,
    /// Ranges of the matched words inside `snippet`: byte offsets here, character offsets in
    /// the JSON (as every offset of schema 1).
    #[serde(skip)]
    pub highlighted: Vec<(usize, usize)>,
    /// The same ranges in characters (what the JSON gives as `highlighted`).
    #[serde(rename = "highlighted")]
    pub highlighted_chars: Vec<(usize, usize)>,
}

/// A snippet that does not start where the body does starts after its first clause break
/// (，。；：、) when no match comes before it, so that it never begins inside a number or a
/// word (`万亩，按照全县秸秆…` → `按照全县秸秆…`). Byte ranges move with it.
///
/// The ranges come back sorted and merged: a word and the dictionary words inside it (秸秆综合
/// 利用 and 秸秆) are both matches, and tantivy gives them in no particular order.
fn clean_start(
    fragment: &str,
    mut ranges: Vec<(usize, usize)>,
    whole: bool,
) -> (String, Vec<(usize, usize)>) {
    ranges.retain(|&(s, e)| s < e && e <= fragment.len());
    ranges.sort_unstable();
    let mut highlighted: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match highlighted.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => highlighted.push((s, e)),
        }
    }
    let first_match = highlighted.first().map_or(fragment.len(), |h| h.0);
    let cut = if whole {
        0
    } else {
        fragment[..first_match]
            .char_indices()
            .find(|&(_, c)| "，。；：、,;".contains(c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let highlighted = highlighted
        .into_iter()
        .map(|(s, e)| (s - cut, e - cut))
        .collect();
    (fragment[cut..].to_string(), highlighted)
}

/// Byte ranges in `text` as character ranges.
pub fn char_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let chars = |b: usize| text.get(..b).map_or(0, |t| t.chars().count());
    ranges.iter().map(|&(s, e)| (chars(s), chars(e))).collect()
}

#[cfg(test)]
mod snippet_tests {
    use super::*;

    #[test]
    fn snippets_start_after_a_clause_break_and_ranges_merge() {
        let f = "万亩，按照全县秸秆综合利用工作方案";
        let at = |w: &str| f.find(w).unwrap();
        let ranges = vec![
            (at("综合利用"), at("综合利用") + "综合利用".len()),
            (at("秸秆"), at("秸秆") + "秸秆综合利用".len()),
            (at("秸秆"), at("秸秆") + "秸秆".len()),
        ];
        let (s, h) = clean_start(f, ranges.clone(), false);
        assert_eq!(s, "按照全县秸秆综合利用工作方案");
        assert_eq!(h.len(), 1);
        assert_eq!(&s[h[0].0..h[0].1], "秸秆综合利用");
        assert_eq!(char_ranges(&s, &h), vec![(4, 10)]);
        // A snippet from the start of the body keeps it.
        let (s, _) = clean_start(f, ranges, true);
        assert_eq!(s, f);
    }
}
