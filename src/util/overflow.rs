//! What is left over once a report holds its most rows: a diagnosis shows at most
//! [`MAX_ROWS`] distinct errors and `scan` at most [`MAX_ROWS`] rows; every further
//! distinct entry is counted here instead, so that memory stays bounded whatever the input
//! (a log with a million distinct messages). Distinct entries are told apart by a hash of
//! their key, exactly up to [`MAX_TRACKED`] of them; past that the count is a lower bound.

use serde::Serialize;
use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher, Hash};

/// The most distinct rows a report holds.
pub const MAX_ROWS: usize = 1000;
/// The most distinct overflow entries told apart exactly.
pub const MAX_TRACKED: usize = 100_000;

/// The entries that did not fit. Serialised: `{"distinct": n, "distinct_at_least": bool,
/// "occurrences": n}`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Overflow {
    /// Distinct entries counted here.
    pub distinct: u64,
    /// True when more distinct entries came than can be told apart: `distinct` is then a
    /// lower bound.
    pub distinct_at_least: bool,
    /// All their occurrences.
    pub occurrences: u64,
    #[serde(skip)]
    seen: HashSet<u64>,
    /// The same keys for every overflow, so that two can be merged (a file's into the total).
    #[serde(skip)]
    hasher: BuildHasherDefault<DefaultHasher>,
}

impl Overflow {
    /// Counts `count` occurrences of the entry with `key`.
    pub fn add(&mut self, key: &impl Hash, count: u64) {
        self.occurrences += count;
        let h = self.hasher.hash_one(key);
        if self.seen.len() < MAX_TRACKED {
            if self.seen.insert(h) {
                self.distinct += 1;
            }
        } else if !self.seen.contains(&h) {
            self.distinct_at_least = true;
        }
    }

    /// Adds another overflow (a file's, into the total): distinct counts may overlap, so
    /// the sum is marked a bound where it can be.
    pub fn merge(&mut self, other: &Overflow) {
        self.occurrences += other.occurrences;
        for h in &other.seen {
            if self.seen.len() < MAX_TRACKED {
                if self.seen.insert(*h) {
                    self.distinct += 1;
                }
            } else if !self.seen.contains(h) {
                self.distinct_at_least = true;
            }
        }
        self.distinct_at_least |= other.distinct_at_least;
    }

    pub fn is_empty(&self) -> bool {
        self.occurrences == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_distinct_and_occurrences() {
        let mut o = Overflow::default();
        for i in 0..10u64 {
            o.add(&(i % 4), 1);
        }
        assert_eq!(
            (o.distinct, o.occurrences, o.distinct_at_least),
            (4, 10, false)
        );
    }

    #[test]
    fn past_the_tracked_limit_the_count_is_a_lower_bound() {
        let mut o = Overflow::default();
        for i in 0..(MAX_TRACKED as u64 + 5) {
            o.add(&i, 1);
        }
        assert_eq!(o.distinct, MAX_TRACKED as u64);
        assert!(o.distinct_at_least);
    }
}
