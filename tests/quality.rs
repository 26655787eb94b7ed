//! Issue 3: the quality score, configuration that changes the output, word lists office staff
//! edit, and inline suppression.

use std::path::Path;
use std::process::Command;

use xinjian::{source, Config, Engine};

const GOOD: &str = "corpus/2026-11-02_永嘉县委办_桥头镇纽扣产业用工缺口.txt";

/// The good draft's body, without its front matter.
fn good_text() -> String {
    let all = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(GOOD)).unwrap();
    all.splitn(3, "---\n").nth(2).unwrap().to_string()
}

fn quality(engine: &Engine, text: &str) -> u32 {
    engine
        .check(source::from_text("草稿.txt", text).unwrap())
        .quality
        .quality
}

fn bin(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xinjian"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_good_draft_scores_higher_than_each_degraded_version() {
    let engine = Engine::new(Config::default()).unwrap();
    let good = good_text();
    let base = quality(&engine, &good);
    assert!(base >= 90, "the good corpus draft scores {base}");
    // Data removed: every Arabic figure and its unit word gone.
    let no_data: String = regex::Regex::new(r"[0-9０-９][0-9０-９.,]*(?:万|亿)?(?:%|％|个百分点|人|家|个|元|万元|亿元|户|岁|名|条|天|小时|项|次|家|亩|吨)?")
        .unwrap()
        .replace_all(&good, "")
        .replace("四成", "")
        .replace("两成", "")
        .replace("三成", "");
    // Township removed.
    let no_township = good
        .replace("桥头镇", "当地")
        .replace("瓯北街道", "城区")
        .replace("桥下镇", "当地")
        // and the township-level figures (全镇…)
        .replace("全镇", "全县");
    // Suggestions made vague.
    let vague = regex::Regex::new(r"(?s)(建议|对策建议).*")
        .unwrap()
        .replace(
            &good,
            "对策建议\n一是进一步加大支持力度。二是切实提高服务水平。三是不断完善工作机制。",
        )
        .to_string();
    // 套话 added.
    let padded = good.replacen("\n", "\n县委县政府高度重视，精心组织，多措并举，狠抓落实，形成齐抓共管的工作格局，取得明显成效。\n", 2);
    for (what, text) in [
        ("数据", &no_data),
        ("乡镇", &no_township),
        ("建议", &vague),
        ("套话", &padded),
    ] {
        let q = quality(&engine, text);
        assert!(q < base, "removing {what}: {q} is not below {base}");
    }
}

#[test]
fn configuration_changes_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("xinjian.toml");
    let bad = "corpus/2026-11-04_平阳县委办_电动自行车安全管理工作情况.txt";
    let (_, default_out, _) = bin(&["check", bad]);
    assert!(default_out.contains("generic-title"));
    // A check turned off.
    std::fs::write(&cfg, "[checks]\ngeneric-title = \"off\"\n").unwrap();
    let (_, out, _) = bin(&["check", "--config", cfg.to_str().unwrap(), bad]);
    assert!(!out.contains("generic-title"));
    // A severity changed.
    std::fs::write(&cfg, "[checks]\ngeneric-title = \"error\"\n").unwrap();
    let (_, out, _) = bin(&["check", "--config", cfg.to_str().unwrap(), bad]);
    assert!(out.contains("错误 X010 generic-title"));
    // A point value changed: 问题类 has no points by default; give it 20.
    assert!(default_out.contains("计分办法未给问题类信息设分值"));
    std::fs::write(&cfg, "[scoring.adoption.\"省委办公厅\"]\nproblem = 20\n").unwrap();
    let (_, out, _) = bin(&["check", "--config", cfg.to_str().unwrap(), bad]);
    assert!(out.contains("若被省委办公厅采用可得 20 分"), "{out}");
    // The region changed.
    std::fs::write(&cfg, "region = \"南阳市\"\n").unwrap();
    let (_, out, _) = bin(&[
        "check",
        "--config",
        cfg.to_str().unwrap(),
        "--format",
        "json",
        bad,
    ]);
    assert!(out.contains("\"in_region\": false"));
    std::fs::write(&cfg, "region = \"温州市\"\n").unwrap();
    let (_, out, _) = bin(&[
        "check",
        "--config",
        cfg.to_str().unwrap(),
        "--format",
        "json",
        bad,
    ]);
    assert!(out.contains("\"in_region\": true") && !out.contains("\"in_region\": false"));
    // Length budgets.
    std::fs::write(&cfg, "[length]\nproblem = [100, 200]\n").unwrap();
    let (_, out, _) = bin(&["check", "--config", cfg.to_str().unwrap(), bad]);
    assert!(out.contains("too-long"));
}

