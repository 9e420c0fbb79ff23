import type { Node } from 'web-tree-sitter';
import type { Severity } from '../diagnostics/diagnostic';
import { lineBreakWidth, spanAt, spanCovering, type Span } from '../syntax/span';
import { unescapeString } from '../syntax/literals';
import { tokenKind } from '../syntax/tokens';
import { UNTERMINATED_STRING } from '../syntax/firstError';
import { typedChildren, typedNamedChildren, type NodeReader, type Typed } from './nodeReader';
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
  /** Spans and text of nodes, with one call into the parser per node. */
  read: NodeReader;
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
      const item = buildImport(node, ctx);
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

function identifier(node: Node | null, ctx: BuildContext): Identifier | null {
  if (!node) return null;
  const span = ctx.read.span(node);
  return { name: ctx.read.text(span), span };
}

/** The identifiers among a node's named children (a dotted path). */
function identifiers(node: Node, ctx: BuildContext): Identifier[] {
  return typedNamedChildren(node)
    .filter((c) => c.type === 'identifier')
    .map((c) => identifier(c.node, ctx)!);
}

function buildImport(node: Node, ctx: BuildContext): ImportStatement | null {
  const pathNode = node.childForFieldName('path');
  if (!pathNode) return null;
  let path: ImportStatement['path'];
  if (pathNode.type === 'string') {
    const span = ctx.read.span(pathNode);
    path = { kind: 'string', value: unescapeString(ctx.read.text(span)), span };
  } else path = { kind: 'identifiers', parts: identifiers(pathNode, ctx) };
  const names = node.type === 'from_import_statement' ? node.childrenForFieldName('name') : [];
  return {
    path,
    alias: identifier(node.childForFieldName('alias'), ctx),
    selective: names.map((n) => identifier(n, ctx)!),
    span: ctx.read.span(node),
  };
}

function buildLanguage(node: Node, ctx: BuildContext): LanguageDecl | null {
  const name = identifier(node.childForFieldName('name'), ctx);
  if (!name) return null;
  const connectionChecks: ConnectionCheck[] = [];
  for (const { node: child, type } of typedNamedChildren(node)) {
    if (type !== 'connection_check') continue;
    const ccName = identifier(child.childForFieldName('name'), ctx);
    const body = expression(child.childForFieldName('body'), ctx);
    if (!ccName || !body) continue;
    const parameters = typedNamedChildren(child)
      .filter((c) => c.type === 'connection_parameter')
      .map((p) => identifier(p.node.childForFieldName('name'), ctx))
      .filter((p): p is Identifier => p !== null);
    connectionChecks.push({ name: ccName, parameters, body, span: ctx.read.span(child) });
  }
  return { name, connectionChecks, span: ctx.read.span(node) };
}

/** Members of a body node (with their types), after reporting what is wrong with the block itself. */
function bodyMembers(body: Node, ctx: BuildContext): Typed[] {
  const children = typedChildren(body);
  switch (body.type) {
    case 'missing_colon_block': {
      const newline = children[0];
      if (newline) ctx.report('error', 'E007', 'Expected Colon, found Newline', firstCharSpan(newline.node));
      break;
    }
    case 'indent_block':
      emptyIndentBlock(body, children, ctx);
      break;
    case 'brace_block': {
      const last = children[children.length - 1];
      if (last?.type === 'missing_close_brace') {
        ctx.report('warning', 'W101', 'Missing `}`: this block is closed by the end of the file', ctx.read.span(children[0].node));
      }
      break;
    }
  }
  return children.filter((c) => c.named);
}

