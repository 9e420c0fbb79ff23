/*
 * A Hielements plugin in C, built as a core module (ABI v1, wasm-plugins.md §2.2) with
 * clang + wasi-libc: files are read with plain stdio through the host's WASI preview1,
 * which maps the workspace at /workspace (capabilities.fs = "read").
 *
 *   todos.count(scope)            → Int, number of lines containing "TODO"
 *   check todos.none_in(scope)    → fails on the first file containing "TODO"
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

static const char DOC[] =
    "{\"name\":\"todos\",\"description\":\"TODO markers in workspace files\",\"version\":\"0.1.0\","
    "\"functions\":[{\"name\":\"count\",\"description\":\"Lines containing TODO\",\"parameters\":[{\"name\":\"scope\",\"type\":\"Scope\",\"description\":\"files to search\"}],\"return_type\":\"integer\",\"example\":\"todos.count(src)\"}],"
    "\"checks\":[{\"name\":\"none_in\",\"description\":\"No file of the scope contains TODO\",\"parameters\":[{\"name\":\"scope\",\"type\":\"Scope\",\"description\":\"files to search\"}],\"return_type\":\"CheckResult\",\"example\":\"check todos.none_in(src)\"}]}";

/* ---- ABI v1 plumbing ------------------------------------------------------------------ */

EXPORT("alloc") void *plugin_alloc(int32_t len) { return malloc(len > 0 ? (size_t)len : 1); }
EXPORT("dealloc") void plugin_dealloc(void *ptr, int32_t len) { (void)len; free(ptr); }

/* Reply buffers are malloc'ed; the host frees them with dealloc. */
static uint64_t reply(const char *text) {
    size_t len = strlen(text);
    char *out = malloc(len + 1);
    memcpy(out, text, len + 1);
    return ((uint64_t)(uintptr_t)out << 32) | (uint64_t)len;
}

/* JSON string literal of s appended to buf (quotes and backslashes escaped). */
static void append_quoted(char *buf, size_t cap, const char *s) {
    size_t n = strlen(buf);
    if (n + 1 < cap) buf[n++] = '"';
    for (; *s && n + 3 < cap; s++) {
        if (*s == '"' || *s == '\\') buf[n++] = '\\';
        buf[n++] = (*s >= 0 && *s < 32) ? ' ' : *s;
    }
    if (n + 1 < cap) buf[n++] = '"';
    buf[n] = 0;
}

static uint64_t error_reply(const char *message) {
    char buf[1024] = "{\"error\":";
    append_quoted(buf, sizeof buf - 2, message);
    strcat(buf, "}");
    return reply(buf);
}

/* ---- request reading: the function name and the scope's paths ------------------------ */

/* Decode the JSON string starting at *p (on its opening quote) into a malloc'ed C string. */
static char *json_string(const char **p) {
    const char *s = *p + 1;
    char *out = malloc(strlen(s) + 1), *o = out;
    while (*s && *s != '"') {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
        } else {
            *o++ = *s;
        }
        s++;
    }
    *o = 0;
    *p = *s ? s + 1 : s;
    return out;
}

static char *request_function(const char *req) {
    const char *p = strstr(req, "\"function\":");
    if (!p) return NULL;
    p = strchr(p + 11, '"');
    return p ? json_string(&p) : NULL;
}

/* Paths of the first Scope argument; returns their count (0 when there is none). */
static int scope_paths(const char *req, char ***paths) {
    const char *p = strstr(req, "\"paths\":[");
    int count = 0;
    *paths = NULL;
    if (!p) return 0;
    p += 9;
    while (*p && *p != ']') {
        if (*p == '"') {
            *paths = realloc(*paths, sizeof(char *) * (count + 1));
            (*paths)[count++] = json_string(&p);
        } else {
            p++;
        }
    }
    return count;
}

/* ---- the library ----------------------------------------------------------------------- */

/* Lines containing TODO in a workspace file (-1 when it cannot be read). */
static int todo_lines(const char *rel) {
    char full[4096];
    snprintf(full, sizeof full, "/workspace/%s", rel);
    FILE *f = fopen(full, "r");
    if (!f) return -1;
    char line[8192];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "TODO")) n++;
    }
    fclose(f);
    return n;
}

static char *take_request(const char *ptr, int32_t len) {
    char *req = malloc((size_t)len + 1);
    memcpy(req, ptr, (size_t)len);
    req[len] = 0;
    return req;
}

static void free_paths(char **paths, int count) {
    for (int i = 0; i < count; i++) free(paths[i]);
    free(paths);
}

EXPORT("library_call") uint64_t library_call(const char *ptr, int32_t len) {
    char *req = take_request(ptr, len), *fn = request_function(req);
    uint64_t out;
    if (fn && strcmp(fn, "count") == 0) {
        char **paths;
        int count = scope_paths(req, &paths), total = 0;
        char message[4200] = "";
        for (int i = 0; i < count && !message[0]; i++) {
            int n = todo_lines(paths[i]);
            if (n < 0) snprintf(message, sizeof message, "cannot read %s", paths[i]);
            else total += n;
        }
        char buf[64];
        snprintf(buf, sizeof buf, "{\"Int\":%d}", total);
        out = message[0] ? error_reply(message) : reply(buf);
        free_paths(paths, count);
    } else {
        char message[300];
        snprintf(message, sizeof message, "Unknown function: %s", fn ? fn : "?");
        out = error_reply(message);
    }
    free(fn);
    free(req);
    return out;
}

EXPORT("library_check") uint64_t library_check(const char *ptr, int32_t len) {
    char *req = take_request(ptr, len), *fn = request_function(req);
    uint64_t out;
    if (fn && strcmp(fn, "none_in") == 0) {
        char **paths;
        int count = scope_paths(req, &paths);
        char message[4200] = "";
        int failed = 0;
        for (int i = 0; i < count && !message[0]; i++) {
            int n = todo_lines(paths[i]);
            if (n < 0) snprintf(message, sizeof message, "cannot read %s", paths[i]);
            else if (n > 0) {
                failed = 1;
                snprintf(message, sizeof message, "%s has %d TODO line%s", paths[i], n, n == 1 ? "" : "s");
            }
        }
        if (!message[0]) out = reply("{\"passed\":true}");
        else if (!failed) out = error_reply(message);
        else {
            char buf[4400] = "{\"passed\":false,\"message\":";
            append_quoted(buf, sizeof buf - 2, message);
            strcat(buf, "}");
            out = reply(buf);
        }
        free_paths(paths, count);
    } else {
        char message[300];
        snprintf(message, sizeof message, "Unknown check: %s", fn ? fn : "?");
        out = error_reply(message);
    }
    free(fn);
    free(req);
    return out;
}

EXPORT("library_name") uint64_t library_name(void) { return reply("todos"); }
EXPORT("library_doc") uint64_t library_doc(void) { return reply(DOC); }
