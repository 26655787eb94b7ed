//! `xinjian rule [NAME]`: the list of checks, or one check's documentation.

use crate::checks::{registry, RULES};

pub fn run(name: Option<String>) -> i32 {
    match name {
        None => {
            println!("{:<6} {:<28} {:<6} 说明", "代码", "名称", "级别");
            for r in RULES {
                println!(
                    "{:<8} {:<30} {:<6} {}",
                    r.code,
                    r.name,
                    r.default_severity.label(),
                    r.summary
                );
            }
            println!("\n用 xinjian rule 名称 查看某一项的详细说明，如 xinjian rule missing-data");
            0
        }
        Some(n) => match registry::find(&n) {
            Some(r) => {
                println!("{}  默认级别：{}\n", r.code, r.default_severity.label());
                println!("{}", r.doc);
                0
            }
            None => {
                eprintln!("xinjian：没有名为“{n}”的检查项。用 xinjian rule 列出全部检查项");
                2
            }
        },
    }
}
