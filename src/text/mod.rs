//! Text analysis, done once per document: tokens (jieba, byte offsets; only the stretches
//! whose word boundaries are read, unless the index wants them all — see [`segments`]),
//! paragraphs, sentences, places and data points. Everything downstream — element
//! extraction, checks, the index — reads this one [`Analysis`] and never segments again.

pub mod numbers;
pub mod places;
pub mod resources;
pub mod segments;

use std::collections::HashSet;

pub use numbers::{DataKind, DataLevel, DataPoint};
pub use places::{Dictionary, Gazetteer, Place, PlaceLevel, WordKind};
pub use resources::Resources;

use crate::lexicon::{Kind, WordHit};

/// A character of the CJK Unified Ideographs block (the Han characters of drafts).
#[inline]
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// `char::is_alphanumeric`, answered without its tables for the characters drafts are made
/// of: CJK ideographs, ASCII, and Chinese and general punctuation (，。、“”《》…), whose
/// table look-ups were a third of the cost of the index tokenizer and of shingling for
/// duplicate detection (callgrind).
#[inline]
pub fn alphanumeric(c: char) -> bool {
    match c {
        '\u{4e00}'..='\u{9fff}' => true,
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{2000}'..='\u{206f}'
        | '\u{3000}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301f}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// The smallest character boundary of `text` at or after byte `i`.
pub(crate) fn ceil_boundary(text: &str, i: usize) -> usize {
    (i..text.len())
        .find(|&j| text.is_char_boundary(j))
        .unwrap_or(text.len())
}

/// The largest character boundary of `text` at or before byte `i` (at most its length).
pub(crate) fn floor_boundary(text: &str, i: usize) -> usize {
    (0..=i.min(text.len()))
        .rev()
        .find(|&j| text.is_char_boundary(j))
        .unwrap_or(0)
}

/// 一 to 十, the digits of list markers (a `match`: `"一二…".contains(c)` runs a substring
/// search per character).
#[inline]
pub fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Characters of a Chinese numeral: 零〇一二两三四五六七八九十百千万亿.
#[inline]
pub fn is_cn_numeral(c: char) -> bool {
    is_cn_digit(c) || matches!(c, '零' | '〇' | '两' | '百' | '千' | '万' | '亿')
}

/// Whether `s` has fewer than `n` characters, counting only when its byte length cannot tell
/// (a character is 1 to 4 bytes).
#[inline]
pub fn fewer_chars_than(s: &str, n: usize) -> bool {
    s.len() < n || (s.len() < 4 * n && s.chars().count() < n)
}

/// A byte range of a text: a jieba token, a sentence, a finding's place. The one range type
/// of the analysis.
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

/// The line index of one text: byte offsets → 1-based line and column (in characters), as
/// the reports show them.
pub struct Positions<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> Positions<'t> {
    pub fn new(text: &'t str) -> Positions<'t> {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Positions { text, line_starts }
    }

    fn line_index(&self, b: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= b)
            .saturating_sub(1)
    }

    /// 1-based line and column (in characters) of byte `b`.
    pub fn line_col(&self, b: usize) -> (usize, usize) {
        let line = self.line_index(b);
        let ls = self.line_starts[line];
        (line + 1, self.text[ls..b].chars().count() + 1)
    }

    /// The line containing byte `b`, without the newline.
    pub fn line_span(&self, b: usize) -> Span {
        let line = self.line_index(b);
        let ls = self.line_starts[line];
        let le = self.text[ls..]
            .find('\n')
            .map(|i| ls + i)
            .unwrap_or(self.text.len());
        Span::new(ls, le)
    }
}

/// The analysed text of one document.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Tokens of the title and of the stretches where word boundaries are read (every token
    /// with [`Analysis::with_all_tokens`]), sorted.
    pub tokens: Vec<Span>,
    /// Non-empty lines; the first is the title.
    pub paragraphs: Vec<Span>,
    /// Sentences, ending at 。！？ or a line end; never crossing paragraphs.
    pub sentences: Vec<Span>,
    pub places: Vec<Place>,
    pub data_points: Vec<DataPoint>,
    /// Spans of fixed phrases with numbers (两个确立, 十四五), leftmost-longest.
    pub set_phrases: Vec<Span>,
    /// Every occurrence of a word of the lexicons and fixed lists, in order of end: the one
    /// word scan of the document.
    pub words: Vec<WordHit>,
    /// Characters after the title line, whitespace not counted (counted once, used by the
    /// length and density checks).
    pub body_chars: usize,
}

