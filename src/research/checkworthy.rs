//! Check-worthiness: a transparent linear score in [0, 1] for one sentence, with the reasons
//! (features) that raised or lowered it. Full Fact's claim types are the guide: quantities,
//! comparisons and trends, superlatives, attributed statements, named actors, causes, laws and
//! rules raise the score; questions, opinions, predictions, personal experience, greetings and
//! very short sentences lower it. See `docs/suggestions.md` for the weights and how they were set.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Serialize;

/// Sentences scoring at least this much are suggested.
pub const SUGGEST_THRESHOLD: f32 = 0.5;

/// The intercept of the linear model (a sentence with no feature scores `sigmoid(BIAS)`).
pub const BIAS: f32 = -1.8;

/// One thing the scorer looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Feature {
    /// A number, amount, percentage or money.
    Number,
    /// A comparison or a trend ("more than", "rose", "doubled").
    Comparison,
    /// A superlative or "first/only/record/ever".
    Superlative,
    /// An attribution or a source of data ("said", "according to", "a study").
    Attribution,
    /// A named person, organisation or place (capitalised words, acronyms).
    NamedEntity,
    /// A cause and its effect ("because", "led to", "due to").
    Causal,
    /// Laws, rules, votes, taxes, courts.
    LawOrRule,
    /// A past action or event that a record can confirm ("signed", "lost", "spent").
    Event,
    /// A question.
    Question,
    /// An opinion, a value judgement or an exhortation ("I think", "should", "great").
    Opinion,
    /// A prediction or a promise about the future ("will", "going to"); not counted when the
    /// sentence also reports a past event.
    Prediction,
    /// Personal experience told in the first person singular.
    Personal,
    /// A greeting, thanks or stage direction ("Thank you", "Applause").
    Courtesy,
    /// Fewer than six words.
    TooShort,
}

impl Feature {
    /// Every feature, in the order reasons are listed.
    pub const ALL: [Self; 14] = [
        Self::Number,
        Self::Comparison,
        Self::Superlative,
        Self::Attribution,
        Self::NamedEntity,
        Self::Causal,
        Self::LawOrRule,
        Self::Event,
        Self::Question,
        Self::Opinion,
        Self::Prediction,
        Self::Personal,
        Self::Courtesy,
        Self::TooShort,
    ];

    /// The weight the feature adds to the linear score (negative lowers it).
    #[must_use]
    pub fn weight(self) -> f32 {
        match self {
            Self::Number => 2.2,
            Self::Comparison => 1.2,
            Self::Superlative => 1.2,
            Self::Attribution => 1.0,
            Self::NamedEntity => 0.9,
            Self::Causal => 0.9,
            Self::LawOrRule => 1.0,
            Self::Event => 1.0,
            Self::Question => -3.0,
            Self::Opinion => -1.3,
            Self::Prediction => -1.2,
            Self::Personal => -0.7,
            Self::Courtesy => -2.5,
            Self::TooShort => -1.5,
        }
    }

    /// Short machine code (used in the `tsv` output).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Number => "number",
            Self::Comparison => "comparison",
            Self::Superlative => "superlative",
            Self::Attribution => "attribution",
            Self::NamedEntity => "named-entity",
            Self::Causal => "causal",
            Self::LawOrRule => "law-or-rule",
            Self::Event => "event",
            Self::Question => "question",
            Self::Opinion => "opinion",
            Self::Prediction => "prediction",
            Self::Personal => "personal",
            Self::Courtesy => "courtesy",
            Self::TooShort => "too-short",
        }
    }

    /// What a checker reads.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Number => "a number or quantity",
            Self::Comparison => "a comparison or trend",
            Self::Superlative => "a superlative or first/only/record",
            Self::Attribution => "attributed or sourced",
            Self::NamedEntity => "names a person, organisation or place",
            Self::Causal => "a claim about a cause",
            Self::LawOrRule => "about a law or rule",
            Self::Event => "a past action or event",
            Self::Question => "a question",
            Self::Opinion => "an opinion or exhortation",
            Self::Prediction => "a prediction or promise",
            Self::Personal => "personal experience",
            Self::Courtesy => "a greeting or thanks",
            Self::TooShort => "very short",
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// Why a sentence scored as it did: one fired feature and the words that fired it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    /// The feature.
    pub feature: Feature,
    /// Its weight in the linear score.
    pub weight: f32,
    /// Up to three words of the sentence that fired it (empty for structural features).
    pub evidence: Vec<String>,
}

impl Reason {
    /// "a number or quantity (“3.5”, “million”)".
    #[must_use]
    pub fn describe(&self) -> String {
        if self.evidence.is_empty() {
            self.feature.label().to_owned()
        } else {
            let quoted: Vec<String> = self.evidence.iter().map(|w| format!("“{w}”")).collect();
            format!("{} ({})", self.feature.label(), quoted.join(", "))
        }
    }
}

