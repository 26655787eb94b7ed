//! `report.md`: a short summary to paste into a 通报.

use std::fmt::Write;

use super::{pct, points, Audit};
use crate::Category;

/// Text safe in a Markdown table cell and line: no column bar, no HTML.
fn cell(s: &str) -> String {
    s.replace('|', "｜").replace('<', "＜").replace('>', "＞")
}

pub fn render(a: &Audit) -> String {
    let mut m = String::new();
    let t = &a.totals;
    let mix = &a.type_mix;
    let period = super::period_label(a);
    let _ = writeln!(m, "# 信息报送情况（{period}）\n");
    let by_type: Vec<String> = Category::ALL
        .iter()
        .map(|&c| format!("{} {} 篇", c.label(), mix.counts.get(c)))
        .collect();
    let verdict = |key: bool| {
        if t.items == 0 {
            "无稿件".to_string()
        } else {
            mix.verdict(key).replacen("达到", "达到要求", 1)
        }
    };
    let _ = writeln!(
        m,
        "本期 {} 个单位共报送信息 {} 篇，平均质量分 {}。其中{}。问题类、专报类、调研类合计占 {}（要求不低于 {}，{}），问题类占 {}（要求不低于 {}，{}）。要素齐全、可计为 1 条的 {} 篇。{}\n",
        t.units,
        t.items,
        t.average_quality.map_or("—".to_string(), |q| format!("{q:.1}")),
        by_type.join("，"),
        pct(mix.key_share),
        pct(mix.key_target),
        verdict(true),
        pct(mix.problem_share),
        pct(mix.problem_target),
        verdict(false),
        t.gate_passed,
        if t.actual_points > 0.0 {
            format!("已采用信息实得 {} 分。", points(t.actual_points))
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        m,
        "| 单位 | 报送 | 问题类 | 调研类 | 典型经验 | 专报 | 动态 | 平均质量分 | 疑似重复 | 实得分 |"
    );
    let _ = writeln!(m, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for u in &a.units {
        let c = &u.by_category;
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&u.unit),
            u.items,
            c.problem,
            c.research,
            c.experience,
            c.special,
            c.dynamic,
            u.average_quality
                .map_or("—".to_string(), |q| format!("{q:.1}")),
            u.duplicates,
            points(u.actual_points)
        );
    }
    m.push('\n');
    if !a.duplicates.is_empty() {
        let _ = writeln!(m, "疑似重复 {} 组：", a.duplicates.len());
        for c in &a.duplicates {
            let names: Vec<String> = c
                .members
                .iter()
                .map(|x| format!("{}《{}》", cell(&x.unit), cell(&x.title)))
                .collect();
            let best = c
                .pairs
                .iter()
                .max_by(|a, b| a.similarity.total_cmp(&b.similarity));
            let why = best.map_or_else(String::new, |p| {
                super::html::why_or_similarity(p.why.as_ref(), p.similarity)
            });
            // A pair reads as one line; a larger group lists its members.
            if names.len() <= 2 {
                let _ = writeln!(m, "- {}（{}）", names.join("与"), why);
            } else {
                let _ = writeln!(m, "- {} 篇（{}）：", names.len(), why);
                for n in &names {
                    let _ = writeln!(m, "  - {n}");
                }
            }
        }
        m.push('\n');
    }
    let incomplete = t.items - t.gate_passed;
    if incomplete > 0 {
        let _ = writeln!(
            m,
            "要素不全的 {incomplete} 篇、各篇的具体问题见 report.html 和 report.xlsx。\n"
        );
    }
    if !a.unsupported.is_empty() {
        let _ = writeln!(
            m,
            "PDF、OFD 等不能读取格式的文件 {} 个，未纳入本次审核：",
            a.unsupported.len()
        );
        for path in &a.unsupported {
            let _ = writeln!(m, "- {path}");
        }
        m.push('\n');
    }
    let silent: Vec<&str> = a
        .units
        .iter()
        .filter(|u| u.sent_nothing)
        .map(|u| u.unit.as_str())
        .collect();
    if !silent.is_empty() {
        let _ = writeln!(
            m,
            "应报送而本期没有报送的单位 {} 个：{}。\n",
            silent.len(),
            silent.join("、")
        );
    }
    if let Some(l) = &a.ledger {
        let _ = writeln!(
            m,
            "报送台账 {} 行，与稿件对上 {} 行；台账中有、找不到稿件的 {} 行，文件夹里有、台账中没有的稿件 {} 篇。\n",
            l.rows,
            l.matched,
            l.unmatched_rows.len(),
            l.unmatched_files.len()
        );
    }
    if !a.errors.is_empty() {
        let _ = writeln!(m, "无法读取的文件 {} 个：", a.errors.len());
        for e in &a.errors {
            let _ = writeln!(m, "- {}", e.message);
        }
        m.push('\n');
    }
    m
}
