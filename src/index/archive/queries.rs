//! Full-text search: the query an officer types, BM25 over title and body, snippets.

use super::*;

impl Archive {
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
