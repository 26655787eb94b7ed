//! The five kinds of 信息 item the province distinguishes.

use serde::{Deserialize, Serialize};

/// Category of an item: what the province scores it as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// 问题类: a problem, risk or tendency, with causes and suggestions.
    Problem,
    /// 调研类: a research report: findings of an investigation, problems, suggestions.
    Research,
    /// 典型经验: what a place did well and what came of it.
    Experience,
    /// 专报: other special reports (重要情况, 突发事件, 社情民意).
    Special,
    /// 动态: short news of an activity or progress.
    Dynamic,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Problem,
        Category::Research,
        Category::Experience,
        Category::Special,
        Category::Dynamic,
    ];

    /// The JSON id.
    pub fn id(self) -> &'static str {
        match self {
            Category::Problem => "problem",
            Category::Research => "research",
            Category::Experience => "experience",
            Category::Special => "special",
            Category::Dynamic => "dynamic",
        }
    }

    /// The Chinese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Category::Problem => "问题类",
            Category::Research => "调研类",
            Category::Experience => "典型经验",
            Category::Special => "专报",
            Category::Dynamic => "动态类",
        }
    }

    /// Accepts the ids and the usual Chinese names (问题类, 问题, 调研报告, 经验, 专报类 …).
    pub fn parse(s: &str) -> Option<Category> {
        let s = s.trim();
        Some(match s {
            "problem" | "问题类" | "问题" | "问题类信息" | "反映问题" => {
                Category::Problem
            }
            "research" | "调研类" | "调研" | "调研报告" | "调研类信息" => {
                Category::Research
            }
            "experience" | "典型经验" | "经验" | "经验类" | "经验做法" => {
                Category::Experience
            }
            "special" | "专报" | "专报类" | "专报类信息" | "重要情况" => {
                Category::Special
            }
            "dynamic" | "动态" | "动态类" | "工作动态" | "动态类信息" => {
                Category::Dynamic
            }
            _ => return None,
        })
    }
}

/// One optional value per category.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PerCategory<T> {
    pub problem: Option<T>,
    pub research: Option<T>,
    pub experience: Option<T>,
    pub special: Option<T>,
    pub dynamic: Option<T>,
}

impl<T: Clone> PerCategory<T> {
    pub fn get(&self, c: Category) -> Option<T> {
        match c {
            Category::Problem => self.problem.clone(),
            Category::Research => self.research.clone(),
            Category::Experience => self.experience.clone(),
            Category::Special => self.special.clone(),
            Category::Dynamic => self.dynamic.clone(),
        }
    }

    /// `self` where set, else `fallback`.
    pub fn or(self, fallback: &PerCategory<T>) -> PerCategory<T> {
        PerCategory {
            problem: self.problem.or_else(|| fallback.problem.clone()),
            research: self.research.or_else(|| fallback.research.clone()),
            experience: self.experience.or_else(|| fallback.experience.clone()),
            special: self.special.or_else(|| fallback.special.clone()),
            dynamic: self.dynamic.or_else(|| fallback.dynamic.clone()),
        }
    }
}
