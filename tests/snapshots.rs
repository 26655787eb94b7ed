//! What the user sees, one snapshot per check: each check alone enabled on a draft that has
//! the fault, and the same check silent on a confusable draft that does not.

use xinjian::checks::RULES;
use xinjian::report::{Format, Options};
use xinjian::{source, Config, Engine, Severity};

/// (check, a draft with the fault, a confusable draft without it)
const CASES: &[(&str, &str, &str)] = &[
    ("missing-data", "---\n类别: 问题类\n---\n平阳县电动自行车充电难问题需引起重视\n近年来，平阳县电动自行车保有量快速增长，充电设施建设滞后，一是……二是……。", "---\n类别: 问题类\n---\n平阳县电动自行车充电难\n2026年，一是（一）部署十四五项目，全县电动自行车42万辆，充电端口仅1860个。"),
    ("missing-county-coverage", "---\n类别: 问题类\n---\n各地秋粮收购价格偏低\n据调查，今年晚稻收购价每斤1.32元，比去年低0.08元。", "---\n类别: 问题类\n---\n镇平县秋粮收购价格偏低\n据调查，镇平县今年晚稻收购价每斤1.32元，比去年低0.08元。"),
    ("missing-township-coverage", "---\n类别: 问题类\n---\n永嘉县纽扣企业缺工\n永嘉县纽扣企业缺工约3000人，大力发展乡村产业，推进文明村镇和小城镇建设。", "---\n类别: 问题类\n---\n永嘉县纽扣企业缺工\n永嘉县桥头镇纽扣企业缺工约3000人。"),
    ("missing-typical-case", "---\n类别: 问题类\n---\n永嘉县纽扣企业缺工\n全县纽扣企业312家，缺工约3000人，占用工总数的14.6%。", "---\n类别: 问题类\n---\n永嘉县纽扣企业缺工\n桥头镇某纽扣公司今年10月接到订单1200万粒，因缺工60人停开2条生产线。"),
    ("missing-suggestion", "---\n类别: 问题类\n---\n永嘉县纽扣企业缺工\n桥头镇纽扣企业缺工约3000人。以上情况，需引起重视。", "---\n类别: 问题类\n---\n永嘉县纽扣企业缺工\n桥头镇纽扣企业缺工约3000人。建议由县人力社保局牵头，2027年3月底前设立用工调剂服务站。"),
    ("vague-suggestion", "---\n类别: 问题类\n---\n永嘉县纽扣企业缺工\n桥头镇纽扣企业缺工约3000人。建议进一步加大支持力度，切实提高服务水平。", "---\n类别: 问题类\n---\n永嘉县纽扣企业缺工\n桥头镇纽扣企业缺工约3000人。建议由县人力社保局牵头，2027年3月底前设立用工调剂服务站。"),
    ("outdated-formulation", "标题\n要坚持精准扶贫，全力打赢脱贫攻坚战；县工商局加强检查。", "标题\n2020年如期打赢脱贫攻坚战，巩固拓展脱贫攻坚成果同乡村振兴有效衔接；县文化和旅游局加强检查。"),
    ("cliche", "标题\n县委县政府高度重视，多措并举，取得明显成效。", "标题\n满意度明显提升，达到96.2%；县里10月起试行用工调剂。"),
    ("category-mismatch", "---\n类别: 动态\n---\n永嘉县桥头镇纽扣企业用工缺口扩大需引起关注\n桥头镇纽扣企业缺工约3000人，问题突出，风险加大，矛盾凸显，困难较多，短板明显。建议由县人社局牵头，2027年3月前设立服务站。建议县财政每年安排500万元。", "---\n类别: 问题类\n---\n永嘉县桥头镇纽扣企业用工缺口扩大需引起关注\n桥头镇纽扣企业缺工约3000人，问题突出。建议由县人社局牵头，2027年3月前设立服务站。"),
    ("generic-title", "关于平阳县电动自行车安全管理工作情况的报告\n平阳县昆阳镇有电动自行车3.2万辆。", "平阳县昆阳镇电动自行车充电隐患整改率达94.4%\n平阳县昆阳镇有电动自行车3.2万辆。"),
    ("long-title", "关于我县深入贯彻落实省委省政府决策部署扎实推进纽扣产业转型升级和稳岗就业工作取得阶段性成效的情况报告\n正文。", "永嘉县桥头镇纽扣企业缺工约3000人 外贸订单交付受影响\n正文。"),
    ("broken-hierarchy", "标题\n一是加强领导。三是完善机制。\n（一）做法\n（三）成效", "标题\n一是加强领导。二是完善机制。\n（一）做法\n（二）成效\n全县1.5万亩，1.2亿元。"),
    ("incomplete-structure", "---\n类别: 典型经验\n---\n永嘉县桥头镇推行用工调剂\n桥头镇10月起推行用工调剂，由镇人力社保所统一登记缺工信息。用工调剂成效明显，企业一致好评。", "---\n类别: 典型经验\n---\n永嘉县桥头镇推行用工调剂\n桥头镇10月起推行用工调剂，由镇人力社保所统一登记缺工信息。一个月撮合企业用工412人，缺工率由18.6%降至9.4%。"),
    ("too-long", "---\n类别: 动态\n---\n瑞安市召开推进会\n", "---\n类别: 动态\n---\n瑞安市召开推进会\n11月12日，瑞安市召开民营经济推进会，全市312家企业参加。"),
    ("too-short", "---\n类别: 调研类\n---\n关于瑞安市民营企业的调研报告\n瑞安市有民营企业1.2万家。", "---\n类别: 动态\n---\n瑞安市召开推进会\n11月12日，瑞安市召开民营经济推进会，全市312家企业参加，签约项目12个，总投资38.6亿元，涉及塘下镇、马屿镇等8个乡镇，会上还发布了2027年民营经济高质量发展十条措施，明确每家规上企业配备一名联络员，每季度召开一次政企恳谈会，对新引进的亿元以上项目给予一次性奖励200万元；参会企业代表就融资、用地、用工等问题与部门现场对接，当场解决问题23个，其余48个问题交相关部门在30个工作日内办结并反馈。这是瑞安市今年第三次召开民营经济专题推进会，前两次会议收集的96个问题已全部办结，企业满意率达到97.2%，比去年同期提高4.5个百分点。"),
    ("cliche-density", "标题\n县委县政府高度重视，精心组织，多措并举，狠抓落实，形成齐抓共管的工作格局，取得明显成效。", "标题\n县委县政府高度重视，桥头镇10月起试行用工调剂，一个月撮合企业用工412人，涉及企业127家，平均每家缺工从23人降至12人，缺工率由18.6%降至9.4%。"),
    ("empty-sentence", "标题\n要进一步提高思想认识，切实增强责任感和紧迫感。要以更加务实的作风推动工作落地见效。要坚持问题导向，聚焦重点难点持续用力。要强化协同配合，形成推动工作的强大合力。", "标题\n桥头镇127家纽扣企业中，41家缺工超过两成。永嘉县今年新增岗位3200个。要以更加务实的作风推动工作。县人社局已在桥头镇设点。"),
    ("vague-time", "---\n类别: 动态\n日期: 2026-11-20\n---\n瑞安市召开推进会\n近日，瑞安市召开民营经济推进会。11月3日，首批项目签约。", "---\n类别: 动态\n日期: 2026-11-20\n---\n瑞安市召开推进会\n11月18日，瑞安市召开民营经济推进会，要求20日前报送材料，距离最近的村仅3公里。最近三年，全市民营企业增加1200家；近期目标是培育专精特新企业50家。"),
    ("no-problem-stated", "---\n类别: 问题类\n---\n永嘉县纽扣产业发展情况\n桥头镇纽扣产业产值增长6.2%，新增企业12家，带动就业3000人。", "---\n类别: 问题类\n---\n永嘉县纽扣产业用工缺口扩大\n桥头镇纽扣产业产值增长6.2%，但缺工约3000人，问题突出。"),
    ("outdated-place-name", "标题\n玉环县坎门街道渔业用工持续紧张，宁乡县也有类似情况。", "标题\n玉环市坎门街道渔业用工持续紧张，宁乡市也有类似情况。渌口区（原株洲县）的油茶林多是株洲县时期种下的。"),
];