function buildPattern(node: Node, ctx: BuildContext): Pattern | null {
  const name = identifier(node.childForFieldName('name'), ctx);
  const body = node.childForFieldName('body');
  if (!name || !body) return null;
  const implementsClause = node.childForFieldName('implements');
  if (implementsClause) ctx.report('error', 'E007', 'Expected Colon, found Implements', ctx.read.span(implementsClause.firstChild ?? implementsClause));
  const pattern: Pattern = {
    docComment: ctx.docFor(node),
    keyword: node.childForFieldName('keyword')?.text === 'template' ? 'template' : 'pattern',
    name,
    scopes: [],
    refs: [],
    checks: [],
    requirements: [],
    elements: [],
    span: ctx.read.span(node),
  };
  for (const { node: member, type } of bodyMembers(body, ctx)) {
    switch (type) {
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
  ctx.report('error', 'E002', `${PATTERN_BODY}, found ${tokenKind(first)}`, ctx.read.span(first));
}

function buildElement(node: Node, ctx: BuildContext, inPattern: boolean): Element | null {
  return ctx.reuse ? ctx.reuse.element(node, inPattern, ctx, (c) => buildElementNow(node, c, inPattern)) : buildElementNow(node, ctx, inPattern);
}

function buildElementNow(node: Node, ctx: BuildContext, inPattern: boolean): Element | null {
  const name = identifier(node.childForFieldName('name'), ctx);
  const body = node.childForFieldName('body');
  if (!name || !body) return null;
  const implementsClause = node.childForFieldName('implements');
  const element: Element = {
    docComment: ctx.docFor(node),
    name,
    implements: implementsClause ? implementsClause.childrenForFieldName('pattern').map((n) => identifier(n, ctx)!) : [],
    scopes: [],
    refs: [],
    uses: [],
    checks: [],
    bindings: [],
    children: [],
    inPattern,
    span: ctx.read.span(node),
  };
  for (const { node: member, type } of bodyMembers(body, ctx)) {
    switch (type) {
      case 'scope_declaration':
        pushIf(element.scopes, buildScope(member, ctx));
        break;
      case 'ref_declaration':
        pushIf(element.refs, buildRef(member, ctx));
        break;
      case 'uses_declaration':
        pushIf(element.uses, buildUses(member, ctx));
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
        if (action) ctx.report('error', 'E012', `'${action.text}' ${E012_LONG}`, ctx.read.span(action));
        break;
      }
    }
  }
  return element;
}

function pushIf<T>(list: T[], item: T | null): void {
  if (item !== null) list.push(item);
}

function qualifiedName(node: Node | null, ctx: BuildContext): Identifier[] | null {
  return node ? identifiers(node, ctx) : null;
}

function buildScope(node: Node, ctx: BuildContext): ScopeDecl | null {
  const name = identifier(node.childForFieldName('name'), ctx);
  if (!name) return null;
  const valueNode = node.childForFieldName('value');
  const value = expression(valueNode, ctx);
  if (valueNode && !value) return null;
  return {
    name,
    language: identifier(node.childForFieldName('language')?.childForFieldName('name') ?? null, ctx),
    binds: qualifiedName(node.childForFieldName('binds'), ctx),
    expression: value,
    span: ctx.read.span(node),
  };
}

function buildRef(node: Node, ctx: BuildContext): RefDecl | null {
  const name = identifier(node.childForFieldName('name'), ctx);
  const type = identifier(node.childForFieldName('type'), ctx);
  if (!name || !type) return null;
  const valueNode = node.childForFieldName('value');
  const value = expression(valueNode, ctx);
  if (valueNode && !value) return null;
  return { name, type, binds: qualifiedName(node.childForFieldName('binds'), ctx), expression: value, span: ctx.read.span(node) };
}

function buildUses(node: Node, ctx: BuildContext): UsesDecl | null {
  const source = identifier(node.childForFieldName('source'), ctx);
  const target = qualifiedName(node.childForFieldName('target'), ctx);
  return source && target ? { source, target, span: ctx.read.span(node) } : null;
}

function buildCheck(node: Node, ctx: BuildContext): CheckDecl | null {
  const expr = expression(node.childForFieldName('expression'), ctx);
  return expr ? { expression: expr, span: ctx.read.span(node) } : null;
}

function buildBinding(node: Node, ctx: BuildContext): Binding | null {
  const path = qualifiedName(node.childForFieldName('path'), ctx);
  const valueNode = node.childForFieldName('value');
  if (!valueNode) {
    ctx.report('error', 'E003', 'Not a template binding', ctx.read.span(node.firstChild ?? node));
    return null;
  }
  const value = expression(valueNode, ctx);
  return path && value ? { path, expression: value, span: ctx.read.span(node) } : null;
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
    span: spanCovering(ctx.read.span(node), ctx.read.span(target)),
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
        path: identifiers(pattern, ctx),
        wildcard: pattern.childForFieldName('wildcard') !== null,
        span: ctx.read.span(pattern),
      };
    }
    case 'implements_target': {
      const implemented = identifier(target.childForFieldName('pattern'), ctx);
      if (!implemented) return null;
      return {
        kind: 'element',
        name: { name: '_anonymous', span: ctx.read.span(requirement) },
        type: null,
        implements: implemented,
        body: null,
      };
    }
    case 'language_target': {
      const name = identifier(target.childForFieldName('name'), ctx);
      return name && { kind: 'language', name };
    }
    case 'requirement_element': {
      const name = identifier(target.childForFieldName('name'), ctx);
      if (!name) return null;
      const bodyNode = target.childForFieldName('body');
      return {
        kind: 'element',
        name,
        type: identifier(target.childForFieldName('type'), ctx),
        implements: identifier(target.childForFieldName('implements'), ctx),
        body: bodyNode ? buildRequirementBody(bodyNode, ctx) : null,
      };
    }
  }
  return null;
}

