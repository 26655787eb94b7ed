//! `report.html`: one self-contained page (inline CSS and SVG, no script, no network) in
//! Chinese, for the office to open in any browser and hand on.

use std::fmt::Write;

use super::{pct, points, Audit, CategoryCounts, Item};
use crate::{Category, Severity};

/// Bar colour of the charts (the screenshot test looks for it).
pub const BAR_COLOUR: &str = "#2b6cb0";
const MET_COLOUR: &str = "#2f855a";
const MISSED_COLOUR: &str = "#c53030";

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    // By bytes, copying the runs between special characters whole: the report escapes every
    // item's full text, and a push per character was most of the page's cost.
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

const CSS: &str = r#"
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:0;color:#1a202c;background:#f7fafc}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 12px;border-left:4px solid #2b6cb0;padding-left:8px}
h3{font-size:16px;margin:16px 0 8px}
.sub{color:#4a5568;margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:12px}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:6px;padding:12px}
.card .v{font-size:24px;font-weight:bold}.card .k{color:#4a5568;font-size:13px}
.met{color:#2f855a}.missed{color:#c53030}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{border:1px solid #e2e8f0;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#edf2f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
.chart{background:#fff;border:1px solid #e2e8f0;border-radius:6px;padding:8px;margin:8px 0}
.item,.rule{background:#fff;border:1px solid #e2e8f0;border-radius:6px;padding:12px 16px;margin:12px 0}
.meta{color:#4a5568;font-size:13px}
.text{white-space:pre-wrap;line-height:1.8;background:#fafafa;border:1px solid #edf2f7;padding:8px 12px;margin-top:8px}
mark.error{background:#fed7d7}mark.warning{background:#feebc8}mark.info{background:#d6ebff;border-bottom:2px solid #63a4e0}
mark{cursor:help}
.banner{border-left:4px solid #c53030;background:#fff5f5;padding:6px 10px;margin-top:8px;font-size:14px}
.banner.warning{border-color:#c05621;background:#fffaf0}.banner.info{border-color:#2b6cb0;background:#ebf8ff}
.md{display:none}
.scroll{overflow-x:auto}
th{white-space:nowrap}td.date,td.unit{white-space:nowrap}
tr.total td{font-weight:bold;background:#f7fafc}
.sev-error{color:#c53030;font-weight:bold}.sev-warning{color:#c05621;font-weight:bold}.sev-info{color:#2b6cb0}
a{color:#2b6cb0}
span.sev-error,span.sev-warning,span.sev-info,td.sev-error,td.sev-warning,td.sev-info{white-space:nowrap}
"#;

/// Writes the page. Every table scrolls sideways on a narrow screen instead of crushing its
/// columns.
pub fn render(a: &Audit) -> String {
    render_page(a)
        .replace("<table>", "<div class=\"scroll\"><table>")
        .replace("</table>", "</table></div>")
}

fn render_page(a: &Audit) -> String {
    let mut h =
        String::with_capacity(64 * 1024 + a.items.iter().map(|i| i.text.len() * 2).sum::<usize>());
    let period = super::period_label(a);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>信息报送审核报告（{}）</title><style>{CSS}</style></head><body><main>",
        escape(&period)
    );
    let _ = write!(
        h,
        "<h1>信息报送审核报告</h1><p class=\"sub\">稿件日期：{}{}。由信鉴（xinjian）生成。</p>",
        escape(&period),
        match (&a.period.since, &a.period.until) {
            (None, None) => String::new(),
            (s, u) => format!(
                "；审核范围 {} 至 {}",
                escape(s.as_deref().unwrap_or("不限")),
                escape(u.as_deref().unwrap_or("不限"))
            ),
        }
    );
    if a.totals.items == 0 {
        h.push_str("<p class=\"missed\"><b>本期没有纳入审核的稿件</b>（文件都读不了，或日期都不在审核范围内），下面的数字都是 0。</p>");
    }
    headline(&mut h, a);
    type_mix(&mut h, a);
    units(&mut h, a);
    weeks(&mut h, a);
    worst(&mut h, a);
    duplicates(&mut h, a);
    errors(&mut h, a);
    items(&mut h, a);
    rules(&mut h, a);
    h.push_str("</main></body></html>\n");
    h
}

fn card(h: &mut String, value: &str, key: &str, class: &str) {
    let _ = write!(
        h,
        "<div class=\"card\"><div class=\"v {class}\">{value}</div><div class=\"k\">{key}</div></div>"
    );
}

/// A relative path as a link target: each segment percent-encoded where a URL needs it
/// (spaces, %, #, ?), Chinese left as it is (browsers read UTF-8 links).
fn url_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '\\' => out.push('/'),
            c => out.push(c),
        }
    }
    out
}

fn headline(h: &mut String, a: &Audit) {
    let t = &a.totals;
    let m = &a.type_mix;
    h.push_str("<h2>总体情况</h2><div class=\"cards\">");
    card(h, &t.items.to_string(), "报送稿件（篇）", "");
    card(h, &t.units.to_string(), "报送单位（个）", "");
    card(
        h,
        &t.average_quality
            .map_or("—".to_string(), |q| format!("{q:.1}")),
        "平均质量分（满分 100）",
        "",
    );
    let none = t.items == 0;
    let class = |met: bool| match (none, met) {
        (true, _) => "",
        (_, true) => "met",
        _ => "missed",
    };
    card(
        h,
        &pct(m.key_share),
        &format!("问题类+专报类+调研类占比（目标 ≥{}）", pct(m.key_target)),
        class(m.key_target_met),
    );
    card(
        h,
        &pct(m.problem_share),
        &format!("问题类占比（目标 ≥{}）", pct(m.problem_target)),
        class(m.problem_target_met),
    );
    card(
        h,
        &format!("{} / {}", t.gate_passed, t.items),
        "要素齐全（可计为 1 条）",
        "",
    );
    card(
        h,
        &points(t.potential_points),
        "要素齐全的稿件如全部采用可得分",
        "",
    );
    card(h, &points(t.actual_points), "已采用实得分", "");
    card(
        h,
        &t.duplicate_items.to_string(),
        "疑似重复的稿件（篇）",
        if t.duplicate_items > 0 { "missed" } else { "" },
    );
    card(
        h,
        &format!("{} / {}", t.findings.error, t.findings.warning),
        "问题数（错误 / 警告）",
        "",
    );
    if t.errors > 0 {
        card(h, &t.errors.to_string(), "无法读取的文件", "missed");
    }
    h.push_str("</div>");
}

/// Horizontal bars: one per (label, value, max), value text at the end.
fn bars(
    h: &mut String,
    rows: &[(String, f64, String)],
    max: f64,
    target: Option<(f64, &str)>,
    colour: &str,
) {
    let row_h = 30.0;
    let (left, width) = (150.0, 560.0);
    let height = row_h * rows.len() as f64 + 30.0;
    let _ = write!(
        h,
        "<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\" style=\"max-width:100%;height:auto\" role=\"img\">",
        w = left + width + 120.0
    );
    let target_x = target.map(|(t, _)| left + width * t / max.max(f64::MIN_POSITIVE));
    for (i, (label, value, text)) in rows.iter().enumerate() {
        let y = 10.0 + row_h * i as f64;
        let w = if max > 0.0 { width * value / max } else { 0.0 };
        // A value label the target line would cross goes past the line.
        let mut text_x = left + w + 6.0;
        let text_w = text.chars().count() as f64 * 8.0;
        if let Some(x) = target_x {
            if text_x - 4.0 < x && x < text_x + text_w + 4.0 {
                text_x = x + 6.0;
            }
        }
        let _ = write!(
            h,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"14\">{}</text><rect x=\"{left}\" y=\"{y}\" width=\"{w:.1}\" height=\"20\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"13\">{}</text>",
            left - 8.0,
            y + 15.0,
            escape(label),
            text_x,
            y + 15.0,
            escape(text)
        );
    }
    if let Some((t, label)) = target {
        let x = left + width * t / max;
        let _ = write!(
            h,
            "<line x1=\"{x:.1}\" y1=\"4\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"#1a202c\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/><text x=\"{x:.1}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1a202c\">{}</text>",
            height - 14.0,
            height - 2.0,
            escape(label)
        );
    }
    h.push_str("</svg></div>");
}

fn type_mix(h: &mut String, a: &Audit) {
    let m = &a.type_mix;
    let n = a.totals.items;
    h.push_str("<h2>信息类型结构</h2>");
    let rows: Vec<(String, f64, String)> = Category::ALL
        .iter()
        .map(|&c| {
            let k = m.counts.get(c);
            (
                c.label().to_string(),
                k as f64,
                format!("{k} 篇（{}）", pct(m.shares[c.id()])),
            )
        })
        .collect();
    bars(h, &rows, (n.max(1)) as f64, None, BAR_COLOUR);
    let verdict = |key: bool| {
        if n == 0 {
            "无稿件".to_string()
        } else {
            m.verdict(key)
        }
    };
    let rows = [
        (
            "问题+专报+调研".to_string(),
            m.key_share,
            format!("{}（{}）", pct(m.key_share), verdict(true)),
        ),
        (
            "问题类".to_string(),
            m.problem_share,
            format!("{}（{}）", pct(m.problem_share), verdict(false)),
        ),
    ];
    let _ = write!(
        h,
        "<p>省里的要求：问题类、专报类、调研类合计不低于 {}，其中问题类不低于 {}。本期合计 <b class=\"{}\">{}</b>，问题类 <b class=\"{}\">{}</b>。</p>",
        pct(m.key_target),
        pct(m.problem_target),
        if m.key_target_met { "met" } else { "missed" },
        pct(m.key_share),
        if m.problem_target_met { "met" } else { "missed" },
        pct(m.problem_share),
    );
    if m.inferred > 0 {
        let _ = write!(
            h,
            "<p class=\"note\">{} 篇稿件的类别是推断的（元数据、文档属性和台账中都没有写明），其中 {} 篇把握不大（置信度低于 {}）{}。在稿件元数据中写“类别:”、在 Word 文档属性的“类别”中填写，或用报送台账（--ledger）写明类别，结构比例就不再依赖推断。</p>",
            m.inferred,
            m.uncertain,
            crate::elements::category::CONFIDENT,
            if m.key_verdict_in_doubt || m.problem_verdict_in_doubt {
                "，这几篇的类别不同，上面的结论可能改变"
            } else {
                "，不影响上面的结论"
            }
        );
    }
    let colour = |met: bool| if met { MET_COLOUR } else { MISSED_COLOUR };
    bars(
        h,
        &rows[..1],
        1.0,
        Some((m.key_target, "目标 80%")),
        colour(m.key_target_met),
    );
    bars(
        h,
        &rows[1..],
        1.0,
        Some((m.problem_target, "目标 50%")),
        colour(m.problem_target_met),
    );
}

fn category_cells(h: &mut String, c: &CategoryCounts) {
    for cat in Category::ALL {
        let _ = write!(h, "<td class=\"n\">{}</td>", c.get(cat));
    }
}

fn units(h: &mut String, a: &Audit) {
    h.push_str("<h2>各单位报送情况</h2><table><tr><th>单位</th><th>稿件</th>");
    for c in Category::ALL {
        let _ = write!(h, "<th>{}</th>", c.label());
    }
    h.push_str("<th>平均质量分</th><th>错误</th><th>警告</th><th>要素齐全</th><th>疑似重复</th><th>可得分</th><th>实得分</th></tr>");
    for u in &a.units {
        let _ = write!(
            h,
            "<tr{}><td class=\"unit\">{}{}</td><td class=\"n\">{}</td>",
            if u.sent_nothing {
                " class=\"missed-row\""
            } else {
                ""
            },
            escape(&u.unit),
            if u.sent_nothing {
                "<span class=\"sev-error\">（本期未报送）</span>"
            } else {
                ""
            },
            u.items
        );
        category_cells(h, &u.by_category);
        let _ = write!(
            h,
            "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            u.average_quality.map_or("—".to_string(), |q| format!("{q:.1}")),
            u.findings.error,
            u.findings.warning,
            u.gate_passed,
            u.duplicates,
            points(u.potential_points),
            points(u.actual_points),
        );
    }
    // 合计, as in the workbook.
    let t = &a.totals;
    let _ = write!(
        h,
        "<tr class=\"total\"><td>合计</td><td class=\"n\">{}</td>",
        t.items
    );
    category_cells(h, &a.type_mix.counts);
    let _ = write!(
        h,
        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
        t.average_quality.map_or("—".to_string(), |q| format!("{q:.1}")),
        t.findings.error,
        t.findings.warning,
        t.gate_passed,
        t.duplicate_items,
        points(t.potential_points),
        points(t.actual_points),
    );
    h.push_str("</table>");
    if a.totals.units_sent_nothing > 0 {
        let _ = write!(
            h,
            "<p class=\"note\">{} 个应报送的单位（xinjian.toml 的 units 或报送台账中列出）本期没有报送。</p>",
            a.totals.units_sent_nothing
        );
    }
    ledger(h, a);
}

/// The ledger check: rows with no draft and drafts with no row.
fn ledger(h: &mut String, a: &Audit) {
    let Some(l) = &a.ledger else {
        return;
    };
    let _ = write!(
        h,
        "<h2>报送台账核对</h2><p>台账 {}：{} 行，与稿件对上 {} 行。台账中的类别、单位、日期、采用、批示、扣分优先于稿件本身。</p>",
        escape(&l.path),
        l.rows,
        l.matched
    );
    if !l.unmatched_rows.is_empty() {
        h.push_str("<h3>台账中有、文件夹里找不到稿件的</h3><table><tr><th>台账行</th><th>单位</th><th>文件</th><th>标题</th></tr>");
        for r in &l.unmatched_rows {
            let _ = write!(
                h,
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                r.row,
                escape(r.unit.as_deref().unwrap_or("")),
                escape(r.file.as_deref().unwrap_or("")),
                escape(r.title.as_deref().unwrap_or(""))
            );
        }
        h.push_str("</table>");
    }
    if !l.unmatched_files.is_empty() {
        h.push_str("<h3>文件夹里有、台账中没有登记的稿件</h3><ul>");
        for f in &l.unmatched_files {
            let _ = write!(h, "<li>{}</li>", escape(f));
        }
        h.push_str("</ul>");
    }
}

fn weeks(h: &mut String, a: &Audit) {
    h.push_str("<h2>逐周报送数量</h2>");
    let max = a.weeks.iter().map(|w| w.items).max().unwrap_or(0).max(1) as f64;
    let rows: Vec<(String, f64, String)> = a
        .weeks
        .iter()
        .map(|w| (w.label.clone(), w.items as f64, format!("{} 篇", w.items)))
        .collect();
    bars(h, &rows, max, None, BAR_COLOUR);
    h.push_str("<table><tr><th>单位</th>");
    for w in &a.weeks {
        let _ = write!(h, "<th>{}</th>", escape(&w.label));
    }
    h.push_str("<th>合计</th></tr>");
    for u in &a.units {
        let _ = write!(h, "<tr><td class=\"unit\">{}</td>", escape(&u.unit));
        for w in &a.weeks {
            let _ = write!(
                h,
                "<td class=\"n\">{}</td>",
                u.weeks.get(&w.week).copied().unwrap_or(0)
            );
        }
        let _ = write!(h, "<td class=\"n\">{}</td></tr>", u.items);
    }
    h.push_str("</table>");
}

fn worst(h: &mut String, a: &Audit) {
    h.push_str("<h2>最需要修改的问题</h2>");
    if a.worst_findings.is_empty() {
        h.push_str("<p>没有错误或警告。</p>");
        return;
    }
    h.push_str(
        "<table><tr><th>级别</th><th>单位</th><th>稿件</th><th>质量分</th><th>问题</th></tr>",
    );
    // One row per draft, its findings together, in the order the draft first appears.
    let mut drafts: Vec<usize> = Vec::new();
    for f in &a.worst_findings {
        if !drafts.contains(&f.id) {
            drafts.push(f.id);
        }
    }
    for id in drafts {
        let group: Vec<&super::WorstFinding> =
            a.worst_findings.iter().filter(|f| f.id == id).collect();
        let first = group[0];
        let sev = group
            .iter()
            .filter_map(|f| Severity::parse(f.severity))
            .max()
            .unwrap_or(Severity::Info);
        let _ = write!(
            h,
            "<tr><td class=\"sev-{}\">{}</td><td class=\"unit\">{}</td><td><a href=\"#item-{}\">{}</a></td><td class=\"n\">{}</td><td>",
            sev.id(),
            sev.label(),
            escape(&first.unit),
            first.id,
            escape(&first.title),
            first.quality,
        );
        for f in &group {
            let _ = write!(
                h,
                "<div>{} <a class=\"meta\" href=\"#rule-{}\">{}</a></div>",
                named(f.code, &f.message),
                f.code,
                f.code
            );
        }
        h.push_str("</td></tr>");
    }
    h.push_str("</table>");
}

/// A finding as `<b>rule's Chinese name</b>：message`, the name not repeated when the message
/// already starts with it (缺少典型事例：没有写到……).
fn named(code: &str, message: &str) -> String {
    let summary = rule_summary(code);
    match message
        .strip_prefix(summary)
        .and_then(|r| r.strip_prefix('：'))
    {
        Some(rest) => format!("<b>{}</b>：{}", escape(summary), escape(rest)),
        None => format!("<b>{}</b>：{}", escape(summary), escape(message)),
    }
}

/// The Chinese one-line name of a rule (缺少数据支撑（点线面数据）), or its code.
fn rule_summary(code: &str) -> &str {
    crate::checks::registry::RULES
        .iter()
        .find(|r| r.code == code)
        .map_or(code, |r| r.summary)
}

/// What each rule that the report names checks and why (what `xinjian rule NAME` prints),
/// so that the codes in the report link somewhere.
fn rules(h: &mut String, a: &Audit) {
    let mut codes: Vec<&str> = a
        .items
        .iter()
        .flat_map(|i| i.findings.iter().map(|f| f.code))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    if codes.is_empty() {
        return;
    }
    h.push_str("<h2>检查项说明</h2>");
    for code in codes {
        if let Some(r) = crate::checks::registry::RULES
            .iter()
            .find(|r| r.code == code)
        {
            let _ = write!(
                h,
                "<section class=\"rule\" id=\"rule-{}\"><h3>{} {}</h3><div class=\"text\">{}</div></section>",
                r.code,
                r.code,
                escape(r.summary),
                escape(r.doc)
            );
        }
    }
}

fn duplicates(h: &mut String, a: &Audit) {
    h.push_str("<h2>疑似重复</h2>");
    let archived: Vec<&Item> = a
        .items
        .iter()
        .filter(|i| i.duplicate_of.iter().any(|d| d.source == "archive"))
        .collect();
    if a.duplicates.is_empty() && archived.is_empty() {
        h.push_str("<p>本期稿件之间没有发现疑似重复。</p>");
        return;
    }
    for (k, c) in a.duplicates.iter().enumerate() {
        let _ =
            write!(
            h,
            "<h3>第 {} 组（{} 篇{}）</h3><table><tr><th>日期</th><th>单位</th><th>稿件</th></tr>",
            k + 1,
            c.members.len(),
            if c.across_units { "，跨单位" } else { "，同一单位" }
        );
        for m in &c.members {
            let _ = write!(
                h,
                "<tr><td class=\"date\">{}</td><td class=\"unit\">{}</td><td><a href=\"#item-{}\" title=\"{}\">{}</a></td></tr>",
                escape(m.date.as_deref().unwrap_or("日期不详")),
                escape(&m.unit),
                m.id,
                escape(&m.path),
                escape(&m.title)
            );
        }
        h.push_str("</table><ul>");
        // A pair's members are in the table above: name them by title, and only when the
        // group has more than two.
        let title_of = |path: &str| {
            c.members
                .iter()
                .find(|m| m.path == path)
                .map_or_else(|| path.to_string(), |m| format!("《{}》", m.title))
        };
        for p in &c.pairs {
            let why = why_or_similarity(p.why.as_ref(), p.similarity);
            let _ = if c.members.len() > 2 {
                write!(
                    h,
                    "<li>{} ↔ {}：{}</li>",
                    escape(&title_of(&p.a)),
                    escape(&title_of(&p.b)),
                    escape(&why)
                )
            } else {
                write!(h, "<li>{}</li>", escape(&why))
            };
        }
        h.push_str("</ul>");
    }
    if !archived.is_empty() {
        h.push_str("<h3>与历史信息重复</h3><ul>");
        for it in archived {
            for d in it.duplicate_of.iter().filter(|d| d.source == "archive") {
                let _ = write!(
                    h,
                    "<li><a href=\"#item-{}\">{}</a>（{}）与 {} {}《{}》：{}</li>",
                    it.id,
                    escape(&it.title),
                    escape(&it.unit),
                    escape(d.date.as_deref().unwrap_or("日期不详")),
                    escape(d.unit.as_deref().unwrap_or("单位不详")),
                    escape(&d.title),
                    escape(&why_or_similarity(d.why.as_ref(), d.similarity))
                );
            }
        }
        h.push_str("</ul>");
    }
}

fn errors(h: &mut String, a: &Audit) {
    if a.errors.is_empty() && a.skipped.is_empty() && a.unsupported.is_empty() {
        return;
    }
    h.push_str("<h2>未纳入审核的文件</h2><table><tr><th>文件</th><th>原因</th></tr>");
    for e in &a.errors {
        let _ = write!(
            h,
            "<tr class=\"error-row\"><td>{}</td><td class=\"sev-error\">未能检查。{}</td></tr>",
            escape(&e.path),
            escape(
                e.message
                    .strip_prefix(&format!("{}：", e.path))
                    .unwrap_or(&e.message)
            )
        );
    }
    for s in &a.skipped {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(&s.path),
            match &s.date {
                Some(d) => format!("日期 {} 不在审核范围内", escape(d)),
                None => "没有日期（给了审核范围时，没有日期的稿件不纳入）".to_string(),
            }
        );
    }
    for path in &a.unsupported {
        let _ = write!(
            h,
            "<tr class=\"error-row\"><td>{}</td><td class=\"sev-error\">格式不能读取（PDF、OFD 等），请另存为 .docx 或 .txt 后重新审核</td></tr>",
            escape(path)
        );
    }
    h.push_str("</table>");
}

/// The text with the findings' spans marked, the most serious winning where they overlap.
fn highlighted(text: &str, spans: &[(usize, usize, Severity, String)]) -> String {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (s, e, _, _) in spans {
        cuts.extend([*s, *e]);
    }
    // Markdown marks at the start of a line (## 三、意见建议, - 列表) are kept in the page
    // (offsets stay true) but not shown.
    let marks = markdown_marks(text);
    for &(s, e) in &marks {
        cuts.extend([s, e]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        let covering: Vec<&(usize, usize, Severity, String)> = spans
            .iter()
            .filter(|&&(a, b, _, _)| a <= s && e <= b)
            .collect();
        let piece = escape(&text[s..e]);
        let piece = if marks.iter().any(|&(a, b)| a <= s && e <= b) {
            format!("<span class=\"md\">{piece}</span>")
        } else {
            piece
        };
        match covering.iter().map(|c| c.2).max() {
            Some(sev) => {
                let mut tip: Vec<&str> = Vec::new();
                for c in &covering {
                    if !tip.contains(&c.3.as_str()) {
                        tip.push(&c.3);
                    }
                }
                let _ = write!(
                    out,
                    "<mark class=\"{}\" title=\"{}\">{}</mark>",
                    sev.id(),
                    escape(&tip.join("；")),
                    piece
                );
            }
            None => out.push_str(&piece),
        }
    }
    out
}

/// Byte ranges of Markdown marks at line starts: `## `, `- `, `* `, `> `.
fn markdown_marks(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        let len = if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            hashes + 1
        } else if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("> ") {
            2
        } else {
            0
        };
        if len > 0 {
            out.push((at, at + len));
        }
        at += line.len();
    }
    out
}

fn items(h: &mut String, a: &Audit) {
    h.push_str("<h2>稿件一览</h2><table><tr><th>日期</th><th>单位</th><th>标题</th><th>类别</th><th>质量分</th><th>错误</th><th>警告</th><th>要素齐全</th><th>实得分</th></tr>");
    for it in &a.items {
        let _ = write!(
            h,
            "<tr><td class=\"date\">{}</td><td class=\"unit\">{}</td><td><a href=\"#item-{}\">{}</a></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            escape(it.date.as_deref().unwrap_or("日期不详")),
            escape(&it.unit),
            it.id,
            escape(&it.title),
            it.category_label,
            it.quality,
            it.counts.error,
            it.counts.warning,
            if it.points.gate { "是" } else { "否" },
            it.points.actual.map_or(String::new(), points),
        );
    }
    h.push_str("</table><h2>逐篇审核结果</h2>");
    for it in &a.items {
        let _ = write!(
            h,
            "<section class=\"item\" id=\"item-{}\"><h3>{}</h3><div class=\"meta\">{} · {} · {}{} · 质量分 <b>{}</b> · {}</div>",
            it.id,
            escape(&it.title),
            escape(&it.unit),
            escape(it.date.as_deref().unwrap_or("日期不详")),
            it.category_label,
            if it.category_declared { "" } else { "（推断）" },
            it.quality,
            escape(&it.path),
        );
        if let Some(copy) = &it.annotated {
            let _ = write!(
                h,
                "<div class=\"meta\"><a href=\"{}\">打开批注稿（Word）</a>：意见已作为批注写在原文旁边</div>",
                escape(&url_path(copy))
            );
        }
        if !it.outside_region.is_empty() {
            let _ = write!(
                h,
                "<div class=\"meta\">本地区以外的地名：{}</div>",
                escape(&it.outside_region.join("、"))
            );
        }
        let p = &it.points;
        let _ = write!(
            h,
            "<div class=\"meta\">要素{}{}；{}{}</div>",
            if p.gate { "齐全" } else { "不全，缺：" },
            p.missing
                .iter()
                .map(|m| crate::scoring::element_label(m))
                .collect::<Vec<_>>()
                .join("、"),
            match p.potential {
                Some(v) if p.gate => format!("如采用可得 {} 分", points(v)),
                Some(v) => format!("要素不全，不计条数（补齐后如采用可得 {} 分）", points(v)),
                None => "计分办法未给此类信息设分值".to_string(),
            },
            match p.actual {
                Some(x) => format!(
                    "；已采用（{}）{}，实得 {} 分",
                    escape(&it.adopted.join("；")),
                    if it.penalties.is_empty() {
                        String::new()
                    } else {
                        format!("，扣分（{}）", escape(&it.penalties.join("；")))
                    },
                    points(x)
                ),
                None if p.adoption_unscored => format!(
                    "；已采用（{}），计分办法未给这个渠道设分值",
                    escape(&it.adopted.join("；"))
                ),
                None => String::new(),
            }
        );
        for d in &it.duplicate_of {
            let _ = write!(
                h,
                "<div class=\"meta sev-warning\">疑似重复：{} {}《{}》，{}</div>",
                escape(d.date.as_deref().unwrap_or("日期不详")),
                escape(d.unit.as_deref().unwrap_or("单位不详")),
                escape(&d.title),
                escape(&why_or_similarity(d.why.as_ref(), d.similarity))
            );
        }
        if it.findings.is_empty() {
            h.push_str("<p>没有发现问题。</p>");
        } else {
            h.push_str("<ul>");
            for f in &it.findings {
                let sev = Severity::parse(f.severity).unwrap_or(Severity::Info);
                let _ = write!(
                    h,
                    "<li><span class=\"sev-{}\">{}</span> {}<span class=\"meta\">（第 {} 行第 {} 列）</span> {} <a class=\"meta\" href=\"#rule-{}\">{}</a>{}</li>",
                    f.severity,
                    sev.label(),
                    escape(f.location.as_deref().unwrap_or("")),
                    f.line,
                    f.column,
                    named(f.code, &f.message),
                    f.code,
                    f.code,
                    f.suggestion
                        .as_ref()
                        .map(|s| format!("<br><span class=\"meta\">建议：{}</span>", escape(s)))
                        .unwrap_or_default()
                );
            }
            h.push_str("</ul>");
        }
        // Findings about the whole draft above the text, not painted on the title.
        for (sev, message) in &it.whole {
            let _ = write!(
                h,
                "<div class=\"banner {}\">全文：{}</div>",
                sev.id(),
                escape(message)
            );
        }
        let _ = write!(
            h,
            "<div class=\"text\">{}</div></section>",
            highlighted(&it.text, &it.spans)
        );
    }
}

/// Why a pair is a duplicate, or its similarity when the reason is not known.
pub(crate) fn why_or_similarity(
    why: Option<&crate::index::same_item::Why>,
    similarity: f64,
) -> String {
    why.map_or_else(
        || format!("相似度 {:.0}%", similarity * 100.0),
        |w| w.describe(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_nested_highlights() {
        assert_eq!(escape("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(
            escape("桥头镇<3家>企业&“乙”"),
            "桥头镇&lt;3家&gt;企业&amp;“乙”"
        );
        assert_eq!(escape(""), "");
        // 桥头镇 inside a warning span inside an info span; an error span overlapping the end.
        let text = "甲乙桥头镇丙<丁";
        let b = |c: &str| text.find(c).unwrap();
        let spans = [
            (0, b("<"), Severity::Info, "甲".to_string()),
            (b("桥"), b("丙"), Severity::Warning, "乙".to_string()),
            (b("丙"), text.len(), Severity::Error, "丙<".to_string()),
        ];
        assert_eq!(
            highlighted(text, &spans),
            "<mark class=\"info\" title=\"甲\">甲乙</mark><mark class=\"warning\" title=\"甲；乙\">桥头镇</mark><mark class=\"error\" title=\"甲；丙&lt;\">丙</mark><mark class=\"error\" title=\"丙&lt;\">&lt;丁</mark>"
        );
        assert_eq!(highlighted("无", &[]), "无");
        // Markdown marks are faint, the heading's words are not.
        assert_eq!(
            highlighted("## 三、建议\n- 一是", &[]),
            "<span class=\"md\">## </span>三、建议\n<span class=\"md\">- </span>一是"
        );
    }
}
