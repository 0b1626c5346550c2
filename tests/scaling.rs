//! T7: loading a project twice as large takes less than 3x as long, and ron parses long
//! escaped strings in linear time (ron 0.12.2 was quadratic). Ratios of medians, never wall
//! times.

use std::time::{Duration, Instant};

use factcheck::io::{from_ron_str, to_ron_string};

#[path = "../benches/common/mod.rs"]
mod common;

/// Median time of `runs` calls of each closure, interleaved so that machine load drifts
/// affect both alike.
fn medians(runs: usize, mut small: impl FnMut(), mut large: impl FnMut()) -> (Duration, Duration) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    small();
    large();
    for _ in 0..runs {
        let t = Instant::now();
        small();
        a.push(t.elapsed());
        let t = Instant::now();
        large();
        b.push(t.elapsed());
    }
    a.sort();
    b.sort();
    (a[runs / 2], b[runs / 2])
}

fn ratio(small: Duration, large: Duration) -> f64 {
    large.as_secs_f64() / small.as_secs_f64().max(1e-9)
}

#[test]
fn loading_a_project_twice_as_large_takes_less_than_three_times_as_long() -> anyhow::Result<()> {
    let small_text = common::article(512 * 1024, 7);
    let large_text = common::article(1024 * 1024, 7);
    let small = to_ron_string(&common::project(&small_text, 1_000, 8))?;
    let large = to_ron_string(&common::project(&large_text, 2_000, 8))?;
    let (t_small, t_large) = medians(
        7,
        || drop(from_ron_str(&small).expect("small loads")),
        || drop(from_ron_str(&large).expect("large loads")),
    );
    let r = ratio(t_small, t_large);
    assert!(
        r < 3.0,
        "loading 2x the project took {r:.2}x as long ({t_small:?} -> {t_large:?})"
    );
    Ok(())
}

#[test]
fn ron_parses_long_escaped_strings_linearly() -> anyhow::Result<()> {
    // Hard-wrapped text written with escapes (`\n`, `\"`, `\\`, `\u{..}`): the case that was
    // quadratic before ron 0.12.3.
    let line = "A hard-wrapped line with \"quotes\", a back\\slash, a tab\tand é 日本 👩‍👩‍👧\n";
    let small: String = line.repeat(1024 * 1024 / line.len());
    let large: String = line.repeat(2 * 1024 * 1024 / line.len());
    let small = ron::to_string(&small)?;
    let large = ron::to_string(&large)?;
    assert!(
        small.contains("\\n") && small.contains("\\\""),
        "strings are escaped"
    );
    let (t_small, t_large) = medians(
        5,
        || drop(ron::from_str::<String>(&small).expect("parses")),
        || drop(ron::from_str::<String>(&large).expect("parses")),
    );
    let r = ratio(t_small, t_large);
    assert!(
        r < 3.0,
        "parsing a 2x longer escaped string took {r:.2}x as long ({t_small:?} -> {t_large:?})"
    );
    Ok(())
}
