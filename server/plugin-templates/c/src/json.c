#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s;
    int ok;
} parser;

static void ws(parser *p) {
    while (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r') p->s++;
}

static json *node(json_kind kind) {
    json *v = calloc(1, sizeof(json));
    v->kind = kind;
    return v;
}

static void push(json *v, char *key, json *item) {
    v->items = realloc(v->items, sizeof(json *) * (v->count + 1));
    if (v->kind == JSON_OBJECT) v->keys = realloc(v->keys, sizeof(char *) * (v->count + 1)), v->keys[v->count] = key;
    v->items[v->count++] = item;
}

/* Appends the UTF-8 encoding of code point c. */
static void utf8(jbuf *b, unsigned c) {
    char out[5] = {0};
    if (c < 0x80) out[0] = (char)c;
    else if (c < 0x800) out[0] = (char)(0xc0 | c >> 6), out[1] = (char)(0x80 | (c & 0x3f));
    else out[0] = (char)(0xe0 | c >> 12), out[1] = (char)(0x80 | ((c >> 6) & 0x3f)), out[2] = (char)(0x80 | (c & 0x3f));
    jbuf_add(b, out);
}

static char *string(parser *p) {
    jbuf b = {0};
    jbuf_add(&b, "");
    if (*p->s != '"') { p->ok = 0; return b.data; }
    p->s++;
    while (*p->s && *p->s != '"') {
        char c = *p->s++;
        if (c != '\\') { char one[2] = {c, 0}; jbuf_add(&b, one); continue; }
        c = *p->s++;
        if (c == 'u') {
            unsigned code = 0;
            if (sscanf(p->s, "%4x", &code) != 1) { p->ok = 0; break; }
            p->s += 4;
            utf8(&b, code);
        } else {
            char one[2] = {c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c == 'b' ? '\b' : c == 'f' ? '\f' : c, 0};
            jbuf_add(&b, one);
        }
    }
    if (*p->s == '"') p->s++; else p->ok = 0;
    return b.data;
}

static json *value(parser *p) {
    ws(p);
    json *v;
    if (*p->s == '{' || *p->s == '[') {
        char close = *p->s == '{' ? '}' : ']';
        v = node(close == '}' ? JSON_OBJECT : JSON_ARRAY);
        p->s++;
        ws(p);
        if (*p->s == close) { p->s++; return v; }
        while (p->ok) {
            char *key = NULL;
            if (close == '}') {
                ws(p);
                key = string(p);
                ws(p);
                if (*p->s++ != ':') p->ok = 0;
            }
            push(v, key, value(p));
            ws(p);
            if (*p->s == ',') p->s++;
            else if (*p->s == close) { p->s++; break; }
            else p->ok = 0;
        }
    } else if (*p->s == '"') {
        v = node(JSON_STRING);
        v->string = string(p);
    } else if (strncmp(p->s, "true", 4) == 0 || strncmp(p->s, "false", 5) == 0) {
        v = node(JSON_BOOL);
        v->boolean = *p->s == 't';
        p->s += v->boolean ? 4 : 5;
    } else if (strncmp(p->s, "null", 4) == 0) {
        v = node(JSON_NULL);
        p->s += 4;
    } else {
        char *end;
        v = node(JSON_NUMBER);
        v->number = strtod(p->s, &end);
        if (end == p->s) p->ok = 0;
        p->s = end;
    }
    return v;
}

json *json_parse(const char *text) {
    parser p = {text, 1};
    json *v = value(&p);
    ws(&p);
    if (!p.ok || *p.s) { json_free(v); return NULL; }
    return v;
}

void json_free(json *v) {
    if (!v) return;
    for (size_t i = 0; i < v->count; i++) {
        json_free(v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->string);
    free(v);
}

const json *json_get(const json *o, const char *key) {
    if (!o || o->kind != JSON_OBJECT) return NULL;
    for (size_t i = 0; i < o->count; i++) if (strcmp(o->keys[i], key) == 0) return o->items[i];
    return NULL;
}

const json *json_at(const json *a, size_t i) {
    return a && a->kind == JSON_ARRAY && i < a->count ? a->items[i] : NULL;
}

const char *json_string(const json *v) {
    return v && v->kind == JSON_STRING ? v->string : NULL;
}

void jbuf_add(jbuf *b, const char *text) {
    size_t n = strlen(text);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->data = realloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, text, n + 1);
    b->len += n;
}

void jbuf_quoted(jbuf *b, const char *s) {
    jbuf_add(b, "\"");
    for (; *s; s++) {
        char esc[8] = {*s, 0};
        if (*s == '"' || *s == '\\') esc[0] = '\\', esc[1] = *s;
        else if ((unsigned char)*s < 0x20) snprintf(esc, sizeof esc, "\\u%04x", *s);
        jbuf_add(b, esc);
    }
    jbuf_add(b, "\"");
}

void jbuf_json(jbuf *b, const json *v) {
    char num[32];
    switch (v->kind) {
    case JSON_NULL: jbuf_add(b, "null"); break;
    case JSON_BOOL: jbuf_add(b, v->boolean ? "true" : "false"); break;
    case JSON_NUMBER: snprintf(num, sizeof num, "%.17g", v->number); jbuf_add(b, num); break;
    case JSON_STRING: jbuf_quoted(b, v->string); break;
    case JSON_ARRAY:
    case JSON_OBJECT:
        jbuf_add(b, v->kind == JSON_ARRAY ? "[" : "{");
        for (size_t i = 0; i < v->count; i++) {
            if (i) jbuf_add(b, ",");
            if (v->kind == JSON_OBJECT) jbuf_quoted(b, v->keys[i]), jbuf_add(b, ":");
            jbuf_json(b, v->items[i]);
        }
        jbuf_add(b, v->kind == JSON_ARRAY ? "]" : "}");
    }
}
