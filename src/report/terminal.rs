//! The default terminal output, rustc/ruff style: `path:line:col: 级别 代码 名称 消息`, the
//! line, carets under the span (aligned under Chinese characters, which are two columns
//! wide), the fix, and a summary line. Colour only when writing to a terminal.

use crate::SourceError;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::{Options, Outcome, Sink, Totals};
use crate::text::Positions;
use crate::{DocReport, Severity};

/// Longest stretch of a line shown around a span, in display columns.
const CONTEXT_COLS: usize = 36;

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn sev(&self, s: Severity) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.wrap(code, s.label())
    }
}

/// Cuts `s` to at most `cols` display columns from the left (`from_end` = keep the right end).
fn clip(s: &str, cols: usize, from_end: bool) -> (&str, bool) {
    if s.width() <= cols {
        return (s, false);
    }
    let mut w = 0;
    if from_end {
        for (i, c) in s.char_indices().rev() {
            w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if w > cols {
                return (&s[i + c.len_utf8()..], true);
            }
        }
        (s, false)
    } else {
        for (i, c) in s.char_indices() {
            w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if w > cols {
                return (&s[..i], true);
            }
        }
        (s, false)
    }
}

fn write_doc(r: &DocReport, paint: &Paint, out: &mut dyn Write) -> io::Result<()> {
    let text = r.doc.text.as_str();
    let e = &r.elements;
    let a = &r.analysis;
    let path = r.doc.path.display();
    let cat = &e.category;
    let how = if cat.declared.is_some() {
        "声明".to_string()
    } else {
        format!("推断，置信度{:.2}", cat.confidence)
    };
    let mark = |b: bool| if b { "有" } else { "无" };
    let operable = e.suggestions.iter().filter(|s| s.operable).count();
    writeln!(
        out,
        "{} {}（{}）  数据{}处 · 县级{} · 乡镇{} · 典型事例{}处 · 建议{}条（可操作{}条）",
        paint.wrap("1", &path.to_string()),
        cat.category.label(),
        how,
        a.data_points.len(),
        mark(e.coverage.county),
        mark(e.coverage.township),
        e.typical_cases.len(),
        e.suggestions.len(),
        operable
    )?;
    writeln!(out, "  {}", score_line(r))?;
    let outside = crate::outside_region(r);
    if !outside.is_empty() {
        writeln!(
            out,
            "  {}{}",
            paint.wrap("33", "本地区以外的地名："),
            outside.join("、")
        )?;
    }
    let pos = Positions::new(text);
    // A rule that fires more than once in the draft is one entry listing every place, in
    // the order of its first finding.
    let mut order: Vec<&str> = Vec::new();
    for d in &r.diagnostics {
        if !order.contains(&d.code) {
            order.push(d.code);
        }
    }
    for code in order {
        let group: Vec<&crate::Diagnostic> =
            r.diagnostics.iter().filter(|d| d.code == code).collect();
        if let [d] = group[..] {
            write_one(r, d, &pos, paint, out)?;
        } else {
            write_group(r, &group, &pos, paint, out)?;
        }
    }
    writeln!(out)
}

/// One finding: the location line, the line of text with carets under the span, the fix.
fn write_one(
    r: &DocReport,
    d: &crate::Diagnostic,
    pos: &Positions,
    paint: &Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    let text = r.doc.text.as_str();
    let path = r.doc.path.display();
    let (line, col) = pos.line_col(d.start);
    writeln!(
        out,
        "{}:{}:{}: {} {} {} {}（{}）",
        path,
        line,
        col,
        paint.sev(d.severity),
        d.code,
        d.name,
        d.message,
        super::word_location(&r.doc, d.start, d.end)
    )?;
    let span = pos.line_span(d.start);
    let (ls, le) = (span.start, span.end);
    let span_end = d.end.min(le).max(d.start);
    let (before, cut_before) = clip(&text[ls..d.start], CONTEXT_COLS, true);
    let (inside, cut_inside) = clip(&text[d.start..span_end], CONTEXT_COLS * 2, false);
    let (after, cut_after) = if cut_inside {
        ("", true)
    } else {
        clip(&text[span_end..le], CONTEXT_COLS, false)
    };
    let lead = if cut_before { "…" } else { "" };
    let tail = if cut_after { "…" } else { "" };
    let gutter = line.to_string();
    let pad = " ".repeat(gutter.len());
    writeln!(
        out,
        " {} | {lead}{before}{inside}{after}{tail}",
        paint.wrap("2", &gutter)
    )?;
    let carets = "^".repeat(inside.width().max(1));
    writeln!(
        out,
        " {pad} | {}{}{}",
        " ".repeat(lead.width()),
        " ".repeat(before.width()),
        paint.wrap("1;31", &carets)
    )?;
    if let Some(s) = &d.suggestion {
        writeln!(out, " {pad} = 建议：{s}")?;
    }
    Ok(())
}

