//! Command-line interface (stub).
use hielements_core::interpreter::run;
use hielements_core::parser::parse;

struct Cli;

enum Commands {
    Run,
}

fn main() {}
