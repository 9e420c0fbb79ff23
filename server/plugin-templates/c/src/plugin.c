/*
 * The `__NAME__` Hielements plugin in C: a WebAssembly core module (clang + wasi-libc).
 *
 *   scope s = __NAME__.with_text(scope, 'TODO')   the files of `scope` whose text contains 'TODO'
 *   check __NAME__.max_lines(scope, 300)           fails on the first file with more lines
 *
 * src/abi.c is the boundary with the host, src/json.c a small JSON reader/writer; the
 * library itself is this file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hielements_plugin.h"

const char *hie_library_name(void) { return "__NAME__"; }

const char *hie_library_doc(void) {
    return "{\"name\":\"__NAME__\",\"description\":\"Line counts and text search in workspace files\",\"version\":\"0.1.0\","
           "\"functions\":[{\"name\":\"with_text\",\"description\":\"The files of a scope whose text contains a string\",\"parameters\":[{\"name\":\"scope\",\"type\":\"Scope\",\"description\":\"files to search\"},{\"name\":\"text\",\"type\":\"string\",\"description\":\"text to look for\"}],\"return_type\":\"Scope\",\"example\":\"scope unfinished = __NAME__.with_text(src, 'TODO')\"}],"
           "\"checks\":[{\"name\":\"max_lines\",\"description\":\"Every file of the scope has at most max lines\",\"parameters\":[{\"name\":\"scope\",\"type\":\"Scope\",\"description\":\"files to measure\"},{\"name\":\"max\",\"type\":\"integer\",\"description\":\"largest allowed line count\"}],\"return_type\":\"CheckResult\",\"example\":\"check __NAME__.max_lines(src, 300)\"}]}";
}

// #region read-file
/* Text of a workspace file (malloc'ed), or NULL. Scope paths are relative to the workspace
 * root, which the host maps at /workspace (the `workspace` argument) when capabilities.fs
 * is granted: plain stdio works, through the host's WASI preview1. */
static char *read_text(const char *workspace, const char *path) {
    char *full = hie_format("%s/%s", workspace, path);
    FILE *f = fopen(full, "rb");
    free(full);
    if (!f) return NULL;
    jbuf text = {0};
    jbuf_add(&text, "");
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk - 1, f)) > 0) {
        chunk[n] = 0;
        jbuf_add(&text, chunk);
    }
    fclose(f);
    return text.data;
}
// #endregion read-file

static size_t line_count(const char *text) {
    size_t n = 0, len = strlen(text);
    for (size_t i = 0; i < len; i++) n += text[i] == '\n';
    return len > 0 && text[len - 1] != '\n' ? n + 1 : n;
}

/* The paths array of a Scope argument ({"Scope": {"kind": ..., "paths": [...], ...}}). */
static const json *scope_paths(const json *arg) {
    const json *paths = json_get(json_get(arg, "Scope"), "paths");
    return paths && paths->kind == JSON_ARRAY ? paths : NULL;
}

int hie_call(const char *function, const json *args, const char *workspace, jbuf *out, char **error) {
    if (strcmp(function, "with_text") != 0) return *error = hie_format("Unknown function: %s", function), -1;
    const json *paths = scope_paths(json_at(args, 0));
    const char *needle = json_string(json_get(json_at(args, 1), "String"));
    if (!paths || !needle) return *error = hie_format("with_text requires a scope and a string"), -1;
    const json *kind = json_get(json_get(json_at(args, 0), "Scope"), "kind");
    jbuf_add(out, "{\"Scope\":{\"kind\":");
    if (kind) jbuf_json(out, kind); else jbuf_add(out, "null");
    jbuf_add(out, ",\"paths\":[");
    int first = 1;
    for (size_t i = 0; i < paths->count; i++) {
        const char *path = json_string(paths->items[i]);
        char *text = path ? read_text(workspace, path) : NULL;
        if (!text) return *error = hie_format("cannot read %s", path ? path : "?"), -1;
        if (strstr(text, needle)) {
            if (!first) jbuf_add(out, ",");
            jbuf_quoted(out, path);
            first = 0;
        }
        free(text);
    }
    jbuf_add(out, "],\"resolved\":true}}");
    return 0;
}

int hie_check(const char *function, const json *args, const char *workspace, char **message, char **error) {
    if (strcmp(function, "max_lines") != 0) return *error = hie_format("Unknown check: %s", function), -1;
    const json *paths = scope_paths(json_at(args, 0));
    const json *max = json_get(json_at(args, 1), "Int");
    if (!paths || !max || max->kind != JSON_NUMBER) return *error = hie_format("max_lines requires a scope and an integer"), -1;
    for (size_t i = 0; i < paths->count; i++) {
        const char *path = json_string(paths->items[i]);
        char *text = path ? read_text(workspace, path) : NULL;
        if (!text) return *error = hie_format("cannot read %s", path ? path : "?"), -1;
        size_t lines = line_count(text);
        free(text);
        if ((double)lines > max->number) {
            *message = hie_format("%s has %zu lines (max %.0f)", path, lines, max->number);
            return 0;
        }
    }
    return 1;
}
