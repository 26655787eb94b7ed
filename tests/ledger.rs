//! `xinjian audit --ledger 台账.xlsx|csv`: the office's own ledger declares what Word drafts
//! cannot (category, adoption, instruction), rows match drafts by file name or title, and
//! both kinds of mismatch are listed; expected units that sent nothing appear with 0.

use std::path::Path;
use std::process::Command;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

const DRAFT_A: &str = "永嘉县桥头镇纽扣企业用工缺口扩大\n全县纽扣企业312家，其中桥头镇缺工约3000人，占全县缺工总数的四成。桥头镇某纽扣公司10月因缺工60人停开2条生产线。\n建议由县人社局牵头，2027年3月底前在桥头镇设立用工服务站，招录30名专职人员。\n";
const DRAFT_B: &str = "瑞安市塘下镇共享车间带动小微企业提质\n塘下镇建成共享车间12个，入驻小微企业86家，今年1—10月产值同比增长18.6%。\n";

fn setup(dir: &Path) {
    let drafts = dir.join("稿件");
    std::fs::create_dir(&drafts).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx/plain.docx"),
        drafts.join("桥下镇海外仓.docx"),
    )
    .unwrap();
    std::fs::write(drafts.join("纽扣缺工.txt"), DRAFT_A).unwrap();
    std::fs::write(drafts.join("塘下镇共享车间.txt"), DRAFT_B).unwrap();
}

fn audit(dir: &Path, extra: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_xinjian"))
        .current_dir(dir)
        .args(["audit", "稿件", "--out", "报告"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&std::fs::read(dir.join("报告/report.json")).unwrap()).unwrap()
}

fn item<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name}"))
}

fn check_results(v: &Value) {
    // Matched by file name: the Word draft is declared 专报 and its adoption is scored.
    let a = item(v, "桥下镇海外仓.docx");
    assert_eq!(a["category"], "special", "{a}");
    assert_eq!(a["category_declared"], true);
    assert_eq!(a["unit"], "永嘉县委办");
    assert_eq!(a["date"], "2026-11-05");
    assert_eq!(a["adopted"][0], "省委办公厅《每日要情》");
    // Matched by title (white space ignored): category and unit from the ledger.
    let b = item(v, "纽扣缺工.txt");
    assert_eq!(b["category"], "problem");
    assert_eq!(b["category_declared"], true);
    assert_eq!(b["unit"], "永嘉县委办");
    assert_eq!(b["date"], "2026-11-03");
    // Not in the ledger: inferred as before, and listed.
    let c = item(v, "塘下镇共享车间.txt");
    assert_eq!(c["category_declared"], false);
    let l = &v["ledger"];
    assert_eq!(l["rows"], 3);
    assert_eq!(l["matched"], 2);
    let files = l["unmatched_files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert!(files[0].as_str().unwrap().ends_with("塘下镇共享车间.txt"));
    let rows = l["unmatched_rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["title"], "洞头区鹿西乡大黄鱼起捕");
    assert_eq!(rows[0]["row"], 5);
    // The ledger's units are expected: 洞头区委办 sent nothing the folder holds.
    let silent: Vec<&Value> = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["sent_nothing"] == true)
        .collect();
    assert_eq!(silent.len(), 1, "{}", v["units"]);
    assert_eq!(silent[0]["unit"], "洞头区委办");
    assert_eq!(silent[0]["items"], 0);
    assert_eq!(v["totals"]["units_sent_nothing"], 1);
}

#[test]
fn an_excel_ledger_declares_categories_and_adoptions() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "2026年11月信息报送台账").unwrap();
    for (c, h) in [
        "序号",
        "报送单位",
        "报送日期",
        "文件名",
        "标题",
        "类别",
        "采用情况",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let rows: [[&str; 7]; 3] = [
        [
            "1",
            "永嘉县委办",
            "",
            "桥下镇海外仓.docx",
            "",
            "专报",
            "省委办公厅《每日要情》",
        ],
        [
            "2",
            "永嘉县委办",
            "2026-11-03",
            "",
            "永嘉县桥头镇 纽扣企业用工缺口扩大",
            "问题类",
            "",
        ],
        [
            "3",
            "洞头区委办",
            "2026-11-06",
            "",
            "洞头区鹿西乡大黄鱼起捕",
            "动态",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 2, c as u16, *v).unwrap();
        }
    }
    // A real Excel date cell for the first row.
    ws.write_datetime_with_format(2, 2, ExcelDateTime::from_ymd(2026, 11, 5).unwrap(), &date)
        .unwrap();
    book.save(dir.path().join("台账.xlsx")).unwrap();
    let v = audit(dir.path(), &["--ledger", "台账.xlsx"]);
    check_results(&v);
    let html = std::fs::read_to_string(dir.path().join("报告/report.html")).unwrap();
    assert!(html.contains("报送台账核对") && html.contains("本期未报送"));
}

#[test]
fn a_gbk_csv_ledger_named_in_the_configuration_does_the_same() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let csv = "说明：11月台账\nfile,unit,date,title,category,adopted\n桥下镇海外仓.docx,永嘉县委办,2026-11-05,,专报,省委办公厅《每日要情》\n,永嘉县委办,2026年11月3日,永嘉县桥头镇纽扣企业用工缺口扩大,问题类,\n,洞头区委办,2026-11-06,洞头区鹿西乡大黄鱼起捕,动态,\n";
    let (gbk, _, bad) = encoding_rs::GBK.encode(csv);
    assert!(!bad);
    std::fs::write(dir.path().join("台账.csv"), &gbk).unwrap();
    std::fs::write(dir.path().join("xinjian.toml"), "ledger = \"台账.csv\"\n").unwrap();
    check_results(&audit(dir.path(), &[]));
}

#[test]
fn expected_units_that_sent_nothing_are_listed_with_zero() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    std::fs::write(
        dir.path().join("稿件/2026-11-04_永嘉县委办_纽扣.txt"),
        DRAFT_A.replace("扩大", "扩大（续）"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("xinjian.toml"),
        "units = [\"永嘉县委办\", \"文成县委办\", \"泰顺县委办\"]\n",
    )
    .unwrap();
    let v = audit(dir.path(), &[]);
    let silent: Vec<&str> = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["sent_nothing"] == true)
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    assert_eq!(silent, vec!["文成县委办", "泰顺县委办"]);
    let md = std::fs::read_to_string(dir.path().join("报告/report.md")).unwrap();
    assert!(
        md.contains("应报送而本期没有报送的单位 2 个：文成县委办、泰顺县委办"),
        "{md}"
    );
}

#[test]
fn a_broken_ledger_stops_the_audit_with_its_row() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    std::fs::write(dir.path().join("台账.csv"), "标题,类别\n甲,杂谈类\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xinjian"))
        .current_dir(dir.path())
        .args(["audit", "稿件", "--ledger", "台账.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("台账.csv：第 2 行：类别“杂谈类”无法识别"),
        "{err}"
    );
    assert!(!dir.path().join("xinjian-report").exists());
}
