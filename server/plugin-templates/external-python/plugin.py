#!/usr/bin/env python3
"""The `__NAME__` Hielements plugin: an external process speaking the reference protocol
(JSON-RPC 2.0 over stdio, one request line in, exactly one response line out; log to stderr).

  scope s = __NAME__.with_text(scope, 'TODO')   the files of `scope` whose text contains 'TODO'
  check __NAME__.max_lines(scope, 300)           fails on the first file with more lines

An external plugin is NOT sandboxed: it runs with the rights of whoever runs hielements, and
an editor starts it only in a trusted workspace. Prefer a WebAssembly template when you can.
"""
import json
import os
import sys

DOC = {
    "name": "__NAME__",
    "description": "Line counts and text search in workspace files",
    "version": "0.1.0",
    "functions": [{
        "name": "with_text",
        "description": "The files of a scope whose text contains a string",
        "parameters": [{"name": "scope", "type": "Scope", "description": "files to search"},
                       {"name": "text", "type": "string", "description": "text to look for"}],
        "return_type": "Scope",
        "example": "scope unfinished = __NAME__.with_text(src, 'TODO')",
    }],
    "checks": [{
        "name": "max_lines",
        "description": "Every file of the scope has at most max lines",
        "parameters": [{"name": "scope", "type": "Scope", "description": "files to measure"},
                       {"name": "max", "type": "integer", "description": "largest allowed line count"}],
        "return_type": "CheckResult",
        "example": "check __NAME__.max_lines(src, 300)",
    }],
}


class PluginError(Exception):
    pass


# #region read-file
def read_text(path):
    """Scope paths are the workspace path joined with the file's (`./docs/a.md` when the
    workspace is `.`), relative to the directory hielements runs in, which is also ours."""
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        raise PluginError(f"cannot read {path}: {e.strerror}")


def shown(path, workspace):
    """A path as the user knows it: relative to the workspace root."""
    return os.path.relpath(path, workspace)
# #endregion read-file


def scope_arg(args, i, fn):
    scope = args[i].get("Scope") if i < len(args) and isinstance(args[i], dict) else None
    if not isinstance(scope, dict):
        raise PluginError(f"{fn}: argument {i + 1} must be a scope")
    return scope


def with_text(args, workspace):
    scope = scope_arg(args, 0, "with_text")
    text = args[1].get("String") if len(args) > 1 and isinstance(args[1], dict) else None
    if not isinstance(text, str):
        raise PluginError("with_text: argument 2 must be a string")
    paths = [p for p in scope.get("paths", []) if text in read_text(p)]
    return {"Scope": {"kind": scope.get("kind"), "paths": paths, "resolved": True}}


def max_lines(args, workspace):
    scope = scope_arg(args, 0, "max_lines")
    limit = args[1].get("Int") if len(args) > 1 and isinstance(args[1], dict) else None
    if not isinstance(limit, int):
        raise PluginError("max_lines: argument 2 must be an integer")
    for path in scope.get("paths", []):
        n = len(read_text(path).splitlines())
        if n > limit:
            return {"Fail": f"{shown(path, workspace)} has {n} lines (max {limit})"}
    return {"Pass": None}


# #region protocol
def handle(method, params):
    fn, args, workspace = params.get("function"), params.get("args", []), params.get("workspace", ".")
    if method == "library.call":
        if fn == "with_text":
            return with_text(args, workspace)
        raise PluginError(f"Unknown function: {fn}")
    if method == "library.check":
        if fn == "max_lines":
            return max_lines(args, workspace)
        raise PluginError(f"Unknown check: {fn}")
    if method == "library.doc":
        return DOC
    raise PluginError(f"Unknown method: {method}")


for line in sys.stdin:
    if not line.strip():
        continue
    try:
        req = json.loads(line)
    except ValueError as e:
        print(json.dumps({"jsonrpc": "2.0", "error": {"code": -32700, "message": f"Parse error: {e}"}, "id": None}), flush=True)
        continue
    try:
        reply = {"jsonrpc": "2.0", "result": handle(req.get("method"), req.get("params") or {}), "id": req.get("id")}
    except PluginError as e:
        print(f"__NAME__: {e}", file=sys.stderr)
        reply = {"jsonrpc": "2.0", "error": {"code": -32000, "message": str(e)}, "id": req.get("id")}
    print(json.dumps(reply), flush=True)
# #endregion protocol
