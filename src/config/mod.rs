//! `xinjian.toml`: options → resolved settings (region, thresholds, length budgets, scoring
//! rules, per-check severities). Unknown keys and bad values are errors that name the file,
//! the line and the key. `xinjian config` prints the effective settings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::category::Category;
pub use crate::category::PerCategory;
pub use crate::checks::Thresholds;
use crate::checks::{registry, Severity};

/// The file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The jurisdiction: a province, city or county name (温州市). Places outside are marked.
    pub region: Option<String>,
    /// Lowest severity that makes `xinjian check` exit 1: error, warning, info or never.
    pub fail_on: Option<String>,
    /// A folder of the office's own word lists, layered on the shipped ones.
    pub lexicons: Option<PathBuf>,
    /// The archive index folder (default `xinjian-index` in the working folder).
    pub index: Option<PathBuf>,
    /// The 报送台账 (.xlsx or .csv) the audit reads categories and adoptions from.
    pub ledger: Option<PathBuf>,
    /// The units expected to report: one that sent nothing is listed with 0 items.
    #[serde(default)]
    pub units: Vec<String>,
    /// `xinjian serve`: the password the browser asks for (required to listen beyond this
    /// computer).
    pub password: Option<String>,
    /// `xinjian serve`: the largest upload in MB (default 20).
    pub upload_limit_mb: Option<u64>,
    /// Per-check severity or `off`, keyed by name (missing-data) or code (X001).
    #[serde(default)]
    pub checks: BTreeMap<String, String>,
    /// Body length budgets in characters, per category: `problem = [500, 2500]`.
    #[serde(default)]
    pub length: PerCategory<[usize; 2]>,
    #[serde(default)]
    pub thresholds: ThresholdsFile,
    #[serde(default)]
    pub scoring: ScoringFile,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdsFile {
    pub cliche_per_100: Option<f64>,
    pub empty_sentence_share: Option<f64>,
    pub stale_event_days: Option<i64>,
    pub title_max_chars: Option<usize>,
    pub stale_topic_days: Option<i64>,
    pub stale_topic_count: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringFile {
    /// `max`: several adoptions of one item count once, the highest; `sum`: they add up.
    pub combine: Option<String>,
    /// Points for an adoption, per channel (matched as a substring of the item's 采用 line)
    /// and category.
    pub adoption: Option<BTreeMap<String, PerCategory<f64>>>,
    /// Bonus points for a leader's 批示, per level (matched in the item's 批示 line).
    pub instruction: Option<BTreeMap<String, f64>>,
    /// Penalties (negative points), per kind (matched in the item's 扣分 line: 失实, 约稿未报).
    pub penalty: Option<BTreeMap<String, f64>>,
}

/// Effective scoring rules (计分办法).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scoring {
    pub combine: String,
    pub adoption: BTreeMap<String, PerCategory<f64>>,
    pub instruction: BTreeMap<String, f64>,
    pub penalty: BTreeMap<String, f64>,
}

/// Settings after validation, with defaults filled in.
#[derive(Debug, Clone)]
pub struct Config {
    pub region: Option<String>,
    pub fail_on: Option<Severity>,
    pub fail_never: bool,
    pub lexicons: Option<PathBuf>,
    pub index: Option<PathBuf>,
    pub ledger: Option<PathBuf>,
    pub units: Vec<String>,
    /// `xinjian serve`'s password, if set.
    pub password: Option<String>,
    /// `xinjian serve`'s largest upload in MB.
    pub upload_limit_mb: u64,
    /// Check name → severity (`None` = off), for the checks the file mentions.
    pub severities: BTreeMap<&'static str, Option<Severity>>,
    pub length: PerCategory<[usize; 2]>,
    pub thresholds: Thresholds,
    pub scoring: Scoring,
    /// Where it was read from.
    pub source: Option<PathBuf>,
}

