//! vague-time: 近日/日前 instead of a date, and 动态 events dated long before the item.

use aho_corasick::AhoCorasick;
use once_cell::sync::Lazy;

use super::{Context, Diagnostic, Severity};
use crate::category::Category;
use crate::date::Date;

pub const NAME: &str = "vague-time";

rule_doc!(
    "时间模糊或事件过旧（vague-time）

查什么：用“近日”“近期”“日前”“前不久”“不久前”“前段时间”“最近”“连日来”代替具体日期（动态、专报按规定级别报告，其他类别降为提示）；动态信息所报事件的日期（正文第一个“某月某日”）早于稿件日期（元数据“日期”或文件名中的日期）超过规定天数（默认 7 天，xinjian.toml 中 [thresholds] stale_event_days）。

为什么：讲话要求“提高报送时效”，信息贵在及时。“近日”让编辑无法判断事情是否已经过时；一周前的会议再报动态，省里已经不会采用。

示例（不好）：近日，瑞安市召开民营经济高质量发展推进会。

示例（好）：11月12日，瑞安市召开民营经济高质量发展推进会。

怎么改：写明具体日期；过时的动态不再报送，或改写为有新内容的信息。"
);

const VAGUE: &[&str] = &[
    "近日",
    "近期",
    "日前",
    "前不久",
    "不久前",
    "前段时间",
    "最近",
    "连日来",
];

static VAGUE_MATCHER: Lazy<AhoCorasick> = Lazy::new(|| {
    AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(VAGUE)
        .expect("vague time words")
});

pub fn check(ctx: &Context, base: Severity, out: &mut Vec<Diagnostic>) {
    let text = ctx.text;
    // Timeliness is the point of 动态 and 专报; in an analysis (近期调查发现…) a vague time is a
    // lesser fault.
    let severity = match ctx.category {
        Category::Dynamic | Category::Special => base,
        _ => base.min(Severity::Info),
    };
    // In an analysis whose figures are dated (1—10月, 截至10月底), 近期 opening the account of
    // the study (近期，我们对…开展专题调研) says when the study was made, not when the facts
    // happened: no finding. 近期走访发现… still reports a finding without its time.
    let analysis = !matches!(ctx.category, Category::Dynamic | Category::Special);
    let dated = analysis && has_month_figure(text);
    // One pass over the text for all the words.
    for m in VAGUE_MATCHER.find_iter(text) {
        let (i, word) = (m.start(), VAGUE[m.pattern().as_usize()]);
        let before = text[..i].chars().next_back();
        // 最近 means "nearest" inside a clause (距离最近的村); only a clause-opening 最近 is time.
        if word == "最近" && !before.is_none_or(|c| matches!(c, '，' | '。' | '；' | '：' | '\n'))
        {
            continue;
        }
        // 最近三年, 最近5个月: a period that is counted, not a vague date. 近期目标, 近期规划:
        // the near term of a plan.
        let rest = &text[m.end()..];
        if matches!(word, "最近" | "近期")
            && (counted_period(rest)
                || word == "近期"
                    && ["目标", "规划", "计划", "任务"]
                        .iter()
                        .any(|w| rest.starts_with(w)))
        {
            continue;
        }
        // 20日前 is a deadline (before the 20th), not 日前 (recently).
        if word == "日前"
            && before.is_some_and(|c| c.is_ascii_digit() || crate::text::is_cn_digit(c))
        {
            continue;
        }
        // 最近日 …, 将近日 … are other words.
        if word == "近日" && matches!(before, Some('最' | '将' | '接')) {
            continue;
        }
        if dated && opens_survey(&text[m.end()..]) {
            continue;
        }
        out.push(Diagnostic {
            code: "",
            name: "",
            severity,
            message: format!(
                "“{word}”没有说明具体时间，编辑无法判断是否及时（讲话要求“提高报送时效”）"
            ),
            start: i,
            end: i + word.len(),
            suggestion: Some("写明具体日期，如“11月12日”".into()),
        });
    }
    if ctx.category != Category::Dynamic {
        return;
    }
    let Some(item_date) = ctx.meta.date.as_deref().and_then(Date::iso) else {
        return;
    };
    if let Some((start, end, event)) =
        first_event_date(text, ctx.analysis.title().end, item_date.ymd().0)
    {
        let days = Date::from_ymd(event.0, event.1, event.2).map_or(0, |e| item_date.days_since(e));
        if days > ctx.thresholds.stale_event_days {
            out.push(Diagnostic {
                code: "",
                name: "",
                severity: base,
                message: format!(
                    "所报事件发生在{}月{}日，距稿件日期已{days}天，动态信息已不及时",
                    event.1, event.2
                ),
                start,
                end,
                suggestion: Some("过时的动态不再报送，或改写为有新进展、新数据的信息".into()),
            });
        }
    }
}

/// 三年, 5个月, 两个季度 at the start of `rest` (最近几天 stays vague).
fn counted_period(rest: &str) -> bool {
    let n = rest
        .chars()
        .take_while(|&c| c.is_ascii_digit() || crate::text::is_cn_numeral(c))
        .map(char::len_utf8)
        .sum::<usize>();
    n > 0
        && [
            "年",
            "个月",
            "月",
            "天",
            "日",
            "周",
            "个星期",
            "季度",
            "个季度",
        ]
        .iter()
        .any(|u| rest[n..].starts_with(u))
}

/// Whether the sentence after a time word (up to 。, at most 40 characters) says a study was
/// made (调研), without reporting what it found (发现).
fn opens_survey(rest: &str) -> bool {
    let window = rest
        .char_indices()
        .nth(40)
        .map_or(rest, |(i, _)| &rest[..i]);
    let sentence = window.split('。').next().unwrap_or_default();
    sentence.contains("调研") && !sentence.contains("发现")
}

/// Whether the text dates its figures by month (1—10月, 10月底, 9月份): a digit before 月.
fn has_month_figure(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memmem::find_iter(b, "月".as_bytes()).any(|i| i > 0 && b[i - 1].is_ascii_digit())
}

/// The first `M月D日` (optionally `YYYY年M月D日`) after the title, in the year given.
fn first_event_date(text: &str, from: usize, year: i64) -> Option<(usize, usize, (i64, i64, i64))> {
    let body = &text[from..];
    for (i, _) in body.match_indices('月') {
        let before: String = body[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let after: String = body[i + '月'.len_utf8()..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if before.is_empty()
            || after.is_empty()
            || !body[i + '月'.len_utf8() + after.len()..].starts_with('日')
        {
            continue;
        }
        let m: i64 = before.chars().rev().collect::<String>().parse().ok()?;
        let d: i64 = after.parse().ok()?;
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            continue;
        }
        let start = from + i - before.len();
        let end = from + i + '月'.len_utf8() + after.len() + '日'.len_utf8();
        return Some((start, end, (year, m, d)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            crate::date::days_between("2026-10-28", "2026-11-03"),
            Some(6)
        );
        assert_eq!(
            crate::date::days_between("2025-12-30", "2026-01-02"),
            Some(3)
        );
        let t = "标题\n11月5日，首批车棚投用。";
        let (s, e, d) = first_event_date(t, "标题".len(), 2026).unwrap();
        assert_eq!(&t[s..e], "11月5日");
        assert_eq!(d, (2026, 11, 5));
    }
}
