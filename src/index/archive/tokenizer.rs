//! The jieba tokenizer that tantivy runs, fed with the tokens the analysis already made.

use super::*;

/// Name under which the jieba tokenizer is registered in every opened index.
pub const TOKENIZER: &str = "xinjian_jieba";

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
pub(super) struct Handoff(Mutex<HashMap<u64, Vec<Vec<Span>>>>);

impl Handoff {
    pub(super) fn put(&self, key: u64, tokens: Vec<Span>) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(key)
            .or_default()
            .push(tokens);
    }

    pub(super) fn take(&self, text: &str) -> Option<Vec<Span>> {
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

    pub(super) fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// jieba as a tantivy tokenizer: for queries and snippets it segments; for documents being
/// added it takes the tokens the analysis already made (see [`Handoff`]).
#[derive(Clone)]
pub struct JiebaTokenizer {
    pub(super) res: Arc<Resources>,
    pub(super) handoff: Arc<Handoff>,
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
pub(super) fn is_word(w: &str) -> bool {
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

/// Key of a text's tokens in the [`Handoff`]: a word-at-a-time hash, several times cheaper
/// than the byte-at-a-time FNV of [`content_hash`] on a 4 KB body.
pub(super) fn handoff_key(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(text.as_bytes());
    h.write_usize(text.len());
    h.finish()
}