fn engine_with_only(rule: &str) -> Engine {
    let mut config = Config::default();
    for r in RULES {
        config.severities.insert(
            r.name,
            if r.name == rule {
                Some(r.default_severity)
            } else {
                None
            },
        );
    }
    Engine::new(config).unwrap()
}

fn render(engine: &Engine, name: &str, text: &str) -> (usize, String) {
    let doc = source::from_text(format!("{name}.txt"), text).unwrap();
    let report = engine.check(doc);
    let n = report.diagnostics.len();
    let mut out = Vec::new();
    Format::Terminal
        .render(&[Ok(report)], Options::default(), &mut out)
        .unwrap();
    (n, String::from_utf8(out).unwrap())
}

#[test]
fn every_registered_check_has_a_case() {
    // duplicate-of-earlier needs an archive; tests/archive.rs shows it.
    for r in RULES
        .iter()
        .filter(|r| !["duplicate-of-earlier", "stale-topic"].contains(&r.name))
    {
        assert!(
            CASES.iter().any(|c| c.0 == r.name),
            "no snapshot case for {}",
            r.name
        );
    }
}

#[test]
fn each_check_alone_on_a_fault_and_a_confusable() {
    let mut too_long = String::from("---\n类别: 动态\n---\n瑞安市召开推进会\n");
    for _ in 0..30 {
        too_long.push_str("11月12日，瑞安市召开民营经济推进会，全市312家企业参加。");
    }
    for (rule, bad, good) in CASES {
        let engine = engine_with_only(rule);
        let bad = if *rule == "too-long" {
            too_long.as_str()
        } else {
            bad
        };
        let (n, shown) = render(&engine, rule, bad);
        assert!(n > 0, "{rule} found nothing in its fault case");
        insta::assert_snapshot!(format!("{rule}_fault"), shown);
        let (n, shown) = render(&engine, rule, good);
        assert_eq!(n, 0, "{rule} fired on its confusable case:\n{shown}");
    }
}

