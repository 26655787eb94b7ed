//! Segmenting only where word boundaries are read.
//!
//! The analysis reads token boundaries in a few places: a place name must be whole words
//! (发展乡村 is no 乡村), a village name ends a token in 村 or 社区, a Chinese numeral must start
//! a word (统一 holds no 一), and the title's words are its topic. Everything else — data
//! points, the word scan, sentences, elements, checks — reads the text itself.
//!
//! jieba cuts each run of its word characters (Han, ASCII letters and digits, `+#&._%-`) on
//! its own, and every other character as a token of its own (`\r\n` as one). So the text
//! can be split right after any character that is not a word character (nor `\r`), and each
//! *piece* is cut alone exactly as inside the whole text. Pieces end after a line break and
//! after the common Chinese punctuation (see [`ends_piece`]); no gazetteer name holds such a
//! character (a test in `places.rs`), so a name never spans two pieces. [`Segments::needed`] cuts the title and the pieces where a gazetteer
//! name, 村 or 社区 occurs, and any other piece when a numeral asks about it
//! ([`Segments::is_token_start`]); the rest of the text is never segmented. The archive,
//! which indexes every word, cuts everything ([`Segments::all`]).
//!
//! The pieces mirror jieba-rs 0.11's `RE_HAN_DEFAULT` character class; a test compares the
//! pieces cut one by one with the whole text cut at once on every shipped draft.

use crate::text::Resources;
use crate::text::{places, Span};

/// Whether a piece ends after `c`: what the byte scan of [`Segments::needed`] decides, as a
/// character test (for tests and for checking the gazetteer).
pub fn ends_piece(c: char) -> bool {
    c == '\n'
        || ('\u{3000}'..='\u{33FF}').contains(&c)
        || (('\u{F000}'..='\u{FFFF}').contains(&c) && !('\u{F900}'..='\u{FAFF}').contains(&c))
}

/// The tokens of a text, made where they are needed.
pub struct Segments<'a> {
    res: &'a Resources,
    text: &'a str,
    /// Start of each piece (a piece ends where the next begins); empty when everything is cut.
    starts: Vec<usize>,
    /// Whether piece i has been cut.
    cut: Vec<bool>,
    /// The tokens of the pieces cut up front, sorted.
    tokens: Vec<Span>,
    /// The tokens of the pieces cut on demand, each piece's sorted, the pieces in the order
    /// asked (few: merged into `tokens` at the end).
    late: Vec<Span>,
}

