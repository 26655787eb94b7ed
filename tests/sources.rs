//! Reading drafts: encodings, docx, metadata and bad input.

use std::path::{Path, PathBuf};

use xinjian::source::{self, SourceError};
use xinjian::{Config, Engine};

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

/// The JSON array under `## name` in EXPECTED.md, joined with `\n`.
fn expected_docx_text(name: &str) -> String {
    let md = std::fs::read_to_string(fixture("docx/EXPECTED.md")).unwrap();
    let section = &md[md.find(&format!("## {name}")).unwrap()..];
    let start = section.find("```json").unwrap() + "```json".len();
    let end = start + section[start..].find("```").unwrap();
    let lines: Vec<String> = serde_json::from_str(&section[start..end]).unwrap();
    lines.join("\n")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const DRAFT: &str = "永嘉县桥头镇纽扣企业缺工约3000人\n全县纽扣企业312家，其中桥头镇缺工约3000人，占全县缺工总数的四成。";

#[test]
fn docx_with_table_reads_body_in_order_without_header_or_footer() {
    let doc = source::load(&fixture("docx/table.docx")).unwrap();
    assert_eq!(doc.text, expected_docx_text("table.docx"));
    assert!(!doc.text.contains("瓯海区委办公室"));
    assert!(!doc.text.contains("内部资料"));
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("瓯海区娄桥街道推进老旧小区改造")
    );
}

#[test]
fn docx_runs_are_joined_and_breaks_kept() {
    let doc = source::load(&fixture("docx/plain.docx")).unwrap();
    assert_eq!(doc.text, expected_docx_text("plain.docx"));
}

#[test]
fn word_97_doc_reads_like_the_docx_it_was_saved_from() {
    for name in ["table", "plain"] {
        let doc = source::load(&fixture(&format!("doc/{name}.doc"))).unwrap();
        assert_eq!(
            doc.text,
            expected_docx_text(&format!("{name}.docx")),
            "{name}.doc"
        );
    }
    let doc = source::load(&fixture("doc/table.doc")).unwrap();
    assert!(!doc.text.contains("瓯海区委办公室"));
    assert!(!doc.text.contains("内部资料"));
}

#[test]
fn word_files_are_read_by_content_not_by_extension() {
    // Renamed files are common: a .doc saved as .docx, a .docx renamed .doc, WPS's .wps.
    let dir = tempfile::tempdir().unwrap();
    let doc = std::fs::read(fixture("doc/table.doc")).unwrap();
    let docx = std::fs::read(fixture("docx/table.docx")).unwrap();
    let want = expected_docx_text("table.docx");
    for (name, bytes) in [
        ("改名的doc.docx", &doc),
        ("改名的docx.doc", &docx),
        ("文字.wps", &doc),
    ] {
        let p = write(dir.path(), name, bytes);
        assert_eq!(source::load(&p).unwrap().text, want, "{name}");
    }
}

#[test]
fn gbk_utf16_and_bom_files_decode_to_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode(DRAFT);
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in DRAFT.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(DRAFT.as_bytes());
    let crlf = DRAFT.replace('\n', "\r\n");
    for (name, bytes) in [
        ("gbk.txt", gbk.to_vec()),
        ("le.txt", le),
        ("be.md", be),
        ("bom.txt", bom),
        ("crlf.txt", crlf.into_bytes()),
    ] {
        let p = write(dir.path(), name, &bytes);
        let doc = source::load(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.text, DRAFT, "{name}");
    }
}

#[test]
fn front_matter_and_file_name_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "2026-11-03_永嘉县委办_桥头镇缺工.md",
        "---\n标题: 永嘉县桥头镇纽扣企业缺工约3000人\n类别: 问题类\n---\n\n永嘉县桥头镇纽扣企业缺工约3000人\n正文。".as_bytes(),
    );
    let doc = source::load(&p).unwrap();
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("永嘉县桥头镇纽扣企业缺工约3000人")
    );
    assert_eq!(doc.meta.unit.as_deref(), Some("永嘉县委办"));
    assert_eq!(doc.meta.date.as_deref(), Some("2026-11-03"));
    assert_eq!(doc.declared_category(), Some(xinjian::Category::Problem));
    assert!(doc
        .text
        .starts_with("永嘉县桥头镇纽扣企业缺工约3000人\n正文"));
    // A front-matter title the body does not repeat is put first.
    let p = write(
        dir.path(),
        "b.txt",
        "---\ntitle: 标题甲\n---\n正文第一段。".as_bytes(),
    );
    assert_eq!(source::load(&p).unwrap().text, "标题甲\n正文第一段。");
}

