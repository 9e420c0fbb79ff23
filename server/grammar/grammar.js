/**
 * Tree-sitter grammar for Hielements `.hie` files (spec: language.md §2–§3).
 *
 * Design notes
 * - Layout comes from the external scanner (src/scanner.c): `newline`, `indent`, `dedent`,
 *   and the three comment forms. Comment-only lines never change indentation.
 * - String literals come from the scanner too: one may span lines, but not a line that
 *   starts a top-level item (`element`, `template`, … at column 0); a quote without a closing
 *   one before such a line is an `unterminated_string` to the end of its own line (so a stray
 *   quote breaks one item, not the rest of the file; docs/differences.md).
 * - The grammar is deliberately a little more permissive than the reference where the
 *   reference reports a *specific* error (requires in an element, unbounded scope in an
 *   element, `implements` on a pattern, a missing `:` before an indented body, a binding
 *   without `=`, imports after items, …): those parse into ordinary nodes and
 *   the model layer (server/src/model/build.ts) reports them with the reference's code at the exact token. Everything
 *   else becomes an ERROR/MISSING node that syntax/syntaxErrors.ts describes.
 */

const SOFT_KEYWORDS = [
  'scope', 'element', 'check', 'connection_point', 'ref', 'uses', 'template', 'pattern',
  'implements', 'binds', 'to', 'requires', 'allows', 'forbids', 'descendant', 'connection',
  'language', 'connection_check',
];

const commaSep1 = (rule) => seq(rule, repeat(seq(',', rule)));

