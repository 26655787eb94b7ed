//! The 报送台账: the Excel sheet (or CSV file) in which an office already records what each
//! unit sent, in which category, and where it was adopted. Word drafts rarely say their own
//! category and never their adoption; the ledger does, so with `--ledger` the audit counts
//! Word drafts as declared and scores their adoptions.
//!
//! The first sheet (or any sheet) whose header row — within its first ten rows — names at
//! least a 文件 or a 标题 column is read. Known columns, in Chinese or English:
//! 文件/文件名 (file), 标题 (title), 单位/报送单位 (unit), 日期/报送日期 (date), 类别/信息类别
//! (category), 采用/采用情况 (adopted), 批示/批示情况 (instruction), 扣分 (penalty); others
//! are ignored. A row matches a draft by file name (with or without the extension), else by
//! title (white space ignored). Ledger values override the draft's own metadata and the
//! inference. Rows that match no draft and drafts that no row matches are both listed.
//!
//! Excel files are read with `calamine`, CSV with `csv` (UTF-8 or GBK, detected like drafts).

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use crate::category::Category;
use crate::date::parse_date;
use crate::source::{decode_text, Document};

/// One row of the ledger.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// 1-based row number in the sheet, for messages.
    pub line: usize,
    pub file: Option<String>,
    pub title: Option<String>,
    pub unit: Option<String>,
    pub date: Option<String>,
    pub category: Option<Category>,
    pub adopted: Vec<String>,
    pub instructions: Vec<String>,
    pub penalties: Vec<String>,
}

/// A ledger as read.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    pub path: String,
    pub rows: Vec<Row>,
}

/// What matching the ledger against the audited drafts found (report.json `ledger`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct LedgerCheck {
    pub path: String,
    pub rows: usize,
    pub matched: usize,
    /// Rows that match no audited draft: sent according to the ledger, but not in the folder.
    pub unmatched_rows: Vec<UnmatchedRow>,
    /// Drafts that no row matches: in the folder, but not in the ledger.
    pub unmatched_files: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnmatchedRow {
    pub row: usize,
    pub file: Option<String>,
    pub title: Option<String>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    File,
    Title,
    Unit,
    Date,
    Category,
    Adopted,
    Instruction,
    Penalty,
}

fn column(header: &str) -> Option<Column> {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    let h = h.to_lowercase();
    Some(match h.as_str() {
        "文件" | "文件名" | "文件名称" | "file" | "filename" => Column::File,
        "标题" | "信息标题" | "稿件标题" | "title" => Column::Title,
        "单位" | "报送单位" | "unit" => Column::Unit,
        "日期" | "报送日期" | "报送时间" | "date" => Column::Date,
        "类别" | "信息类别" | "类型" | "信息类型" | "category" => Column::Category,
        "采用" | "采用情况" | "adopted" | "adoption" => Column::Adopted,
        "批示" | "批示情况" | "instruction" | "instructions" => Column::Instruction,
        "扣分" | "扣分情况" | "penalty" | "penalties" => Column::Penalty,
        _ => return None,
    })
}

