//! False alarms and misses found by running the tool on real county texts (issue 18). Each
//! case is a class, not a string: a name is no wording, history is no current task, a cliché
//! with a word inserted is still a cliché, and the outdated terms counties still write.

use xinjian::{source, Engine};

fn stale(text: &str) -> Vec<(String, String)> {
    let engine = Engine::new(Default::default()).unwrap();
    let r = engine.check(source::from_text("a.txt", text).unwrap());
    r.elements
        .stale
        .iter()
        .map(|s| {
            (
                r.doc.text[s.start..s.end].to_string(),
                format!("{:?}", s.class).to_lowercase(),
            )
        })
        .collect()
}

fn outdated(text: &str) -> Vec<String> {
    stale(text)
        .into_iter()
        .filter(|(_, k)| k == "outdated")
        .map(|(t, _)| t)
        .collect()
}

#[test]
fn outdated_terms_in_a_document_title_or_number_are_names() {
    assert!(outdated("标题\n根据《关于打赢脱贫攻坚战的决定》精神，全县开展工作。").is_empty());
    assert!(outdated("标题\n按照县卫计委〔2016〕12号文件要求执行。").is_empty());
    assert!(outdated("标题\n按照县安监局发〔2017〕3号文件要求执行。").is_empty());
    // Outside the title or number the same words are reported.
    assert_eq!(outdated("标题\n县卫计委要加强管理。"), vec!["卫计委"]);
    assert_eq!(
        outdated("标题\n全县上下要坚决打赢脱贫攻坚战。"),
        vec!["打赢脱贫攻坚战"]
    );
}

#[test]
fn dated_history_is_no_finding() {
    assert!(outdated("标题\n2014年，我县全面推进精准扶贫，帮扶贫困户3200户。").is_empty());
    assert_eq!(outdated("标题\n今年要继续推进精准扶贫。"), vec!["精准扶贫"]);
    // A recent or future year dates current use, not history.
    assert_eq!(
        outdated("标题\n2025年，全区新农合参合率稳定在99%以上。"),
        vec!["新农合"]
    );
}

#[test]
fn outdated_terms_counties_still_write_are_known() {
    let found = outdated(
        "标题\n县卫生计生部门和县农委联合开展帮扶，要实现减贫摘帽，推动贫困村出列，建档立卡贫困人口要应纳尽纳。",
    );
    for t in [
        "卫生计生部门",
        "农委",
        "减贫摘帽",
        "贫困村出列",
        "建档立卡贫困人口",
    ] {
        assert!(found.iter().any(|f| f == t), "{t}: {found:?}");
    }
    // 农业农村委 is the current name.
    assert!(outdated("标题\n县农业农村委牵头组织。").is_empty());
}

#[test]
fn cliches_with_inserted_words_still_match() {
    let found =
        stale("标题\n全县干部认真学习贯彻落实会议精神，推动工作再上上新台阶，力争迈上一个新台阶。");
    let cliches: Vec<&str> = found
        .iter()
        .filter(|(_, k)| k == "cliche")
        .map(|(t, _)| t.as_str())
        .collect();
    assert!(cliches.contains(&"认真学习贯彻落实"), "{cliches:?}");
    assert!(cliches.contains(&"再上上新台阶"), "{cliches:?}");
    assert!(cliches.contains(&"迈上一个新台阶"), "{cliches:?}");
}

fn data(text: &str) -> Vec<String> {
    let engine = Engine::new(Default::default()).unwrap();
    let r = engine.check(source::from_text("a.txt", text).unwrap());
    r.analysis
        .data_points
        .iter()
        .map(|d| r.doc.text[d.start..d.end].to_string())
        .collect()
}

#[test]
fn sector_names_speech_counts_floors_age_bands_and_size_classes_are_no_data() {
    for text in [
        "标题\n优化三次产业结构，全市第一产业增加值平稳。",
        "标题\n认真学习书记两次讲话精神，在二层展示厅集中展示。",
        "标题\n30-40岁人群占多数，购置35吨箱和5万吨级泊位。",
    ] {
        assert_eq!(data(text), Vec::<String>::new(), "{text}");
    }
    // Their confusable counterparts are data.
    assert_eq!(
        data("标题\n自建房多为两层，共检查3次。"),
        vec!["两层", "3次"]
    );
    assert_eq!(
        data("标题\n全市第一，年运量35吨。"),
        vec!["全市第一", "35吨"]
    );
}

#[test]
fn figures_after_a_label_and_a_colon_and_ratios_are_data() {
    assert_eq!(
        data("标题\n长寨：596套2470人；机关企事业水价：6.50元/吨。"),
        vec!["596套", "2470人", "6.50元"]
    );
    assert_eq!(
        data("标题\n三次产业结构比为3.9：59.5：36.6，城乡收入比由5：1缩小到2.6：1。"),
        vec!["3.9：59.5：36.6", "5：1", "2.6：1"]
    );
    // Clock times, codes and sharing rules are not.
    assert_eq!(
        data("标题\n会议10:30开始，9：05结束，编号A1:2，按1∶1分担。"),
        Vec::<String>::new()
    );
}

