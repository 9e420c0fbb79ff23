//! Standard library (stub): a leaf, it uses no other core module.
pub mod external;
pub mod files;
pub mod python;
pub mod rust;
pub mod wasm;

pub trait Library {}

pub enum Value {
    Null,
}

pub enum CheckResult {
    Pass,
}

pub struct LibraryRegistry;