function buildRequirementBody(body: Node, ctx: BuildContext): RequirementElementBody {
  const result: RequirementElementBody = { scopes: [], refs: [], checks: [], elements: [] };
  for (const { node: member, type } of bodyMembers(body, ctx)) {
    switch (type) {
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
        if (action) ctx.report('error', 'E012', `'${action.text}' ${E012_SHORT}`, ctx.read.span(action));
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

/** An expression node (its type when already read) → model expression; null when absent or broken. */
export function expression(node: Node | null, ctx: BuildContext, knownType?: string): Expression | null {
  if (!node) return null;
  const span = ctx.read.span(node);
  // a missing node has no width: only then is the parser asked
  if (span.startIndex === span.endIndex && node.isMissing) return null;
  switch (knownType ?? node.type) {
    case 'identifier':
      return { kind: 'identifier', name: ctx.read.text(span), span };
    case 'string':
      return { kind: 'string', value: unescapeString(ctx.read.text(span)), span };
    case 'unterminated_string':
      ctx.report('error', 'E018', UNTERMINATED_STRING, span);
      return { kind: 'string', value: unescapeString(ctx.read.text(span)), span };
    case 'number':
      return { kind: 'number', value: Number(ctx.read.text(span)), span };
    case 'true':
      return { kind: 'boolean', value: true, span };
    case 'false':
      return { kind: 'boolean', value: false, span };
    case 'list': {
      const elements = operands(node).map((e) => expression(e.node, ctx, e.type));
      return elements.every((e) => e !== null) ? { kind: 'list', elements: elements as Expression[], span } : null;
    }
    case 'member_expression': {
      const object = expression(node.childForFieldName('object'), ctx);
      const member = identifier(node.childForFieldName('member'), ctx);
      return object && member ? { kind: 'member', object, member, span } : null;
    }
    case 'call_expression': {
      const callee = expression(node.childForFieldName('function'), ctx);
      const argsNode = node.childForFieldName('arguments');
      if (!callee || !argsNode) return null;
      const args = operands(argsNode).map((a) => expression(a.node, ctx, a.type));
      return args.every((a) => a !== null) ? { kind: 'call', callee, args: args as Expression[], span } : null;
    }
  }
  return null;
}

const NOT_OPERANDS = new Set(['comment', 'doc_comment', 'block_comment', 'ERROR']);

/** Expression children of a list or argument list; stray characters (ERROR) are reported elsewhere. */
function operands(node: Node): Typed[] {
  return typedNamedChildren(node).filter((c) => !NOT_OPERANDS.has(c.type));
}

const TRIVIA = new Set(['comment', 'doc_comment', 'block_comment']);

/** `element a:` with no indented line (and not even a comment) after it: the reference's E007. */
function emptyIndentBlock(block: Node, children: readonly Typed[], ctx: BuildContext): void {
  if (children.some((c) => c.type === 'indent' || TRIVIA.has(c.type))) return;
  if (block.hasError) return; // the syntax error inside says it better
  const next = nextToken(block);
  const span: Span = next
    ? ctx.read.span(next)
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
