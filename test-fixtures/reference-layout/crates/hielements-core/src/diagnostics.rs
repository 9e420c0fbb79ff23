//! Diagnostics (stub).
pub struct Diagnostic;
pub struct Diagnostics;
pub enum DiagnosticSeverity {
    Error,
}
