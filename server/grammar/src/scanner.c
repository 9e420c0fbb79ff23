/*
 * External scanner for the Hielements grammar: layout and comments.
 *
 * Tokens (order must match `externals` in grammar.js):
 *   NEWLINE        a line end; also swallows following blank lines (so blank lines never
 *                  produce tokens); zero-width at end of input when a statement needs one.
 *   INDENT/DEDENT  zero-width, at column 0 of the first content line whose indentation
 *                  differs (spaces count 1, tabs 4, as in the reference lexer).
 *   COMMENT        `#` to end of line.
 *   DOC_COMMENT    `##` (or 4+ `#`) to end of line.
 *   BLOCK_COMMENT  `###` … next `###` (may span lines; an unclosed one runs to end of input and
 *                  is reported by the validator). A line of exactly six `#` is an empty block.
 *   MISSING_CLOSE_BRACE  zero-width at end of input, where a brace block is still open.
 *   STRING         'text' or "text" (backslash escapes anything but a line end). It may span
 *                  lines, but not a line that starts a top-level item: a line beginning, at
 *                  column 0, with element, template, pattern, import, from or language
 *                  followed by a character that cannot continue a name.
 *   UNTERMINATED_STRING  a quote with no closing one (before such a line, or the end of
 *                  input): the quote and the rest of its line.
 *
 * Comment-only lines do not take part in indentation (unlike the reference, where a comment
 * indented differently breaks the block; see README "Deliberate differences").
 *
 * Only libc functions that web-tree-sitter exports may be used here (malloc, memcpy, …).
 */
#include "tree_sitter/parser.h"
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

enum TokenType { NEWLINE, INDENT, DEDENT, COMMENT, DOC_COMMENT, BLOCK_COMMENT, MISSING_CLOSE_BRACE, STRING, UNTERMINATED_STRING, ERROR_SENTINEL };

/* Deeper indentation than this is treated as the deepest level (serialisation must fit in 1 KiB). */
#define MAX_DEPTH 1000

typedef struct {
  uint16_t stack[MAX_DEPTH];
  uint16_t depth;          /* entries in stack; stack[0] == 0 always */
  uint16_t pending_dedents;
  uint8_t pending_indent;
  uint8_t started;         /* the first line's indentation has been measured */
  uint8_t eof_newline;     /* the zero-width NEWLINE at end of input was emitted */
} Scanner;

static void advance(TSLexer *lexer) { lexer->advance(lexer, false); }
static void skip(TSLexer *lexer) { lexer->advance(lexer, true); }

static bool at_line_end(TSLexer *lexer) {
  return lexer->lookahead == '\n' || lexer->lookahead == '\r' || lexer->eof(lexer);
}

/* Apply a content line's indentation to the stack; remember what to emit. */
static void apply_indent(Scanner *s, uint32_t width) {
  uint16_t top = s->stack[s->depth - 1];
  if (width > top) {
    if (s->depth < MAX_DEPTH) {
      s->stack[s->depth++] = (uint16_t)(width > 65535 ? 65535 : width);
      s->pending_indent = 1;
    }
  } else {
    while (s->depth > 1 && s->stack[s->depth - 1] > width) {
      s->depth--;
      s->pending_dedents++;
    }
  }
}

/* Measure leading blanks (space 1, tab 4) without consuming them into any token. */
static uint32_t measure_blanks(TSLexer *lexer) {
  uint32_t width = 0;
  for (;;) {
    if (lexer->lookahead == ' ') width += 1;
    else if (lexer->lookahead == '\t') width += 4;
    else break;
    advance(lexer);
  }
  return width;
}

static bool scan_comment(TSLexer *lexer) {
  uint32_t hashes = 0;
  while (lexer->lookahead == '#') { advance(lexer); hashes++; }
  if (hashes == 3 || (hashes == 6 && at_line_end(lexer))) {
    if (hashes == 6) { lexer->mark_end(lexer); lexer->result_symbol = BLOCK_COMMENT; return true; }
    /* Block comment: up to and including the next `###`, or to end of input. */
    uint32_t run = 0;
    while (!lexer->eof(lexer)) {
      if (lexer->lookahead == '#') {
        run++;
        advance(lexer);
        if (run == 3) { lexer->mark_end(lexer); lexer->result_symbol = BLOCK_COMMENT; return true; }
      } else {
        run = 0;
        advance(lexer);
      }
    }
    lexer->mark_end(lexer);
    lexer->result_symbol = BLOCK_COMMENT;
    return true;
  }
  while (!at_line_end(lexer)) advance(lexer);
  lexer->mark_end(lexer);
  lexer->result_symbol = hashes >= 2 ? DOC_COMMENT : COMMENT;
  return true;
}

