//! empty-sentence: too many sentences that would be true anywhere.

use super::{on_title, Context, Diagnostic, Severity};

pub const NAME: &str = "empty-sentence";

rule_doc!(
    "空话过多（empty-sentence）

查什么：正文中既没有数字、也没有地名、具体单位（县农业农村局、县人民医院、某公司）、人物或日期的句子（“放到哪里都正确的话”）所占的比例。“我县”“全县”“县委、县政府”“各部门”“领导小组”这类每个县都有的泛称不算具体单位。比例超过阈值（默认 0.6，xinjian.toml 中 [thresholds] empty_sentence_share），且这样的句子不少于 4 句时提示。小标题不计。

为什么：讲话要求信息“内容真实、文字精炼”，要“在共性中找不同”。一句话换个县名照样成立，就没有告诉省里任何新东西。

示例（不好）：各级各部门要进一步提高思想认识，切实增强责任感和紧迫感，以更加务实的作风推动工作落地见效。

示例（好）：桥头镇 127 家纽扣企业中，41 家缺工超过两成，缺口合计约 1800 人。

怎么改：每段至少落到一个具体的地方、单位、人物或数字上；删去只表态、不叙事的句子。"
);

/// Institutions named by what they are (县人民医院, 实验小学, 城关供销社): the
/// suffix after two Han characters that are not a scope word (各医院, 农村小学, 镇中心小学).
fn names_institution(sentence: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "医院",
        "卫生院",
        "小学",
        "中学",
        "幼儿园",
        "供销社",
        "敬老院",
        "养老院",
        "纪念馆",
        "博物馆",
        "图书馆",
    ];
    const SCOPE: &[&str] = &[
        "各", "相关", "有关", "全", "该", "本", "这", "那", "些", "每", "其", "村", "镇", "乡",
        "农村", "乡村", "城区", "公办", "民办", "基层", "定点", "各类", "多所", "部分", "规模",
        "中心",
    ];
    SUFFIXES.iter().any(|suffix| {
        sentence.match_indices(suffix).any(|(i, _)| {
            let before = &sentence[..i];
            // 中学生, 小学生 are pupils.
            !sentence[i + suffix.len()..].starts_with('生')
                && before
                    .chars()
                    .rev()
                    .take(2)
                    .filter(|&c| crate::text::is_han(c))
                    .count()
                    == 2
                && !SCOPE.iter().any(|w| before.ends_with(w))
        })
    })
}

/// A figure, a named place or a digit: the tests that need no search.
fn plainly_concrete(ctx: &Context, s: crate::text::Span) -> bool {
    let a = ctx.analysis;
    a.data_in(s.start, s.end).next().is_some()
        || a.places_in(s.start, s.end).next().is_some()
        || has_digit(s.slice(ctx.text).as_bytes())
}

/// An ASCII or full-width digit (０–９ are EF BC 90–99 in UTF-8). The ASCII test runs over
/// every byte without stopping early, so that it vectorises; EF is rare.
fn has_digit(b: &[u8]) -> bool {
    let ascii = b
        .iter()
        .fold(false, |acc, &x| acc | (x.wrapping_sub(b'0') < 10));
    ascii
        || memchr::memchr_iter(0xEF, b).any(|i| {
            b.get(i + 1) == Some(&0xBC) && b.get(i + 2).is_some_and(|y| (0x90..=0x99).contains(y))
        })
}

/// Whether a sentence says something specific: a figure, a named place, a date, a named
/// organisation, enterprise or person. 我县、全县、县委、县政府、各部门 name no one in particular:
/// every county has them.
fn concrete(ctx: &Context, s: crate::text::Span) -> bool {
    use crate::elements::{cases, suggestions};
    let a = ctx.analysis;
    let sentence = s.slice(ctx.text);
    if plainly_concrete(ctx, s)
        || cases::has_date(sentence)
        || cases::has_anonymised_person(sentence)
    {
        return true;
    }
    let words: Vec<crate::lexicon::WordHit> = a.words_in(s.start, s.end).copied().collect();
    names_institution(sentence)
        || suggestions::names_organisation(sentence, s.start, &words)
        || cases::has_named_person(sentence, s.start, &words)
        || cases::has_enterprise(sentence, s.start, &words)
        // 甘谷辣椒是国家地理标志产品: a product named after its county is no place mention,
        // but specific all the same.
        || ctx.gazetteer.names_a_local_product(sentence)
}

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    let a = ctx.analysis;
    let title_end = a.title().end;
    // The sentences to judge: headings (一、基本情况) and fragments are not.
    let judged: Vec<crate::text::Span> = a
        .sentences
        .iter()
        .filter(|s| s.start >= title_end)
        .filter(|s| {
            let sentence = s.slice(ctx.text);
            !crate::text::fewer_chars_than(sentence, 12)
                && sentence.ends_with(['。', '！', '？', '；'])
        })
        .copied()
        .collect();
    let total = judged.len();
    let limit = ctx.thresholds.empty_sentence_share;
    // The cheap tests first: when the sentences they leave could not reach the share, the
    // draft is not reported whatever the costlier tests say (most drafts stop here).
    let open: Vec<crate::text::Span> = judged
        .into_iter()
        .filter(|s| !plainly_concrete(ctx, *s))
        .collect();
    if total == 0 || open.len() < 4 || open.len() as f64 / total as f64 <= limit {
        return;
    }
    let empty = open.iter().filter(|s| !concrete(ctx, **s)).count();
    let share = empty as f64 / total as f64;
    if empty >= 4 && share > limit {
        out.push(on_title(
            ctx,
            severity,
            format!(
                "{total}句中有{empty}句没有数字、地名、具体单位或人物（{:.0}%），是放到哪里都正确的话（讲话要求“内容真实、文字精炼”）",
                share * 100.0
            ),
            "每段至少落到一个具体的地方、单位、人物或数字上；删去只表态、不叙事的句子",
        ));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_as_char_tests_find_them() {
        for s in [
            "",
            "全县",
            "2026年",
            "第３批",
            "５",
            "一二三",
            "１０月",
            "＃",
            "ｚ",
        ] {
            let expected = s
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
            assert_eq!(super::has_digit(s.as_bytes()), expected, "{s}");
        }
    }
}
