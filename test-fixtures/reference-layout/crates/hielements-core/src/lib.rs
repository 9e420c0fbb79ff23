//! Core library (stub).
pub mod ast;
pub mod diagnostics;
pub mod interpreter;
pub mod lexer;
pub mod parser;
pub mod span;
pub mod stdlib;
