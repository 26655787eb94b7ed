//! `report.xlsx`: the ledger (清单) for filing — a sheet of items, a sheet of unit summaries,
//! a sheet of weekly counts and the type mix.

use std::io::Write;

use rust_xlsxwriter::{Format, Url, Workbook, Worksheet, XlsxError};

use super::Audit;
use crate::Category;

/// Sheet names, in order.
pub const SHEETS: [&str; 4] = ["稿件清单", "单位汇总", "每周统计", "类型结构"];

/// Items sheet columns.
pub const ITEM_COLUMNS: [&str; 19] = [
    "序号",
    "单位",
    "日期",
    "所在周",
    "标题",
    "类别",
    "质量分",
    "错误",
    "警告",
    "主要问题",
    "要素齐全",
    "缺少要素",
    "疑似重复",
    "如采用可得分",
    "采用情况",
    "实得分",
    "文件",
    "批注稿",
    "可得分说明",
];

/// Excel refuses cells over 32,767 characters: a cell never gets that far.
fn clip(s: &str) -> String {
    const MAX: usize = 32_000;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(MAX).collect();
        t.push('…');
        t
    }
}

fn header(ws: &mut Worksheet, names: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (c, n) in names.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *n, bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Writes the workbook to `out` (a file, a buffer, an HTTP body).
pub fn write(a: &Audit, mut out: impl Write) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");

    // 稿件清单: one row per item, then one per unreadable file.
    let ws = wb.add_worksheet();
    ws.set_name(SHEETS[0])?;
    header(ws, &ITEM_COLUMNS, &bold)?;
    for (c, w) in [
        6, 16, 12, 12, 40, 10, 8, 6, 6, 50, 8, 16, 40, 12, 24, 8, 40, 12,
    ]
    .iter()
    .enumerate()
    {
        ws.set_column_width(c as u16, *w as f64)?;
    }
    let mut row = 1u32;
    for it in &a.items {
        let key_findings: Vec<String> = it
            .findings
            .iter()
            .filter(|f| f.severity != "info")
            .take(3)
            .map(|f| format!("{}（{}）", f.message, f.code))
            .collect();
        let dups: Vec<String> = it
            .duplicate_of
            .iter()
            .map(|d| {
                format!(
                    "{} {}《{}》：{}",
                    d.date.as_deref().unwrap_or("日期不详"),
                    d.unit.as_deref().unwrap_or("单位不详"),
                    d.title,
                    super::html::why_or_similarity(d.why.as_ref(), d.similarity)
                )
            })
            .collect();
        ws.write_number(row, 0, (it.id + 1) as f64)?;
        ws.write_string(row, 1, &it.unit)?;
        ws.write_string(row, 2, it.date.as_deref().unwrap_or("日期不详"))?;
        ws.write_string(row, 3, &it.week)?;
        ws.write_string(row, 4, clip(&it.title))?;
        ws.write_string(row, 5, it.category_label)?;
        ws.write_number(row, 6, f64::from(it.quality))?;
        ws.write_number(row, 7, it.counts.error as f64)?;
        ws.write_number(row, 8, it.counts.warning as f64)?;
        ws.write_string(row, 9, clip(&key_findings.join("；")))?;
        ws.write_string(row, 10, if it.points.gate { "是" } else { "否" })?;
        ws.write_string(
            row,
            11,
            it.points
                .missing
                .iter()
                .map(|m| crate::scoring::element_label(m))
                .collect::<Vec<_>>()
                .join("、"),
        )?;
        ws.write_string(row, 12, clip(&dups.join("；")))?;
        // Numeric where the item can earn points; empty where it cannot (要素不全, or no
        // score set for its kind: the 要素 column and the rules say which).
        match it.points.potential {
            Some(p) if it.points.gate => ws.write_number(row, 13, p)?,
            _ => ws.write_blank(row, 13, &Format::new())?,
        };
        // Why 如采用可得分 is empty, in words.
        let note = match it.points.potential {
            Some(_) if it.points.gate => String::new(),
            Some(_) => format!(
                "要素不全（缺{}），按“要素齐全方可计为1条”不计分",
                it.points
                    .missing
                    .iter()
                    .map(|m| crate::scoring::element_label(m))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            None => format!("计分办法未给{}信息设分值", it.category_label),
        };
        ws.write_string(row, 18, &note)?;
        ws.write_string(row, 14, clip(&it.adopted.join("；")))?;
        match it.points.actual {
            Some(p) => ws.write_number(row, 15, p)?,
            None => ws.write_string(row, 15, "")?,
        };
        ws.write_string(row, 16, &it.path)?;
        if let Some(copy) = &it.annotated {
            ws.write_url_with_text(row, 17, Url::new(format!("file:///{copy}")), "打开批注稿")?;
        }
        row += 1;
    }
    for e in &a.errors {
        ws.write_string(row, 1, "—")?;
        ws.write_string(row, 4, "（无法读取）")?;
        ws.write_string(row, 9, clip(&e.message))?;
        ws.write_string(row, 16, &e.path)?;
        row += 1;
    }
    for path in &a.unsupported {
        ws.write_string(row, 1, "—")?;
        ws.write_string(row, 4, "（格式不能读取）")?;
        ws.write_string(row, 9, "PDF、OFD 等格式，请另存为 .docx 或 .txt 后重新审核")?;
        ws.write_string(row, 16, path)?;
        row += 1;
    }
    // A filter on every column, and the text columns as wide as what they hold (CJK
    // characters count two), within bounds.
    ws.autofilter(
        0,
        0,
        row.saturating_sub(1).max(1),
        (ITEM_COLUMNS.len() - 1) as u16,
    )?;
    let fit = |column: usize, value: fn(&super::Item) -> &str, min: usize, max: usize| {
        a.items
            .iter()
            .map(value)
            .chain(std::iter::once(ITEM_COLUMNS[column]))
            .map(|v| unicode_width::UnicodeWidthStr::width(v) + 2)
            .max()
            .unwrap_or(min)
            .clamp(min, max) as f64
    };
    ws.set_column_width(1, fit(1, |i| &i.unit, 8, 30))?;
    ws.set_column_width(4, fit(4, |i| &i.title, 12, 60))?;
    ws.set_column_width(16, fit(16, |i| &i.path, 12, 70))?;

    // 单位汇总.
    let ws = wb.add_worksheet();
    ws.set_name(SHEETS[1])?;
    let mut cols: Vec<&str> = vec!["单位", "稿件"];
    cols.extend(Category::ALL.iter().map(|c| c.label()));
    cols.extend([
        "平均质量分",
        "错误",
        "警告",
        "要素齐全",
        "疑似重复",
        "如采用可得分",
        "实得分",
    ]);
    header(ws, &cols, &bold)?;
    ws.set_column_width(0, 18)?;
    let mut row = 1u32;
    for u in &a.units {
        ws.write_string(row, 0, &u.unit)?;
        summary_row(
            ws,
            row,
            &SummaryRow {
                items: u.items,
                by_category: &u.by_category,
                average_quality: u.average_quality,
                findings: u.findings,
                gate_passed: u.gate_passed,
                duplicates: u.duplicates,
                potential_points: u.potential_points,
                actual_points: u.actual_points,
            },
        )?;
        row += 1;
    }
    let t = &a.totals;
    ws.write_string_with_format(row, 0, "合计", &bold)?;
    summary_row(
        ws,
        row,
        &SummaryRow {
            items: t.items,
            by_category: &a.type_mix.counts,
            average_quality: t.average_quality,
            findings: t.findings,
            gate_passed: t.gate_passed,
            duplicates: t.duplicate_items,
            potential_points: t.potential_points,
            actual_points: t.actual_points,
        },
    )?;

    // 每周统计: one row per week, counts by category and by unit.
    let ws = wb.add_worksheet();
    ws.set_name(SHEETS[2])?;
    let mut cols: Vec<String> = vec!["周（周一）".into(), "起止".into(), "稿件".into()];
    cols.extend(Category::ALL.iter().map(|c| c.label().to_string()));
    cols.extend(a.units.iter().map(|u| u.unit.clone()));
    let names: Vec<&str> = cols.iter().map(|s| s.as_str()).collect();
    header(ws, &names, &bold)?;
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 18)?;
    for (r, w) in a.weeks.iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_string(row, 0, &w.week)?;
        ws.write_string(row, 1, &w.label)?;
        ws.write_number(row, 2, w.items as f64)?;
        for (k, c) in Category::ALL.iter().enumerate() {
            ws.write_number(row, 3 + k as u16, w.by_category.get(*c) as f64)?;
        }
        for (k, u) in a.units.iter().enumerate() {
            let n = w.by_unit.get(&u.unit).copied().unwrap_or(0);
            ws.write_number(row, 8 + k as u16, n as f64)?;
        }
    }

    // 类型结构: counts, shares and the provincial targets.
    let ws = wb.add_worksheet();
    ws.set_name(SHEETS[3])?;
    header(ws, &["类别", "篇数", "占比"], &bold)?;
    ws.set_column_width(0, 24)?;
    let m = &a.type_mix;
    let mut row = 1u32;
    for c in Category::ALL {
        ws.write_string(row, 0, c.label())?;
        ws.write_number(row, 1, m.counts.get(c) as f64)?;
        ws.write_number_with_format(row, 2, m.shares[c.id()], &percent)?;
        row += 1;
    }
    row += 1;
    header_row(ws, row, &["指标", "本期", "要求", "是否达到"], &bold)?;
    row += 1;
    for (name, share, target, met) in [
        (
            "问题类+专报类+调研类占比",
            m.key_share,
            m.key_target,
            m.key_target_met,
        ),
        (
            "问题类占比",
            m.problem_share,
            m.problem_target,
            m.problem_target_met,
        ),
    ] {
        ws.write_string(row, 0, name)?;
        ws.write_number_with_format(row, 1, share, &percent)?;
        ws.write_number_with_format(row, 2, target, &percent)?;
        ws.write_string(row, 3, if met { "达到" } else { "未达到" })?;
        row += 1;
    }
    out.write_all(&wb.save_to_buffer()?)?;
    Ok(())
}

