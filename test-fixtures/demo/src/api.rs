//! The API the service exposes.

use crate::store::{Repository, Store};

/// Answers stock queries.
pub struct Api {
    store: Store,
}

impl Api {
    /// An API over `store`.
    pub fn new(store: Store) -> Self {
        Api { store }
    }

    /// Units of `item` in stock.
    pub fn stock(&self, item: &str) -> u32 {
        // TODO: authentication
        // TODO: rate limiting
        self.store.level(item)
    }
}

/// Reads a raw stock counter (kept for the legacy C client).
pub fn raw_level(counter: *const u32) -> u32 {
    unsafe { *counter }
}
