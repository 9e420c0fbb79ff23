/*
 * Hielements plugin core ABI v1 in C (wasm-plugins.md §2.2). src/abi.c exports what the host
 * calls (memory, alloc, dealloc, library_call, library_check, library_name, library_doc) and
 * turns requests and replies into the calls below, which the plugin implements.
 */
#ifndef HIELEMENTS_PLUGIN_H
#define HIELEMENTS_PLUGIN_H

#include "json.h"

/* The library name used in .hie files, and its documentation (JSON, the shape of `library.doc`). */
const char *hie_library_name(void);
const char *hie_library_doc(void);

/*
 * A selector: append one Value (tagged JSON: {"Int": 1}, {"Scope": {...}}, ...) to `out` and
 * return 0, or return -1 with a malloc'ed message in *error (the call fails with it).
 * `workspace` is "/workspace" when capabilities.fs is granted, "" otherwise; scope paths
 * are relative to it.
 */
int hie_call(const char *function, const json *args, const char *workspace, jbuf *out, char **error);

/* A check: 1 passed, 0 failed (*message may be set, malloc'ed), -1 error (*error set). */
int hie_check(const char *function, const json *args, const char *workspace, char **message, char **error);

/* printf into a new malloc'ed string (for messages). */
char *hie_format(const char *fmt, ...);

#endif