#[test]
fn actual_points_follow_adoption_and_instructions() {
    let mut config = Config::default();
    config
        .scoring
        .adoption
        .get_mut("省委办公厅")
        .unwrap()
        .problem = Some(20.0);
    let engine = Engine::new(config).unwrap();
    let text = format!(
        "---\n类别: 问题类\n采用: 省委办公厅《每日要情》\n批示: 省领导\n---\n{}",
        good_text()
    );
    let r = engine.check(source::from_text("草稿.txt", &text).unwrap());
    assert_eq!(r.points.actual, Some(20.0 + 30.0));
    assert!(r.points.gate);
}

#[test]
fn effective_configuration_is_printed() {
    let (code, out, _) = bin(&["config"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("[thresholds]")
            && out.contains("vague-time = \"warning\"")
            && out.contains("research = 50")
    );
}

#[test]
fn lexicon_check_reports_each_problem_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (gbk, _, _) = encoding_rs::GB18030.encode("高度重视\n");
    std::fs::write(d.join("cliche_attitude.txt"), gbk).unwrap();
    std::fs::write(
        d.join("cliche_result.txt"),
        "# 注释\n效果很好\nre:取得(明显成效\n效果很好\n",
    )
    .unwrap();
    std::fs::write(
        d.join("outdated.txt"),
        "老提法 -> 新提法甲\n老提法 -> 新提法乙\n没有箭头\n",
    )
    .unwrap();
    std::fs::write(d.join("vague_phrases.txt"), "!不存在的条目\n").unwrap();
    let (code, out, _) = bin(&["lexicon", "check", d.to_str().unwrap()]);
    assert_eq!(code, 2);
    let file = |n: &str| d.join(n).display().to_string();
    for want in [
        format!(
            "{}:1：错误：文件是 GBK/GB18030 编码",
            file("cliche_attitude.txt")
        ),
        format!("{}:3：错误：正则表达式有误", file("cliche_result.txt")),
        format!("{}:4：错误：与第 2 行重复", file("cliche_result.txt")),
        format!("{}:2：错误：与 outdated.txt:1 冲突", file("outdated.txt")),
        format!("{}:3：错误：应写成“旧提法 -> 新提法”", file("outdated.txt")),
        format!(
            "{}:1：错误：要删除的“不存在的条目”不在随附词表中",
            file("vague_phrases.txt")
        ),
    ] {
        assert!(out.contains(&want), "missing «{want}» in:\n{out}");
    }
    // The shipped lists are clean.
    let (code, out, _) = bin(&["lexicon", "check", "lexicons"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn user_lexicons_layer_on_the_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cliche_attitude.txt"),
        "!高度重视\n真抓实干\nre:以.{0,6}为抓手\n",
    )
    .unwrap();
    let drafts = tempfile::tempdir().unwrap();
    let draft = drafts.path().join("稿.txt");
    std::fs::write(
        &draft,
        "标题\n县里高度重视，真抓实干，以产业振兴为抓手推进工作。",
    )
    .unwrap();
    let (_, out, _) = bin(&[
        "check",
        "--lexicons",
        dir.path().to_str().unwrap(),
        draft.to_str().unwrap(),
    ]);
    assert!(!out.contains("“高度重视”是套话"), "{out}");
    assert!(out.contains("“真抓实干”是套话"), "{out}");
    assert!(out.contains("“以产业振兴为抓手”是套话"), "{out}");
}

#[test]
fn inline_suppression_turns_a_check_off_for_one_draft() {
    let engine = Engine::new(Config::default()).unwrap();
    let text = "标题\n<!-- xinjian: disable vague-time -->\n近日，县里召开会议。";
    let r = engine.check(source::from_text("稿.md", text).unwrap());
    assert!(!r.diagnostics.iter().any(|d| d.name == "vague-time"));
    assert!(!r.doc.text.contains("xinjian:"));
    let r = engine.check(source::from_text("稿.md", "标题\n近日，县里召开会议。").unwrap());
    assert!(r.diagnostics.iter().any(|d| d.name == "vague-time"));
}

/// The report on a draft with front matter.
fn check_md(engine: &Engine, text: &str) -> xinjian::DocReport {
    engine.check(source::from_text("草稿.md", text).unwrap())
}

/// The names of the findings on a draft with front matter.
fn findings(engine: &Engine, text: &str) -> Vec<&'static str> {
    check_md(engine, text)
        .diagnostics
        .iter()
        .map(|d| d.name)
        .collect()
}

