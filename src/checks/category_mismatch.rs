//! category-mismatch: the declared 类别 and what the text reads like disagree clearly.

use super::{on_title, Context, Diagnostic, Severity};
use crate::Category;

pub const NAME: &str = "category-mismatch";

/// Below this confidence the inferred category is not trusted enough to contradict the author.
const MIN_CONFIDENCE: f64 = 0.75;

rule_doc!(
    "声明的类别与内容不符（category-mismatch）

查什么：元数据里声明了类别（类别: 问题类），但正文读起来明显是另一类（推断置信度不低于0.75），例如声明为问题类、通篇却只写做法和成效。专报既可以反映问题，也可以报送特色、亮点和成效，声明为专报而内容像问题类或典型经验的不报告。

为什么：省里按类别计分，讲话要求“问题类、专报类、调研类信息比重要达到80%，其中问题类信息比重要达50%”。把经验材料标成问题类，既达不到问题类的要求（问题、原因、建议），也会在审核时被改判。

示例（不好）：类别: 问题类；标题“永嘉县多措并举打造纽扣产业共富工坊”，正文只有做法和成效。

示例（好）：类别: 典型经验；或者把正文改写成反映问题、分析原因、提出建议的问题类信息。

怎么改：改正类别，或按声明的类别补齐该类信息应有的内容。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    let c = &ctx.elements.category;
    if let Some(declared) = c.declared {
        // A 专报 may report a problem or an experience (特色、亮点、成效): no mismatch.
        let compatible = declared == Category::Special
            && matches!(c.inferred, Category::Experience | Category::Problem);
        if declared != c.inferred && !compatible && c.inferred_confidence >= MIN_CONFIDENCE {
            out.push(on_title(
                ctx,
                severity,
                format!(
                    "声明的类别是“{}”，但内容更像“{}”（置信度{:.2}）",
                    declared.label(),
                    c.inferred.label(),
                    c.inferred_confidence
                ),
                "改正类别，或按声明的类别补齐应有内容",
            ));
        }
    }
}
