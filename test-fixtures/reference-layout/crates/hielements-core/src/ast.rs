//! AST (stub).
pub struct Program;
pub struct Element;
pub enum Expression {
    Identifier(String),
}
pub struct Template;
pub struct TemplateImplementation;
pub struct TemplateBinding;
pub struct ComponentRequirement;
pub enum RequirementAction {
    Requires,
}
pub enum ComponentSpec {
    Scope,
}
pub struct ConnectionPattern;
pub struct RefDeclaration;
pub struct UsesDeclaration;
pub struct LanguageDeclaration;
pub struct ConnectionCheckDeclaration;
pub struct ConnectionCheckParameter;
