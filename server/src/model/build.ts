import type { Node } from 'web-tree-sitter';
import type { Severity } from '../diagnostics/diagnostic';
import { lineBreakWidth, spanAt, spanOf, spanCovering, type Span } from '../syntax/span';
import { unescapeString } from '../syntax/literals';
import { tokenKind } from '../syntax/tokens';
import { UNTERMINATED_STRING } from '../syntax/firstError';
import type {
  Binding,
  CheckDecl,
  ConnectionCheck,
  Element,
  Expression,
  Identifier,
  ImportStatement,
  LanguageDecl,
  Pattern,
  RefDecl,
  Requirement,
  RequirementComponent,
  RequirementElementBody,
  ScopeDecl,
  UsesDecl,
} from './types';

/**
 * Lowers tree-sitter nodes into the typed model. While it walks it also reports what the
 * grammar accepts on purpose but the language forbids (language.md §3; the reference's codes),
 * so the tree is walked once. Broken parts (ERROR nodes, members missing a required part) are
 * skipped: syntax diagnostics explain them.
 */
export interface BuildContext {
  /** Doc comment text for a pattern/element node, or null. */
  docFor(node: Node): string | null;
  report(severity: Severity, code: string, message: string, span: Span): void;
  /** Elements of an earlier analysis that may stand for element nodes (elementReuse.ts). */
  reuse?: ElementReuse;
}

/** Builds an element node through `build`, or gives back an element built for it before. */
export interface ElementReuse {
  element(node: Node, inPattern: boolean, ctx: BuildContext, build: (ctx: BuildContext) => Element | null): Element | null;
}

export type TopLevelItem =
  | { kind: 'import'; item: ImportStatement }
  | { kind: 'language'; item: LanguageDecl }
  | { kind: 'pattern'; item: Pattern }
  | { kind: 'element'; item: Element };

const PATTERN_BODY = "Expected 'scope', 'ref', 'check', 'element', 'requires', 'allows', or 'forbids' in template";
const E012_LONG = 'is only allowed in templates, not in regular elements. Define a template with this constraint and have the element implement it.';
const E012_SHORT = 'is only allowed in templates, not in regular elements.';

/** One top-level node → its model item (null for ERROR nodes and broken items). */
export function buildTopLevel(node: Node, ctx: BuildContext): TopLevelItem | null {
  switch (node.type) {
    case 'import_statement':
    case 'from_import_statement': {
      const item = buildImport(node);
      return item && { kind: 'import', item };
    }
    case 'language_declaration': {
      const item = buildLanguage(node, ctx);
      return item && { kind: 'language', item };
    }
    case 'pattern_declaration': {
      const item = buildPattern(node, ctx);
      return item && { kind: 'pattern', item };
    }
    case 'element_declaration': {
      const item = buildElement(node, ctx, false);
      return item && { kind: 'element', item };
    }
  }
  return null;
}

function identifier(node: Node | null): Identifier | null {
  return node ? { name: node.text, span: spanOf(node) } : null;
}

const isIdentifier = (n: Node): boolean => n.type === 'identifier';

function buildImport(node: Node): ImportStatement | null {
  const pathNode = node.childForFieldName('path');
  if (!pathNode) return null;
  const path: ImportStatement['path'] =
    pathNode.type === 'string'
      ? { kind: 'string', value: unescapeString(pathNode.text), span: spanOf(pathNode) }
      : { kind: 'identifiers', parts: pathNode.namedChildren.filter(isIdentifier).map((n) => identifier(n)!) };
  const names = node.type === 'from_import_statement' ? node.childrenForFieldName('name') : [];
  return {
    path,
    alias: identifier(node.childForFieldName('alias')),
    selective: names.map((n) => identifier(n)!),
    span: spanOf(node),
  };
}

function buildLanguage(node: Node, ctx: BuildContext): LanguageDecl | null {
  const name = identifier(node.childForFieldName('name'));
  if (!name) return null;
  const connectionChecks: ConnectionCheck[] = [];
  for (const child of node.namedChildren) {
    if (child.type !== 'connection_check') continue;
    const ccName = identifier(child.childForFieldName('name'));
    const body = expression(child.childForFieldName('body'), ctx);
    if (!ccName || !body) continue;
    const parameters = child.namedChildren
      .filter((c) => c.type === 'connection_parameter')
      .map((p) => identifier(p.childForFieldName('name')))
      .filter((p): p is Identifier => p !== null);
    connectionChecks.push({ name: ccName, parameters, body, span: spanOf(child) });
  }
  return { name, connectionChecks, span: spanOf(node) };
}