/// A sentence's check-worthiness.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    /// `sigmoid(BIAS + sum of fired weights)`, in [0, 1].
    pub score: f32,
    /// Whether `score >= SUGGEST_THRESHOLD`.
    pub suggested: bool,
    /// Fired features, strongest first.
    pub reasons: Vec<Reason>,
}

const fn bits(features: &[Feature]) -> u16 {
    let mut out = 0u16;
    let mut i = 0;
    while i < features.len() {
        out |= 1 << (features[i] as u16);
        i += 1;
    }
    out
}

/// Lexicon: lowercased words and two-word phrases, each with the features it fires.
static LEXICON: LazyLock<HashMap<&'static str, u16>> = LazyLock::new(|| {
    use Feature as F;
    let groups: &[(&[Feature], &str)] = &[
        (
            &[F::Number],
            "hundred hundreds thousand thousands million millions billion billions trillion \
             trillions percent per_cent percentage half twice dozen dozens double triple quarter \
             third thirds one-third two-thirds one-fifth majority minority average median rate \
             rates zero none two three four five six seven eight nine ten eleven twelve \
             thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty \
             fifty sixty seventy eighty ninety",
        ),
        (
            &[F::Comparison],
            "more less fewer higher lower increase increased increases increasing decrease \
             decreased decreases rise rises rose risen rising fall falls fell fallen drop dropped \
             drops grew grown growth grow doubled tripled halved quadrupled declined decline \
             declining than compared since faster slower bigger smaller larger cheaper costlier \
             surged soared plunged shrank shrunk up_from down_from outpaced exceeded exceeds \
             above below overtaken",
        ),
        (
            &[F::Superlative],
            "most least best worst largest biggest highest lowest greatest fastest first only \
             record ever never_before all-time longest shortest smallest strongest weakest \
             richest poorest deadliest safest oldest youngest top unprecedented single \
             historic number_one last_time",
        ),
        (
            &[F::Attribution],
            "said says according_to reported reports announced stated told claimed confirmed \
             estimated estimates found shows showed data survey poll polls study studies \
             statistics census figures researchers analysis official officials tweeted \
             warned concluded disputed testified wrote posted insisted acknowledged",
        ),
        (
            &[F::Causal],
            "because caused causes causing due_to led_to leads_to result_of as_a thanks_to \
             responsible blame blamed linked consequence therefore since_then resulted",
        ),
        (
            &[F::LawOrRule],
            "law laws bill bills act legal illegal illegally legislation regulation \
             regulations rule rules constitution constitutional unconstitutional court courts \
             ban banned bans mandate mandatory treaty passed vote voted votes veto vetoed tax \
             taxes taxed tariff tariffs amendment statute sanctions congress parliament \
             senate ruling ruled lawful unlawful requires required",
        ),
        (
            &[F::Event],
            "signed created lost spent cost costs paid built killed died won invested hired \
             fired raised reduced funded received elected appointed launched closed opened \
             added cut ended started deployed arrested convicted sold bought borrowed owed \
             approved rejected denied admitted spent visited met withdrew invaded attacked \
             hacked interfered destroyed tested discussed struck failed shuttered legalizes \
             legalized classified became held took",
        ),
        (
            &[F::Opinion],
            "think believe feel should must ought hope wish want need needs beautiful \
             wonderful terrible horrible great greatest_nation amazing incredible proud shame \
             disgrace deserve deserves love honor honored honoured bless glad happy sad \
             fantastic tremendous frankly my_view my_opinion let_us let's lets imagine \
             together dream courage spirit values believe_in can_do right_thing",
        ),
        (
            &[F::Prediction],
            "will won't 'll going_to would could might tomorrow future soon plan plans promise \
             promised expect expects predict predicts intend intends forecast someday \
             i'll we'll they'll shall",
        ),
        (&[F::Personal], "i me my mine myself i'm i've i'd i'll"),
        (
            &[F::Courtesy],
            "thank_you thanks good_evening good_morning good_afternoon good_night ladies_and \
             applause laughter god_bless welcome hello cheers mr_speaker madam_speaker \
             congratulations",
        ),
    ];
    let mut map: HashMap<&'static str, u16> = HashMap::new();
    for (features, words) in groups {
        let mask = bits(features);
        for word in words.split_whitespace() {
            let word: &'static str = Box::leak(word.replace('_', " ").into_boxed_str());
            *map.entry(word).or_insert(0) |= mask;
        }
    }
    map
});

