//! stale-topic: the draft's topic was reported several times in the look-back window.

use super::{on_title, Context, Diagnostic, Severity};

pub const NAME: &str = "stale-topic";

rule_doc!(
    "同一题目近期已多次报送（stale-topic）

查什么：有历史信息索引时，稿件标题中的关键词（去掉地名和“工作、问题、情况、推进”之类的泛词）在索引里更早的信息标题中大多出现过（至少两个，且不少于一半），而这样的信息在回看期内（默认 365 天，xinjian.toml 中 [thresholds] stale_topic_days）已有规定条数（默认 2 条，stale_topic_count）。措辞不同也算同题。需要稿件和历史信息都有日期。

为什么：讲话要求“选题要新颖，不能‘老生常谈’”。同一题目一年里反复报，省里早已掌握，再报很难被采用。

示例（不好）：今年已报过两次“秸秆综合利用”，本月又报一篇题目相近、内容差别不大的信息。

示例（好）：换一个角度（新问题、新数据、新做法），或在标题和开头写明与此前所报的不同之处。

怎么改：看一看列出的以往信息，找出这次真正新的内容；没有新内容的，不再报送。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    let items = ctx.topic_history;
    let need = ctx.config.thresholds.stale_topic_count;
    if items.len() < need {
        return;
    }
    let listed: Vec<String> = items
        .iter()
        .take(3)
        .map(|i| {
            format!(
                "{}{}《{}》",
                i.date.as_deref().unwrap_or(""),
                i.unit.as_deref().unwrap_or(""),
                i.title
            )
        })
        .collect();
    out.push(on_title(
        ctx,
        severity,
        format!(
            "这一题目在{}天内已报送{}次：{}（讲话要求选题新颖，“不能‘老生常谈’”）",
            ctx.config.thresholds.stale_topic_days,
            items.len(),
            listed.join("、")
        ),
        "找出这次真正新的内容（新问题、新数据、新做法）并写进标题和开头；没有新内容的不再报送",
    ));
}
