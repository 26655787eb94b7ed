//! duplicate-of-earlier: the draft reuses the wording of an item already in the archive.

use super::{on_title, Context, Diagnostic, Severity};

pub const NAME: &str = "duplicate-of-earlier";

rule_doc!(
    "与已报送的信息重复（duplicate-of-earlier）

查什么：有历史信息索引时（xinjian index 建立；check 时用 --index 指定，或当前文件夹下有 xinjian-index），稿件与索引中一条更早的信息是同一条信息：
- 文字大量重合：5字片段的重合度不低于 50%，或较短一篇有 60% 以上包含在另一篇中（短稿被整段套进长稿也算）。长引文（引号内 20 字以上）不计；两篇共有的、不含数字也不含乡镇村名的 30 字以上段落（中央文件原文、省里的提法、标准开头结尾）也不计。
- 或者事实相同、文字改写过：两篇有至少 2 个相同的具体数字（如 4860人、37.2%，年份日期不算），占数字较少一篇的一半以上，加上相同的乡镇村名和名称（“共富工坊”、王某）共不少于 4 项。另一个单位就同一件事各写一稿，也算。
报出对方的标题、单位、日期、类型（重复报送、旧稿翻炒、整段套用、同一事实改写重报）、相同的数字、地点、名称和重合的句子。同一主题、数字不同的（下个月的新进展、外县的同类问题）不算。

为什么：讲话要求“选题要新颖，不能‘老生常谈’”。两个单位报同一条、旧稿改个日期重报，省里一眼就能认出来，既浪费版面，也影响单位的信誉。

示例（不好）：11月23日的稿件与11月5日本单位已报送的《泰顺县山区乡镇村医“断档”风险加剧需引起重视》相似度91%。

示例（好）：在已报信息基础上报告新情况、新数据、新进展，并在标题和开头点明“新”在哪里。

怎么改：不再重复报送；确有新进展的，改写为续报，突出新增内容。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    for r in ctx.history {
        let when = r.item.date.as_deref().unwrap_or("日期不详");
        let who = r.item.unit.as_deref().unwrap_or("单位不详");
        let why = r
            .why
            .as_ref()
            .map_or_else(String::new, |w| format!("：{w}"));
        let mut message = format!(
            "与{when}{who}已报送的《{}》是同一条信息{why}（讲话要求选题新颖，“不能‘老生常谈’”）",
            r.item.title,
        );
        if let Some(s) = r.shared.first() {
            message.push_str(&format!("；重合的句子如“{s}”"));
        }
        out.push(on_title(
            ctx,
            severity,
            message,
            "不再重复报送；确有新进展的，改写为续报，突出新增内容",
        ));
    }
}