/// Several entries in one cell: 省委办公厅《每日要情》；市委办公室《温州信息》.
fn entries(cell: &str) -> Vec<String> {
    cell.split(['；', ';', '\n', '、'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Ledger {
    /// Reads a ledger (`.xlsx`, `.xlsm`, `.xls`, `.ods` or `.csv`). Errors are Chinese and
    /// name the file and, where it applies, the row.
    pub fn load(path: &Path) -> Result<Ledger, String> {
        let shown = path.display().to_string();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let grid: Vec<Vec<String>> = match ext.as_str() {
            "csv" => csv_grid(path).map_err(|e| format!("{shown}：{e}"))?,
            "xlsx" | "xlsm" | "xls" | "ods" => {
                workbook_grid(path).map_err(|e| format!("{shown}：{e}"))?
            }
            _ => {
                return Err(format!(
                    "{shown}：报送台账应是 Excel（.xlsx、.xls）或 .csv 文件"
                ))
            }
        };
        let rows = rows_of(&grid).map_err(|e| format!("{shown}：{e}"))?;
        Ok(Ledger { path: shown, rows })
    }

    /// Applies the ledger to the drafts (its values override theirs) and says which rows and
    /// drafts found no partner.
    pub fn apply(&self, docs: &mut [&mut Document]) -> LedgerCheck {
        let mut used_rows = HashSet::new();
        let mut matched_docs = HashSet::new();
        // File names first, for every draft; then titles for the drafts still unmatched.
        for pass in [Pass::File, Pass::Title] {
            for (d, doc) in docs.iter_mut().enumerate() {
                if matched_docs.contains(&d) {
                    continue;
                }
                let found = self
                    .rows
                    .iter()
                    .enumerate()
                    .find(|(r, row)| !used_rows.contains(r) && pass.matches(row, doc));
                if let Some((r, row)) = found {
                    used_rows.insert(r);
                    matched_docs.insert(d);
                    override_meta(doc, row);
                }
            }
        }
        LedgerCheck {
            path: self.path.clone(),
            rows: self.rows.len(),
            matched: used_rows.len(),
            unmatched_rows: self
                .rows
                .iter()
                .enumerate()
                .filter(|(r, _)| !used_rows.contains(r))
                .map(|(_, row)| UnmatchedRow {
                    row: row.line,
                    file: row.file.clone(),
                    title: row.title.clone(),
                    unit: row.unit.clone(),
                })
                .collect(),
            unmatched_files: docs
                .iter()
                .enumerate()
                .filter(|(d, _)| !matched_docs.contains(d))
                .map(|(_, doc)| doc.path.display().to_string())
                .collect(),
        }
    }
}

#[derive(Clone, Copy)]
enum Pass {
    File,
    Title,
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"'))
        .collect()
}

impl Pass {
    fn matches(self, row: &Row, doc: &Document) -> bool {
        match self {
            Pass::File => row.file.as_deref().is_some_and(|f| {
                let f = f.trim();
                let name = doc.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let stem = doc.path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
                !f.is_empty()
                    && (f == name
                        || f == stem
                        || Path::new(f).file_name().and_then(|n| n.to_str()) == Some(name))
            }),
            Pass::Title => row.title.as_deref().is_some_and(|t| {
                let t = squeeze(t);
                let first = doc.text.lines().next().unwrap_or("");
                !t.is_empty()
                    && (doc.meta.title.as_deref().map(squeeze) == Some(t.clone())
                        || squeeze(first) == t)
            }),
        }
    }
}

fn override_meta(doc: &mut Document, row: &Row) {
    let m = &mut doc.meta;
    if row.unit.is_some() {
        m.unit = row.unit.clone();
    }
    if row.date.is_some() {
        m.date = row.date.clone();
    }
    if row.category.is_some() {
        m.category = row.category;
    }
    if !row.adopted.is_empty() {
        m.adopted = row.adopted.clone();
    }
    if !row.instructions.is_empty() {
        m.instructions = row.instructions.clone();
    }
    if !row.penalties.is_empty() {
        m.penalties = row.penalties.clone();
    }
}

/// The header row (within the first ten) and the rows under it.
fn rows_of(grid: &[Vec<String>]) -> Result<Vec<Row>, String> {
    let (header_at, columns) = grid
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, r)| (i, r.iter().map(|c| column(c)).collect::<Vec<_>>()))
        .find(|(_, cols)| {
            cols.iter()
                .any(|c| matches!(c, Some(Column::File) | Some(Column::Title)))
        })
        .ok_or("前 10 行中找不到表头：表头应有“文件”或“标题”列（还可以有单位、日期、类别、采用、批示、扣分）")?;
    let mut rows = Vec::new();
    for (i, cells) in grid.iter().enumerate().skip(header_at + 1) {
        let line = i + 1;
        let mut row = Row {
            line,
            ..Row::default()
        };
        for (c, cell) in cells.iter().enumerate() {
            let Some(Some(col)) = columns.get(c) else {
                continue;
            };
            let v = cell.trim();
            if v.is_empty() {
                continue;
            }
            let some = Some(v.to_string());
            match col {
                Column::File => row.file = some,
                Column::Title => row.title = some,
                Column::Unit => row.unit = some,
                Column::Date => {
                    row.date = Some(parse_date(v).ok_or_else(|| {
                        format!("第 {line} 行：日期“{v}”不是有效的日期，请写成 2026-11-03")
                    })?)
                }
                Column::Category => {
                    row.category = Some(Category::parse(v).ok_or_else(|| {
                        format!(
                        "第 {line} 行：类别“{v}”无法识别，可写问题类、调研类、典型经验、专报、动态"
                    )
                    })?)
                }
                Column::Adopted => row.adopted = entries(v),
                Column::Instruction => row.instructions = entries(v),
                Column::Penalty => row.penalties = entries(v),
            }
        }
        if row.file.is_some() || row.title.is_some() {
            rows.push(row);
        }
    }
    Ok(rows)
}

fn csv_grid(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let bytes = read_bounded(path)?;
    let text = decode_text(&bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| {
            r.map(|rec| rec.iter().map(str::to_string).collect())
                .map_err(|e| format!("CSV 格式有误（解析器的说明：{e}）"))
        })
        .collect()
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            f.take(crate::source::MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(|e| format!("无法读取（{e}）"))?;
    if bytes.len() as u64 > crate::source::MAX_FILE_BYTES {
        return Err("文件过大，不像是报送台账".to_string());
    }
    Ok(bytes)
}

/// The cells of the first sheet that has a header row, as text; dates as `YYYY-MM-DD`.
fn workbook_grid(path: &Path) -> Result<Vec<Vec<String>>, String> {
    use calamine::{Data, Reader};
    let meta = std::fs::metadata(path).map_err(|e| format!("无法读取（{e}）"))?;
    if meta.len() > crate::source::MAX_FILE_BYTES {
        return Err("文件过大，不像是报送台账".to_string());
    }
    let mut book = calamine::open_workbook_auto(path)
        .map_err(|e| format!("无法作为 Excel 文件打开（解析器的说明：{e}）"))?;
    let text = |d: &Data| -> String {
        match d {
            Data::Empty | Data::Error(_) => String::new(),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Int(i) => i.to_string(),
            Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
            Data::Float(f) => f.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(t) => crate::date::Date::from_excel(t.as_f64()).to_string(),
        }
    };
    let mut first = None;
    for (_, range) in book.worksheets() {
        let grid: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
        if rows_of(&grid).is_ok() {
            return Ok(grid);
        }
        first.get_or_insert(grid);
    }
    first.ok_or_else(|| "工作簿中没有工作表".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_may_sit_below_a_caption_and_columns_take_either_language() {
        let grid: Vec<Vec<String>> = [
            vec!["2026年11月报送台账", "", ""],
            vec!["序号", "file", "类别", "采用情况", "备注"],
            vec![
                "1",
                "a.docx",
                "专报",
                "省委办公厅《每日要情》；市委办公室",
                "x",
            ],
            vec!["2", "", "", "", ""],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
        let rows = rows_of(&grid).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[0].file.as_deref(), Some("a.docx"));
        assert_eq!(rows[0].category, Some(Category::Special));
        assert_eq!(rows[0].adopted.len(), 2);
    }

    #[test]
    fn bad_values_name_the_row() {
        let grid: Vec<Vec<String>> = [vec!["标题", "日期"], vec!["甲", "2026-02-30"]]
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect();
        assert_eq!(
            rows_of(&grid).unwrap_err(),
            "第 2 行：日期“2026-02-30”不是有效的日期，请写成 2026-11-03"
        );
        let none: Vec<Vec<String>> = vec![vec!["单位".to_string()]];
        assert!(rows_of(&none).unwrap_err().contains("找不到表头"));
    }
}