static bool is_name_char(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * At column 0 after a line break inside a string: does this line start a top-level item?
 * Reads (as string content) the name the line starts with, up to the first character that
 * differs from every top-level keyword.
 */
static bool at_item_start(TSLexer *lexer) {
  char word[9];
  unsigned length = 0;
  while (length < 8 && is_name_char(lexer->lookahead)) {
    word[length++] = (char)lexer->lookahead;
    advance(lexer);
  }
  if (length == 0 || is_name_char(lexer->lookahead)) return false;
  word[length] = 0;
  return strcmp(word, "element") == 0 || strcmp(word, "template") == 0 || strcmp(word, "pattern") == 0 ||
         strcmp(word, "import") == 0 || strcmp(word, "from") == 0 || strcmp(word, "language") == 0;
}

/*
 * A string literal at the opening quote. While on the quote's own line the end is marked
 * after each character (an unterminated string ends there, or before a backslash that would
 * escape the line end); finding the closing quote moves the mark after it. A backslash
 * before a line end, a line that starts a top-level item, or the end of input stop the search.
 */
static bool scan_string(TSLexer *lexer) {
  int32_t quote = lexer->lookahead;
  bool first_line = true;
  advance(lexer);
  lexer->mark_end(lexer);
  for (;;) {
    if (lexer->eof(lexer)) break;
    int32_t c = lexer->lookahead;
    if (c == quote) {
      advance(lexer);
      lexer->mark_end(lexer);
      lexer->result_symbol = STRING;
      return true;
    }
    if (c == '\\') {
      advance(lexer);
      if (lexer->eof(lexer) || lexer->lookahead == '\n') break;
      advance(lexer);
      if (first_line) lexer->mark_end(lexer);
      continue;
    }
    if (c == '\n') {
      first_line = false;
      advance(lexer);
      if (at_item_start(lexer)) break;
      continue;
    }
    advance(lexer);
    if (first_line) lexer->mark_end(lexer);
  }
  lexer->result_symbol = UNTERMINATED_STRING;
  return true;
}

/* After a line end: swallow blank lines, then measure the next content line. */
static bool scan_newline(Scanner *s, TSLexer *lexer) {
  for (;;) {
    if (lexer->lookahead == '\r') advance(lexer);
    if (lexer->lookahead == '\n') advance(lexer);
    lexer->mark_end(lexer);
    uint32_t width = measure_blanks(lexer);
    if (lexer->lookahead == '\n' || (lexer->lookahead == '\r')) {
      /* blank line: include it in this NEWLINE (a lone '\r' is left to the lexer) */
      if (lexer->lookahead == '\r') {
        advance(lexer);
        if (lexer->lookahead != '\n') break;
      }
      continue;
    }
    if (lexer->eof(lexer)) break;
    if (lexer->lookahead != '#') apply_indent(s, width);
    break;
  }
  lexer->result_symbol = NEWLINE;
  return true;
}

void *tree_sitter_hielements_external_scanner_create(void) {
  Scanner *s = (Scanner *)calloc(1, sizeof(Scanner));
  s->depth = 1;
  return s;
}

void tree_sitter_hielements_external_scanner_destroy(void *payload) { free(payload); }

/*
 * State layout: pending_indent, started, eof_newline, pending_dedents (2 bytes), then the
 * indentation stack above the bottom 0 as deltas: one byte each (< 255), or 255 + 2 bytes.
 */
unsigned tree_sitter_hielements_external_scanner_serialize(void *payload, char *buffer) {
  Scanner *s = (Scanner *)payload;
  unsigned size = 0;
  buffer[size++] = (char)s->pending_indent;
  buffer[size++] = (char)s->started;
  buffer[size++] = (char)s->eof_newline;
  memcpy(buffer + size, &s->pending_dedents, 2);
  size += 2;
  for (uint16_t i = 1; i < s->depth; i++) {
    uint16_t delta = (uint16_t)(s->stack[i] - s->stack[i - 1]);
    if (delta < 255) {
      if (size + 1 > TREE_SITTER_SERIALIZATION_BUFFER_SIZE) break;
      buffer[size++] = (char)delta;
    } else {
      if (size + 3 > TREE_SITTER_SERIALIZATION_BUFFER_SIZE) break;
      buffer[size++] = (char)255;
      memcpy(buffer + size, &delta, 2);
      size += 2;
    }
  }
  return size;
}

void tree_sitter_hielements_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  Scanner *s = (Scanner *)payload;
  s->depth = 1;
  s->stack[0] = 0;
  s->pending_indent = 0;
  s->started = 0;
  s->eof_newline = 0;
  s->pending_dedents = 0;
  if (length < 5) return;
  unsigned size = 0;
  s->pending_indent = (uint8_t)buffer[size++];
  s->started = (uint8_t)buffer[size++];
  s->eof_newline = (uint8_t)buffer[size++];
  memcpy(&s->pending_dedents, buffer + size, 2);
  size += 2;
  while (size < length && s->depth < MAX_DEPTH) {
    uint16_t delta = (uint8_t)buffer[size++];
    if (delta == 255 && size + 2 <= length) {
      memcpy(&delta, buffer + size, 2);
      size += 2;
    }
    s->stack[s->depth] = (uint16_t)(s->stack[s->depth - 1] + delta);
    s->depth++;
  }
}

