//! The binary as a user runs it: exit codes, messages, JSON offsets, configuration.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xinjian"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("NO_COLOR");
    c
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

const GOOD: &str = "corpus/2026-11-02_永嘉县委办_桥头镇纽扣产业用工缺口.txt";
const BAD: &str = "corpus/2026-11-04_平阳县委办_电动自行车安全管理工作情况.txt";

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn corpus_run_reports_findings_and_a_summary() {
    let (code, out, _) = run(&["check", corpus().to_str().unwrap()]);
    assert_eq!(code, 1, "findings at error level exit 1");
    assert!(
        out.contains("检查了 48 个文件"),
        "{}",
        &out[out.len().saturating_sub(300)..]
    );
    assert!(!out.contains("\x1b["), "no colour when not on a terminal");
}

#[test]
fn good_draft_is_clean_at_error_level() {
    let (code, out, _) = run(&["check", GOOD]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 个错误"));
}

#[test]
fn bad_draft_names_missing_elements_with_position_and_carets() {
    let (code, out, _) = run(&["check", BAD]);
    assert_eq!(code, 1);
    assert!(
        out.contains(&format!("{BAD}:1:1: 错误 X001 missing-data")),
        "{out}"
    );
    assert!(out.contains("missing-township-coverage"));
    assert!(out.contains("vague-suggestion"));
    // Repeated findings of one rule are one entry listing the places.
    assert!(out.contains("X008 cliche 套话、空话，共 15 处"), "{out}");
    assert!(out.contains("   3:7 第2段“高度重视”："), "{out}");
    // A single finding's caret line lines up under the span: 高度重视 starts 5 characters
    // (10 columns) into line 2.
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("一处套话.txt");
    std::fs::write(
        &one,
        "永嘉县桥头镇纽扣企业缺工\n县委县政府高度重视纽扣企业用工，桥头镇缺工3000人。",
    )
    .unwrap();
    let (_, out, _) = run(&["check", one.to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains(":2:6:") && l.contains("高度重视"))
        .unwrap_or_else(|| panic!("{out}"));
    let text_line = lines[i + 1];
    let caret_line = lines[i + 2];
    let prefix = &text_line[..text_line.find("高度重视").unwrap()];
    let width: usize = prefix
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum();
    assert_eq!(
        caret_line.find('^').unwrap(),
        width,
        "{text_line}\n{caret_line}"
    );
    assert_eq!(caret_line.matches('^').count(), 8);
}

#[test]
fn fail_on_controls_the_exit_code() {
    assert_eq!(run(&["check", "--fail-on", "never", BAD]).0, 0);
    assert_eq!(
        run(&["check", "--fail-on", "info", GOOD]).0,
        0,
        "the good draft has no finding at all"
    );
    assert_eq!(run(&["check", "--fail-on", "info", BAD]).0, 1);
    let (code, _, err) = run(&["check", "--fail-on", "loud", GOOD]);
    assert_eq!(code, 2);
    assert!(err.contains("--fail-on"));
}

#[test]
fn json_offsets_are_character_offsets_into_the_text() {
    let (_, out, _) = run(&[
        "check",
        "--format",
        "json",
        "--include-text",
        corpus().to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema_version"], 1);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 48);
    let mut checked = 0;
    for d in docs {
        let text: Vec<char> = d["text"].as_str().unwrap().chars().collect();
        assert_eq!(d["chars"].as_u64().unwrap() as usize, text.len());
        for key in [
            "data_points",
            "places",
            "typical_cases",
            "suggestions",
            "stale",
        ] {
            for e in d["elements"][key].as_array().unwrap() {
                let (s, t) = (
                    e["start"].as_u64().unwrap() as usize,
                    e["end"].as_u64().unwrap() as usize,
                );
                let field = if key == "places" { "name" } else { "text" };
                assert_eq!(
                    text[s..t].iter().collect::<String>(),
                    e[field].as_str().unwrap()
                );
                checked += 1;
            }
        }
        for diag in d["diagnostics"].as_array().unwrap() {
            assert!(["error", "warning", "info"].contains(&diag["severity"].as_str().unwrap()));
            assert!(diag["line"].as_u64().unwrap() >= 1 && diag["column"].as_u64().unwrap() >= 1);
            assert!(diag["code"].as_str().unwrap().starts_with('X'));
        }
        assert!(["problem", "research", "experience", "special", "dynamic"]
            .contains(&d["category"]["id"].as_str().unwrap()));
        assert!(d["coverage"]["county"].is_boolean() && d["coverage"]["township"].is_boolean());
        assert!(d["score"].is_null() || d["score"].is_object());
    }
    assert!(checked > 1000, "checked {checked} spans");
}

#[test]
fn one_unreadable_file_is_reported_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(GOOD, dir.path().join("好稿.txt")).unwrap();
    std::fs::write(dir.path().join("坏稿.docx"), b"not a zip at all").unwrap();
    let (code, out, _) = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.contains("坏稿.docx：不是有效的 .docx 文件"), "{out}");
    assert!(out.contains("好稿.txt 问题类"), "{out}");
    assert!(out.contains("1 个文件无法读取"));
    let (code, out, err) = run(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("坏稿.docx"));
    assert!(err.contains("坏稿.docx"));
    let (code, _, err) = run(&["check", "不存在的文件夹"]);
    assert_eq!(code, 2);
    assert!(err.contains("不存在的文件夹") || err.is_empty());
}

#[test]
fn drafts_in_formats_not_read_are_named_not_silently_skipped() {
    // A unit that sent a PDF must not make the month look complete.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(GOOD, dir.path().join("好稿.txt")).unwrap();
    std::fs::write(dir.path().join("扫描件.pdf"), b"%PDF-1.4").unwrap();
    std::fs::write(dir.path().join("公文.OFD"), b"PK").unwrap();
    std::fs::write(dir.path().join("照片.jpg"), b"\xff\xd8").unwrap();
    std::fs::write(dir.path().join("xinjian.toml"), b"").unwrap();
    let (code, out, err) = run(&["check", dir.path().to_str().unwrap()]);
    // The draft that was read decides the exit code; the notice does not.
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("2 个文件的格式不能读取"), "{err}");
    assert!(
        err.contains("扫描件.pdf") && err.contains("公文.OFD"),
        "{err}"
    );
    assert!(
        !err.contains("照片.jpg") && !err.contains("xinjian.toml"),
        "{err}"
    );
    assert!(out.contains("好稿.txt"), "{out}");
    // Nothing to notice: nothing said.
    std::fs::remove_file(dir.path().join("扫描件.pdf")).unwrap();
    std::fs::remove_file(dir.path().join("公文.OFD")).unwrap();
    let (_, _, err) = run(&["check", dir.path().to_str().unwrap()]);
    assert!(!err.contains("不能读取"), "{err}");
}

#[test]
fn input_files_are_never_modified() {
    let before = std::fs::read(BAD).unwrap();
    let meta = std::fs::metadata(BAD).unwrap().modified().unwrap();
    run(&["check", "--format", "json", BAD]);
    assert_eq!(std::fs::read(BAD).unwrap(), before);
    assert_eq!(std::fs::metadata(BAD).unwrap().modified().unwrap(), meta);
}

#[test]
fn config_turns_checks_off_changes_severity_and_region() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("xinjian.toml");
    std::fs::write(
        &cfg,
        "[checks]\nmissing-data = \"off\"\ncliche = \"warning\"\n",
    )
    .unwrap();
    let (_, out, _) = run(&["check", "--config", cfg.to_str().unwrap(), BAD]);
    assert!(!out.contains("missing-data"));
    assert!(out.contains("警告 X008 cliche"));
    std::fs::write(&cfg, "region = \"温州市\"\n").unwrap();
    let (_, out, _) = run(&[
        "check",
        "--config",
        cfg.to_str().unwrap(),
        "--format",
        "json",
        GOOD,
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let places = v["documents"][0]["elements"]["places"].as_array().unwrap();
    assert!(places
        .iter()
        .any(|p| p["name"] == "永嘉县" && p["in_region"] == true));
    let (_, out, _) = run(&["check", "--region", "南阳市", "--format", "json", GOOD]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["documents"][0]["elements"]["places"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "永嘉县" && p["in_region"] == false));
    std::fs::write(&cfg, "[checks]\ncliche = \"off\"\nregoin = \"x\"\n").unwrap();
    let (code, _, err) = run(&["check", "--config", cfg.to_str().unwrap(), GOOD]);
    assert_eq!(code, 2);
    assert!(
        err.contains("xinjian.toml:3") && err.contains("regoin"),
        "{err}"
    );
    let (code, _, err) = run(&["check", "--region", "火星市", GOOD]);
    assert_eq!(code, 2);
    assert!(err.contains("火星市"));
}

#[test]
fn rule_lists_and_documents_checks() {
    let (code, out, _) = run(&["rule"]);
    assert_eq!(code, 0);
    for name in [
        "missing-data",
        "missing-county-coverage",
        "missing-township-coverage",
        "missing-typical-case",
        "missing-suggestion",
        "vague-suggestion",
        "outdated-formulation",
        "cliche",
    ] {
        assert!(out.contains(name), "{name}");
    }
    let (code, out, _) = run(&["rule", "missing-township-coverage"]);
    assert_eq!(code, 0);
    assert!(out.contains("有县级、乡镇层面") && out.contains("镇平县"));
    assert_eq!(run(&["rule", "X001"]).0, 0);
    assert_eq!(run(&["rule", "no-such-rule"]).0, 2);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = bin()
        .args(["check", corpus().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn help_and_argument_errors_are_in_chinese() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["serve", "--help"],
        &["audit", "-h"],
    ] {
        let (code, out, _) = run(args);
        assert_eq!(code, 0, "{args:?}");
        assert!(out.contains("用法：xinjian"), "{args:?}: {out}");
        assert!(
            out.contains("选项:") && out.contains("显示帮助"),
            "{args:?}: {out}"
        );
        for english in [
            "Usage",
            "Options",
            "Print help",
            "[default",
            "possible values",
            "[OPTIONS]",
        ] {
            assert!(!out.contains(english), "{args:?} says {english}: {out}");
        }
    }
    let (_, out, _) = run(&["check", "--help"]);
    assert!(
        out.contains("<稿件或文件夹>") && out.contains("（可选：terminal、json；默认：terminal）")
    );

    let cases: [(&[&str], &str); 5] = [
        (
            &["chek", "a.txt"],
            "没有“chek”这个命令。你是不是要找 check？",
        ),
        (
            &["check", "--fromat", "json", "a.txt"],
            "不认识的选项“--fromat”。你是不是要找 --format？",
        ),
        (
            &["check", "--format", "xml", "a.txt"],
            "--format 的值“xml”无效，可用：terminal、json",
        ),
        (&["check"], "缺少必需的参数：<稿件或文件夹>"),
        (&["rule", "missng-data"], "你是不是要找 missing-data（X001"),
    ];
    for (args, said) in cases {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(
            err.starts_with("xinjian：") && err.contains(said),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_rule_is_found_by_its_chinese_name() {
    let (code, out, _) = run(&["rule", "套话过多"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("X016  cliche-density  默认级别："), "{out}");
    let (code, out, _) = run(&["rule", "套话"]);
    assert_eq!(code, 0);
    assert!(out.contains("X008") && out.contains("X016"), "{out}");
}
