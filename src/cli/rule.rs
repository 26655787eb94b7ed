//! `xinjian rule [NAME]`: the list of checks, or one check's documentation, found by
//! [`lookup`] (code, name or Chinese words; a mistyped name gets the closest names).

use super::{Exit, Fatal};
use xinjian::checks::registry::{describe, lookup, Lookup};
use xinjian::checks::RULES;

pub fn run(name: Option<String>) -> Exit {
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
            println!("\n用 xinjian rule 名称 查看某一项的详细说明，如 xinjian rule missing-data 或 xinjian rule 套话");
            Ok(0)
        }
        Some(n) => match lookup(&n) {
            Lookup::One(r) => {
                print!("{}", describe(r));
                Ok(0)
            }
            Lookup::Several(rules) => {
                println!("“{n}”对应 {} 个检查项：", rules.len());
                for r in &rules {
                    println!("  {}  {:<28} {}", r.code, r.name, r.summary);
                }
                println!(
                    "用代码或名称查看其中一项，如 xinjian rule {}",
                    rules[0].code
                );
                Ok(0)
            }
            Lookup::None(near) => {
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    let names: Vec<String> = near
                        .iter()
                        .map(|r| format!("{}（{}，{}）", r.name, r.code, r.summary))
                        .collect();
                    format!("你是不是要找 {}？", names.join("、"))
                };
                Err(Fatal(format!(
                    "没有名为“{n}”的检查项。{hint}用 xinjian rule 列出全部检查项"
                )))
            }
        },
    }
}