/** Members of a body node, after reporting what is wrong with the block itself. */
function bodyMembers(body: Node, ctx: BuildContext): Node[] {
  const children = body.children.filter((c): c is Node => c !== null);
  switch (body.type) {
    case 'missing_colon_block': {
      const newline = children[0];
      if (newline) ctx.report('error', 'E007', 'Expected Colon, found Newline', firstCharSpan(newline));
      break;
    }
    case 'indent_block':
      emptyIndentBlock(body, children, ctx);
      break;
    case 'brace_block': {
      const last = children[children.length - 1];
      if (last?.type === 'missing_close_brace') {
        ctx.report('warning', 'W101', 'Missing `}`: this block is closed by the end of the file', spanOf(children[0]));
      }
      break;
    }
  }
  return children.filter((c) => c.isNamed);
}

function buildPattern(node: Node, ctx: BuildContext): Pattern | null {
  const name = identifier(node.childForFieldName('name'));
  const body = node.childForFieldName('body');
  if (!name || !body) return null;
  const implementsClause = node.childForFieldName('implements');
  if (implementsClause) ctx.report('error', 'E007', 'Expected Colon, found Implements', spanOf(implementsClause.firstChild ?? implementsClause));
  const pattern: Pattern = {
    docComment: ctx.docFor(node),
    keyword: node.childForFieldName('keyword')?.text === 'template' ? 'template' : 'pattern',
    name,
    scopes: [],
    refs: [],
    checks: [],
    requirements: [],
    elements: [],
    span: spanOf(node),
  };
  for (const member of bodyMembers(body, ctx)) {
    switch (member.type) {
      case 'scope_declaration':
        pushIf(pattern.scopes, buildScope(member, ctx));
        break;
      case 'ref_declaration':
        pushIf(pattern.refs, buildRef(member, ctx));
        break;
      case 'check_declaration':
        pushIf(pattern.checks, buildCheck(member, ctx));
        break;
      case 'requirement':
        pushIf(pattern.requirements, buildRequirement(member, ctx));
        break;
      case 'element_declaration':
        pushIf(pattern.elements, buildElement(member, ctx, true));
        break;
      case 'uses_declaration':
      case 'binding':
        notInPattern(member, ctx);
        break;
    }
  }
  return pattern;
}

function notInPattern(member: Node, ctx: BuildContext): void {
  const first = member.firstChild ?? member;
  ctx.report('error', 'E002', `${PATTERN_BODY}, found ${tokenKind(first)}`, spanOf(first));
}

function buildElement(node: Node, ctx: BuildContext, inPattern: boolean): Element | null {
  return ctx.reuse ? ctx.reuse.element(node, inPattern, ctx, (c) => buildElementNow(node, c, inPattern)) : buildElementNow(node, ctx, inPattern);
}

function buildElementNow(node: Node, ctx: BuildContext, inPattern: boolean): Element | null {
  const name = identifier(node.childForFieldName('name'));
  const body = node.childForFieldName('body');
  if (!name || !body) return null;
  const implementsClause = node.childForFieldName('implements');
  const element: Element = {
    docComment: ctx.docFor(node),
    name,
    implements: implementsClause ? implementsClause.childrenForFieldName('pattern').map((n) => identifier(n)!) : [],
    scopes: [],
    refs: [],
    uses: [],
    checks: [],
    bindings: [],
    children: [],
    inPattern,
    span: spanOf(node),
  };
  for (const member of bodyMembers(body, ctx)) {
    switch (member.type) {
      case 'scope_declaration':
        pushIf(element.scopes, buildScope(member, ctx));
        break;
      case 'ref_declaration':
        pushIf(element.refs, buildRef(member, ctx));
        break;
      case 'uses_declaration':
        pushIf(element.uses, buildUses(member));
        break;
      case 'check_declaration':
        pushIf(element.checks, buildCheck(member, ctx));
        break;
      case 'binding':
        pushIf(element.bindings, buildBinding(member, ctx));
        break;
      case 'element_declaration':
        pushIf(element.children, buildElement(member, ctx, inPattern));
        break;
      case 'requirement': {
        const action = member.childForFieldName('action');
        if (action) ctx.report('error', 'E012', `'${action.text}' ${E012_LONG}`, spanOf(action));
        break;
      }
    }
  }
  return element;
}

