//! Builds `projects/cyber-security-unit.ron`, the example check of the seed article, through
//! the same `Edit` API the app and the CLI use.
//!
//! `cargo run --example build_example_project` (rewrites the file with new ids and times).

use std::sync::Arc;

use anyhow::Context as _;
use chrono::{NaiveDate, TimeZone as _, Utc};
use factcheck::io::{import_article_file, save_project};
use factcheck::model::{
    Anchor, Claim, ClaimChange, ClaimStatus, ClaimantKind, Edit, Evidence, Project, Publishing,
    ScalePreset, Source, SourceKind, Stance, TextIndex, find_occurrences,
};

const CHECKER: &str = "Ana Checker";
const EDITOR: &str = "Ben Editor";

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn source(
    url: &str,
    title: &str,
    publisher: &str,
    published: Option<NaiveDate>,
    kind: SourceKind,
) -> Source {
    Source {
        url: url.to_owned(),
        title: title.to_owned(),
        publisher: publisher.to_owned(),
        published,
        accessed: date(2026, 11, 26),
        kind,
        ..Source::default()
    }
}

fn cite(source: &Source, stance: Stance, quote: &str, note: &str) -> Evidence {
    Evidence {
        source: source.id,
        stance,
        quote: quote.to_owned(),
        note: note.to_owned(),
        passage: None,
    }
}

struct ClaimSpec<'a> {
    quote: &'a str,
    statement: &'a str,
    appearance: &'a str,
    tags: &'a [&'a str],
    verdict: Option<&'a str>,
    conclusion: &'a str,
    methodology: &'a str,
    evidence: Vec<Evidence>,
    status: ClaimStatus,
}

