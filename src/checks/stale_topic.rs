//! stale-topic: the draft's topic was reported several times in the look-back window.

use super::{on_title, Context, Diagnostic, Severity};

pub const NAME: &str = "stale-topic";

rule_doc!(
    "同一题目近期已多次报送（stale-topic）

查什么：有历史信息索引时，比较稿件和索引中更早信息的选题：各取标题和正文的词（标题的词算三遍；去掉地名、数字、长引文和“工作、问题、情况、推进”之类的泛词），按在索引里的少见程度加权，两篇的选题相近程度（余弦）不低于 0.17 就算同一选题。回看期内（默认 365 天，xinjian.toml 中 [thresholds] stale_topic_days）同一选题已有规定条数（默认 2 条，stale_topic_count）就报出；互为重复的几篇只算一条。标题换了说法也能认出（正文的词一起比较；lexicons/topic_synonyms.txt 里的近义词当作同一个词）；词汇相近、选题不同的（茶园病虫害和茶叶品牌）不算。需要稿件和历史信息都有日期。

为什么：讲话要求“选题要新颖，不能‘老生常谈’”。同一题目一年里反复报，省里早已掌握，再报很难被采用。

示例（不好）：今年已报过两次“秸秆综合利用”，本月又报一篇题目相近、内容差别不大的信息。

示例（好）：换一个角度（新问题、新数据、新做法），或在标题和开头写明与此前所报的不同之处。

怎么改：看一看列出的以往信息，找出这次真正新的内容；没有新内容的，不再报送。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    let history = ctx.topic_history;
    if history.distinct < ctx.thresholds.stale_topic_count {
        return;
    }
    let listed: Vec<String> = history
        .items
        .iter()
        .take(4)
        .map(|(i, _)| {
            format!(
                "{}{}《{}》",
                i.date.as_deref().unwrap_or(""),
                i.unit.as_deref().unwrap_or(""),
                i.title
            )
        })
        .collect();
    let more = if history.items.len() > listed.len() {
        format!("等{}篇", history.items.len())
    } else {
        String::new()
    };
    out.push(on_title(
        ctx,
        severity,
        format!(
            "这一选题在{}天内已报送过{}条：{}{more}（按与本稿的相近程度排列；讲话要求选题新颖，“不能‘老生常谈’”）",
            ctx.thresholds.stale_topic_days,
            history.distinct,
            listed.join("、")
        ),
        "找出这次真正新的内容（新问题、新数据、新做法）并写进标题和开头；没有新内容的不再报送",
    ));
}
