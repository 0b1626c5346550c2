//! Rating scales: the verdict labels a project uses.
//!
//! A project picks one scale (a preset or its own). Each label has a stable id that claims
//! refer to, display text, a definition (published with reports), an optional number for
//! schema.org `ratingValue`, and a colour for highlights and badges.

use serde::{Deserialize, Serialize};

/// An sRGB colour, stored as `(r, g, b)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    #[must_use]
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2), 0 (black) to 1 (white).
    #[must_use]
    pub fn luminance(self) -> f64 {
        fn channel(c: u8) -> f64 {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Black or white, whichever reads better on this colour.
    #[must_use]
    pub fn text_colour(self) -> Self {
        // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
        let l = self.luminance();
        if (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) {
            Self(0, 0, 0)
        } else {
            Self(255, 255, 255)
        }
    }
}

/// One verdict on a scale.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RatingLabel {
    /// Stable id that claims store (`"mostly-true"`).
    pub id: String,
    /// Display text (`"Mostly True"`).
    pub text: String,
    /// What the label means, published with reports.
    pub definition: String,
    /// Number for schema.org `ratingValue`; `None` for labels off the numeric scale.
    pub value: Option<i32>,
    /// Colour of highlights and badges.
    pub colour: Rgb,
}

/// The built-in scales a project can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ScalePreset {
    /// PolitiFact Truth-O-Meter.
    PolitiFact,
    /// Snopes core ratings.
    Snopes,
    /// AAP FactCheck.
    Aap,
    /// Washington Post Pinocchios.
    WashingtonPost,
    /// Full Fact style: no labels, a one-sentence conclusion.
    ConclusionOnly,
}

impl ScalePreset {
    /// Every preset, in menu order.
    pub const ALL: [Self; 5] = [
        Self::PolitiFact,
        Self::Snopes,
        Self::Aap,
        Self::WashingtonPost,
        Self::ConclusionOnly,
    ];

    /// Human name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::PolitiFact => "PolitiFact Truth-O-Meter",
            Self::Snopes => "Snopes",
            Self::Aap => "AAP FactCheck",
            Self::WashingtonPost => "Washington Post Pinocchios",
            Self::ConclusionOnly => "Conclusion only (Full Fact style)",
        }
    }

    /// The scale this preset defines.
    #[must_use]
    pub fn scale(self) -> RatingScale {
        let labels = match self {
            Self::PolitiFact => vec![
                label(
                    "true",
                    "True",
                    "The statement is accurate and nothing significant is missing.",
                    Some(6),
                    GREEN,
                ),
                label(
                    "mostly-true",
                    "Mostly True",
                    "The statement is accurate but needs clarification or additional information.",
                    Some(5),
                    LIGHT_GREEN,
                ),
                label(
                    "half-true",
                    "Half True",
                    "The statement is partially accurate but leaves out important details or takes things out of context.",
                    Some(4),
                    YELLOW,
                ),
                label(
                    "mostly-false",
                    "Mostly False",
                    "The statement contains an element of truth but ignores critical facts that would give a different impression.",
                    Some(3),
                    ORANGE,
                ),
                label(
                    "false",
                    "False",
                    "The statement is not accurate.",
                    Some(2),
                    RED,
                ),
                label(
                    "pants-on-fire",
                    "Pants on Fire",
                    "The statement is not accurate and makes a ridiculous claim.",
                    Some(1),
                    DARK_RED,
                ),
            ],
            Self::Snopes | Self::Aap => {
                let mut labels = vec![
                    label(
                        "true",
                        "True",
                        "The primary elements of the claim are demonstrably true.",
                        Some(5),
                        GREEN,
                    ),
                    label(
                        "mostly-true",
                        "Mostly True",
                        "The primary elements are true, but some details are inaccurate or missing.",
                        Some(4),
                        LIGHT_GREEN,
                    ),
                    label(
                        "mixture",
                        "Mixture",
                        "The claim has significant elements of both truth and falsity.",
                        Some(3),
                        YELLOW,
                    ),
                    label(
                        "mostly-false",
                        "Mostly False",
                        "The primary elements are false, though some details are accurate.",
                        Some(2),
                        ORANGE,
                    ),
                    label(
                        "false",
                        "False",
                        "The primary elements of the claim are demonstrably false.",
                        Some(1),
                        RED,
                    ),
                ];
                if self == Self::Snopes {
                    labels.push(label("unproven", "Unproven", "There is not enough evidence to establish the claim as true, but it cannot be shown to be false.", None, GREY));
                    labels.push(label(
                        "outdated",
                        "Outdated",
                        "The claim was once true (or false) but circumstances have changed.",
                        None,
                        PURPLE,
                    ));
                } else {
                    labels.push(label("misleading", "Misleading", "The claim contains accurate elements but is presented in a way that gives a false impression.", None, PURPLE));
                    labels.push(label(
                        "unproven",
                        "Unproven",
                        "There is not enough evidence to establish the claim as true or false.",
                        None,
                        GREY,
                    ));
                }
                labels
            }
            Self::WashingtonPost => vec![
                label(
                    "geppetto-checkmark",
                    "Geppetto Checkmark",
                    "The truth, the whole truth, and nothing but the truth.",
                    Some(5),
                    GREEN,
                ),
                label(
                    "one-pinocchio",
                    "One Pinocchio",
                    "Some shading of the facts: selective telling, some omissions and exaggerations.",
                    Some(4),
                    LIGHT_GREEN,
                ),
                label(
                    "two-pinocchios",
                    "Two Pinocchios",
                    "Significant omissions and/or exaggerations; misleading, though not necessarily false.",
                    Some(3),
                    YELLOW,
                ),
                label(
                    "three-pinocchios",
                    "Three Pinocchios",
                    "Significant factual error and/or obvious contradictions.",
                    Some(2),
                    ORANGE,
                ),
                label(
                    "four-pinocchios",
                    "Four Pinocchios",
                    "Whoppers.",
                    Some(1),
                    RED,
                ),
                label(
                    "upside-down-pinocchio",
                    "Upside-down Pinocchio",
                    "A clear but unacknowledged change of position (a flip-flop).",
                    None,
                    PURPLE,
                ),
            ],
            Self::ConclusionOnly => Vec::new(),
        };
        RatingScale {
            name: self.name().to_owned(),
            preset: Some(self),
            labels,
        }
    }
}

