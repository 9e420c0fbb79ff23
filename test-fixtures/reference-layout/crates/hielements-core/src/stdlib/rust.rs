//! Rust library (stub).
use super::Library;

pub struct RustLibrary;

impl Library for RustLibrary {}

#[cfg(test)]
mod tests {
    #[test]
    fn works() {}
}
