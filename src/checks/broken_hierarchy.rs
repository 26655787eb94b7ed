//! broken-hierarchy: list markers that skip or start in the middle (一是…三是, （一）（三）).

use super::{Context, Diagnostic, Severity};

pub const NAME: &str = "broken-hierarchy";

rule_doc!(
    "层次序号不连贯（broken-hierarchy）

查什么：各级序号是否从一开始、逐个递增：“一、二、三、”，“（一）（二）（三）”，“一是、二是、三是”，“1. 2. 3.”。跳号（一是之后是三是）、重号、从“二”开始都会报告。上一级序号出现时，下一级重新从一开始计。

为什么：讲话要求信息“结构严谨、层次分明”。序号错乱让读者怀疑漏了内容，也说明稿件是拼凑、删改而成。

示例（不好）：一是加强领导。三是完善机制。

示例（好）：一是加强领导。二是完善机制。

怎么改：按顺序重新编号；删去某条后记得调整后面的序号。"
);

/// Marker kinds, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    /// 一、
    Section = 0,
    /// （一）
    Paren = 1,
    /// 1. / 1、
    Arabic = 2,
    /// 一是
    Shi = 3,
}

fn chinese_number(s: &str) -> Option<u32> {
    const DIGITS: &str = "一二三四五六七八九";
    let cs: Vec<char> = s.chars().collect();
    let d = |c: char| DIGITS.chars().position(|x| x == c).map(|i| i as u32 + 1);
    match cs.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => d(*c),
        ['十', c] => Some(10 + d(*c)?),
        [a, '十'] => Some(d(*a)? * 10),
        [a, '十', b] => Some(d(*a)? * 10 + d(*b)?),
        _ => None,
    }
}

static SHI: once_cell::sync::Lazy<memchr::memmem::Finder<'static>> =
    once_cell::sync::Lazy::new(|| memchr::memmem::Finder::new("是"));

/// Markers in order: (byte start, byte end, level, number).
fn markers(text: &str, from: usize) -> Vec<(usize, usize, Level, u32)> {
    let mut out = Vec::new();
    let mut line_start = from;
    let rest = &text[from..];
    // SIMD line splitting (memchr crate); `str::split('\n')` uses core's word-at-a-time memchr.
    let ends = memchr::memchr_iter(b'\n', rest.as_bytes()).chain(std::iter::once(rest.len()));
    let mut prev_end = 0;
    for end in ends {
        let line = &rest[prev_end..end];
        prev_end = end + 1;
        let t = line.trim_start();
        let lead = line.len() - t.len();
        let at = line_start + lead;
        let numeral_prefix = |s: &str| -> usize {
            s.chars()
                .take_while(|&c| crate::text::is_cn_digit(c))
                .map(char::len_utf8)
                .sum()
        };
        // Line-initial markers.
        let n = numeral_prefix(t);
        if n > 0 && t[n..].starts_with('、') {
            if let Some(v) = chinese_number(&t[..n]) {
                out.push((at, at + n + '、'.len_utf8(), Level::Section, v));
            }
        } else if let Some(rest) = t.strip_prefix('（').or_else(|| t.strip_prefix('(')) {
            let n = numeral_prefix(rest);
            if n > 0 && rest[n..].starts_with(['）', ')']) {
                if let Some(v) = chinese_number(&rest[..n]) {
                    // ) or ）: one byte or three.
                    let close = rest[n..].chars().next().map_or(1, char::len_utf8);
                    out.push((at, at + t.len() - rest.len() + n + close, Level::Paren, v));
                }
            }
        } else {
            let d: usize = t.chars().take_while(|c| c.is_ascii_digit()).count();
            if (1..=2).contains(&d)
                && t[d..].starts_with(['.', '、', '．'])
                && !t[d..].starts_with("..")
            {
                // 1.5万 is a number, not a marker.
                let next = t[d..].chars().nth(1);
                if !next.is_some_and(|c| c.is_ascii_digit()) {
                    // The separator may be 、 or ． (three bytes each), not only '.'.
                    let sep = t[d..].chars().next().map_or(1, char::len_utf8);
                    out.push((at, at + d + sep, Level::Arabic, t[..d].parse().unwrap_or(0)));
                }
            }
        }
        // 一是 … anywhere at a clause start.
        for i in SHI.find_iter(line.as_bytes()) {
            let before = &line[..i];
            let n: usize = before
                .chars()
                .rev()
                .take_while(|&c| crate::text::is_cn_digit(c))
                .map(char::len_utf8)
                .sum();
            if n == 0 {
                continue;
            }
            let start = i - n;
            let prev = line[..start].chars().next_back();
            let clause_start = prev
                .is_none_or(|c| matches!(c, '。' | '；' | '：' | '，' | '、' | '\n' | ' ' | '）'));
            if !clause_start {
                continue;
            }
            if let Some(v) = chinese_number(&line[start..i]) {
                out.push((
                    line_start + start,
                    line_start + i + '是'.len_utf8(),
                    Level::Shi,
                    v,
                ));
            }
        }
        line_start += line.len() + 1;
    }
    out.sort_by_key(|m| m.0);
    out
}

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    let title_end = ctx.analysis.title().end;
    let mut last: [Option<u32>; 4] = [None; 4];
    for (start, end, level, n) in markers(ctx.text, title_end) {
        let l = level as usize;
        // An outer marker starts the inner sequences afresh.
        for inner in last.iter_mut().skip(l + 1) {
            *inner = None;
        }
        let expected = last[l].map(|p| p + 1).unwrap_or(1);
        // 一是 after 三是 starts a new list; so does （一） after （三） under no new section.
        if n != expected && n != 1 {
            let got = &ctx.text[start..end];
            let message = match last[l] {
                Some(p) if n <= p => format!("序号“{got}”重复或倒退（上一个是第{p}项）"),
                Some(p) => format!("序号从第{p}项跳到“{got}”，中间缺了第{}项", p + 1),
                None => format!("这一组序号从“{got}”开始，前面没有第1项"),
            };
            out.push(Diagnostic {
                code: "",
                name: "",
                severity,
                message: format!("{message}（讲话要求“结构严谨、层次分明”）"),
                start,
                end,
                suggestion: Some("按顺序重新编号".into()),
            });
        }
        last[l] = Some(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_markers() {
        assert_eq!(chinese_number("三"), Some(3));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        let t = "标题\n一、基本情况\n（一）做法。一是建机制；二是强队伍。\n（二）成效\n1. 全县1.5万亩\n二、问题";
        let m: Vec<(Level, u32)> = markers(t, "标题".len())
            .into_iter()
            .map(|m| (m.2, m.3))
            .collect();
        assert_eq!(
            m,
            vec![
                (Level::Section, 1),
                (Level::Paren, 1),
                (Level::Shi, 1),
                (Level::Shi, 2),
                (Level::Paren, 2),
                (Level::Arabic, 1),
                (Level::Section, 2)
            ]
        );
    }
}
