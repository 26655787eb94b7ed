//! outdated-place-name: a county-level name that has been changed (玉环县 → 玉环市).

use super::{Context, Diagnostic, Severity};

pub const NAME: &str = "outdated-place-name";

rule_doc!(
    "已更名的县级地名（outdated-place-name）

查什么：已经撤销或更名的县级地名，如“玉环县”（2017年改为玉环市）、“宁乡县”（改为宁乡市）、“株洲县”（改为渌口区）。依据 lexicons/divisions/county_renames.tsv 中有日期的区划变更记录；旧名仍是另一个现行县名的不报。

为什么：地名写错是“内容真实”的硬伤，也说明材料是旧稿翻新（讲话要求选题新颖，“不能‘老生常谈’”）。

示例（不好）：玉环县坎门街道渔业用工……

示例（好）：玉环市坎门街道渔业用工……

写明是旧称的不报：“原株洲县”“撤县设区前的株洲县”“株洲县时期”。

怎么改：换成现行名称。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    for (start, end, rename) in ctx.analysis.renamed_places(ctx.gazetteer) {
        if names_the_past(ctx.text, start, end) {
            continue;
        }
        out.push(Diagnostic {
            code: "",
            name: "",
            severity,
            message: format!(
                "“{}”已于{}更名为“{}”（讲话要求“内容真实”）",
                rename.old, rename.date, rename.new
            ),
            start,
            end,
            suggestion: Some(format!("改为“{}”", rename.new)),
        });
    }
}

/// 原株洲县, 撤县设区前的株洲县, 株洲县时期: the old name used as the old name.
fn names_the_past(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let clause = before
        .rfind(['，', '。', '；', '！', '？', '\n'])
        .map_or(before, |i| &before[i..]);
    before.ends_with(['原', '旧'])
        || before.ends_with("原来的")
        || [
            "更名前",
            "改名前",
            "设区前",
            "设市前",
            "建区前",
            "建市前",
            "改区前",
            "改市前",
        ]
        .iter()
        .any(|w| clause.contains(w))
        || ["时期", "时代", "时候"]
            .iter()
            .any(|w| text[end..].starts_with(w))
}
