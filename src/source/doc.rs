//! `.doc` (Word 97–2003) text extraction: the main document's text in reading order.
//!
//! Many offices still save drafts as `.doc`, and WPS saves its own `.wps` in the same binary
//! layout. The file is an OLE compound file (read with the `cfb` crate); the text is found as
//! [MS-DOC] describes it: the File Information Block at the start of the `WordDocument` stream
//! gives the length of the main document (`ccpText`) and where the piece table (`Clx`) lies in
//! the table stream (`0Table` or `1Table`); each piece is a run of characters stored either as
//! UTF-16 or as single bytes (Windows-1252). Only the first `ccpText` characters are read, so
//! headers, footers, footnotes and comments (stored after the main text) stay out.
//!
//! Control characters become what the `.docx` reader produces: paragraph marks and manual line
//! breaks are line breaks, a table cell ends with a tab and a row with a line break, field
//! codes are dropped and their results kept, pictures and other anchors disappear. (A row end
//! is recognised as the second cell mark in a row; an empty cell therefore ends its line
//! early. Reading the paragraph properties to tell them apart is more than a text check needs.)
//!
//! Written by hand over `cfb` because no maintained crate reads Word binary text.

use std::io::{Cursor, Read};

/// Extracts the main document text. The error is a short Chinese explanation.
pub fn extract(bytes: &[u8]) -> Result<String, String> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| {
        "文件不是 Word 97–2003 格式（复合文档结构无法识别），可能已损坏、被截断，或是改了扩展名的其他文件"
            .to_string()
    })?;
    let limit = bytes.len() as u64;
    let word = read_stream(&mut file, "/WordDocument", limit)
        .ok_or_else(|| "找不到 Word 正文流（WordDocument），不是 Word/WPS 文字文档".to_string())?;
    let fib = Fib::parse(&word)?;
    let table = read_stream(&mut file, fib.table_stream, limit)
        .ok_or_else(|| format!("缺少 {} 流，文件可能已损坏", &fib.table_stream[1..]))?;
    text_of(&word, &fib, &table)
}

/// The main text, given the `WordDocument` stream, its FIB and the table stream.
fn text_of(word: &[u8], fib: &Fib, table: &[u8]) -> Result<String, String> {
    let clx = table
        .get(fib.fc_clx as usize..(fib.fc_clx as usize).saturating_add(fib.lcb_clx as usize))
        .ok_or("文本索引（Clx）超出文件范围，文件可能被截断")?;
    let pieces = pieces(clx)?;
    // ccpText is read from the file and may lie (4 billion characters in a 19 KB file): every
    // character takes at least one byte of the stream, so the stream bounds the allocation.
    let mut units: Vec<u16> = Vec::with_capacity(units_capacity(fib.ccp_text, word.len()));
    let mut previous_end = 0;
    for p in pieces {
        if p.cp_start >= fib.ccp_text {
            break;
        }
        // Pieces run in text order and do not overlap; overlapping ones would let a small
        // file repeat the same bytes without bound.
        if p.cp_start < previous_end {
            return Err("文本索引（Clx）中的片段重叠，文件可能已损坏".to_string());
        }
        previous_end = p.cp_end;
        let n = (p.cp_end.min(fib.ccp_text) - p.cp_start) as usize;
        // Every character takes at least a byte of the stream; pieces that point at the same
        // bytes again cannot make the text longer than that.
        if units.len().saturating_add(n) > word.len() {
            return Err(
                "文本长度超出文件范围（多个片段重复引用同一段内容），文件可能已损坏".to_string(),
            );
        }
        let width = if p.compressed { 1 } else { 2 };
        let at = p.fc as usize;
        let raw = word
            .get(at..at.saturating_add(width * n))
            .ok_or("文本片段超出文件范围，文件可能被截断")?;
        if p.compressed {
            units.extend(raw.iter().map(|&b| cp1252(b) as u16));
        } else {
            units.extend(
                raw.chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]])),
            );
        }
    }
    Ok(clean(&String::from_utf16_lossy(&units)))
}

/// The capacity to reserve for `ccp_text` characters read out of a stream of `stream_len`
/// bytes: never more characters than the stream has bytes.
fn units_capacity(ccp_text: u32, stream_len: usize) -> usize {
    (ccp_text as usize).min(stream_len)
}