bool tree_sitter_hielements_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  Scanner *s = (Scanner *)payload;
  bool error_recovery = valid_symbols[ERROR_SENTINEL];

  if (s->pending_dedents > 0) {
    s->pending_dedents--;
    lexer->mark_end(lexer);
    lexer->result_symbol = DEDENT;
    return true;
  }
  if (s->pending_indent) {
    s->pending_indent = 0;
    lexer->mark_end(lexer);
    lexer->result_symbol = INDENT;
    return true;
  }

  if (!s->started) {
    s->started = 1;
    if (lexer->get_column(lexer) == 0 && (lexer->lookahead == ' ' || lexer->lookahead == '\t')) {
      lexer->mark_end(lexer);
      uint32_t width = measure_blanks(lexer);
      if (!at_line_end(lexer) && lexer->lookahead != '#') {
        apply_indent(s, width);
        if (s->pending_indent) {
          s->pending_indent = 0;
          lexer->result_symbol = INDENT;
          return true;
        }
      }
      /* nothing to emit: the state change (started) is kept by the next token */
      return false;
    }
  }

  while (lexer->lookahead == ' ' || lexer->lookahead == '\t') skip(lexer);

  if (lexer->lookahead == '#') return scan_comment(lexer);

  if (lexer->lookahead == '\n' || lexer->lookahead == '\r') {
    if (lexer->lookahead == '\r') {
      /* only CRLF is a line end; a lone CR is an invalid character */
      advance(lexer);
      if (lexer->lookahead != '\n') return false;
    }
    return scan_newline(s, lexer);
  }

  if (lexer->eof(lexer)) {
    if (valid_symbols[NEWLINE] && !s->eof_newline && !error_recovery) {
      s->eof_newline = 1;
      lexer->mark_end(lexer);
      lexer->result_symbol = NEWLINE;
      return true;
    }
    if (s->depth > 1) {
      s->depth--;
      lexer->mark_end(lexer);
      lexer->result_symbol = DEDENT;
      return true;
    }
    if (valid_symbols[MISSING_CLOSE_BRACE] && !error_recovery) {
      lexer->mark_end(lexer);
      lexer->result_symbol = MISSING_CLOSE_BRACE;
      return true;
    }
  }

  if ((lexer->lookahead == '\'' || lexer->lookahead == '"') && (valid_symbols[STRING] || valid_symbols[UNTERMINATED_STRING])) {
    return scan_string(lexer);
  }
  return false;
}
