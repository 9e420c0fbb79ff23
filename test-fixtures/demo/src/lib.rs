//! Inventory: stock levels per item, behind a small API.

pub mod api;
pub mod store;

pub use store::{Repository, Store};