module.exports = grammar({
  name: 'hielements',

  externals: ($) => [
    $.newline,
    $.indent,
    $.dedent,
    $.comment,
    $.doc_comment,
    $.block_comment,
    $.missing_close_brace,
    $.string,
    $.unterminated_string,
    $._error_sentinel,
  ],

  extras: ($) => [/[ \t]/, $.comment, $.doc_comment, $.block_comment],

  word: ($) => $.identifier,

  conflicts: ($) => [],

  rules: {
    source_file: ($) => repeat(choice(
      $.newline,
      $._import,
      $.pattern_declaration,
      $.element_declaration,
      $.language_declaration,
    )),

    // ── imports ────────────────────────────────────────────────────────────────
    _import: ($) => choice($.import_statement, $.from_import_statement),

    import_statement: ($) => seq(
      'import',
      field('path', choice($.string, $.qualified_name)),
      optional(seq('as', field('alias', $._name))),
      $._terminator,
    ),

    from_import_statement: ($) => seq(
      'from',
      field('path', choice($.string, $.qualified_name)),
      'import',
      commaSep1(field('name', $._name)),
      $._terminator,
    ),

    // ── languages ──────────────────────────────────────────────────────────────
    language_declaration: ($) => prec.right(seq(
      'language',
      field('name', $._name),
      choice(
        $._terminator,
        seq(':', repeat1($.newline), optional(seq(
          $.indent,
          repeat(choice($.newline, $.connection_check)),
          $.dedent,
        ))),
      ),
    )),

    connection_check: ($) => seq(
      'connection_check',
      field('name', $._name),
      '(',
      optional(seq(commaSep1($.connection_parameter), optional(','))),
      ')',
      ':',
      repeat1($.newline),
      $.indent,
      repeat($.newline),
      field('body', $._expression),
      $._terminator,
      repeat($.newline),
      $.dedent,
    ),

    connection_parameter: ($) => seq(field('name', $._name), ':', 'scope', '[', ']'),

    // ── patterns and elements ──────────────────────────────────────────────────
    pattern_declaration: ($) => seq(
      field('keyword', choice('pattern', 'template')),
      field('name', $._name),
      optional(field('implements', $.implements_clause)), // reference: E007, see model/build.ts
      field('body', $._block),
    ),

    element_declaration: ($) => seq(
      'element',
      field('name', $._name),
      optional(field('implements', $.implements_clause)),
      field('body', choice($._block, $.missing_colon_block)),
    ),

    implements_clause: ($) => seq('implements', commaSep1(field('pattern', $._name))),

    _block: ($) => choice($.indent_block, $.brace_block),

    /** `:` then an indented body. A `:` followed by no indented line is an empty body (model/build.ts decides). */
    indent_block: ($) => prec.right(seq(
      ':',
      repeat1($.newline),
      optional(seq($.indent, repeat($._indented_item), $.dedent)),
    )),

    /** Header line without `:` (or `{`): the reference reports E007 "Expected Colon"; we keep the body. */
    missing_colon_block: ($) => prec.right(seq(
      repeat1($.newline),
      optional(seq($.indent, repeat($._indented_item), $.dedent)),
    )),

    brace_block: ($) => seq(
      '{',
      repeat(choice($.newline, $.indent, $.dedent, $._block_member, seq($._simple_member, $._terminator))),
      optional($._simple_member), // one-line bodies: `element a { scope x = f('x') }`
      // At end of input the scanner closes an open brace block (the reference accepts a
      // missing `}` there; model/build.ts reports a warning).
      choice('}', $.missing_close_brace),
    ),

    _indented_item: ($) => choice($.newline, $._block_member, seq($._simple_member, $._terminator)),

    /** Members that end with their own block. */
    _block_member: ($) => choice($.element_declaration, $.requirement),

    /** One-line members that need a terminator. */
    _simple_member: ($) => choice(
      $.scope_declaration,
      $.ref_declaration,
      $.uses_declaration,
      $.check_declaration,
      $.binding,
    ),

    _terminator: ($) => $.newline,

    // ── members ────────────────────────────────────────────────────────────────
    scope_declaration: ($) => seq(
      'scope',
      field('name', $._name),
      optional(field('language', $.language_annotation)),
      optional(seq('binds', field('binds', $.qualified_name))),
      optional(seq('=', field('value', $._expression))),
    ),

    language_annotation: ($) => choice(
      seq('<', field('name', $._name), '>'),
      seq(':', field('name', $._name)),
    ),

    ref_declaration: ($) => seq(
      field('keyword', choice('ref', 'connection_point')),
      field('name', $._name),
      ':',
      field('type', $._name),
      optional(seq('binds', field('binds', $.qualified_name))),
      optional(seq('=', field('value', $._expression))),
    ),

    uses_declaration: ($) => seq(
      field('source', $.identifier),
      'uses',
      field('target', $.qualified_name),
    ),

    check_declaration: ($) => seq('check', field('expression', $._expression)),

    /** Legacy binding `pattern.path = expr`; without `=` it is reported by model/build.ts (E003). */
    binding: ($) => seq(
      field('path', alias($._binding_path, $.qualified_name)),
      optional(seq('=', field('value', $._expression))),
    ),

    _binding_path: ($) => seq($.identifier, repeat1(seq('.', $._name))),

    qualified_name: ($) => seq($._name, repeat(seq('.', $._name))),

    // ── requirements (pattern bodies; elsewhere reported by model/build.ts, E012) ──
    requirement: ($) => seq(
      field('action', choice('requires', 'allows', 'forbids')),
      optional(field('descendant', 'descendant')),
      choice(
        seq(field('target', choice(
          $.scope_declaration,
          $.check_declaration,
          $.ref_declaration,
          $.connection_target,
          $.implements_target,
          $.language_target,
        )), $._terminator),
        field('target', $.requirement_element),
      ),
    ),

    requirement_element: ($) => seq(
      'element',
      field('name', $._name),
      optional(seq(':', field('type', $._name))),
      optional(seq('implements', field('implements', $._name))),
      choice($._terminator, field('body', $._block)),
    ),

    connection_target: ($) => seq(
      'connection',
      optional('to'),
      field('path', $.connection_pattern),
    ),

    // `a.` is `a` (the reference consumes a dot that nothing follows): conformance issue 13
    connection_pattern: ($) => seq(
      $._name,
      repeat(seq('.', $.identifier)),
      optional(seq('.', optional(field('wildcard', $.wildcard)))),
    ),

    wildcard: ($) => '*',

    implements_target: ($) => seq('implements', field('pattern', $._name)),

    language_target: ($) => seq('language', field('name', $._name)),

    // ── expressions ────────────────────────────────────────────────────────────
    _expression: ($) => choice(
      $.identifier,
      $.string,
      $.unterminated_string,
      $.number,
      $.true,
      $.false,
      $.list,
      $.member_expression,
      $.call_expression,
    ),

    member_expression: ($) => prec.left(2, seq(
      field('object', $._expression),
      '.',
      field('member', $._name),
    )),

    call_expression: ($) => prec.left(2, seq(
      field('function', $._expression),
      field('arguments', $.argument_list),
    )),

    argument_list: ($) => seq('(', optional(commaSep1($._expression)), ')'),

    list: ($) => seq('[', optional(seq(commaSep1($._expression), optional(','))), ']'),

    true: ($) => 'true',
    false: ($) => 'false',

    number: ($) => /[0-9]+(\.[0-9]+)?/,

    _name: ($) => choice($.identifier, alias(choice(...SOFT_KEYWORDS), $.identifier)),

    identifier: ($) => /[A-Za-z_][A-Za-z0-9_]*/,
  },
});
