//! Items like a draft: the same item sent again ([`Archive::reuse`]) and items on its topic
//! ([`Archive::on_topic`]).

use super::*;

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
