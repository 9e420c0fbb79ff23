import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';
import type { HieDiagnostic, Severity } from '../diagnostics/diagnostic';
import { spanOf, type Span } from '../syntax/span';
import { HARD_KEYWORDS, KEYWORD_KINDS, tokenKind } from '../syntax/tokens';
import { UNTERMINATED_STRING } from '../syntax/firstError';
import type { Element, Program, RequirementElementBody } from './types';

/**
 * Validation (language.md §5 and the grammar's deliberate leniencies): everything the
 * reference rejects that our grammar parses on purpose, reported with the reference's code
 * at the reference's token, plus W001 and our own clear diagnostics for the reference's
 * silent quirks (unterminated string/comment, missing `}`).
 */
export interface ValidationOptions {
  /** Libraries that exist (built-ins and configured plugins), for W001. */
  knownLibraries: ReadonlySet<string>;
}

const TREE_CHECKS = `
(element_declaration body: (_ (requirement action: _ @requirement.in_element)))
(requirement_element body: (_ (requirement action: _ @requirement.in_requirement)))
(pattern_declaration implements: (implements_clause) @pattern.implements)
(pattern_declaration body: (_ [(uses_declaration) (binding)] @pattern.member))
(requirement_element body: (_ [(uses_declaration) (binding)] @pattern.member))
(missing_colon_block . (newline) @missing_colon)
(indent_block) @indent_block
(binding) @binding
(unterminated_string) @unterminated_string
(block_comment) @block_comment
(missing_close_brace) @missing_close_brace
(identifier) @identifier
`;

const queries = new WeakMap<Language, Query>();

function treeChecks(language: Language): Query {
  let query = queries.get(language);
  if (!query) {
    query = new Query(language, TREE_CHECKS);
    queries.set(language, query);
  }
  return query;
}

const TOP_LEVEL = "Expected 'template', 'element', or 'language'";
const PATTERN_BODY = "Expected 'scope', 'ref', 'check', 'element', 'requires', 'allows', or 'forbids' in template";
const HARD_KEYWORD_TEXT = new RegExp(`^(${[...HARD_KEYWORDS].join('|')})$`);

export function validate(tree: Tree, program: Program, options: ValidationOptions): HieDiagnostic[] {
  const out: HieDiagnostic[] = [];
  const report = (severity: Severity, code: string, message: string, span: Span): void => {
    out.push({ severity, code, message, span, source: 'validation' });
  };

  for (const { name, node } of treeChecks(tree.language).captures(tree.rootNode)) {
    switch (name) {
      case 'requirement.in_element':
        report('error', 'E012', `'${node.text}' is only allowed in templates, not in regular elements. Define a template with this constraint and have the element implement it.`, spanOf(node));
        break;
      case 'requirement.in_requirement':
        report('error', 'E012', `'${node.text}' is only allowed in templates, not in regular elements.`, spanOf(node));
        break;
      case 'pattern.implements':
        report('error', 'E007', 'Expected Colon, found Implements', spanOf(node.firstChild ?? node));
        break;
      case 'pattern.member': {
        const first = node.firstChild ?? node;
        report('error', 'E002', `${PATTERN_BODY}, found ${tokenKind(first)}`, spanOf(first));
        break;
      }
      case 'missing_colon':
        report('error', 'E007', 'Expected Colon, found Newline', firstCharSpan(node));
        break;
      case 'indent_block':
        emptyIndentBlock(node, report);
        break;
      case 'binding':
        if (!node.childForFieldName('value')) report('error', 'E003', 'Not a template binding', spanOf(node.firstChild ?? node));
        break;
      case 'unterminated_string':
        report('error', 'E018', UNTERMINATED_STRING, spanOf(node));
        break;
      case 'block_comment':
        if (!isClosedBlockComment(node.text)) {
          report('error', 'E019', 'Unterminated block comment: everything up to the end of the file is commented out; close it with `###`', openingSpan(node, 3));
        }
        break;
      case 'missing_close_brace': {
        const open = node.parent?.firstChild;
        report('warning', 'W101', 'Missing `}`: this block is closed by the end of the file', spanOf(open ?? node));
        break;
      }
      case 'identifier':
        if (HARD_KEYWORD_TEXT.test(node.text)) hardKeywordAsName(node, report);
        break;
    }
  }

  lateImports(program, report);
  unboundedPlaceholders(program, report);
  unknownLibraries(program, options, report);
  return out;
}

type Report = (severity: Severity, code: string, message: string, span: Span) => void;

/** `element a:` with no indented line (and not even a comment) after it: the reference's E007. */
function emptyIndentBlock(block: Node, report: Report): void {
  if (block.hasError) return; // the syntax error inside says it better
  for (const child of block.children) {
    if (!child) continue;
    const type = child.type;
    if (type === 'indent' || type === 'comment' || type === 'doc_comment' || type === 'block_comment') return;
  }
  const next = nextToken(block);
  const span: Span = next
    ? spanOf(next)
    : { start: block.endPosition, end: block.endPosition, startIndex: block.endIndex, endIndex: block.endIndex };
  report('error', 'E007', `Expected Indent, found ${next ? tokenKind(next) : 'Eof'}`, span);
}

