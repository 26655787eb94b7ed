//! outdated-formulation: a formulation that has been replaced.

use super::{Context, Diagnostic, Severity};
use crate::elements::StaleClass;

pub const NAME: &str = "outdated-formulation";

rule_doc!(
    "过时提法（outdated-formulation）

查什么：词表 lexicons/outdated.txt 中的过时提法（机构改革前的机构名、已改的政策提法），以及 lexicons/outdated_context.txt 中只在写成当前任务时才过时的提法（脱贫攻坚、精准扶贫……）。后者在历史叙述里（“2020年如期打赢脱贫攻坚战”）和现行提法之中（“巩固拓展脱贫攻坚成果”）不报。

为什么：讲话要求选题新颖、“不能‘老生常谈’”。用过时提法，说明材料是旧稿翻新，或对上级最新部署不熟悉，会直接影响采用。

示例（不好）：要坚持精准扶贫，全力打赢脱贫攻坚战。

示例（好）：要守住不发生规模性返贫底线，巩固拓展脱贫攻坚成果同乡村振兴有效衔接。

怎么改：换成词表给出的现行提法。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    for s in ctx
        .elements
        .stale
        .iter()
        .filter(|s| s.class == StaleClass::Outdated)
    {
        let old = &ctx.text[s.start..s.end];
        let new = s.replacement.clone().unwrap_or_default();
        out.push(Diagnostic {
            code: "",
            name: "",
            severity,
            message: format!(
                "“{old}”是过时提法，现行提法为“{new}”（讲话要求选题新颖，“不能‘老生常谈’”）"
            ),
            start: s.start,
            end: s.end,
            suggestion: Some(format!("改为“{new}”")),
        });
    }
}