/// Capitalised words that are not names: the pronoun "I", stage directions, and titles (the
/// name after a title counts).
const NOT_NAMES: &[&str] = &[
    "I", "I'm", "I've", "I'd", "I'll", "OK", "Applause", "Laughter", "Mr", "Mrs", "Ms", "Dr",
];

/// Score one sentence.
#[must_use]
pub fn score_sentence(sentence: &str) -> Score {
    let mut fired: u16 = 0;
    let mut evidence: [Vec<String>; 14] = Default::default();
    let mut note = |f: Feature, word: &str, fired: &mut u16| {
        *fired |= f.bit();
        let slot = &mut evidence[f as usize];
        if slot.len() < 3 && !slot.iter().any(|w| w == word) {
            slot.push(word.to_owned());
        }
    };
    if sentence.contains(['%', '$', '£', '€']) {
        let symbol: String = sentence
            .chars()
            .filter(|c| matches!(c, '%' | '$' | '£' | '€'))
            .take(1)
            .collect();
        note(Feature::Number, &symbol, &mut fired);
    }
    let mut previous = String::new();
    let mut lower = String::new();
    let mut pair = String::new();
    let mut words = 0usize;
    for (i, word) in words_of(sentence).enumerate() {
        words += 1;
        if word.chars().any(|c| c.is_ascii_digit()) {
            note(Feature::Number, word, &mut fired);
        }
        lower.clear();
        for c in word.chars() {
            // Typographic apostrophes count as plain ones.
            lower.extend(if c == '\u{2019}' { '\'' } else { c }.to_lowercase());
        }
        if let Some(&mask) = LEXICON.get(lower.as_str()) {
            for f in Feature::ALL {
                if mask & f.bit() != 0 {
                    note(f, word, &mut fired);
                }
            }
        } else if is_past_tense(&lower) {
            note(Feature::Event, word, &mut fired);
        }
        if !previous.is_empty() {
            pair.clear();
            pair.push_str(&previous);
            pair.push(' ');
            pair.push_str(&lower);
            if let Some(&mask) = LEXICON.get(pair.as_str()) {
                for f in Feature::ALL {
                    if mask & f.bit() != 0 {
                        note(f, &pair, &mut fired);
                    }
                }
            }
        }
        if i > 0 && is_name_like(word) {
            note(Feature::NamedEntity, word, &mut fired);
        }
        std::mem::swap(&mut previous, &mut lower);
    }
    if sentence
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ' '])
        .ends_with('?')
    {
        fired |= Feature::Question.bit();
    }
    if words < 6 {
        fired |= Feature::TooShort.bit();
    }
    // A sentence that reports a past event is checkable even when it mentions an aim ("we
    // discussed a unit so that hacking will be guarded"): the prediction does not count then.
    // Everything else adds up as it is.
    if fired & Feature::Event.bit() != 0 {
        fired &= !Feature::Prediction.bit();
    }
    let mut reasons: Vec<Reason> = Feature::ALL
        .into_iter()
        .filter(|f| fired & f.bit() != 0)
        .map(|f| Reason {
            feature: f,
            weight: f.weight(),
            evidence: std::mem::take(&mut evidence[f as usize]),
        })
        .collect();
    let linear = BIAS + reasons.iter().map(|r| r.weight).sum::<f32>();
    let score = 1.0 / (1.0 + (-linear).exp());
    reasons.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    Score {
        score,
        suggested: score >= SUGGEST_THRESHOLD,
        reasons,
    }
}

/// Words of a sentence: runs of letters, digits and in-word punctuation (`'`, `’`, `-`, `.`,
/// `,` between digits), so "3.5", "1,200", "don't" and "one-third" stay whole.
fn words_of(sentence: &str) -> impl Iterator<Item = &str> {
    sentence
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '-' | '.' | ',')))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            // Periods and commas stay inside numbers ("3.5", "1,200") and dotted acronyms
            // ("U.S"); elsewhere they separate words ("said,then").
            let keep = !w.contains([',', '.'])
                || w.chars().any(|c| c.is_ascii_digit())
                || (!w.contains(',') && w.split('.').all(|p| p.chars().count() <= 2));
            let parts: Vec<&str> = if keep {
                vec![w]
            } else {
                w.split([',', '.']).filter(|p| !p.is_empty()).collect()
            };
            parts
        })
}

