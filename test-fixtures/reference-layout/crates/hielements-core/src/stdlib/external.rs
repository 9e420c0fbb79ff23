//! External process libraries (stub).
use super::Library;

pub struct ExternalLibrary;
pub struct ExternalLibraryConfig;
pub enum LibraryType {
    External,
}

impl Library for ExternalLibrary {}

pub fn load_external_libraries() {}

#[cfg(test)]
mod tests {
    #[test]
    fn loads() {}
}