impl Analysis {
    /// Analyses `text` with the shared resources. `region` holds the county indices of the
    /// configured jurisdiction.
    pub fn new(res: &Resources, text: &str, region: Option<&HashSet<u32>>) -> Analysis {
        Analysis::build(res, text, region, false)
    }

    /// As [`Analysis::new`], with every token of the text (for the index) instead of only
    /// those that the analysis reads ([`segments`]).
    pub fn with_all_tokens(res: &Resources, text: &str, region: Option<&HashSet<u32>>) -> Analysis {
        Analysis::build(res, text, region, true)
    }

    fn build(
        res: &Resources,
        text: &str,
        region: Option<&HashSet<u32>>,
        all_tokens: bool,
    ) -> Analysis {
        let paragraphs = paragraphs(text);
        let mut segments = if all_tokens {
            segments::Segments::all(res, text)
        } else {
            segments::Segments::needed(res, text, paragraphs.first().copied().unwrap_or_default())
        };
        let sentences = sentences(text, &paragraphs);
        let words = res.lexicons.word_hits(text);
        let set_phrases: Vec<Span> =
            crate::lexicon::leftmost_longest_of(&words, Kind::SetPhrase, 0)
                .into_iter()
                .map(|(s, e)| Span::new(s, e))
                .collect();
        let mut places = res.gazetteer.find(text, segments.tokens(), region, res);
        // Clauses where no village can start were not cut; a village found elsewhere may
        // stand in one of them too.
        let mut villages: Vec<&str> = places
            .iter()
            .filter(|p| p.level == places::PlaceLevel::Village)
            .map(|p| p.name.as_str())
            .collect();
        villages.sort_unstable();
        villages.dedup();
        if !villages.is_empty() && segments.cut_pieces_with(&villages) {
            places = res.gazetteer.find(text, segments.tokens(), region, res);
        }
        let data_points = numbers::find(
            text,
            &mut |pos| segments.is_token_start(pos),
            &set_phrases,
            &places,
            &words,
        );
        let tokens = segments.into_tokens();
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
            words,
        }
    }

    /// The word hits that lie within `start..end`, in order of end.
    pub fn words_in(&self, start: usize, end: usize) -> impl Iterator<Item = &WordHit> {
        let from = self.words.partition_point(|h| h.end <= start);
        let to = self.words.partition_point(|h| h.end <= end);
        self.words[from..to]
            .iter()
            .filter(move |h| h.start >= start)
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
/// but with SIMD byte searches: all characters, less ASCII white space, less the few
/// non-ASCII white space characters (U+0085, U+00A0, U+1680, U+2000–U+205F behind lead bytes
/// C2, E1, E2; U+3000, the ideographic space used for indentation).
fn non_space_chars(s: &str) -> usize {
    let b = s.as_bytes();
    // Counted in chunks of u8 sums so that the loop vectorises.
    let ascii: usize = b
        .chunks(255)
        .map(|c| {
            c.iter()
                .map(|&x| u8::from(x == b' ' || x.wrapping_sub(b'\t') < 5))
                .fold(0u8, u8::wrapping_add) as usize
        })
        .sum();
    let other = memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b)
        .filter(|&i| s[i..].chars().next().is_some_and(char::is_whitespace))
        .count();
    let ideographic = memchr::memmem::find_iter(b, "\u{3000}".as_bytes()).count();
    s.chars().count() - ascii - other - ideographic
}

fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0;
    // Lines found by SIMD search (`split('\n')` runs core's word-at-a-time memchr).
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for end in ends {
        let line = &text[pos..end];
        let lead = line.len() - line.trim_start().len();
        let t = line.trim();
        if !t.is_empty() {
            out.push(Span::new(pos + lead, pos + lead + t.len()));
        }
        pos = end + 1;
    }
    out
}