fn main() -> anyhow::Result<()> {
    let article = import_article_file("assets/trump-putin-cyber-unit.txt".as_ref())?;
    let mut meta = article.meta;
    meta.language = "en".to_owned();
    meta.published = date(2017, 7, 10);
    let mut project = Project::new(article.text, meta);
    project.scale = ScalePreset::PolitiFact.scale();
    project.publishing = Publishing {
        organisation: "Example Fact Desk".to_owned(),
        organisation_url: "https://factdesk.example.org/".to_owned(),
        report_url: "https://factdesk.example.org/checks/trump-putin-cyber-unit".to_owned(),
    };
    let t0 = Utc
        .with_ymd_and_hms(2026, 11, 26, 9, 0, 0)
        .single()
        .context("time")?;

    let usa_today = source(
        "https://www.usatoday.com/story/news/politics/onpolitics/2017/07/10/donald-trump-retracts-push-cybersecurity-unit-russia/463745001/",
        "Trump: Never mind that 'impenetrable' cybersecurity unit with Russia",
        "USA Today",
        date(2017, 7, 10),
        SourceKind::NewsReport,
    );
    let register = source(
        "https://www.theregister.co.uk/2017/07/10/putin/",
        "Trump winds back idea to create 'impenetrable Cyber Security unit' with Russia",
        "The Register",
        date(2017, 7, 10),
        SourceKind::NewsReport,
    );
    let haaretz = source(
        "https://www.haaretz.com/us-news/2017-07-10/ty-article/trump-backtracks-on-u-s-russia-cyber-unit-says-it-cant-happen/0000017f-e47e-d75c-a7ff-fcff9c890000",
        "Trump Backtracks on U.S.-Russia Cyber Unit, Says It Can't Happen",
        "Haaretz (Reuters)",
        date(2017, 7, 10),
        SourceKind::NewsReport,
    );
    let buzzfeed = source(
        "https://www.buzzfeednews.com/article/nidhiprakash/trump-wants-to-create-an-antielection-meddling",
        "Trump Takes Back His Plans For A Cybersecurity Unit With Russia",
        "BuzzFeed News",
        date(2017, 7, 9),
        SourceKind::NewsReport,
    );
    let ica = source(
        "https://www.dni.gov/files/documents/ICA_2017_01.pdf",
        "Assessing Russian Activities and Intentions in Recent US Elections (ICA 2017-01D)",
        "Office of the Director of National Intelligence",
        date(2017, 1, 6),
        SourceKind::OfficialData,
    );
    let indictment = source(
        "https://www.justice.gov/file/1080281/download",
        "United States v. Viktor Borisovich Netyksho et al. (indictment)",
        "U.S. Department of Justice",
        date(2018, 7, 13),
        SourceKind::PrimaryDocument,
    );
    let mut tipster = source(
        "",
        "Background conversation with a former US cyber-security official",
        "",
        date(2026, 11, 25),
        SourceKind::Expert,
    );
    tipster.confidential = true;
    tipster.notes = "Spoke on condition of anonymity; confirmed no joint unit was ever staffed. Not for publication.".to_owned();

    let claims = vec![
        ClaimSpec {
            quote: "Putin & I discussed forming an impenetrable Cyber Security unit so that election hacking, & many other negative things, will be guarded… and safe",
            statement: "Trump and Putin discussed forming an impenetrable joint cyber-security unit to guard against election hacking.",
            appearance: "Twitter (@realDonaldTrump), 9 July 2017",
            tags: &["cyber security", "Russia", "elections"],
            verdict: Some("half-true"),
            conclusion: "The discussion happened: at his G20 press conference Putin said the two presidents had agreed to set up a working group on cyber security. But no joint unit existed or was being formed, \"impenetrable\" is Trump's own description, and about 13 hours later Trump himself tweeted that the discussion \"doesn't mean I think it can happen. It can't\".",
            methodology: "Compared the tweet with Putin's press-conference remarks (as quoted by The Register) and with Trump's follow-up tweet (reported by USA Today and Reuters via Haaretz). Looked for any White House announcement of such a unit in the same reports; none was found.",
            evidence: vec![
                cite(
                    &register,
                    Stance::Supports,
                    "The US President and I have agreed to establish a working group and make joint efforts to monitor security in the cyberspace",
                    "Putin's own account confirms a discussion, of a working group rather than a unit.",
                ),
                cite(
                    &usa_today,
                    Stance::Contradicts,
                    "The fact that President Putin and I discussed a Cyber Security unit doesn't mean I think it can happen. It can't",
                    "Trump's retraction about 13 hours later.",
                ),
                cite(
                    &haaretz,
                    Stance::Context,
                    "",
                    "Reuters report of the same retraction.",
                ),
                cite(
                    &tipster,
                    Stance::Context,
                    "",
                    "Confirms no unit was staffed.",
                ),
            ],
            status: ClaimStatus::Reviewed,
        },
        ClaimSpec {
            quote: "Mr Putin had denied any involvement",
            statement: "Putin denied any Russian involvement in meddling in the 2016 US election when Trump raised it.",
            appearance: "Twitter (@realDonaldTrump), 9 July 2017, as paraphrased by the article",
            tags: &["Russia", "elections"],
            verdict: Some("true"),
            conclusion: "Trump tweeted that Putin \"vehemently denied\" meddling, and Russian Foreign Minister Lavrov told reporters the same day that Putin had denied it. That Putin denied it is accurately reported; whether the denial is true is a different question, addressed by the claim on the DNC hack.",
            methodology: "Checked Trump's tweet text as quoted in contemporary reports and the Russian side's account of the meeting.",
            evidence: vec![cite(
                &buzzfeed,
                Stance::Supports,
                "I strongly pressed President Putin twice about Russian meddling in our election. He vehemently denied it.",
                "Trump's tweet, quoted in full.",
            )],
            status: ClaimStatus::ReadyForReview,
        },
        ClaimSpec {
            quote: "Russia probably hacked the emails of the Democratic National Committee",
            statement: "Russia probably hacked the emails of the Democratic National Committee.",
            appearance: "Press conference in Warsaw, 6 July 2017, as summarised by the article",
            tags: &["Russia", "DNC", "hacking"],
            verdict: Some("true"),
            conclusion: "The US intelligence community assessed in January 2017 that Russian military intelligence (GRU) obtained and released Democratic Party emails, and in July 2018 the Justice Department indicted twelve GRU officers for the hack. If anything, \"probably\" understates the evidence.",
            methodology: "Read the declassified intelligence assessment and the 2018 indictment.",
            evidence: vec![
                cite(
                    &ica,
                    Stance::Supports,
                    "",
                    "Key judgments: the GRU used cyber operations against the DNC and released data via WikiLeaks and other outlets.",
                ),
                cite(
                    &indictment,
                    Stance::Supports,
                    "",
                    "Charges GRU officers with hacking DNC and DCCC networks (filed after the article).",
                ),
            ],
            status: ClaimStatus::Reviewed,
        },
        ClaimSpec {
            quote: "other countries were probably involved as well",
            statement: "Countries other than Russia were probably involved in the 2016 hacking.",
            appearance: "Press conference in Warsaw, 6 July 2017, as summarised by the article",
            tags: &["hacking"],
            verdict: None,
            conclusion: "Draft: the assessment and the indictment attribute the DNC intrusion to Russian military intelligence only; we have not yet found any official source naming another country.",
            methodology: "",
            evidence: vec![cite(
                &ica,
                Stance::Context,
                "",
                "Attributes the operation to Russia only.",
            )],
            status: ClaimStatus::Researching,
        },
    ];

    for s in [
        &usa_today,
        &register,
        &haaretz,
        &buzzfeed,
        &ica,
        &indictment,
        &tipster,
    ] {
        project.apply(Edit::AddSource(Box::new(s.clone())), CHECKER, t0)?;
    }
    let text = Arc::clone(&project.article.text);
    let index = TextIndex::new(&text);
    for (n, spec) in claims.into_iter().enumerate() {
        let start = *find_occurrences(&text, &index, spec.quote)
            .first()
            .with_context(|| format!("quote not found: {}", spec.quote))?;
        let anchor = Anchor::from_range(&text, &index, start, start + spec.quote.chars().count());
        let mut claim = Claim::new(anchor);
        let claim_id = claim.id;
        claim.claimant = "Donald Trump".to_owned();
        claim.claimant_kind = ClaimantKind::Person;
        claim.date = if spec.appearance.contains("Warsaw") {
            date(2017, 7, 6)
        } else {
            date(2017, 7, 9)
        };
        let at = t0 + chrono::Duration::minutes(10 * i64::try_from(n)?);
        project.apply(Edit::AddClaim(Box::new(claim)), CHECKER, at)?;
        let changes = vec![
            ClaimChange::Statement(spec.statement.to_owned()),
            ClaimChange::Appearance(spec.appearance.to_owned()),
            ClaimChange::Tags(spec.tags.iter().map(|t| (*t).to_owned()).collect()),
            ClaimChange::Status(ClaimStatus::Researching),
            ClaimChange::Evidence(spec.evidence),
            ClaimChange::Verdict(spec.verdict.map(str::to_owned)),
            ClaimChange::Conclusion(spec.conclusion.to_owned()),
            ClaimChange::Methodology(spec.methodology.to_owned()),
        ];
        for change in changes {
            project.apply(Edit::UpdateClaim { claim_id, change }, CHECKER, at)?;
        }
        let later = at + chrono::Duration::hours(2);
        if spec.status >= ClaimStatus::ReadyForReview {
            let change = ClaimChange::Status(ClaimStatus::ReadyForReview);
            project.apply(Edit::UpdateClaim { claim_id, change }, CHECKER, later)?;
        }
        if spec.status == ClaimStatus::Reviewed {
            let text = "Checked the sources; agree with the verdict.".to_owned();
            project.apply(Edit::AddComment { claim_id, text }, EDITOR, later)?;
            let change = ClaimChange::Status(ClaimStatus::Reviewed);
            project.apply(Edit::UpdateClaim { claim_id, change }, EDITOR, later)?;
        }
    }
    save_project(&project, "projects/cyber-security-unit.ron".as_ref())?;
    println!("wrote projects/cyber-security-unit.ron");
    Ok(())
}
