//! Encoding detection for plain-text drafts.
//!
//! Office PCs still save GB18030/GBK; Notepad saves UTF-16 with a BOM; everything else is UTF-8.
//! The rule: a BOM decides; otherwise valid UTF-8 is UTF-8; otherwise GB18030 if it decodes
//! without errors and looks like Chinese text; otherwise the file is refused rather than shown
//! as mojibake.

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

/// Decodes the bytes of a `.txt`/`.md` file. The error is a Chinese explanation.
pub fn decode_text(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(|s| s.to_string())
            .map_err(|_| "文件以 UTF-8 标记开头，但内容不是有效的 UTF-8".to_string());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        let (text, _, bad) = UTF_16LE.decode(bytes);
        return if bad {
            Err("UTF-16 编码内容有误".to_string())
        } else {
            Ok(text.into_owned())
        };
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, bad) = UTF_16BE.decode(bytes);
        return if bad {
            Err("UTF-16 编码内容有误".to_string())
        } else {
            Ok(text.into_owned())
        };
    }
    if looks_like_utf16_without_bom(bytes) {
        return Err(
            "可能是没有 BOM 标记的 UTF-16 文本，请用记事本或 WPS 打开后另存为 UTF-8 再检查"
                .to_string(),
        );
    }
    if looks_binary(bytes) {
        return Err("含有二进制数据，可能是图片、压缩包或改了扩展名的文件".to_string());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let (text, _, bad) = GB18030.decode(bytes);
    if !bad && mostly_chinese_or_ascii(&text) {
        return Ok(text.into_owned());
    }
    Err("无法识别文字编码（不是 UTF-8、UTF-16 或 GB18030/GBK）".to_string())
}

/// UTF-16 saved without its byte-order mark: the NUL bytes (the high bytes of ASCII characters:
/// digits, spaces, line breaks) all stand on one parity, and read that way the text is mostly
/// Chinese and ASCII.
fn looks_like_utf16_without_bom(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192) & !1];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let decoder = match (even, odd) {
        (0, 0) => return false,
        (e, o) if o >= 4 && e * 20 <= o => UTF_16LE,
        (e, o) if e >= 4 && o * 20 <= e => UTF_16BE,
        _ => return false,
    };
    let (text, bad) = decoder.decode_without_bom_handling(head);
    !bad && mostly_chinese_or_ascii(&text)
}

/// NUL bytes do not occur in UTF-8 or GB18030 text; a few in the first 8 KiB mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0)
}

fn mostly_chinese_or_ascii(text: &str) -> bool {
    let mut total = 0usize;
    let mut good = 0usize;
    for c in text.chars().take(4000) {
        total += 1;
        if c.is_ascii()
            || ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
            || c == '\u{2014}'
            || c == '\u{201c}'
            || c == '\u{201d}'
            || c == '\u{2018}'
            || c == '\u{2019}'
            || c == '\u{2026}'
            || c == '\u{00b7}'
        {
            good += 1;
        }
    }
    total == 0 || good * 100 >= total * 95
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_text("永嘉县".as_bytes()).unwrap(), "永嘉县");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("永嘉县".as_bytes());
        assert_eq!(decode_text(&b).unwrap(), "永嘉县");
    }

    #[test]
    fn gbk_and_utf16() {
        let (gbk, _, _) = GB18030.encode("桥头镇纽扣企业用工缺口扩大");
        assert_eq!(decode_text(&gbk).unwrap(), "桥头镇纽扣企业用工缺口扩大");
        let mut le = vec![0xFF, 0xFE];
        for u in "瑞安市".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&le).unwrap(), "瑞安市");
        let mut be = vec![0xFE, 0xFF];
        for u in "瑞安市".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode_text(&be).unwrap(), "瑞安市");
    }

    #[test]
    fn binary_is_refused() {
        let bytes = [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe, 0x00];
        assert!(decode_text(&bytes).is_err());
    }
}
