/*
 * Core ABI v1 (wasm-plugins.md §2.2): the host writes a UTF-8 JSON request
 * {"function": "...", "args": [<Value>...], "workspace": "/workspace" | ""} into memory from
 * `alloc`, calls `library_call` / `library_check`, reads the reply at `ptr << 32 | len`, and
 * frees both with `dealloc`. Replies: a Value or {"error": "..."}; {"passed": b, "message"?: "..."}.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hielements_plugin.h"

#define EXPORT(name) __attribute__((export_name(name)))

// #region abi
EXPORT("alloc") void *plugin_alloc(int32_t len) { return malloc(len > 0 ? (size_t)len : 1); }
EXPORT("dealloc") void plugin_dealloc(void *ptr, int32_t len) { (void)len; free(ptr); }

/* The reply is handed over to the host, which frees it with dealloc. */
static uint64_t reply(char *text) {
    return ((uint64_t)(uintptr_t)text << 32) | (uint64_t)strlen(text);
}

static uint64_t error_reply(char *message) {
    jbuf b = {0};
    jbuf_add(&b, "{\"error\":");
    jbuf_quoted(&b, message ? message : "unknown error");
    jbuf_add(&b, "}");
    free(message);
    return reply(b.data);
}

/* The request's fields; NULL when it is not valid JSON. */
static json *request(const char *ptr, int32_t len, const char **function, const json **args, const char **workspace) {
    char *text = malloc((size_t)len + 1);
    memcpy(text, ptr, (size_t)len);
    text[len] = 0;
    json *req = json_parse(text);
    free(text);
    *function = json_string(json_get(req, "function"));
    *args = json_get(req, "args");
    *workspace = json_string(json_get(req, "workspace"));
    if (!*function) *function = "";
    if (!*workspace) *workspace = "";
    return req;
}

EXPORT("library_call") uint64_t library_call(const char *ptr, int32_t len) {
    const char *function, *workspace;
    const json *args;
    json *req = request(ptr, len, &function, &args, &workspace);
    if (!req) return error_reply(hie_format("the request is not valid JSON"));
    jbuf out = {0};
    char *error = NULL;
    int rc = hie_call(function, args, workspace, &out, &error);
    json_free(req);
    if (rc != 0) {
        free(out.data);
        return error_reply(error);
    }
    return reply(out.data);
}

EXPORT("library_check") uint64_t library_check(const char *ptr, int32_t len) {
    const char *function, *workspace;
    const json *args;
    json *req = request(ptr, len, &function, &args, &workspace);
    if (!req) return error_reply(hie_format("the request is not valid JSON"));
    char *message = NULL, *error = NULL;
    int rc = hie_check(function, args, workspace, &message, &error);
    json_free(req);
    if (rc < 0) return error_reply(error);
    jbuf b = {0};
    jbuf_add(&b, rc ? "{\"passed\":true" : "{\"passed\":false");
    if (message) jbuf_add(&b, ",\"message\":"), jbuf_quoted(&b, message);
    jbuf_add(&b, "}");
    free(message);
    return reply(b.data);
}
// #endregion abi

EXPORT("library_name") uint64_t library_name(void) { return reply(hie_format("%s", hie_library_name())); }
EXPORT("library_doc") uint64_t library_doc(void) { return reply(hie_format("%s", hie_library_doc())); }

char *hie_format(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *out = malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(out, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return out;
}
