/* A small JSON reader and writer for requests and replies (no dependencies). */
#ifndef HIELEMENTS_JSON_H
#define HIELEMENTS_JSON_H

#include <stddef.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_kind;

typedef struct json {
    json_kind kind;
    int boolean;
    double number;
    char *string;        /* JSON_STRING */
    size_t count;        /* items of an array or members of an object */
    struct json **items; /* values */
    char **keys;         /* member names (objects only) */
} json;

json *json_parse(const char *text); /* NULL when the text is not valid JSON */
void json_free(json *v);
const json *json_get(const json *object, const char *key);  /* NULL when absent */
const json *json_at(const json *array, size_t i);           /* NULL when out of range */
const char *json_string(const json *v);                     /* NULL unless a string */

/* A growing text buffer for replies. */
typedef struct {
    char *data;
    size_t len, cap;
} jbuf;

void jbuf_add(jbuf *b, const char *text);
void jbuf_quoted(jbuf *b, const char *text); /* as a JSON string literal */
void jbuf_json(jbuf *b, const json *v);      /* a parsed value, written back */

#endif
