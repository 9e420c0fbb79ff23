//! Python library (stub).
use super::Library;

pub struct PythonLibrary;

impl Library for PythonLibrary {}

#[cfg(test)]
mod tests {
    #[test]
    fn works() {}
}
