use lexer::Lexer;

pub struct Parser {
    lexer: Lexer,
}

impl Parser {
    pub fn new(lexer: Lexer) -> Self {
        Parser { lexer }
    }
}

// A second struct named Lexer elsewhere would also be a definition.
pub mod compat {
    pub struct Lexer;
}
