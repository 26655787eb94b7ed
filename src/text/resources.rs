//! What is loaded once per process and shared by every document: the segmenter with the
//! gazetteer and lexicon terms as user words, the gazetteer, and the lexicons.

use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;

use super::{Dictionary, Gazetteer, Span, WordKind};
use crate::lexicon::Lexicons;

/// Shared, immutable analysis resources. Build once ([`Resources::shared`]) and pass `&` to
/// every worker; never clone per document.
pub struct Resources {
    pub jieba: Jieba,
    pub gazetteer: Gazetteer,
    pub lexicons: Lexicons,
}

impl Dictionary for Resources {
    fn is_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    fn kind(&self, word: &str) -> WordKind {
        if !self.jieba.has_word(word) {
            return WordKind::Unknown;
        }
        match self.jieba.tag(word, false).as_slice() {
            [t] if t.tag.starts_with("ns") || t.tag.starts_with("nr") || t.tag == "nz" => {
                WordKind::Name
            }
            _ => WordKind::Common,
        }
    }
}

impl Resources {
    /// Builds the resources from the embedded data.
    pub fn build(lexicons: Lexicons) -> Resources {
        let gazetteer = Gazetteer::embedded();
        let mut jieba = Jieba::new();
        for (word, freq) in gazetteer.segmenter_words() {
            jieba.add_word(word, Some(freq), Some("ns"));
        }
        for word in lexicons.user_words() {
            jieba.add_word(word, Some(2000), None);
        }
        Resources {
            jieba,
            gazetteer,
            lexicons,
        }
    }

    /// The process-wide resources with the shipped lexicons.
    pub fn shared() -> Arc<Resources> {
        static SHARED: OnceLock<Arc<Resources>> = OnceLock::new();
        SHARED
            .get_or_init(|| Arc::new(Resources::build(Lexicons::embedded())))
            .clone()
    }

    /// Byte ranges (within `word`) of the dictionary words of two and three characters
    /// inside a word of three or more characters, as jieba's search mode finds them
    /// (撂荒地 → 撂荒; 线虫病 → 线虫): what a search for the shorter word should find.
    pub fn sub_words(&self, word: &str) -> Vec<(usize, usize)> {
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(word.len()))
            .collect();
        let chars = bounds.len() - 1;
        let mut out = Vec::new();
        if chars < 3 {
            return out;
        }
        for n in [2, 3] {
            if n >= chars {
                break;
            }
            for k in 0..=chars - n {
                let (s, e) = (bounds[k], bounds[k + n]);
                if self.jieba.has_word(&word[s..e]) {
                    out.push((s, e));
                }
            }
        }
        out
    }

    /// Segments `text` once into byte-offset tokens (HMM on, for unknown names).
    pub fn segment(&self, text: &str) -> Vec<Span> {
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(|t| Span {
                start: t.byte_start,
                end: t.byte_end,
            })
            .collect()
    }
}
