//! Plain-words helpers for messages and reports.

/// "1 claim" / "3 claims": `n` with the singular or plural noun.
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_says_one_or_many() {
        assert_eq!(count(1, "claim", "claims"), "1 claim");
        assert_eq!(count(0, "claim", "claims"), "0 claims");
        assert_eq!(count(2, "source", "sources"), "2 sources");
    }
}
