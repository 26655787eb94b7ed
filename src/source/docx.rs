//! `.docx` text extraction: the body's paragraphs and tables in reading order.
//!
//! Only `word/document.xml` is read, so page headers and footers (which live in
//! `word/header*.xml` / `word/footer*.xml`) never enter the text. Runs are joined, `<w:tab/>`
//! becomes a tab, a manual line break `<w:br/>` becomes a line break, deleted revisions
//! (`<w:delText>`) and field codes (`<w:instrText>`) are left out. A table row becomes one line
//! with its cells separated by tabs. Written by hand over `zip` + `quick-xml` because the docx
//! crates either write only or pull in far more than reading text needs.

use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// Extracts the body text. The error is a short Chinese explanation.
pub fn extract(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        "文件不是 zip 格式，可能已损坏、被截断，或是改了扩展名的其他文件".to_string()
    })?;
    let mut xml = String::new();
    {
        let mut part = archive
            .by_name("word/document.xml")
            .map_err(|_| "缺少正文部分 word/document.xml".to_string())?;
        if part.size() > 200 * 1024 * 1024 {
            return Err("正文部分过大".to_string());
        }
        part.read_to_string(&mut xml)
            .map_err(|e| format!("正文部分无法解压（{e}），文件可能被截断"))?;
    }
    body_text(&xml)
}

fn body_text(xml: &str) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut out = String::new();
    let mut para = String::new();
    // Inside a table cell, paragraphs are collected into the cell, cells into the row.
    let mut table_depth = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"w:t" => in_text = true,
                b"w:tbl" => table_depth += 1,
                b"w:tr" if table_depth > 0 => row.clear(),
                b"w:tc" if table_depth > 0 => cell.clear(),
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:tab" => para.push('\t'),
                b"w:br" | b"w:cr" => para.push('\n'),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                let s = t.unescape().map_err(|e| format!("正文 XML 有误：{e}"))?;
                para.push_str(&s);
            }
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => {
                    let p = std::mem::take(&mut para);
                    if table_depth > 0 {
                        if !cell.is_empty() && !p.trim().is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(p.trim());
                    } else {
                        out.push_str(&p);
                        out.push('\n');
                    }
                }
                b"w:tc" if table_depth > 0 => {
                    row.push(std::mem::take(&mut cell).replace('\n', " "))
                }
                b"w:tr" if table_depth > 0 => {
                    out.push_str(&row.join("\t"));
                    out.push('\n');
                    row.clear();
                }
                b"w:tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(format!(
                    "正文 XML 有误（位置 {}）：{e}",
                    reader.buffer_position()
                ))
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_runs_and_keeps_paragraphs_and_tables() {
        let xml = r#"<w:document><w:body>
            <w:p><w:r><w:t>瓯海区</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">娄桥街道</w:t></w:r></w:p>
            <w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r><w:r><w:delText>删掉的</w:delText></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>社区</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>户数</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>古岸头社区</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1200户</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>表后 &amp; 段落</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            body_text(xml).unwrap(),
            "瓯海区娄桥街道\n第一行\n第二行\n社区\t户数\n古岸头社区\t1200户\n表后 & 段落\n"
        );
    }

    #[test]
    fn not_a_zip() {
        assert!(extract(b"PK\x03\x04 truncated").is_err());
        assert!(extract("这不是docx".as_bytes()).is_err());
    }
}