/// The figures of one 单位汇总 row (a unit, or the total).
struct SummaryRow<'a> {
    items: usize,
    by_category: &'a super::CategoryCounts,
    average_quality: Option<f64>,
    findings: super::SeverityCounts,
    gate_passed: usize,
    duplicates: usize,
    potential_points: f64,
    actual_points: f64,
}

/// Columns 1–13 of a 单位汇总 row; column 0 (the name) is the caller's.
fn summary_row(ws: &mut Worksheet, row: u32, r: &SummaryRow) -> Result<(), XlsxError> {
    ws.write_number(row, 1, r.items as f64)?;
    for (k, c) in Category::ALL.iter().enumerate() {
        ws.write_number(row, 2 + k as u16, r.by_category.get(*c) as f64)?;
    }
    match r.average_quality {
        Some(q) => ws.write_number(row, 7, q)?,
        None => ws.write_string(row, 7, "—")?,
    };
    ws.write_number(row, 8, r.findings.error as f64)?;
    ws.write_number(row, 9, r.findings.warning as f64)?;
    ws.write_number(row, 10, r.gate_passed as f64)?;
    ws.write_number(row, 11, r.duplicates as f64)?;
    ws.write_number(row, 12, r.potential_points)?;
    ws.write_number(row, 13, r.actual_points)?;
    Ok(())
}

fn header_row(
    ws: &mut Worksheet,
    row: u32,
    names: &[&str],
    bold: &Format,
) -> Result<(), XlsxError> {
    for (c, n) in names.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *n, bold)?;
    }
    Ok(())
}