#[test]
fn severities_are_the_documented_defaults() {
    for r in RULES {
        assert!(matches!(
            r.default_severity,
            Severity::Error | Severity::Warning | Severity::Info
        ));
    }
}

/// The 平阳 draft as the terminal shows it: its 15 clichés and 4 vague suggestions are one
/// entry each, every place on one line; the JSON still has one diagnostic per span.
#[test]
fn repeated_findings_of_one_rule_are_one_entry_in_the_terminal() {
    let path = std::path::Path::new("corpus/2026-11-04_平阳县委办_电动自行车安全管理工作情况.txt");
    let engine = Engine::new(Config::default()).unwrap();
    let report = engine.check(source::load(path).unwrap());
    let clichés = report
        .diagnostics
        .iter()
        .filter(|d| d.name == "cliche")
        .count();
    assert_eq!(clichés, 15);
    let mut out = Vec::new();
    Format::Terminal
        .render(&[Ok(report.clone())], Options::default(), &mut out)
        .unwrap();
    let terminal = String::from_utf8(out).unwrap();
    assert_eq!(terminal.matches(" X008 cliche ").count(), 1, "{terminal}");
    assert!(terminal.contains("共 15 处"), "{terminal}");
    insta::assert_snapshot!("terminal_pingyang_grouped", terminal);
    let mut out = Vec::new();
    Format::Json
        .render(&[Ok(report)], Options::default(), &mut out)
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let cliche_spans = json["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["name"] == "cliche")
        .count();
    assert_eq!(cliche_spans, 15);
}
