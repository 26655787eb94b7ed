//! long-title: a title longer than the configured limit.

use super::{Context, Diagnostic, Severity};

pub const NAME: &str = "long-title";

rule_doc!(
    "标题过长（long-title）

查什么：标题字数超过配置的上限（默认45字，xinjian.toml 中 [thresholds] title_max_chars）。

为什么：讲话要求标题“亮眼”、文字精炼。标题太长，编辑和领导一眼抓不住要点，刊物排版时也往往被删改。

示例（不好）：关于我县深入贯彻落实省委省政府决策部署扎实推进纽扣产业转型升级和稳岗就业工作取得阶段性成效的情况报告

示例（好）：永嘉县桥头镇纽扣企业缺工约3000人 外贸订单交付受影响

怎么改：只留主体和最重要的一个事实，其余放进正文第一段。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    let t = ctx.analysis.title();
    let n = t
        .slice(ctx.text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    let max = ctx.thresholds.title_max_chars;
    if n > max {
        out.push(Diagnostic {
            code: "",
            name: "",
            severity,
            message: format!("标题{n}字，超过{max}字（讲话要求标题“亮眼”、文字精炼）"),
            start: t.start,
            end: t.end,
            suggestion: Some("只留主体和最重要的一个事实，其余放进正文第一段".into()),
        });
    }
}
