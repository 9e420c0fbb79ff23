//! Source positions (stub).
pub struct Position;
pub struct Span;
