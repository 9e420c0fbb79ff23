//! Lexer (stub).

/// A token.
pub struct Token {
    pub kind: TokenKind,
}

/// Token kinds.
pub enum TokenKind {
    Identifier,
}

/// The lexer.
pub struct Lexer;

#[cfg(test)]
mod tests {
    #[test]
    fn lexes() {}
}
