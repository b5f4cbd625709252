//! Why a run did not use the model's answer, and what the user is told.

/// Why the model's answer was not used. The offline engine answers instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// Errors, timeouts or an open circuit breaker.
    Unavailable,
    /// The model answered, but not with something usable.
    Invalid,
    /// Today's token budget is spent.
    Budget,
    /// This address has had today's model-made sets.
    Quota,
}

impl Fallback {
    /// What the page says about a set made offline for this reason.
    pub fn notice(self) -> &'static str {
        match self {
            Self::Unavailable | Self::Invalid => "Generated offline: the model was unavailable.",
            Self::Budget => {
                "Generated offline: this server's daily allowance for the model is used up."
            }
            Self::Quota => {
                "Generated offline: you have had today's model-written sets; more tomorrow."
            }
        }
    }

    /// What the feedback says when the offline coach assessed an answer
    /// for this reason.
    pub fn assessment_notice(self) -> &'static str {
        match self {
            Self::Unavailable | Self::Invalid => {
                "Assessed by the offline coach: the model was unavailable."
            }
            Self::Budget => {
                "Assessed by the offline coach: this server's daily allowance for the model is used up."
            }
            Self::Quota => {
                "Assessed by the offline coach: you have had today's model feedback; more tomorrow."
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Unavailable => "unavailable",
            Self::Invalid => "invalid_output",
            Self::Budget => "budget",
            Self::Quota => "quota",
        }
    }
}