/// `--region` marks places outside the jurisdiction in the terminal and in the audit.
#[test]
fn places_outside_the_region_are_shown_in_the_terminal_and_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("稿件");
    std::fs::create_dir(&drafts).unwrap();
    std::fs::write(
        drafts.join("2026-11-03_永嘉县委办_纽扣.txt"),
        "永嘉县桥头镇纽扣企业缺工\n全县纽扣企业312家，桥头镇缺工3000人，瑞安市塘下镇、通化县快大茂镇也有类似情况。\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_xinjian"))
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    let out = run(&["check", "稿件", "--region", "温州市"]);
    assert!(out.contains("本地区以外的地名：通化县、快大茂镇"), "{out}");
    // Without a region nothing is marked.
    assert!(!run(&["check", "稿件"]).contains("本地区以外"));
    run(&["audit", "稿件", "--region", "温州市", "--out", "报告"]);
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("报告/report.json")).unwrap())
            .unwrap();
    assert_eq!(
        v["items"][0]["outside_region"],
        serde_json::json!(["通化县", "快大茂镇"])
    );
    let html = std::fs::read_to_string(dir.path().join("报告/report.html")).unwrap();
    assert!(html.contains("本地区以外的地名：通化县、快大茂镇"));
}

fn places(text: &str) -> Vec<String> {
    let engine = Engine::new(Default::default()).unwrap();
    let r = engine.check(source::from_text("a.txt", text).unwrap());
    r.analysis
        .places
        .iter()
        .map(|p| r.doc.text[p.start..p.end].to_string())
        .collect()
}

#[test]
fn trees_in_a_list_and_slogans_are_no_places() {
    assert_eq!(
        places("标题\n种植杨树、榆树1200亩，提出旅游兴镇、工业强镇。"),
        Vec::<String>::new()
    );
    // The same names as places: a list of places, the city's full name, a real township.
    assert_eq!(
        places("标题\n永嘉、瑞安、平阳等县，榆树市五棵树镇。"),
        vec!["永嘉", "瑞安", "平阳", "榆树市", "五棵树镇"]
    );
}

#[test]
fn a_short_form_shared_by_a_city_and_its_county_means_the_city() {
    let engine = Engine::new(Default::default()).unwrap();
    let levels = |text: &str| -> Vec<(String, String)> {
        let r = engine.check(source::from_text("a.txt", text).unwrap());
        r.analysis
            .places
            .iter()
            .map(|p| {
                (
                    r.doc.text[p.start..p.end].to_string(),
                    format!("{:?}", p.level),
                )
            })
            .collect()
    };
    assert_eq!(
        levels("标题\n通化全力推进项目建设。"),
        vec![("通化".to_string(), "City".to_string())]
    );
    // With 县 written, or with one of the county's own townships, it is the county.
    assert_eq!(
        levels("标题\n通化县全力推进项目建设。"),
        vec![("通化县".to_string(), "County".to_string())]
    );
    assert_eq!(
        levels("标题\n通化快大茂镇新建工厂。"),
        vec![
            ("通化".to_string(), "County".to_string()),
            ("快大茂镇".to_string(), "Township".to_string())
        ]
    );
}

#[test]
fn a_short_form_that_begins_an_enterprise_name_or_a_brand_list_is_no_place() {
    assert_eq!(
        places("标题\n引进通化葡萄酒股份有限公司、永嘉纽扣制造有限公司，伊利、金锣、兴和等一批品牌入驻。"),
        Vec::<String>::new()
    );
    // A company located in a place still names the place.
    assert_eq!(
        places("标题\n瑞安某纽扣有限公司落户永嘉。"),
        vec!["瑞安", "永嘉"]
    );
    assert_eq!(
        places("标题\n永嘉、瑞安等地企业积极参与。"),
        vec!["永嘉", "瑞安"]
    );
}

/// A word list saved by Notepad starts with a BOM: its first line (here a removal) still
/// counts, as `xinjian lexicon check` says it does.
#[test]
fn an_office_word_list_with_a_bom_keeps_its_first_entry() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cliche_attitude.txt"),
        "\u{feff}!高度重视\n真抓实干\n",
    )
    .unwrap();
    let config = xinjian::Config {
        lexicons: Some(dir.path().to_path_buf()),
        ..Default::default()
    };
    let engine = Engine::new(config).unwrap();
    let r = engine.check(source::from_text("a.txt", "标题\n县委高度重视，真抓实干。").unwrap());
    let cliches: Vec<&str> = r
        .elements
        .stale
        .iter()
        .map(|s| &r.doc.text[s.start..s.end])
        .collect();
    assert_eq!(cliches, vec!["真抓实干"]);
}