/// Words ending in "-ed" that are not past actions (feelings, adjectives, "hundred").
const NOT_PAST: &[&str] = &[
    "hundred",
    "indeed",
    "united",
    "proceed",
    "succeed",
    "exceed",
    "interested",
    "concerned",
    "tired",
    "scared",
    "worried",
    "pleased",
    "excited",
    "blessed",
    "prepared",
    "committed",
    "dedicated",
    "determined",
    "supposed",
    "based",
    "sacred",
    "hatred",
    "kindred",
    "naked",
    "wicked",
    "beloved",
    "talented",
    "skilled",
    "advanced",
    "detailed",
    "limited",
    "needed",
    "honored",
    "honoured",
    "inspired",
    "deserved",
    "hoped",
    "wished",
    "wanted",
    "believed",
];

/// A regular past tense or participle ("tweeted", "shuttered"): a past action a record can
/// confirm.
fn is_past_tense(lower: &str) -> bool {
    lower.len() >= 5
        && lower.ends_with("ed")
        && !lower.ends_with("eed")
        && lower.chars().all(char::is_alphabetic)
        && !NOT_PAST.contains(&lower)
}

fn is_name_like(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() || NOT_NAMES.contains(&word) {
        return false;
    }
    // An acronym ("NATO", "U.S.") or a capitalised word ("Putin").
    word.chars().count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(sentence: &str) -> Vec<&'static str> {
        let mut codes: Vec<&str> = score_sentence(sentence)
            .reasons
            .iter()
            .map(|r| r.feature.code())
            .collect();
        codes.sort_unstable();
        codes
    }

    #[test]
    fn statistic_with_trend_is_suggested_with_its_reasons() {
        let s = score_sentence(
            "Unemployment fell to 3.5 percent last year, the lowest rate since 1969.",
        );
        assert!(s.suggested, "{s:?}");
        assert!(s.score > 0.9, "{s:?}");
        let number = s.reasons.iter().find(|r| r.feature == Feature::Number);
        let number = number.expect("number reason");
        assert!(number.evidence.contains(&"3.5".to_owned()), "{number:?}");
        let c = codes("Unemployment fell to 3.5 percent last year, the lowest rate since 1969.");
        for code in ["number", "comparison", "superlative"] {
            assert!(c.contains(&code), "{code} missing from {c:?}");
        }
    }

    #[test]
    fn questions_opinions_and_greetings_are_not_suggested() {
        for sentence in [
            "Do we really want to go back to the failed policies of the past?",
            "I think this is a wonderful country and we should be proud of it.",
            "Thank you, and God bless America.",
            "We will build a future worthy of our children.",
        ] {
            let s = score_sentence(sentence);
            assert!(!s.suggested, "{sentence}: {s:?}");
        }
        assert!(codes("Do we really want that?").contains(&"question"));
        assert!(codes("I think we should be proud of it.").contains(&"opinion"));
        assert!(codes("We will win.").contains(&"prediction"));
        assert!(codes("Thank you all so very much for coming.").contains(&"courtesy"));
    }

    #[test]
    fn attribution_law_causal_and_names_are_reasons() {
        let c = codes(
            "According to the Congressional Budget Office, the law cut the deficit because \
             health costs grew more slowly.",
        );
        for code in [
            "attribution",
            "named-entity",
            "law-or-rule",
            "causal",
            "comparison",
        ] {
            assert!(c.contains(&code), "{code} missing from {c:?}");
        }
    }

    #[test]
    fn personal_experience_lowers_the_score() {
        let plain = score_sentence("The factory in Ohio closed in 2008 and lost 900 jobs.");
        let personal = score_sentence(
            "My father worked at the factory in Ohio that closed in 2008 and I remember it.",
        );
        assert!(personal.score < plain.score);
        assert!(codes("I remember my first day at school in the city.").contains(&"personal"));
    }

    #[test]
    fn the_seed_tweet_is_suggested_and_first_words_are_not_names() {
        let s = score_sentence(
            "Mr Trump said he and Mr Putin had discussed forming an impenetrable Cyber \
             Security unit.",
        );
        assert!(s.suggested, "{s:?}");
        let names = s
            .reasons
            .iter()
            .find(|r| r.feature == Feature::NamedEntity)
            .expect("names");
        assert!(names.evidence.contains(&"Trump".to_owned()), "{names:?}");
        assert!(
            !codes("Unemployment is a word here and nothing more happens.")
                .contains(&"named-entity")
        );
    }

    #[test]
    fn scores_stay_in_the_unit_interval_and_describe_reads_well() {
        for sentence in ["", "?", "1 2 3 4 5 6 7 8 more most law because said signed"] {
            let s = score_sentence(sentence);
            assert!((0.0..=1.0).contains(&s.score), "{sentence}: {s:?}");
        }
        let s = score_sentence("Prices rose 5% in March.");
        let described: Vec<String> = s.reasons.iter().map(Reason::describe).collect();
        assert!(
            described
                .iter()
                .any(|d| d.starts_with("a number or quantity (“")),
            "{described:?}"
        );
    }
}