function pushIf<T>(list: T[], item: T | null): void {
  if (item !== null) list.push(item);
}

function qualifiedName(node: Node | null): Identifier[] | null {
  return node ? node.namedChildren.filter(isIdentifier).map((n) => identifier(n)!) : null;
}

function buildScope(node: Node, ctx: BuildContext): ScopeDecl | null {
  const name = identifier(node.childForFieldName('name'));
  if (!name) return null;
  const valueNode = node.childForFieldName('value');
  const value = expression(valueNode, ctx);
  if (valueNode && !value) return null;
  return {
    name,
    language: identifier(node.childForFieldName('language')?.childForFieldName('name') ?? null),
    binds: qualifiedName(node.childForFieldName('binds')),
    expression: value,
    span: spanOf(node),
  };
}

function buildRef(node: Node, ctx: BuildContext): RefDecl | null {
  const name = identifier(node.childForFieldName('name'));
  const type = identifier(node.childForFieldName('type'));
  if (!name || !type) return null;
  const valueNode = node.childForFieldName('value');
  const value = expression(valueNode, ctx);
  if (valueNode && !value) return null;
  return { name, type, binds: qualifiedName(node.childForFieldName('binds')), expression: value, span: spanOf(node) };
}

function buildUses(node: Node): UsesDecl | null {
  const source = identifier(node.childForFieldName('source'));
  const target = qualifiedName(node.childForFieldName('target'));
  return source && target ? { source, target, span: spanOf(node) } : null;
}

function buildCheck(node: Node, ctx: BuildContext): CheckDecl | null {
  const expr = expression(node.childForFieldName('expression'), ctx);
  return expr ? { expression: expr, span: spanOf(node) } : null;
}

function buildBinding(node: Node, ctx: BuildContext): Binding | null {
  const path = qualifiedName(node.childForFieldName('path'));
  const valueNode = node.childForFieldName('value');
  if (!valueNode) {
    ctx.report('error', 'E003', 'Not a template binding', spanOf(node.firstChild ?? node));
    return null;
  }
  const value = expression(valueNode, ctx);
  return path && value ? { path, expression: value, span: spanOf(node) } : null;
}

function buildRequirement(node: Node, ctx: BuildContext): Requirement | null {
  const action = node.childForFieldName('action')?.text as Requirement['action'] | undefined;
  const target = node.childForFieldName('target');
  if (!action || !target) return null;
  const component = buildComponent(target, ctx, node);
  if (!component) return null;
  return {
    action,
    descendant: node.childForFieldName('descendant') !== null,
    component,
    span: spanCovering(spanOf(node), spanOf(target)),
  };
}

function buildComponent(target: Node, ctx: BuildContext, requirement: Node): RequirementComponent | null {
  switch (target.type) {
    case 'scope_declaration': {
      const scope = buildScope(target, ctx);
      return scope && { kind: 'scope', scope };
    }
    case 'check_declaration': {
      const check = buildCheck(target, ctx);
      return check && { kind: 'check', check };
    }
    case 'ref_declaration': {
      const ref = buildRef(target, ctx);
      return ref && { kind: 'ref', name: ref.name, type: ref.type, expression: ref.expression };
    }
    case 'connection_target': {
      const pattern = target.childForFieldName('path');
      if (!pattern) return null;
      return {
        kind: 'connection',
        path: pattern.namedChildren.filter(isIdentifier).map((n) => identifier(n)!),
        wildcard: pattern.childForFieldName('wildcard') !== null,
        span: spanOf(pattern),
      };
    }
    case 'implements_target': {
      const implemented = identifier(target.childForFieldName('pattern'));
      if (!implemented) return null;
      return {
        kind: 'element',
        name: { name: '_anonymous', span: spanOf(requirement) },
        type: null,
        implements: implemented,
        body: null,
      };
    }
    case 'language_target': {
      const name = identifier(target.childForFieldName('name'));
      return name && { kind: 'language', name };
    }
    case 'requirement_element': {
      const name = identifier(target.childForFieldName('name'));
      if (!name) return null;
      const bodyNode = target.childForFieldName('body');
      return {
        kind: 'element',
        name,
        type: identifier(target.childForFieldName('type')),
        implements: identifier(target.childForFieldName('implements')),
        body: bodyNode ? buildRequirementBody(bodyNode, ctx) : null,
      };
    }
  }
  return null;
}

