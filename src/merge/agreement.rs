//! Agreement between two reviewers on verdict labels: percent agreement and Cohen's kappa.

use std::collections::BTreeMap;

/// How much two reviewers agree on the verdicts of the claims both rated.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Agreement {
    /// Claims rated in both copies.
    pub both_rated: usize,
    /// Of those, claims with the same verdict.
    pub agreed: usize,
    /// `agreed / both_rated` as a percentage; `None` when nothing was rated by both.
    pub percent: Option<f64>,
    /// Cohen's kappa, agreement corrected for chance (1 = perfect, 0 = chance level);
    /// `None` when nothing was rated by both or chance agreement is already certain (both
    /// reviewers used one and the same label for everything).
    pub kappa: Option<f64>,
}

impl Agreement {
    /// Agreement over pairs of verdict labels (ours, theirs), one pair per claim both rated.
    #[must_use]
    pub fn from_verdicts<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut both_rated = 0_usize;
        let mut agreed = 0_usize;
        let mut ours_counts: BTreeMap<&str, usize> = BTreeMap::new();
        let mut theirs_counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (ours, theirs) in pairs {
            both_rated += 1;
            agreed += usize::from(ours == theirs);
            *ours_counts.entry(ours).or_default() += 1;
            *theirs_counts.entry(theirs).or_default() += 1;
        }
        if both_rated == 0 {
            return Self::default();
        }
        #[expect(
            clippy::cast_precision_loss,
            reason = "claim counts are far below 2^52"
        )]
        let (n, observed) = (both_rated as f64, agreed as f64 / both_rated as f64);
        #[expect(
            clippy::cast_precision_loss,
            reason = "claim counts are far below 2^52"
        )]
        let chance: f64 = ours_counts
            .iter()
            .map(|(label, &count)| {
                let theirs = theirs_counts.get(label).copied().unwrap_or(0);
                (count as f64 / n) * (theirs as f64 / n)
            })
            .sum();
        let kappa = if (1.0 - chance).abs() < 1e-12 {
            None
        } else {
            Some((observed - chance) / (1.0 - chance))
        };
        Self {
            both_rated,
            agreed,
            percent: Some(observed * 100.0),
            kappa,
        }
    }
}

impl std::fmt::Display for Agreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.percent {
            None => f.write_str("no claim is rated in both copies"),
            Some(percent) => {
                write!(
                    f,
                    "{} of {} claims rated in both agree ({percent:.1}%)",
                    self.agreed, self.both_rated
                )?;
                match self.kappa {
                    Some(kappa) => write!(f, ", Cohen's kappa {kappa:.2}"),
                    None => f.write_str(", Cohen's kappa undefined (one label used throughout)"),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_rated_has_no_figures() {
        let a = Agreement::from_verdicts([]);
        assert_eq!(a.both_rated, 0);
        assert_eq!(a.percent, None);
        assert_eq!(a.kappa, None);
        assert_eq!(a.to_string(), "no claim is rated in both copies");
    }

    #[test]
    fn kappa_matches_a_worked_example() {
        // Textbook example: 50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15.
        // po = 0.7, pe = 0.5*0.6 + 0.5*0.4 = 0.5, kappa = 0.4.
        let mut pairs = Vec::new();
        pairs.extend(std::iter::repeat_n(("yes", "yes"), 20));
        pairs.extend(std::iter::repeat_n(("yes", "no"), 5));
        pairs.extend(std::iter::repeat_n(("no", "yes"), 10));
        pairs.extend(std::iter::repeat_n(("no", "no"), 15));
        let a = Agreement::from_verdicts(pairs);
        assert_eq!((a.both_rated, a.agreed), (50, 35));
        assert!((a.percent.unwrap_or_default() - 70.0).abs() < 1e-9);
        assert!((a.kappa.unwrap_or_default() - 0.4).abs() < 1e-9);
        assert_eq!(
            a.to_string(),
            "35 of 50 claims rated in both agree (70.0%), Cohen's kappa 0.40"
        );
    }

    #[test]
    fn one_shared_label_leaves_kappa_undefined() {
        let a = Agreement::from_verdicts([("false", "false"), ("false", "false")]);
        assert_eq!(a.percent, Some(100.0));
        assert_eq!(a.kappa, None);
    }

    #[test]
    fn complete_disagreement_is_below_chance() {
        let a = Agreement::from_verdicts([("true", "false"), ("false", "true")]);
        assert_eq!(a.percent, Some(0.0));
        assert!((a.kappa.unwrap_or_default() + 1.0).abs() < 1e-9);
    }
}
