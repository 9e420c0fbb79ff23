//! WASM libraries (stub).
use super::Library;

pub struct WasmLibrary;
pub struct WasmLibraryConfig;

impl Library for WasmLibrary {}

pub fn load_wasm_libraries() {}

pub fn load_workspace_wasm_libraries() {}

#[cfg(test)]
mod tests {
    #[test]
    fn loads() {}
}
