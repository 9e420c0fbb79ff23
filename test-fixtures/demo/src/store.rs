//! In-memory stock store.

use std::collections::HashMap;
use std::fmt;

/// Where stock levels are kept.
pub trait Repository {
    /// Units of `item` in stock.
    fn level(&self, item: &str) -> u32;
    /// Adds `units` of `item`.
    fn receive(&mut self, item: &str, units: u32);
}

/// A store kept in memory.
#[derive(Debug, Clone, Default)]
pub struct Store {
    levels: HashMap<String, u32>,
}

impl Repository for Store {
    fn level(&self, item: &str) -> u32 {
        self.levels.get(item).copied().unwrap_or(0)
    }

    fn receive(&mut self, item: &str, units: u32) {
        // TODO: reject deliveries above the shelf capacity
        *self.levels.entry(item.to_string()).or_insert(0) += units;
    }
}

impl fmt::Display for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} items", self.levels.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receiving_adds_units() {
        let mut store = Store::default();
        store.receive("apple", 3);
        assert_eq!(store.level("apple"), 3);
    }
}