/// Length budgets when the file sets none: 动态 about 200–500 字 (issue 3), other kinds
/// longer; the seed speech sets no numbers, so these are editable defaults.
pub fn default_length() -> PerCategory<[usize; 2]> {
    PerCategory {
        problem: Some([500, 2500]),
        research: Some([1000, 5000]),
        experience: Some([500, 2500]),
        special: Some([300, 2500]),
        dynamic: Some([200, 500]),
    }
}

/// The seed speech's own figures: an adopted 调研报告 50 points, an adopted 典型经验 30, a
/// provincial leader's 批示 +30. Everything else is for the office to set.
pub fn default_scoring() -> Scoring {
    let mut adoption = BTreeMap::new();
    adoption.insert(
        "省委办公厅".to_string(),
        PerCategory {
            research: Some(50.0),
            experience: Some(30.0),
            ..PerCategory::default()
        },
    );
    let mut instruction = BTreeMap::new();
    instruction.insert("省领导".to_string(), 30.0);
    Scoring {
        combine: "max".into(),
        adoption,
        instruction,
        penalty: BTreeMap::new(),
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            region: None,
            fail_on: None,
            fail_never: false,
            lexicons: None,
            index: None,
            ledger: None,
            units: Vec::new(),
            password: None,
            upload_limit_mb: 20,
            severities: BTreeMap::new(),
            length: default_length(),
            thresholds: Thresholds {
                cliche_per_100: 1.0,
                empty_sentence_share: 0.6,
                stale_event_days: 7,
                title_max_chars: 45,
                stale_topic_days: 365,
                stale_topic_count: 2,
            },
            scoring: default_scoring(),
            source: None,
        }
    }
}

/// The archive folder when none is configured, relative to the working folder.
pub const DEFAULT_INDEX: &str = "xinjian-index";

/// A configuration problem, in Chinese, naming file and key.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