impl<'a> Segments<'a> {
    /// Every token of `text`.
    pub fn all(res: &'a Resources, text: &'a str) -> Segments<'a> {
        Segments {
            res,
            text,
            starts: Vec::new(),
            cut: Vec::new(),
            tokens: res.segment(text),
            late: Vec::new(),
        }
    }

    /// The tokens of the title and of the pieces where a place name or a village can be.
    pub fn needed(res: &'a Resources, text: &'a str, title: Span) -> Segments<'a> {
        let b = text.as_bytes();
        let gazetteer = &res.gazetteer;
        // One pass over the characters. A piece ends after a line break or a character of
        // U+3000–U+33FF (。、「」《》…) or of U+F000–U+FFFF less U+F900–U+FAFF (，；：（）…):
        // none of them is a jieba word character, and other separators (ASCII punctuation,
        // “”, —) only make pieces longer. [`ends_piece`] says the same per character. While the piece is not yet known to need cutting,
        // each ideograph is tested for 村, 社区 or the start of a gazetteer name.
        // The first piece starts at 0 even when the text opens with other characters.
        let mut starts = vec![0];
        let mut cut = Vec::new();
        let mut need = title.end > 0;
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            // Most characters: U+4000–U+9FFF (lead bytes E4–E9), never a piece end.
            if x.wrapping_sub(0xE4) <= 5 {
                if !need {
                    need = (x == 0xE6
                        && b[i + 1] == 0x9D
                        && b[i + 2] == 0x91 // 村
                        && places::village_possible_alone(text, i))
                        || (x == 0xE7 && b[i..].starts_with("社区".as_bytes()))
                        || gazetteer.name_at(text, i);
                }
                i += 3;
                continue;
            }
            let (len, ends_piece) = match x {
                b'\n' => (1, true),
                0..=0x7F => (1, false),
                0x80..=0xDF => (2, false),
                0xE3 => (3, b[i + 1] < 0x90),
                0xEF => (3, !(0xA4..=0xAB).contains(&b[i + 1])),
                0xE0..=0xEF => (3, false),
                _ => (4, false),
            };
            if ends_piece {
                let next = i + len;
                if next < b.len() {
                    cut.push(need);
                    starts.push(next);
                    need = next < title.end;
                }
            } else if !need && len >= 3 {
                // Rare ideographs (extensions); names only.
                need = gazetteer.name_at(text, i);
            }
            i += len;
        }
        cut.push(need);
        let mut s = Segments {
            res,
            text,
            starts,
            cut,
            // About one token per two characters where cut.
            tokens: Vec::with_capacity(text.len() / 12),
            late: Vec::new(),
        };
        // Neighbouring pieces are cut in one call.
        let mut i = 0;
        while i < s.cut.len() {
            if !s.cut[i] {
                i += 1;
                continue;
            }
            let from = i;
            while i < s.cut.len() && s.cut[i] {
                i += 1;
            }
            let (a, b) = (s.starts[from], s.end_of(i - 1));
            let mut tokens = std::mem::take(&mut s.tokens);
            s.cut_into(a, b, &mut tokens);
            s.tokens = tokens;
        }
        s
    }

    fn end_of(&self, piece: usize) -> usize {
        self.starts
            .get(piece + 1)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The tokens of `text[a..b]`, added to `to`.
    fn cut_into(&self, a: usize, b: usize, to: &mut Vec<Span>) {
        to.extend(
            self.res
                .jieba
                .cut(&self.text[a..b], true)
                .into_iter()
                .map(|t| Span {
                    start: a + t.byte_start,
                    end: a + t.byte_end,
                }),
        );
    }

    /// Whether a token starts at byte `pos`, cutting its piece first if it is not cut yet.
    pub fn is_token_start(&mut self, pos: usize) -> bool {
        if !self.starts.is_empty() {
            let p = self.starts.partition_point(|&s| s <= pos) - 1;
            let (a, b) = (self.starts[p], self.end_of(p));
            if !self.cut[p] {
                self.cut[p] = true;
                let mut late = std::mem::take(&mut self.late);
                self.cut_into(a, b, &mut late);
                self.late = late;
            }
            if !self.late.is_empty() {
                // The piece's tokens are contiguous in `late` or lie in `tokens`.
                let piece = self.late.iter().position(|t| t.start >= a && t.end <= b);
                if let Some(i) = piece {
                    return self.late[i..]
                        .iter()
                        .take_while(|t| t.end <= b)
                        .any(|t| t.start == pos);
                }
            }
        }
        self.tokens.binary_search_by_key(&pos, |t| t.start).is_ok()
    }

    /// Cuts the pieces not cut yet that hold one of `names`, adding their tokens to those cut
    /// up front; whether there was any. A village found once in a strong context is the same
    /// village wherever its name stands at token boundaries, also in a clause that did not
    /// need cutting by itself.
    pub fn cut_pieces_with(&mut self, names: &[&str]) -> bool {
        let mut any = false;
        if self.starts.is_empty() {
            // Everything is cut ([`Segments::all`]).
            return false;
        }
        for name in names {
            for (s, _) in self.text.match_indices(name) {
                let p = self.starts.partition_point(|&x| x <= s) - 1;
                if !self.cut[p] {
                    self.cut[p] = true;
                    let (a, b) = (self.starts[p], self.end_of(p));
                    let mut tokens = std::mem::take(&mut self.tokens);
                    self.cut_into(a, b, &mut tokens);
                    self.tokens = tokens;
                    any = true;
                }
            }
        }
        if any {
            self.tokens.sort_by_key(|t| t.start);
        }
        any
    }

    /// The tokens of the pieces cut up front (where places are looked for), sorted.
    pub fn tokens(&self) -> &[Span] {
        &self.tokens
    }

    /// Every token cut, sorted.
    pub fn into_tokens(mut self) -> Vec<Span> {
        if !self.late.is_empty() {
            // Two sorted runs: the stable sort finds them and merges in one pass.
            self.late.sort_unstable_by_key(|t| t.start);
            self.tokens.append(&mut self.late);
            self.tokens.sort_by_key(|t| t.start);
        }
        self.tokens
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analysis;

    /// jieba-rs 0.11's `is_han_default`, as it is written there.
    fn is_han_default(c: char) -> bool {
        matches!(c, '\u{4E00}'..='\u{9FFF}')
            || (c.is_ascii()
                && (c.is_ascii_alphanumeric()
                    || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')))
            || matches!(c,
                '\u{3400}'..='\u{4DBF}'
                | '\u{F900}'..='\u{FAFF}'
                | '\u{20000}'..='\u{2A6DF}'
                | '\u{2A700}'..='\u{2B73F}'
                | '\u{2B740}'..='\u{2B81F}'
                | '\u{2B820}'..='\u{2CEAF}'
                | '\u{2CEB0}'..='\u{2EBEF}'
                | '\u{2F800}'..='\u{2FA1F}')
    }

    #[test]
    fn pieces_end_only_after_characters_jieba_keeps_out_of_words() {
        // Every character once, each followed by a word character; the characters that
        // end a piece are those right before a piece start.
        let res = Resources::shared();
        let chars: Vec<char> = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        let mut text = String::new();
        for &c in &chars {
            text.push(c);
            text.push('字');
        }
        let s = Segments::needed(&res, &text, Span::new(0, 0));
        let mut ends = 0;
        for &start in &s.starts[1..] {
            let c = text[..start].chars().next_back().unwrap();
            assert!(!is_han_default(c) && c != '\r', "{c:?}");
            assert!(ends_piece(c), "{c:?}");
            ends += 1;
        }
        assert_eq!(chars.iter().filter(|&&c| ends_piece(c)).count(), ends);
        // The line break, U+3000–U+33FF, and U+FF00–U+FFFF less U+F900–U+FAFF.
        assert_eq!(ends, 1 + 0x400 + 0x1000 - 0x200);
        for c in ['，', '。', '、', '；', '：', '（', '）', '《', '》', '\n'] {
            let t = format!("字{c}字");
            assert_eq!(
                Segments::needed(&res, &t, Span::new(0, 0)).starts.len(),
                2,
                "{c:?}"
            );
        }
    }

    #[test]
    fn pieces_cut_alone_give_the_tokens_of_the_whole_text() {
        let res = Resources::shared();
        let text = "永嘉县桥头镇纽扣产业用工缺口约3000人，同比增长12.5%。\r\n\
                    统一部署下，西川村有200户；ABC-12项目（一期）投资3亿元…";
        let mut s = Segments::needed(&res, text, Span::new(0, 0));
        for i in 0..s.starts.len() {
            s.is_token_start(s.starts[i]);
        }
        assert!(s.cut.iter().all(|&c| c));
        assert_eq!(s.into_tokens(), res.segment(text));
    }

    #[test]
    fn only_pieces_with_a_name_a_village_or_the_title_are_cut() {
        let res = Resources::shared();
        let text = "标题在这里\n会议强调，要抓好落实。永嘉县的做法，值得推广；新联村党支部。";
        let s = Segments::needed(&res, text, Span::new(0, "标题在这里".len()));
        let words: Vec<&str> = s.tokens().iter().map(|t| t.slice(text)).collect();
        assert!(words.contains(&"标题"));
        assert!(words.contains(&"永嘉县"));
        assert!(words.contains(&"党支部"));
        assert!(!words.contains(&"会议"));
        assert!(!words.contains(&"推广"));
    }

    #[test]
    fn clauses_where_no_village_can_start_are_not_cut() {
        let res = Resources::shared();
        let text = "标题\n推进农村改革，依托村集体经济，美丽乡村建设提速。例如岭东村，年收入增长。";
        let s = Segments::needed(&res, text, Span::new(0, "标题".len()));
        let words: Vec<&str> = s.tokens().iter().map(|t| t.slice(text)).collect();
        assert!(!words.contains(&"农村"), "{words:?}");
        assert!(!words.contains(&"集体经济"), "{words:?}");
        assert!(!words.contains(&"建设"), "{words:?}");
        // 例如 introduces a village: that clause is cut.
        assert!(words.contains(&"例如"), "{words:?}");
    }

    #[test]
    fn a_village_found_once_is_found_in_clauses_not_cut() {
        let res = Resources::shared();
        // The second 岭东村 follows 到 (no cue) and nothing after it says village: its clause
        // needs no cutting by itself, but the village is named in the first sentence.
        let text = "标题\n岭东村党支部书记王明说，群众都到岭东村看戏。";
        let a = Analysis::new(&res, text, None);
        let villages: Vec<usize> = a
            .places
            .iter()
            .filter(|p| p.level == crate::text::PlaceLevel::Village)
            .map(|p| p.start)
            .collect();
        let second = text.rfind("岭东村").unwrap();
        assert!(villages.contains(&second), "{villages:?}");
        assert!(!places::village_possible_alone(text, second + "岭东".len()));
        let all = Analysis::with_all_tokens(&res, text, None);
        assert_eq!(format!("{:?}", a.places), format!("{:?}", all.places));
    }

    #[test]
    fn a_numeral_cuts_its_piece_on_demand() {
        let res = Resources::shared();
        let text = "会议强调，统一思想。";
        let mut s = Segments::needed(&res, text, Span::new(0, 0));
        assert!(s.tokens().is_empty());
        // 统一 is one word: 一 starts no token.
        assert!(!s.is_token_start(text.find('一').unwrap()));
        assert!(s.is_token_start(text.find("统一").unwrap()));
        // The piece before is still not cut.
        let tokens = s.into_tokens();
        assert!(tokens[0].start == text.find("统一").unwrap());
    }
}

#[cfg(test)]
mod shipped_drafts {
    use crate::source;
    use crate::text::Analysis;
    use crate::text::Resources;

    /// Every draft shipped in the repository (sample corpus, labelled sets, fixtures).
    fn drafts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = ["corpus", "tests"].map(|d| root.join(d));
        let docs: Vec<String> = source::collect_files(&dirs)
            .into_iter()
            .filter_map(|f| source::load(&f.ok()?).ok())
            .map(|d| d.text)
            .collect();
        assert!(docs.len() > 150, "{} drafts", docs.len());
        docs
    }

    #[test]
    fn every_piece_cut_alone_gives_the_whole_texts_tokens() {
        let res = Resources::shared();
        for text in drafts() {
            let mut s = super::Segments::needed(&res, &text, Default::default());
            for i in 0..s.starts.len() {
                s.is_token_start(s.starts[i]);
            }
            assert_eq!(
                s.into_tokens(),
                res.segment(&text),
                "{}",
                &text[..60.min(text.len())]
            );
        }
    }

    #[test]
    fn places_and_data_points_are_those_of_the_whole_segmentation() {
        let res = Resources::shared();
        for text in drafts() {
            let some = Analysis::new(&res, &text, None);
            let all = Analysis::with_all_tokens(&res, &text, None);
            assert_eq!(format!("{:?}", some.places), format!("{:?}", all.places));
            assert_eq!(
                format!("{:?}", some.data_points),
                format!("{:?}", all.data_points)
            );
            assert!(some.tokens.iter().all(|t| all.tokens.contains(t)));
        }
    }
}
