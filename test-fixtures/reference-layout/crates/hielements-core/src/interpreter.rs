//! Interpreter (stub): reads the AST only, never tokens.
use crate::ast::Program;
use crate::parser::Parser;
use crate::stdlib::{CheckResult, LibraryRegistry};

pub struct Interpreter {
    libraries: LibraryRegistry,
}

pub fn validate(_program: &Program) {}

pub fn run(_parser: Parser) -> Vec<CheckResult> {
    Vec::new()
}