/// Several findings of one rule: the rule and how many, then one line per place (line and
/// column, 第N段 and the words, the message), then each different fix once.
fn write_group(
    r: &DocReport,
    group: &[&crate::Diagnostic],
    pos: &Positions,
    paint: &Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    let first = group[0];
    let (line, col) = pos.line_col(first.start);
    let summary = crate::checks::registry::RULES
        .iter()
        .find(|rule| rule.code == first.code)
        .map_or(first.name, |rule| rule.summary);
    writeln!(
        out,
        "{}:{}:{}: {} {} {} {}，共 {} 处：",
        r.doc.path.display(),
        line,
        col,
        paint.sev(first.severity),
        first.code,
        first.name,
        summary,
        group.len()
    )?;
    let mut fixes: Vec<&str> = Vec::new();
    for d in group {
        let (line, col) = pos.line_col(d.start);
        let place = format!("{line}:{col}");
        writeln!(
            out,
            "   {} {}：{}",
            paint.wrap("2", &place),
            super::word_location(&r.doc, d.start, d.end),
            d.message
        )?;
        if let Some(s) = d.suggestion.as_deref() {
            if !fixes.contains(&s) {
                fixes.push(s);
            }
        }
    }
    // Each different fix once.
    for s in fixes {
        writeln!(out, "   = 建议：{s}")?;
    }
    Ok(())
}

/// 质量分 72/100（X003 −15，X008 ×4 −8）；若被采用可得 50 分（省委办公厅）；要素齐全：否（缺乡镇层面）
pub fn score_line(r: &DocReport) -> String {
    let q = &r.quality;
    let mut line = format!("质量分 {}/100", q.quality);
    if !q.deductions.is_empty() {
        let parts: Vec<String> = q
            .deductions
            .iter()
            .map(|d| {
                if d.count > 1 {
                    format!("{} ×{} −{}", d.name, d.count, d.points)
                } else {
                    format!("{} −{}", d.name, d.points)
                }
            })
            .collect();
        line.push_str(&format!("（{}）", parts.join("，")));
    }
    let p = &r.points;
    match (p.potential, &p.potential_channel) {
        (Some(v), Some(ch)) if p.gate => line.push_str(&format!("；若被{ch}采用可得 {v} 分")),
        (Some(v), Some(ch)) => line.push_str(&format!("；要素齐全后若被{ch}采用可得 {v} 分")),
        _ => line.push_str(&format!(
            "；计分办法未给{}信息设分值",
            r.elements.category.category.label()
        )),
    }
    if let Some(a) = p.actual {
        line.push_str(&format!("；已得 {a} 分"));
    } else if p.adoption_unscored {
        line.push_str("；已采用，但计分办法未给这个渠道设分值");
    }
    if p.gate {
        line.push_str("；要素齐全：是");
    } else {
        let missing: Vec<&str> = p
            .missing
            .iter()
            .map(|m| crate::scoring::element_label(m))
            .collect();
        line.push_str(&format!(
            "；要素齐全：否（缺{}，按“要素齐全方可计为1条”不计条数）",
            missing.join("、")
        ));
    }
    line
}

/// The terminal output, printed one draft at a time, with the summary line at the end.
pub struct Terminal<'a> {
    out: &'a mut dyn Write,
    paint: Paint,
    totals: Totals,
}

impl<'a> Terminal<'a> {
    pub fn new(opts: Options, out: &'a mut dyn Write) -> Terminal<'a> {
        Terminal {
            out,
            paint: Paint { on: opts.color },
            totals: Totals::default(),
        }
    }
}

impl<'a> Sink<'a> for Terminal<'a> {
    fn document(&mut self, outcome: &'a Outcome) -> io::Result<()> {
        self.totals.add(outcome);
        let (paint, out) = (&self.paint, &mut *self.out);
        match outcome {
            Ok(r) => write_doc(r, paint, out),
            Err(e @ SourceError::Internal { .. }) => {
                writeln!(out, "{}{}\n", paint.wrap("1;31", "检查出错："), e)
            }
            Err(e) => writeln!(out, "{} {}\n", paint.wrap("1;31", "无法读取"), e),
        }
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        let Totals {
            errors: e,
            warnings: w,
            infos: i,
            failed,
            checked,
        } = self.totals;
        let mut line = format!("检查了 {checked} 个文件：{e} 个错误，{w} 个警告，{i} 个提示");
        if failed > 0 {
            line.push_str(&format!("；{failed} 个文件无法读取"));
        }
        writeln!(self.out, "{}", self.paint.wrap("1", &line))
    }
}
