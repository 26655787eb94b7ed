//! Text analysis, done once per document: tokens (jieba, byte offsets), paragraphs,
//! sentences, places and data points. Everything downstream — element extraction, checks,
//! the index — reads this one [`Analysis`] and never segments again.

pub mod numbers;
pub mod places;

use std::collections::HashSet;

pub use numbers::{DataKind, DataLevel, DataPoint};
pub use places::{Dictionary, Gazetteer, Place, PlaceLevel, WordKind};

use crate::resources::Resources;

/// A jieba token as byte offsets into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn word<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// A byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        self.text_range(text)
    }
    fn text_range<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

/// The analysed text of one document.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    /// Non-empty lines; the first is the title.
    pub paragraphs: Vec<Span>,
    /// Sentences, ending at 。！？ or a line end; never crossing paragraphs.
    pub sentences: Vec<Span>,
    pub places: Vec<Place>,
    pub data_points: Vec<DataPoint>,
    /// Spans of fixed phrases with numbers (两个确立, 十四五).
    pub set_phrases: Vec<(usize, usize)>,
    /// Characters after the title line, whitespace not counted (counted once, used by the
    /// length and density checks).
    pub body_chars: usize,
}

impl Analysis {
    /// Analyses `text` with the shared resources. `region` holds the county indices of the
    /// configured jurisdiction.
    pub fn new(res: &Resources, text: &str, region: Option<&HashSet<u32>>) -> Analysis {
        let tokens = res.segment(text);
        let paragraphs = paragraphs(text);
        let sentences = sentences(text, &paragraphs);
        let set_phrases: Vec<(usize, usize)> = res
            .lexicons
            .set_phrase_matcher
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        let places = res.gazetteer.find(text, &tokens, region, res);
        let data_points = numbers::find(text, &tokens, &set_phrases, &places);
        let title_end = paragraphs.first().map_or(0, |p| p.end);
        let body_chars = non_space_chars(&text[title_end..]);
        Analysis {
            body_chars,
            tokens,
            paragraphs,
            sentences,
            places,
            data_points,
            set_phrases,
        }
    }

    /// The title line.
    pub fn title(&self) -> Span {
        self.paragraphs.first().copied().unwrap_or_default()
    }

    /// The sentence containing byte `pos`.
    pub fn sentence_at(&self, pos: usize) -> Option<Span> {
        let i = self.sentences.partition_point(|s| s.start <= pos);
        let s = *self.sentences.get(i.checked_sub(1)?)?;
        (pos < s.end.max(s.start + 1)).then_some(s)
    }

    /// Mentions of former county names, with the rename they fall under.
    pub fn renamed_places<'g>(
        &self,
        gazetteer: &'g Gazetteer,
    ) -> Vec<(usize, usize, &'g places::Rename)> {
        self.places
            .iter()
            .filter_map(|p| {
                p.renamed
                    .map(|r| (p.start, p.end, &gazetteer.renames[r as usize]))
            })
            .collect()
    }

    /// Data points inside `start..end` (binary search: data points are sorted by start).
    pub fn data_in(&self, start: usize, end: usize) -> impl Iterator<Item = &DataPoint> {
        within(&self.data_points, |d| d.start, start, end)
            .iter()
            .filter(move |d| d.end <= end)
    }

    /// Places inside `start..end` (sorted by start, like data points).
    pub fn places_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Place> {
        within(&self.places, |p| p.start, start, end)
            .iter()
            .filter(move |p| p.end <= end)
    }
}

/// The items of a start-sorted slice whose start lies in `start..end`.
pub fn within<T>(items: &[T], key: impl Fn(&T) -> usize, start: usize, end: usize) -> &[T] {
    let lo = items.partition_point(|x| key(x) < start);
    let hi = items.partition_point(|x| key(x) < end);
    &items[lo..hi.max(lo)]
}

/// Whether any of the start-sorted, non-nested spans overlaps `start..end`.
pub fn any_overlap<T>(
    items: &[T],
    span: impl Fn(&T) -> (usize, usize),
    start: usize,
    end: usize,
) -> bool {
    let hi = items.partition_point(|x| span(x).0 < end);
    // Spans do not nest deeply: looking back a few is enough to find one reaching `start`.
    items[..hi].iter().rev().take(4).any(|x| span(x).1 > start)
}

/// Characters that are not white space, as `chars().filter(|c| !c.is_whitespace()).count()`
/// but without decoding every character: only lead bytes of possible white space (U+0085,
/// U+00A0, U+1680, U+2000–U+205F, U+3000) are decoded.
fn non_space_chars(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let len = match x {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let space = match x {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => true,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => s[i..].chars().next().is_some_and(char::is_whitespace),
            _ => false,
        };
        n += usize::from(!space);
        i += len;
    }
    n
}

fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        let t = line.trim();
        if !t.is_empty() {
            out.push(Span::new(pos + lead, pos + lead + t.len()));
        }
        pos += line.len() + 1;
    }
    out
}

/// Sentence ends, found with a SIMD-searched set of literals instead of decoding every
/// character.
static TERMINATORS: once_cell::sync::Lazy<aho_corasick::AhoCorasick> =
    once_cell::sync::Lazy::new(|| {
        aho_corasick::AhoCorasick::new(["。", "！", "？", "!", "?"]).expect("terminators")
    });

fn sentences(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for p in paragraphs {
        let mut start = p.start;
        let s = &text[p.start..p.end];
        for m in TERMINATORS.find_iter(s) {
            let mut end = p.start + m.end();
            if end <= start {
                // Inside closing quotes already taken.
                continue;
            }
            // Keep closing quotes or brackets with the sentence.
            for q in text[end..p.end].chars() {
                if matches!(q, '”' | '’' | '）' | ')' | '」' | '』') {
                    end += q.len_utf8();
                } else {
                    break;
                }
            }
            out.push(Span::new(start, end));
            start = end;
        }
        if start < p.end && !text[start..p.end].trim().is_empty() {
            out.push(Span::new(start, p.end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_space_chars_counts_like_chars_filter() {
        for s in [
            "",
            "a b",
            "全县 18 个\u{3000}乡镇\t\r\n",
            "\u{a0}x\u{2003}y\u{85}",
            "é—“”",
        ] {
            let expected = s.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(non_space_chars(s), expected, "{s:?}");
        }
    }

    #[test]
    fn sentences_keep_quotes_and_stop_at_lines() {
        let text = "标题\n他说：“好。”然后走了！最后一句\n下一段。";
        let paras = paragraphs(text);
        let s: Vec<&str> = sentences(text, &paras)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            s,
            vec!["标题", "他说：“好。”", "然后走了！", "最后一句", "下一段。"]
        );
    }
}
