//! Files library (stub).
use super::Library;

pub struct FilesLibrary;

impl Library for FilesLibrary {}

#[cfg(test)]
mod tests {
    #[test]
    fn works() {}
}
