//! empty-sentence: too many sentences that would be true anywhere.

use super::{on_title, Context, Diagnostic, Severity};

pub const NAME: &str = "empty-sentence";

rule_doc!(
    "空话过多（empty-sentence）

查什么：正文中既没有数字、也没有地名、单位名称、人物或日期的句子（“放到哪里都正确的话”）所占的比例。比例超过阈值（默认 0.6，xinjian.toml 中 [thresholds] empty_sentence_share），且这样的句子不少于 4 句时提示。小标题不计。

为什么：讲话要求信息“内容真实、文字精炼”，要“在共性中找不同”。一句话换个县名照样成立，就没有告诉省里任何新东西。

示例（不好）：各级各部门要进一步提高思想认识，切实增强责任感和紧迫感，以更加务实的作风推动工作落地见效。

示例（好）：桥头镇 127 家纽扣企业中，41 家缺工超过两成，缺口合计约 1800 人。

怎么改：每段至少落到一个具体的地方、单位、人物或数字上；删去只表态、不叙事的句子。"
);

/// Whether a sentence says something specific: a figure, a named place, a date, a named
/// organisation, enterprise or person. 我县、全县、县委、县政府、各部门 name no one in particular:
/// every county has them.
fn concrete(ctx: &Context, s: crate::text::Span) -> bool {
    use crate::elements::{cases, suggestions};
    let a = ctx.analysis;
    let sentence = s.slice(ctx.text);
    if a.data_in(s.start, s.end).next().is_some()
        || a.places_in(s.start, s.end).next().is_some()
        || sentence.contains(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || cases::has_date(sentence)
        || cases::has_anonymised_person(sentence)
    {
        return true;
    }
    let words: Vec<crate::lexicon::WordHit> = a.words_in(s.start, s.end).copied().collect();
    suggestions::names_organisation(sentence, s.start, &words)
        || cases::has_named_person(sentence, s.start, &words)
        || cases::has_enterprise(sentence, s.start, &words)
}

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    let a = ctx.analysis;
    let title_end = a.title().end;
    let (mut total, mut empty) = (0usize, 0usize);
    for s in a.sentences.iter().filter(|s| s.start >= title_end) {
        let sentence = s.slice(ctx.text);
        // Headings (一、基本情况) and fragments are not sentences to judge.
        if crate::text::fewer_chars_than(sentence, 12)
            || !sentence.ends_with(['。', '！', '？', '；'])
        {
            continue;
        }
        total += 1;
        if !concrete(ctx, *s) {
            empty += 1;
        }
    }
    if total == 0 {
        return;
    }
    let share = empty as f64 / total as f64;
    let limit = ctx.config.thresholds.empty_sentence_share;
    if empty >= 4 && share > limit {
        out.push(on_title(
            ctx,
            severity,
            format!(
                "{total}句中有{empty}句没有数字、地名、单位或人物（{:.0}%），是放到哪里都正确的话（讲话要求“内容真实、文字精炼”）",
                share * 100.0
            ),
            "每段至少落到一个具体的地方、单位、人物或数字上；删去只表态、不叙事的句子",
        ));
    }
}