#[test]
fn false_alarms_found_in_review_stay_fixed() {
    // From a review of every finding on the shipped corpus (2026-11-27).
    let engine = Engine::new(Config::default()).unwrap();
    // A 专报 that reports an experience or a problem is no category mismatch.
    let special = "---\n类别: 专报\n---\n瓯海区探索“共富合伙人”模式带动海岛村集体增收\n今年以来，洞头区在12个海岛村推行“共富合伙人”模式，引进合伙人27名，带动村集体增收860万元，创新机制，打造示范，经验做法得到推广，成效明显提升。\n";
    assert!(!findings(&engine, special).contains(&"category-mismatch"));
    // 近期 opening the account of a study, in an analysis with dated figures, is not vague;
    // 近期走访发现… still is.
    let study = "---\n类别: 调研类\n---\n关于文成县强村公司运营情况的调研\n近期，我们对文成县17个乡镇的强村公司开展专题调研。今年1—10月，全县强村公司实现营业收入1.86亿元。\n";
    assert!(!findings(&engine, study).contains(&"vague-time"));
    let finding = study.replace("开展专题调研", "进行走访，发现问题不少");
    assert!(findings(&engine, &finding).contains(&"vague-time"));
    // 未形成合力 diagnoses a problem; 形成合力 alone is a pledge.
    let problem = "---\n类别: 问题类\n---\n霓屿街道紫菜加工短板待补\n霓屿街道紫菜养殖面积3200亩，但扶持政策未形成合力，加工企业仅4家。\n";
    assert!(!findings(&engine, problem).contains(&"cliche"));
    let pledge = problem.replace("未形成合力", "要形成合力");
    assert!(findings(&engine, &pledge).contains(&"cliche"));
    // 总之，… after the suggestions is no suggestion.
    let closing = "---\n类别: 问题类\n---\n永嘉县乡村振兴人才短缺问题\n全县18个乡镇中有7个缺少专业技术人员。\n建议如下：\n一是由县人力社保局在2027年3月前招录农技人员30名。\n总之，乡村振兴是一项长期而艰巨的系统工程。\n";
    let e = check_md(&engine, closing);
    assert_eq!(
        e.elements.suggestions.len(),
        1,
        "{:?}",
        e.elements.suggestions
    );
    // A suggestion naming a town and a figure is no typical case.
    let only_suggestion = "---\n类别: 问题类\n---\n永嘉县纽扣企业缺工问题\n全县纽扣企业缺工约3000人，主要原因是外地工返乡。\n建议由县人社局在桥头镇设立用工服务站，2027年3月前招录服务人员30名。\n";
    let e = check_md(&engine, only_suggestion);
    assert!(
        e.elements.typical_cases.is_empty(),
        "{:?}",
        e.elements.typical_cases
    );
    assert!(e
        .diagnostics
        .iter()
        .any(|d| d.name == "missing-typical-case"));
    // A notice closing a marked list of suggestions (a phone number to call) is no suggestion
    // (found on the second independent set and in the first); an unmarked closing
    // 同时，建议… still is.
    let notice = "---\n类别: 问题类\n---\n永嘉县乡村振兴人才短缺问题\n全县18个乡镇中有7个缺少专业技术人员。\n建议如下：\n一是由县人力社保局在2027年3月前招录农技人员30名。\n二是加强培训。\n县人社局咨询电话：0577-12345678。\n";
    assert_eq!(check_md(&engine, notice).elements.suggestions.len(), 2);
    let more = notice.replace(
        "县人社局咨询电话：0577-12345678。",
        "同时，建议各乡镇配备1名联络员。",
    );
    assert_eq!(check_md(&engine, &more).elements.suggestions.len(), 3);
}
