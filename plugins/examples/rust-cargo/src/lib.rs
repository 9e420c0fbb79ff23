//! The Rust example plugin, library `cargo`: what a crate's manifest and sources declare.
//!
//!   cargo.dependencies()             the names under [dependencies], [dev-dependencies], [build-dependencies]
//!   check cargo.forbids('openssl')    fails when Cargo.toml declares the dependency
//!   check cargo.no_unsafe(scope)      fails on the first file of the scope that uses `unsafe`
//!
//! Needs `capabilities.fs = "read"`. The ABI glue and the JSON reader are the `rust` plugin
//! template's (`hielements plugin new NAME --template rust`), used here unchanged.

#[path = "../../../../server/plugin-templates/rust/src/abi.rs"]
mod abi;
#[path = "../../../../server/plugin-templates/rust/src/json.rs"]
mod json;

use json::Json;

const DOC: &str = r#"{"name":"cargo","description":"Dependencies and unsafe code of a Rust crate (Cargo.toml and sources)","version":"0.1.0",
"functions":[{"name":"dependencies","description":"Names declared in Cargo.toml under [dependencies], [dev-dependencies] and [build-dependencies]","parameters":[],"return_type":"list","example":"cargo.dependencies()"}],
"checks":[{"name":"forbids","description":"Passes when Cargo.toml does not declare the dependency","parameters":[{"name":"name","type":"string","description":"crate name"}],"return_type":"CheckResult","example":"check cargo.forbids('openssl')"},
{"name":"no_unsafe","description":"Passes when no file of the scope contains an `unsafe` block, fn or impl","parameters":[{"name":"scope","type":"Scope","description":"Rust files"}],"return_type":"CheckResult","example":"check cargo.no_unsafe(crate)"}]}"#;

fn read_text(workspace: &str, path: &str) -> Result<String, String> {
    std::fs::read_to_string(format!("{}/{}", workspace, path)).map_err(|e| format!("cannot read {}: {}", path, e))
}

/// Dependency names of a Cargo.toml: keys of the dependency tables, and `[dependencies.x]` tables.
fn dependencies(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_deps = false;
    for raw in manifest.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.starts_with('[') {
            let table: Vec<&str> = line.trim_matches(|c| c == '[' || c == ']').split('.').map(str::trim).collect();
            let is_deps = |t: &str| matches!(t, "dependencies" | "dev-dependencies" | "build-dependencies");
            in_deps = table.last().map_or(false, |t| is_deps(t));
            if table.len() >= 2 && is_deps(table[table.len() - 2]) {
                names.push(table[table.len() - 1].trim_matches('"').to_string());
            }
        } else if in_deps {
            if let Some(key) = line.split(|c| c == '=' || c == '.').next() {
                let key = key.trim().trim_matches('"');
                if !key.is_empty() {
                    names.push(key.to_string());
                }
            }
        }
    }
    names
}

/// The first line using `unsafe` as a keyword (not in a `//` comment), 1-based.
fn unsafe_line(source: &str) -> Option<usize> {
    source.lines().position(|l| {
        let code = l.split("//").next().unwrap_or("");
        code.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == "unsafe")
    }).map(|i| i + 1)
}

fn string_arg(args: &[Json], i: usize) -> Result<&str, String> {
    args.get(i).and_then(|a| a.get("String")).and_then(Json::as_str).ok_or_else(|| format!("argument {} must be a string", i + 1))
}

pub fn call(function: &str, _args: &[Json], workspace: &str) -> Result<String, String> {
    match function {
        "dependencies" => {
            let names = dependencies(&read_text(workspace, "Cargo.toml")?);
            let items = names.into_iter().map(|n| Json::object(vec![("String", Json::Str(n))])).collect();
            Ok(Json::object(vec![("List", Json::Array(items))]).to_string())
        }
        _ => Err(format!("Unknown function: {}", function)),
    }
}

pub fn check(function: &str, args: &[Json], workspace: &str) -> Result<(bool, Option<String>), String> {
    match function {
        "forbids" => {
            let name = string_arg(args, 0)?;
            let declared = dependencies(&read_text(workspace, "Cargo.toml")?).iter().any(|d| d == name);
            Ok(if declared { (false, Some(format!("`{}` is a dependency in Cargo.toml", name))) } else { (true, None) })
        }
        "no_unsafe" => {
            let paths = args.get(0).and_then(|a| a.get("Scope")).and_then(|s| s.get("paths")).ok_or("argument 1 must be a scope")?;
            for path in paths.items().iter().filter_map(Json::as_str).filter(|p| p.ends_with(".rs")) {
                if let Some(line) = unsafe_line(&read_text(workspace, path)?) {
                    return Ok((false, Some(format!("{}:{} uses `unsafe`", path, line))));
                }
            }
            Ok((true, None))
        }
        _ => Err(format!("Unknown check: {}", function)),
    }
}

pub fn name() -> &'static str {
    "cargo"
}

pub fn doc() -> &'static str {
    DOC
}
