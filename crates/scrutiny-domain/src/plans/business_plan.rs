//! A business plan's framing of each objective and its risk assessment.

use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::period::FinancialYear;

/// A risk rating in a business plan's risk assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

impl RiskLevel {
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "low" => RiskLevel::Low,
            "medium" => RiskLevel::Medium,
            "high" => RiskLevel::High,
            _ => return Err(DomainError::NotOneOf(text.into(), "High, Medium, Low")),
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            RiskLevel::Low => "Low",
            RiskLevel::Medium => "Medium",
            RiskLevel::High => "High",
        }
    }
}

/// How an objective sits in a business plan: its framing and its risk assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectivePlan {
    pub objective: String,
    /// The plan's first year.
    pub year: FinancialYear,
    pub corporate_priority: Option<String>,
    pub area_of_focus: Option<String>,
    pub risk_initial: Option<RiskLevel>,
    pub risk_residual: Option<RiskLevel>,
    pub responsible_officer: Option<String>,
    pub linked_indicators: Option<String>,
}
