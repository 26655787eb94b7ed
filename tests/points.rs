//! 要素齐全 and the points, one definition: the category's requirements table decides both
//! how a missing element is reported and whether the item counts (「要素齐全方可计为1条」);
//! only items that count can earn points if adopted.

use xinjian::{source, Engine};

fn check(text: &str) -> xinjian::DocReport {
    let engine = Engine::new(Default::default()).unwrap();
    engine.check(source::from_text("稿件.md", text).unwrap())
}

const PROBLEM_NO_CASE: &str = "---\n类别: 问题类\n---\n永嘉县山区乡镇村医断档风险加大\n全县村医312人，其中60岁以上占四成，岩坦镇、鹤盛镇等山区乡镇缺口最大。\n建议由县卫健局牵头，2027年6月底前为每个山区乡镇定向培养村医5名。";

#[test]
fn a_problem_item_without_a_typical_case_does_not_pass_the_gate() {
    let r = check(PROBLEM_NO_CASE);
    assert!(r.elements.typical_cases.is_empty());
    assert!(!r.points.gate, "{:?}", r.points);
    assert_eq!(r.points.missing, vec!["case"]);
    // Reported at the rule's own severity (警告), as the README and `xinjian rule` say.
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.name == "missing-typical-case")
        .expect("reported");
    assert_eq!(d.severity, xinjian::Severity::Warning);
}

#[test]
fn a_dynamic_item_without_data_does_not_pass_the_gate() {
    let r = check("---\n类别: 动态\n---\n永嘉县召开秋冬季森林防火工作会议\n近日，永嘉县召开秋冬季森林防火工作会议，部署今冬明春森林防火工作。");
    assert!(!r.points.gate);
    assert!(r.points.missing.contains(&"data"), "{:?}", r.points.missing);
    // But a 动态 is not asked for townships or suggestions.
    assert!(!r.points.missing.contains(&"township"));
    assert!(!r.points.missing.contains(&"suggestion"));
}

#[test]
fn an_adoption_through_an_unscored_channel_is_not_zero_points() {
    let r =
        check(&PROBLEM_NO_CASE.replace("类别: 问题类", "类别: 问题类\n采用: 县委办《永嘉信息》"));
    assert_eq!(r.points.actual, None);
    assert!(r.points.adoption_unscored);
    let r = check(
        &PROBLEM_NO_CASE.replace("类别: 问题类", "类别: 调研类\n采用: 省委办公厅《每日要情》"),
    );
    assert_eq!(r.points.actual, Some(50.0));
    assert!(!r.points.adoption_unscored);
}

/// The audit's 可得分 counts only items that pass the gate, and nothing prints as -0.
#[test]
fn potential_points_count_only_items_that_pass_the_gate() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("稿件");
    std::fs::create_dir(&drafts).unwrap();
    // A research report that fails the gate (no township, no case, no suggestion): 50 points
    // under the default rules if it passed.
    std::fs::write(
        drafts.join("2026-11-03_永嘉县委办_调研.md"),
        "---\n类别: 调研类\n---\n永嘉县泵阀产业调研\n全县泵阀企业312家，产值286亿元。",
    )
    .unwrap();
    // A 动态 the default rules give no score.
    std::fs::write(
        drafts.join("2026-11-04_瑞安市委办_动态.md"),
        "---\n类别: 动态\n---\n瑞安市召开会议\n11月3日，瑞安市召开会议，全市23个乡镇参加。",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xinjian"))
        .current_dir(dir.path())
        .args(["audit", "稿件", "--out", "报告"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = std::fs::read_to_string(dir.path().join("报告/report.json")).unwrap();
    assert!(!json.contains("-0.0"), "no negative zero");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["totals"]["potential_points"], 0.0);
    // The 动态 passes (a figure and its county) but its kind has no score.
    assert_eq!(v["totals"]["gate_passed"], 1);
    for u in v["units"].as_array().unwrap() {
        assert_eq!(u["potential_points"], 0.0, "{u}");
    }
    let html = std::fs::read_to_string(dir.path().join("报告/report.html")).unwrap();
    assert!(
        !html.contains(">-0<") && !html.contains("-0 分"),
        "no -0 on the page"
    );
}
