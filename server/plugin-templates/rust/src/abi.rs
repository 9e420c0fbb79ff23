//! Core ABI v1 (wasm-plugins.md §2.2): the host writes a UTF-8 JSON request into memory
//! obtained from `alloc`, calls `library_call` / `library_check`, and reads the reply at the
//! returned `ptr << 32 | len`, then frees both with `dealloc`.

use crate::json::{self, Json};

// #region abi
#[no_mangle]
pub extern "C" fn alloc(len: i32) -> *mut u8 {
    let mut buf = Vec::<u8>::with_capacity(len.max(1) as usize);
    let ptr = buf.as_mut_ptr();
    std::mem::forget(buf);
    ptr
}

#[no_mangle]
pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: i32) {
    drop(Vec::from_raw_parts(ptr, 0, len.max(1) as usize));
}

/// Hand a reply to the host: it reads `len` bytes at `ptr`, then calls `dealloc(ptr, len)`.
fn reply(text: String) -> u64 {
    let bytes = text.into_bytes().into_boxed_slice(); // capacity == len, as `dealloc` expects
    let len = bytes.len() as u64;
    let ptr = Box::into_raw(bytes) as *mut u8 as u64;
    (ptr << 32) | len
}

/// `{"function": "...", "args": [<Value>...], "workspace": "/workspace" | ""}`
unsafe fn request(ptr: *const u8, len: i32) -> Result<(String, Vec<Json>, String), String> {
    let text = std::str::from_utf8(std::slice::from_raw_parts(ptr, len as usize)).map_err(|e| e.to_string())?;
    let req = json::parse(text)?;
    let field = |k: &str| req.get(k).and_then(Json::as_str).unwrap_or("").to_string();
    let args = req.get("args").map(|a| a.items().to_vec()).unwrap_or_default();
    Ok((field("function"), args, field("workspace")))
}

fn error(message: String) -> String {
    Json::object(vec![("error", Json::Str(message))]).to_string()
}

#[no_mangle]
pub unsafe extern "C" fn library_call(ptr: *const u8, len: i32) -> u64 {
    reply(match request(ptr, len).and_then(|(f, args, ws)| crate::call(&f, &args, &ws)) {
        Ok(value) => value,
        Err(message) => error(message),
    })
}

#[no_mangle]
pub unsafe extern "C" fn library_check(ptr: *const u8, len: i32) -> u64 {
    reply(match request(ptr, len).and_then(|(f, args, ws)| crate::check(&f, &args, &ws)) {
        Ok((passed, None)) => Json::object(vec![("passed", Json::Bool(passed))]).to_string(),
        Ok((passed, Some(m))) => Json::object(vec![("passed", Json::Bool(passed)), ("message", Json::Str(m))]).to_string(),
        Err(message) => error(message),
    })
}
// #endregion abi

#[no_mangle]
pub extern "C" fn library_name() -> u64 {
    reply(crate::name().to_string())
}

#[no_mangle]
pub extern "C" fn library_doc() -> u64 {
    reply(crate::doc().to_string())
}
