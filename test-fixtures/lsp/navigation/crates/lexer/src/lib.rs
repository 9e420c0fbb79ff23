//! A tiny lexer.

/// Produces tokens.
pub struct Lexer {
    pos: usize,
}

pub enum TokenKind {
    Word,
    Number,
}

pub trait Scanner {
    fn scan(&mut self) -> Option<TokenKind>;
}

impl Scanner for Lexer {
    fn scan(&mut self) -> Option<TokenKind> {
        None
    }
}

pub fn tokenize(text: &str) -> Vec<TokenKind> {
    let _ = text;
    Vec::new()
}