/** The first non-trivia leaf after `node`, or null at end of input. */
function nextToken(node: Node): Node | null {
  let current: Node | null = node;
  while (current && !current.nextSibling) current = current.parent;
  let next: Node | null = current?.nextSibling ?? null;
  while (next) {
    if (next.childCount > 0) {
      next = next.firstChild;
      continue;
    }
    const trivia = next.type === 'comment' || next.type === 'doc_comment' || next.type === 'block_comment';
    if (!trivia && next.endIndex > next.startIndex) return next;
    next = nextLeafSibling(next);
  }
  return null;
}

function nextLeafSibling(node: Node): Node | null {
  let current: Node | null = node;
  while (current && !current.nextSibling) current = current.parent;
  return current?.nextSibling ?? null;
}

function isClosedBlockComment(text: string): boolean {
  return text.length >= 6 && text.endsWith('###');
}

function firstCharSpan(node: Node): Span {
  const width = node.text.startsWith('\r') ? 2 : 1;
  return {
    start: node.startPosition,
    end: { row: node.startPosition.row, column: node.startPosition.column + width },
    startIndex: node.startIndex,
    endIndex: node.startIndex + width,
  };
}

function openingSpan(node: Node, width: number): Span {
  return {
    start: node.startPosition,
    end: { row: node.startPosition.row, column: node.startPosition.column + width },
    startIndex: node.startIndex,
    endIndex: node.startIndex + width,
  };
}

const EXPRESSION_PARENTS = new Set(['argument_list', 'list', 'check_declaration', 'call_expression']);

/** `import`, `from`, `as`, `true`, `false` can never be names (language.md §2.4). */
function hardKeywordAsName(node: Node, report: Report): void {
  const parent = node.parent;
  const kind = KEYWORD_KINDS[node.text];
  const inExpression =
    parent !== null &&
    (EXPRESSION_PARENTS.has(parent.type) ||
      (parent.type === 'member_expression' && parent.childForFieldName('object')?.id === node.id) ||
      parent.childForFieldName('value')?.id === node.id ||
      parent.childForFieldName('body')?.id === node.id);
  report('error', inExpression ? 'E003' : 'E004', `Expected ${inExpression ? 'expression' : 'identifier'}, found ${kind}`, spanOf(node));
}

/** Imports are only recognised before the first pattern, element or language (reference: E001). */
function lateImports(program: Program, report: Report): void {
  const firstItem = Math.min(
    ...[...program.patterns, ...program.elements, ...program.languages].map((item) => item.span.startIndex),
  );
  for (const imp of program.imports) {
    if (imp.span.startIndex < firstItem) continue;
    const keyword = imp.selective.length > 0 ? 'From' : 'Import';
    const width = keyword.length;
    report('error', 'E001', `${TOP_LEVEL}, found ${keyword}`, {
      start: imp.span.start,
      end: { row: imp.span.start.row, column: imp.span.start.column + width },
      startIndex: imp.span.startIndex,
      endIndex: imp.span.startIndex + width,
    });
  }
}

/** E014/E015: unbounded scopes and refs are only allowed in pattern context. */
function unboundedPlaceholders(program: Program, report: Report): void {
  const visitElement = (element: Element): void => {
    if (!element.inPattern) {
      const scope = element.scopes.find((s) => s.expression === null);
      const ref = element.refs.find((r) => r.expression === null);
      if (scope) {
        const n = scope.name.name;
        report('error', 'E014', `Unbounded scope '${n}' is only allowed in templates, not in regular elements. Provide an expression: \`scope ${n} = <expression>\``, scope.span);
      } else if (ref) {
        const n = ref.name.name;
        report('error', 'E015', `Unbounded ref '${n}' is only allowed in templates, not in regular elements. Provide an expression: \`ref ${n}: <Type> = <expression>\``, ref.span);
      }
    }
    element.children.forEach(visitElement);
  };
  const visitBody = (body: RequirementElementBody | null): void => body?.elements.forEach(visitElement);
  program.elements.forEach(visitElement);
  for (const pattern of program.patterns) {
    pattern.elements.forEach(visitElement);
    for (const requirement of pattern.requirements) {
      if (requirement.component.kind === 'element') visitBody(requirement.component.body);
    }
  }
}

/** W001: `import x` / `from x import …` where `x` is no known library. */
function unknownLibraries(program: Program, options: ValidationOptions, report: Report): void {
  for (const imp of program.imports) {
    if (imp.path.kind !== 'identifiers') continue;
    const first = imp.path.parts[0];
    if (first && !options.knownLibraries.has(first.name)) {
      report('warning', 'W001', `Unknown library '${first.name}' (will be resolved at runtime)`, first.span);
    }
  }
}