#[test]
fn bad_inputs_get_chinese_messages_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "空白.txt", b"");
    let blank = write(dir.path(), "只有空行.txt", "\n \n\u{3000}\n".as_bytes());
    let png = write(
        dir.path(),
        "图片.docx",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    );
    let table = std::fs::read(fixture("docx/table.docx")).unwrap();
    let truncated = write(dir.path(), "截断.docx", &table[..table.len() / 2]);
    let binary_txt = write(dir.path(), "二进制.txt", b"\x00\x01\x02\x03binary\x00");
    let doc = write(dir.path(), "旧格式.doc", b"\xD0\xCF\x11\xE0");
    let old_doc = std::fs::read(fixture("doc/table.doc")).unwrap();
    let truncated_doc = write(dir.path(), "截断.doc", &old_doc[..old_doc.len() / 3]);
    let rtf = write(dir.path(), "其实是rtf.doc", b"{\\rtf1\\ansi hello}");
    let pdf = write(dir.path(), "扫描件.pdf", b"%PDF-1.4");
    let bad_meta = write(
        dir.path(),
        "元数据.md",
        "---\n日期: 明天\n---\n正文".as_bytes(),
    );
    for (p, want) in [
        (&empty, "为空"),
        (&blank, "为空"),
        (&png, "不是有效的 .docx"),
        (&truncated, "不是有效的 .docx"),
        (&binary_txt, "不是文本文件"),
        (&doc, "无法读取这份 Word 97–2003/WPS 文档"),
        (&truncated_doc, "另存为 .docx"),
        (&rtf, "RTF"),
        (&pdf, "不支持的文件类型"),
        (&bad_meta, "日期"),
    ] {
        let err = source::load(p).expect_err("must fail");
        let msg = err.to_string();
        assert!(msg.contains(&p.display().to_string()), "{msg}");
        assert!(msg.contains(want), "{msg}");
    }
    let missing = source::collect_files(&[dir.path().join("不存在.txt")]);
    assert!(matches!(missing[0], Err(SourceError::NotFound { .. })));
}

#[test]
fn folders_are_walked_in_order_skipping_lock_and_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("子目录")).unwrap();
    write(dir.path(), "b.txt", DRAFT.as_bytes());
    write(dir.path(), "a.md", DRAFT.as_bytes());
    write(
        &dir.path().join("子目录"),
        "c.docx",
        &std::fs::read(fixture("docx/table.docx")).unwrap(),
    );
    write(dir.path(), "~$锁文件.docx", b"lock");
    write(dir.path(), ".隐藏.txt", b"x");
    write(dir.path(), "说明.pdf", b"%PDF");
    write(
        dir.path(),
        "d.doc",
        &std::fs::read(fixture("doc/plain.doc")).unwrap(),
    );
    let files: Vec<String> = source::collect_files(&[dir.path().to_path_buf()])
        .into_iter()
        .map(|f| {
            f.unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    assert_eq!(files, vec!["a.md", "b.txt", "d.doc", "c.docx"]);
}

#[test]
fn five_megabyte_single_line_file_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "全县纽扣企业312家，其中桥头镇缺工约3000人，占全县缺工总数的四成；";
    let mut line = String::from("永嘉县桥头镇用工情况");
    while line.len() < 5 * 1024 * 1024 {
        line.push_str(sentence);
    }
    let p = write(dir.path(), "一行.txt", line.as_bytes());
    let engine = Engine::new(Config::default()).unwrap();
    let r = engine.check_path(&p).unwrap();
    assert_eq!(r.doc.text.lines().count(), 1);
    assert!(r.analysis.data_points.len() > 100_000);
    assert!(r.elements.coverage.township);
}
