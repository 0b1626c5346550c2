//! Write the synthetic distractor feed used by the speed measurements:
//! `cargo run --example write_distractors -- N OUT.json`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(10_000), |a| a.parse())?;
    let out = args.next().unwrap_or_else(|| "distractors.json".to_owned());
    std::fs::write(&out, factcheck::research::eval::synthetic_feed(n, 7))?;
    println!("wrote {n} ClaimReviews to {out}");
    Ok(())
}