function buildRequirementBody(body: Node, ctx: BuildContext): RequirementElementBody {
  const result: RequirementElementBody = { scopes: [], refs: [], checks: [], elements: [] };
  for (const member of bodyMembers(body, ctx)) {
    switch (member.type) {
      case 'scope_declaration':
        pushIf(result.scopes, buildScope(member, ctx));
        break;
      case 'ref_declaration':
        pushIf(result.refs, buildRef(member, ctx));
        break;
      case 'check_declaration':
        pushIf(result.checks, buildCheck(member, ctx));
        break;
      case 'element_declaration':
        pushIf(result.elements, buildElement(member, ctx, false));
        break;
      case 'requirement': {
        const action = member.childForFieldName('action');
        if (action) ctx.report('error', 'E012', `'${action.text}' ${E012_SHORT}`, spanOf(action));
        break;
      }
      case 'uses_declaration':
      case 'binding':
        notInPattern(member, ctx);
        break;
    }
  }
  return result;
}

/** An expression node → model expression; null when absent or broken. */
export function expression(node: Node | null, ctx?: BuildContext): Expression | null {
  if (!node || node.isMissing) return null;
  const span = spanOf(node);
  switch (node.type) {
    case 'identifier':
      return { kind: 'identifier', name: node.text, span };
    case 'string':
      return { kind: 'string', value: unescapeString(node.text), span };
    case 'unterminated_string':
      ctx?.report('error', 'E018', UNTERMINATED_STRING, span);
      return { kind: 'string', value: unescapeString(node.text), span };
    case 'number':
      return { kind: 'number', value: Number(node.text), span };
    case 'true':
      return { kind: 'boolean', value: true, span };
    case 'false':
      return { kind: 'boolean', value: false, span };
    case 'list': {
      const elements = operands(node).map((e) => expression(e, ctx));
      return elements.every((e) => e !== null) ? { kind: 'list', elements: elements as Expression[], span } : null;
    }
    case 'member_expression': {
      const object = expression(node.childForFieldName('object'), ctx);
      const member = identifier(node.childForFieldName('member'));
      return object && member ? { kind: 'member', object, member, span } : null;
    }
    case 'call_expression': {
      const callee = expression(node.childForFieldName('function'), ctx);
      const argsNode = node.childForFieldName('arguments');
      if (!callee || !argsNode) return null;
      const args = operands(argsNode).map((a) => expression(a, ctx));
      return args.every((a) => a !== null) ? { kind: 'call', callee, args: args as Expression[], span } : null;
    }
  }
  return null;
}

const NOT_OPERANDS = new Set(['comment', 'doc_comment', 'block_comment', 'ERROR']);

/** Expression children of a list or argument list; stray characters (ERROR) are reported elsewhere. */
function operands(node: Node): Node[] {
  return node.namedChildren.filter((c) => !NOT_OPERANDS.has(c.type));
}

const TRIVIA = new Set(['comment', 'doc_comment', 'block_comment']);

/** `element a:` with no indented line (and not even a comment) after it: the reference's E007. */
function emptyIndentBlock(block: Node, children: Node[], ctx: BuildContext): void {
  if (block.hasError) return; // the syntax error inside says it better
  if (children.some((c) => c.type === 'indent' || TRIVIA.has(c.type))) return;
  const next = nextToken(block);
  const span: Span = next
    ? spanOf(next)
    : { start: block.endPosition, end: block.endPosition, startIndex: block.endIndex, endIndex: block.endIndex };
  ctx.report('error', 'E007', `Expected Indent, found ${next ? tokenKind(next) : 'Eof'}`, span);
}

/** The first non-trivia, non-empty leaf after `node`, or null at end of input. */
function nextToken(node: Node): Node | null {
  let next = nextInDocument(node);
  while (next) {
    if (next.childCount > 0) {
      next = next.firstChild;
      continue;
    }
    if (!TRIVIA.has(next.type) && next.endIndex > next.startIndex) return next;
    next = nextInDocument(next);
  }
  return null;
}

function nextInDocument(node: Node): Node | null {
  let current: Node | null = node;
  while (current && !current.nextSibling) current = current.parent;
  return current?.nextSibling ?? null;
}

function firstCharSpan(node: Node): Span {
  return spanAt(node.startPosition, node.startIndex, lineBreakWidth(node.text));
}