/// The scale a project rates claims on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RatingScale {
    /// Name shown in the UI and reports.
    pub name: String,
    /// The preset it started from, if any (labels may have been edited since).
    pub preset: Option<ScalePreset>,
    /// Verdicts, best first. Empty for a conclusion-only scale.
    pub labels: Vec<RatingLabel>,
}

impl Default for RatingScale {
    fn default() -> Self {
        ScalePreset::PolitiFact.scale()
    }
}

impl RatingScale {
    /// The label with this id.
    #[must_use]
    pub fn label(&self, label_id: &str) -> Option<&RatingLabel> {
        self.labels.iter().find(|l| l.id == label_id)
    }

    /// Label whose id or text matches `query` (case-insensitive), for the CLI.
    #[must_use]
    pub fn find(&self, query: &str) -> Option<&RatingLabel> {
        let q = query.trim();
        self.labels
            .iter()
            .find(|l| l.id.eq_ignore_ascii_case(q) || l.text.eq_ignore_ascii_case(q))
    }

    /// Whether the scale has no labels (a conclusion is the verdict).
    #[must_use]
    pub fn is_conclusion_only(&self) -> bool {
        self.labels.is_empty()
    }

    /// Best and worst numeric values, when any label has one.
    #[must_use]
    pub fn numeric_range(&self) -> Option<(i32, i32)> {
        let values = self.labels.iter().filter_map(|l| l.value);
        let best = values.clone().max()?;
        let worst = values.min()?;
        Some((best, worst))
    }
}

/// Colour of claims that have no verdict yet.
pub const UNRATED: Rgb = Rgb(0x8a, 0xa4, 0xc8);
const GREEN: Rgb = Rgb(0x2e, 0x7d, 0x32);
const LIGHT_GREEN: Rgb = Rgb(0x7c, 0xb3, 0x42);
const YELLOW: Rgb = Rgb(0xf9, 0xa8, 0x25);
const ORANGE: Rgb = Rgb(0xef, 0x6c, 0x00);
const RED: Rgb = Rgb(0xd3, 0x2f, 0x2f);
const DARK_RED: Rgb = Rgb(0x8e, 0x0e, 0x0e);
const GREY: Rgb = Rgb(0x75, 0x75, 0x75);
const PURPLE: Rgb = Rgb(0x7b, 0x1f, 0xa2);

fn label(id: &str, text: &str, definition: &str, value: Option<i32>, colour: Rgb) -> RatingLabel {
    RatingLabel {
        id: id.to_owned(),
        text: text.to_owned(),
        definition: definition.to_owned(),
        value,
        colour,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_have_unique_ids_and_expected_labels() {
        for preset in ScalePreset::ALL {
            let scale = preset.scale();
            let mut ids: Vec<_> = scale.labels.iter().map(|l| l.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), scale.labels.len(), "{preset:?}");
        }
        let texts: Vec<_> = ScalePreset::PolitiFact
            .scale()
            .labels
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(
            texts,
            [
                "True",
                "Mostly True",
                "Half True",
                "Mostly False",
                "False",
                "Pants on Fire"
            ]
        );
        assert!(ScalePreset::ConclusionOnly.scale().is_conclusion_only());
        assert_eq!(
            ScalePreset::PolitiFact.scale().numeric_range(),
            Some((6, 1))
        );
    }

    #[test]
    fn badge_text_has_contrast() {
        assert_eq!(GREEN.text_colour(), Rgb(255, 255, 255));
        assert_eq!(YELLOW.text_colour(), Rgb(0, 0, 0));
        assert_eq!(Rgb(0, 0, 0).hex(), "#000000");
    }

    #[test]
    fn find_matches_id_or_text() {
        let scale = ScalePreset::PolitiFact.scale();
        assert_eq!(
            scale.find("pants on fire").map(|l| l.id.as_str()),
            Some("pants-on-fire")
        );
        assert_eq!(scale.find("HALF-TRUE").map(|l| l.value), Some(Some(4)));
        assert!(scale.find("nonsense").is_none());
    }
}