/// The length of a sentence terminator (。！？!?) starting at byte `i`, or 0.
#[inline]
fn terminator_at(b: &[u8], i: usize) -> usize {
    match b[i] {
        b'!' | b'?' => 1,
        0xE3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => 3,
        0xEF if matches!(b.get(i + 1..i + 3), Some([0xBC, 0x81 | 0x9F])) => 3,
        _ => 0,
    }
}

/// Sentences: paragraphs cut after 。！？!? (closing quotes and brackets stay with their
/// sentence). Candidates are found by SIMD search for the terminators' lead bytes instead of
/// decoding every character; the rare ASCII `?` is looked for only in paragraphs that have it.
fn sentences(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut ends = Vec::new();
    for p in paragraphs {
        let s = &b[p.start..p.end];
        ends.clear();
        let end_of = |i: usize| Some(i + terminator_at(s, i)).filter(|&e| e > i);
        if memchr::memchr(b'?', s).is_some() {
            ends.extend((0..s.len()).filter_map(end_of));
        } else {
            ends.extend(memchr::memchr3_iter(0xE3, 0xEF, b'!', s).filter_map(end_of));
        }
        let mut start = p.start;
        for &e in &ends {
            let mut end = p.start + e;
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

/// Byte ranges of the text inside each pair of quotation marks (“…” or 「…」), in order.
pub fn quotations(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '“' | '「' => open = Some(i + c.len_utf8()),
            '”' | '」' => {
                if let Some(s) = open.take() {
                    out.push(Span::new(s, i));
                }
            }
            _ => {}
        }
    }
    out
}

/// Paragraphs, sentences and body characters only (profiling aid for `examples/one_stage`).
#[doc(hidden)]
pub fn skeleton_len(text: &str) -> usize {
    let p = paragraphs(text);
    sentences(text, &p).len() + non_space_chars(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphanumeric_agrees_with_std() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            assert_eq!(alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn fewer_chars_than_counts_like_chars() {
        for t in [
            "",
            "a",
            "县",
            "一二三四五",
            "ab县c",
            "😀😀😀",
            "长句子长句子长句子长句子长句子",
        ] {
            for n in 0..20 {
                assert_eq!(fewer_chars_than(t, n), t.chars().count() < n, "{t} {n}");
            }
        }
    }

    #[test]
    fn char_boundaries_round_the_right_way() {
        let t = "县a镇";
        // 县 is bytes 0..3, a is 3, 镇 is 4..7.
        assert_eq!([1, 3, 4, 5].map(|i| ceil_boundary(t, i)), [3, 3, 4, 7]);
        assert_eq!([1, 3, 5, 99].map(|i| floor_boundary(t, i)), [0, 3, 4, 7]);
        assert!(is_han('县') && !is_han('a') && !is_han('，'));
    }

    #[test]
    fn non_space_chars_counts_like_chars_filter() {
        for s in [
            "",
            "a b",
            "全县 18 个\u{3000}乡镇\t\r\n",
            "\u{a0}x\u{2003}y\u{85}",
            "é—“”",
            "\u{3000}\u{3000}缩进\u{2028}与\u{205f}空白\u{1680}。",
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

    #[test]
    fn sentences_end_at_ascii_and_full_width_marks() {
        for (text, expected) in [
            (
                "标题\nWhy? 因为！真的？是。」尾",
                vec!["标题", "Why?", " 因为！", "真的？", "是。」", "尾"],
            ),
            ("标题\n好!再见。、，", vec!["标题", "好!", "再见。", "、，"]),
            (
                "标题\n\u{3000}全角空格开头。",
                vec!["标题", "全角空格开头。"],
            ),
        ] {
            let paras = paragraphs(text);
            let s: Vec<&str> = sentences(text, &paras)
                .iter()
                .map(|s| &text[s.start..s.end])
                .collect();
            assert_eq!(s, expected, "{text:?}");
        }
    }
}