/// A stream's bytes, never more than the file itself holds (a stream's recorded size can lie).
fn read_stream(
    file: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Option<Vec<u8>> {
    let stream = file.open_stream(name).ok()?;
    let mut out = Vec::new();
    stream.take(limit).read_to_end(&mut out).ok()?;
    Some(out)
}

/// What the text extraction needs from the File Information Block.
struct Fib {
    table_stream: &'static str,
    ccp_text: u32,
    fc_clx: u32,
    lcb_clx: u32,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl Fib {
    fn parse(word: &[u8]) -> Result<Fib, String> {
        const TRUNCATED: &str = "文件头（FIB）不完整，文件可能被截断";
        if u16_at(word, 0) != Some(0xA5EC) {
            return Err("Word 正文流的文件头标识不对，可能是更早的 Word 6/95 格式或已损坏".into());
        }
        let flags = u16_at(word, 0x0A).ok_or(TRUNCATED)?;
        if flags & 0x0100 != 0 {
            return Err("文档已加密（设置了打开密码），请取消密码后另存再检查".into());
        }
        Ok(Fib {
            table_stream: if flags & 0x0200 != 0 {
                "/1Table"
            } else {
                "/0Table"
            },
            // FibRgLw97 starts at 0x40; ccpText is its fourth field.
            ccp_text: u32_at(word, 0x4C).ok_or(TRUNCATED)?,
            // FibRgFcLcb97 starts at 0x9A; fcClx/lcbClx are its 34th pair.
            fc_clx: u32_at(word, 0x1A2).ok_or(TRUNCATED)?,
            lcb_clx: u32_at(word, 0x1A6).ok_or(TRUNCATED)?,
        })
    }
}

/// One piece of the piece table: character positions and where the characters are stored.
struct Piece {
    cp_start: u32,
    cp_end: u32,
    /// Byte offset in the WordDocument stream.
    fc: u32,
    /// Single-byte (Windows-1252) rather than UTF-16.
    compressed: bool,
}

/// Reads the piece table out of the `Clx`: any number of property runs (`Prc`, type 1) and then
/// one `Pcdt` (type 2) holding the character positions and piece descriptors.
fn pieces(clx: &[u8]) -> Result<Vec<Piece>, String> {
    const BAD: &str = "文本索引（Clx）格式不对，文件可能已损坏";
    let mut i = 0;
    while clx.get(i) == Some(&1) {
        i += 3 + usize::from(u16_at(clx, i + 1).ok_or(BAD)?);
    }
    if clx.get(i) != Some(&2) {
        return Err(BAD.into());
    }
    let lcb = u32_at(clx, i + 1).ok_or(BAD)? as usize;
    let plc = clx.get(i + 5..i + 5 + lcb).ok_or(BAD)?;
    if lcb < 16 || !(lcb - 4).is_multiple_of(12) {
        return Err(BAD.into());
    }
    let n = (lcb - 4) / 12;
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let cp_start = u32_at(plc, 4 * k).ok_or(BAD)?;
        let cp_end = u32_at(plc, 4 * (k + 1)).ok_or(BAD)?;
        let fc_raw = u32_at(plc, 4 * (n + 1) + 8 * k + 2).ok_or(BAD)?;
        let compressed = fc_raw & 0x4000_0000 != 0;
        let fc = fc_raw & 0x3FFF_FFFF;
        if cp_end < cp_start {
            return Err(BAD.into());
        }
        out.push(Piece {
            cp_start,
            cp_end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
        });
    }
    Ok(out)
}

/// A compressed byte: Windows-1252, whose 0x80–0x9F differ from Latin-1.
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Turns Word's control characters into plain text.
fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // Field nesting: for each open field, whether its result part has started.
    let mut fields: Vec<bool> = Vec::new();
    let mut after_cell = false;
    for c in raw.chars() {
        match c {
            '\u{13}' => {
                fields.push(false);
                continue;
            }
            '\u{14}' => {
                if let Some(last) = fields.last_mut() {
                    *last = true;
                }
                continue;
            }
            '\u{15}' => {
                fields.pop();
                continue;
            }
            _ => {}
        }
        // Inside a field's code (before its separator) nothing is text.
        if fields.iter().any(|&result| !result) {
            continue;
        }
        match c {
            '\u{7}' => {
                if after_cell {
                    // The row-end mark right after a cell's end mark.
                    if out.ends_with('\t') {
                        out.pop();
                    }
                    out.push('\n');
                    after_cell = false;
                } else {
                    out.push('\t');
                    after_cell = true;
                }
                continue;
            }
            '\r' | '\u{b}' | '\u{c}' => out.push('\n'),
            '\u{1e}' => out.push('-'),
            '\u{a0}' => out.push(' '),
            '\t' => out.push('\t'),
            c if (c as u32) < 0x20 || c == '\u{1f}' => {}
            c => out.push(c),
        }
        after_cell = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_plain_text() {
        let raw = "标题\r正文\u{b}第二行\r社区\u{7}户数\u{7}\u{7}古岸头\u{7}1200户\u{7}\u{7}\
                   见\u{13} HYPERLINK \"http://x\" \u{14}链接文字\u{15}。\u{1}\r";
        assert_eq!(
            clean(raw),
            "标题\n正文\n第二行\n社区\t户数\n古岸头\t1200户\n见链接文字。\n"
        );
    }

    #[test]
    fn pieces_are_read_as_utf16_or_single_bytes_up_to_the_main_text() {
        // WordDocument: "标题\r" in UTF-16 at 0x400, "ok \x93x\x94\r" compressed at 0x500,
        // then a footer piece that lies beyond ccpText.
        let mut word = vec![0u8; 0x600];
        for (i, u) in "标题\r".encode_utf16().enumerate() {
            word[0x400 + 2 * i..0x402 + 2 * i].copy_from_slice(&u.to_le_bytes());
        }
        word[0x500..0x507].copy_from_slice(b"ok \x93x\x94\r");
        word[0x580..0x584].copy_from_slice(b"page");
        let fib = Fib {
            table_stream: "/0Table",
            ccp_text: 10,
            fc_clx: 0,
            lcb_clx: 0,
        };
        // Clx: one Prc to skip, then the Pcdt with 3 pieces (CPs 0, 3, 10, 14).
        let mut clx = vec![1u8, 2, 0, 0xAA, 0xBB, 2];
        let cps = [0u32, 3, 10, 14];
        let fcs = [
            0x400u32,
            0x4000_0000 | (0x500 * 2),
            0x4000_0000 | (0x580 * 2),
        ];
        let lcb = 4 * cps.len() + 8 * fcs.len();
        clx.extend((lcb as u32).to_le_bytes());
        for cp in cps {
            clx.extend(cp.to_le_bytes());
        }
        for fc in fcs {
            clx.extend([0u8, 0]);
            clx.extend(fc.to_le_bytes());
            clx.extend([0u8, 0]);
        }
        let fib = Fib {
            lcb_clx: clx.len() as u32,
            ..fib
        };
        assert_eq!(text_of(&word, &fib, &clx).unwrap(), "标题\nok “x”\n");
    }

    #[test]
    fn a_claimed_length_never_reserves_more_than_the_stream_holds() {
        // A 19 KB file claiming 4 billion characters once asked for 8 GB.
        assert_eq!(units_capacity(u32::MAX, 19_000), 19_000);
        assert_eq!(units_capacity(120, 19_000), 120);
    }

    #[test]
    fn pieces_reusing_the_same_bytes_cannot_inflate_the_text() {
        // 200 pieces of 200 characters each, all pointing at the same 200 bytes: 40,000
        // characters out of a 512-byte stream.
        let word = vec![b'a'; 0x200];
        let cps: Vec<u32> = (0..=200).map(|k| k * 200).collect();
        let fcs = vec![0x4000_0000u32; 200];
        let mut clx = vec![2u8];
        let lcb = 4 * cps.len() + 8 * fcs.len();
        clx.extend((lcb as u32).to_le_bytes());
        for cp in &cps {
            clx.extend(cp.to_le_bytes());
        }
        for fc in fcs {
            clx.extend([0u8, 0]);
            clx.extend(fc.to_le_bytes());
            clx.extend([0u8, 0]);
        }
        let fib = Fib {
            table_stream: "/0Table",
            ccp_text: u32::MAX,
            fc_clx: 0,
            lcb_clx: clx.len() as u32,
        };
        let e = text_of(&word, &fib, &clx).unwrap_err();
        assert!(e.contains("超出"), "{e}");
    }

    #[test]
    fn not_a_compound_file() {
        assert!(extract(b"\xD0\xCF\x11\xE0 truncated").is_err());
        assert!(extract("这不是doc".as_bytes()).is_err());
    }
}