impl Config {
    /// Reads `path` if given, else `xinjian.toml` in the working folder if it exists.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match path {
            Some(p) => Some(p.to_path_buf()),
            None => Some(PathBuf::from("xinjian.toml")).filter(|p| p.is_file()),
        };
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let text = std::fs::read(&path)
            .map_err(|e| ConfigError(format!("{}：无法读取配置文件（{e}）", path.display())))?;
        let text = String::from_utf8(text).map_err(|_| {
            ConfigError(format!(
                "{}：配置文件不是 UTF-8 编码，请用记事本“另存为 UTF-8”",
                path.display()
            ))
        })?;
        let mut c = Config::parse(&text, &path.display().to_string())?;
        // Folders are relative to the configuration file, as a user reading it would expect.
        let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        for dir in [&mut c.lexicons, &mut c.index, &mut c.ledger]
            .into_iter()
            .flatten()
        {
            if dir.is_relative() {
                *dir = base.join(&*dir);
            }
        }
        c.source = Some(path);
        Ok(c)
    }

    /// Parses configuration text; `name` is used in messages.
    pub fn parse(text: &str, name: &str) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .and_then(|s| text.get(..s.start))
                .map(|before| before.matches('\n').count() + 1);
            let raw = e.message().trim();
            let translated = raw
                .replace("unknown field", "未知的配置项")
                .replace("expected one of", "可用的有")
                .replace("invalid type", "类型不对")
                .replace("invalid value", "值不对")
                .replace("missing field", "缺少配置项")
                .replace("expected", "应为");
            // A key or value the schema refuses reads well translated; a syntax error (a
            // missing `=`, an unclosed string) does not: say so in Chinese and keep the
            // parser's words for whoever helps the user.
            let known = [
                "unknown field",
                "invalid type",
                "invalid value",
                "missing field",
            ]
            .iter()
            .any(|k| raw.starts_with(k));
            let msg = if known {
                translated
            } else {
                format!(
                    "不符合 TOML 写法（每行写“键 = 值”，文字值加英文双引号；解析器的说明：{raw}）"
                )
            };
            match line {
                Some(l) => ConfigError(format!("{name}:{l}：{msg}")),
                None => ConfigError(format!("{name}：{msg}")),
            }
        })?;
        let line_of = |key: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(key) || l.contains(&format!("\"{key}\"")))
                .map(|i| i + 1)
                .unwrap_or(0)
        };
        let err = |key: &str, msg: String| ConfigError(format!("{name}:{}：{msg}", line_of(key)));
        let defaults = Config::default();
        let mut c = Config {
            region: file.region,
            lexicons: file.lexicons,
            index: file.index,
            ledger: file.ledger,
            units: file.units,
            password: file.password.filter(|p| !p.is_empty()),
            upload_limit_mb: file.upload_limit_mb.unwrap_or(defaults.upload_limit_mb),
            ..Config::default()
        };
        if c.upload_limit_mb == 0 || c.upload_limit_mb > 1024 {
            return Err(err(
                "upload_limit_mb",
                "upload_limit_mb 应在 1 到 1024 之间（单位 MB）".into(),
            ));
        }
        if let Some(f) = file.fail_on {
            if f == "never" {
                c.fail_never = true;
            } else {
                c.fail_on = Some(Severity::parse(&f).ok_or_else(|| {
                    err(
                        "fail_on",
                        format!("fail_on 的值“{f}”无效，可用 error、warning、info、never"),
                    )
                })?);
            }
        }
        for (key, value) in file.checks {
            let rule = registry::find(&key).ok_or_else(|| {
                err(
                    &key,
                    format!("[checks] 中的“{key}”不是已知的检查项（xinjian rule 可列出全部）"),
                )
            })?;
            let sev = if value == "off" {
                None
            } else {
                Some(Severity::parse(&value).ok_or_else(|| {
                    err(
                        &key,
                        format!("[checks] {key} 的值“{value}”无效，可用 error、warning、info、off"),
                    )
                })?)
            };
            c.severities.insert(rule.name, sev);
        }
        c.length = file.length.or(&defaults.length);
        for cat in Category::ALL {
            if let Some([lo, hi]) = c.length.get(cat) {
                if lo >= hi {
                    return Err(err(
                        cat.id(),
                        format!("[length] {} 的下限 {lo} 不小于上限 {hi}", cat.id()),
                    ));
                }
            }
        }
        let t = file.thresholds;
        let d = &defaults.thresholds;
        c.thresholds = Thresholds {
            cliche_per_100: t.cliche_per_100.unwrap_or(d.cliche_per_100),
            empty_sentence_share: t.empty_sentence_share.unwrap_or(d.empty_sentence_share),
            stale_event_days: t.stale_event_days.unwrap_or(d.stale_event_days),
            title_max_chars: t.title_max_chars.unwrap_or(d.title_max_chars),
            stale_topic_days: t.stale_topic_days.unwrap_or(d.stale_topic_days),
            stale_topic_count: t.stale_topic_count.unwrap_or(d.stale_topic_count).max(1),
        };
        if !(0.0..=1.0).contains(&c.thresholds.empty_sentence_share) {
            return Err(err(
                "empty_sentence_share",
                "empty_sentence_share 应在 0 到 1 之间".into(),
            ));
        }
        if c.thresholds.cliche_per_100 <= 0.0 {
            return Err(err("cliche_per_100", "cliche_per_100 应大于 0".into()));
        }
        if c.thresholds.stale_event_days < 0 {
            return Err(err(
                "stale_event_days",
                "stale_event_days 不能为负数".into(),
            ));
        }
        let s = file.scoring;
        let ds = defaults.scoring;
        c.scoring = Scoring {
            combine: s.combine.unwrap_or(ds.combine),
            adoption: s.adoption.unwrap_or(ds.adoption),
            instruction: s.instruction.unwrap_or(ds.instruction),
            penalty: s.penalty.unwrap_or(ds.penalty),
        };
        if !["max", "sum"].contains(&c.scoring.combine.as_str()) {
            return Err(err(
                "combine",
                format!(
                    "[scoring] combine 的值“{}”无效，可用 max（只计最高一次）或 sum（累加）",
                    c.scoring.combine
                ),
            ));
        }
        Ok(c)
    }

    /// The severity of a rule after configuration; `None` = off.
    pub fn severity_of(&self, rule: &registry::Rule) -> Option<Severity> {
        match self.severities.get(rule.name) {
            Some(s) => *s,
            None => Some(rule.default_severity),
        }
    }

    /// The archive folder: configured, or `xinjian-index` in the working folder.
    pub fn index_dir(&self) -> PathBuf {
        self.index
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
    }

    /// The effective settings as `xinjian.toml` text, every default written out.
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            region: Option<&'a str>,
            fail_on: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            lexicons: Option<String>,
            index: String,
            #[serde(skip_serializing_if = "Option::is_none")]
            ledger: Option<String>,
            units: &'a [String],
            upload_limit_mb: u64,
            checks: BTreeMap<&'a str, &'a str>,
            length: &'a PerCategory<[usize; 2]>,
            thresholds: &'a Thresholds,
            scoring: &'a Scoring,
        }
        let checks = registry::RULES
            .iter()
            .map(|r| (r.name, self.severity_of(r).map(|s| s.id()).unwrap_or("off")))
            .collect();
        let out = Out {
            region: self.region.as_deref(),
            fail_on: if self.fail_never {
                "never"
            } else {
                self.fail_on.unwrap_or(Severity::Error).id()
            },
            lexicons: self.lexicons.as_ref().map(|p| p.display().to_string()),
            index: self.index_dir().display().to_string(),
            ledger: self.ledger.as_ref().map(|p| p.display().to_string()),
            units: &self.units,
            upload_limit_mb: self.upload_limit_mb,
            checks,
            length: &self.length,
            thresholds: &self.thresholds,
            scoring: &self.scoring,
        };
        toml::to_string(&out).expect("configuration serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates() {
        let c = Config::parse(
            "region = \"温州市\"\nfail_on = \"warning\"\n[checks]\ncliche = \"off\"\nX001 = \"warning\"\n[length]\ndynamic = [150, 600]\n[scoring.adoption.\"省委办公厅\"]\nproblem = 20\n",
            "x.toml",
        )
        .unwrap();
        assert_eq!(c.region.as_deref(), Some("温州市"));
        assert_eq!(c.fail_on, Some(Severity::Warning));
        assert_eq!(c.severities.get("cliche"), Some(&None));
        assert_eq!(
            c.severities.get("missing-data"),
            Some(&Some(Severity::Warning))
        );
        assert_eq!(c.length.get(Category::Dynamic), Some([150, 600]));
        assert_eq!(c.length.get(Category::Problem), Some([500, 2500]));
        assert_eq!(c.scoring.adoption["省委办公厅"].problem, Some(20.0));
        for (bad, want) in [
            ("regin = \"温州市\"\n", "x.toml:1："),
            ("[checks]\nno-such = \"off\"\n", "x.toml:2"),
            ("[checks]\ncliche = \"loud\"\n", "loud"),
            ("[length]\ndynamic = [600, 200]\n", "下限"),
            (
                "[thresholds]\nempty_sentence_share = 3\n",
                "empty_sentence_share",
            ),
            ("[scoring]\ncombine = \"avg\"\n", "combine"),
            ("[thresholds]\nunknown = 1\n", "unknown"),
        ] {
            let e = Config::parse(bad, "x.toml").unwrap_err().to_string();
            assert!(e.contains(want), "{bad}: {e}");
        }
    }

    #[test]
    fn effective_configuration_round_trips() {
        let c = Config::default();
        let text = c.to_toml();
        assert!(text.contains("missing-data = \"error\""), "{text}");
        let back = Config::parse(&text, "effective.toml").unwrap();
        assert_eq!(back.length, c.length);
        assert_eq!(back.thresholds, c.thresholds);
        assert_eq!(back.scoring, c.scoring);
    }
}
