//! The `__NAME__` Hielements plugin: a WebAssembly core module speaking ABI v1.
//!
//!   scope s = __NAME__.with_text(scope, 'TODO')   the files of `scope` whose text contains 'TODO'
//!   check __NAME__.max_lines(scope, 300)           fails on the first file with more lines
//!
//! `abi.rs` is the boundary with the host (memory, requests, replies), `json.rs` a small
//! JSON reader/writer; the library itself is this file.

mod abi;
mod json;

use json::Json;

const DOC: &str = r#"{"name":"__NAME__","description":"Line counts and text search in workspace files","version":"0.1.0",
"functions":[{"name":"with_text","description":"The files of a scope whose text contains a string","parameters":[{"name":"scope","type":"Scope","description":"files to search"},{"name":"text","type":"string","description":"text to look for"}],"return_type":"Scope","example":"scope unfinished = __NAME__.with_text(src, 'TODO')"}],
"checks":[{"name":"max_lines","description":"Every file of the scope has at most max lines","parameters":[{"name":"scope","type":"Scope","description":"files to measure"},{"name":"max","type":"integer","description":"largest allowed line count"}],"return_type":"CheckResult","example":"check __NAME__.max_lines(src, 300)"}]}"#;

// #region read-file
/// Text of a workspace file. Scope paths are relative to the workspace root, which the host
/// maps at `/workspace` (the `workspace` field of the request) when `capabilities.fs` is granted.
fn read_text(workspace: &str, path: &str) -> Result<String, String> {
    std::fs::read_to_string(format!("{}/{}", workspace, path)).map_err(|e| format!("cannot read {}: {}", path, e))
}
// #endregion read-file

/// The paths of a Scope argument (`{"Scope": {"kind": …, "paths": [...], "resolved": true}}`).
fn scope_paths(arg: Option<&Json>) -> Result<Vec<String>, String> {
    let paths = arg.and_then(|a| a.get("Scope")).and_then(|s| s.get("paths")).ok_or("the first argument must be a scope")?;
    Ok(paths.items().iter().filter_map(|p| p.as_str().map(String::from)).collect())
}

fn line_count(text: &str) -> usize {
    text.lines().count()
}

/// Selectors: `Ok(value)` is a Value in the tagged JSON encoding, `Err` a plugin error.
pub fn call(function: &str, args: &[Json], workspace: &str) -> Result<String, String> {
    match function {
        "with_text" => {
            let paths = scope_paths(args.get(0))?;
            let text = args.get(1).and_then(|a| a.get("String")).and_then(Json::as_str).ok_or("the second argument must be a string")?;
            let mut found = Vec::new();
            for path in paths {
                if read_text(workspace, &path)?.contains(text) {
                    found.push(Json::Str(path));
                }
            }
            let kind = args[0].get("Scope").and_then(|s| s.get("kind")).cloned().unwrap_or(Json::Null);
            let scope = Json::object(vec![("kind", kind), ("paths", Json::Array(found)), ("resolved", Json::Bool(true))]);
            Ok(Json::object(vec![("Scope", scope)]).to_string())
        }
        _ => Err(format!("Unknown function: {}", function)),
    }
}

/// Checks: `Ok((passed, message))`, or `Err` when the check could not be evaluated.
pub fn check(function: &str, args: &[Json], workspace: &str) -> Result<(bool, Option<String>), String> {
    match function {
        "max_lines" => {
            let paths = scope_paths(args.get(0))?;
            let max = args.get(1).and_then(|a| a.get("Int")).and_then(Json::as_i64).ok_or("the second argument must be an integer")?;
            for path in paths {
                let lines = line_count(&read_text(workspace, &path)?);
                if lines as i64 > max {
                    return Ok((false, Some(format!("{} has {} lines (max {})", path, lines, max))));
                }
            }
            Ok((true, None))
        }
        _ => Err(format!("Unknown check: {}", function)),
    }
}

pub fn name() -> &'static str {
    "__NAME__"
}

pub fn doc() -> &'static str {
    DOC
}
