import type { Node, Tree } from 'web-tree-sitter';
import { spanOf, spanCovering } from '../syntax/span';
import { unescapeString } from '../syntax/literals';
import { docCommentsBefore, type DocCommentIndex, indexDocComments } from './docComments';
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
  Program,
  RefDecl,
  Requirement,
  RequirementComponent,
  RequirementElementBody,
  ScopeDecl,
  UsesDecl,
} from './types';

/**
 * Builds the typed model from a tree-sitter tree. Broken regions (ERROR nodes, members
 * missing a required part) are skipped: the model holds everything that parsed, and
 * syntax diagnostics explain the rest.
 */
export function buildProgram(tree: Tree, text: string): Program {
  const docs = indexDocComments(tree, text);
  const root = tree.rootNode;
  const program: Program = { imports: [], languages: [], patterns: [], elements: [], span: spanOf(root) };
  for (const child of root.namedChildren) {
    switch (child.type) {
      case 'import_statement':
      case 'from_import_statement': {
        const imp = buildImport(child);
        if (imp) program.imports.push(imp);
        break;
      }
      case 'language_declaration': {
        const lang = buildLanguage(child);
        if (lang) program.languages.push(lang);
        break;
      }
      case 'pattern_declaration': {
        const pattern = buildPattern(child, docs);
        if (pattern) program.patterns.push(pattern);
        break;
      }
      case 'element_declaration': {
        const element = buildElement(child, docs, false);
        if (element) program.elements.push(element);
        break;
      }
    }
  }
  return program;
}

function identifier(node: Node | null): Identifier | null {
  return node ? { name: node.text, span: spanOf(node) } : null;
}

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

const isIdentifier = (n: Node): boolean => n.type === 'identifier';

function buildLanguage(node: Node): LanguageDecl | null {
  const name = identifier(node.childForFieldName('name'));
  if (!name) return null;
  const connectionChecks: ConnectionCheck[] = [];
  for (const child of node.namedChildren) {
    if (child.type !== 'connection_check') continue;
    const ccName = identifier(child.childForFieldName('name'));
    const body = expression(child.childForFieldName('body'));
    if (!ccName || !body) continue;
    const parameters = child.namedChildren
      .filter((c) => c.type === 'connection_parameter')
      .map((p) => identifier(p.childForFieldName('name')))
      .filter((p): p is Identifier => p !== null);
    connectionChecks.push({ name: ccName, parameters, body, span: spanOf(child) });
  }
  return { name, connectionChecks, span: spanOf(node) };
}

/** Members of a body node (indent_block, brace_block, missing_colon_block). */
function members(body: Node | null): Node[] {
  return body ? body.namedChildren : [];
}

function buildPattern(node: Node, docs: DocCommentIndex): Pattern | null {
  const name = identifier(node.childForFieldName('name'));
  const body = node.childForFieldName('body');
  if (!name || !body) return null;
  const pattern: Pattern = {
    docComment: docCommentsBefore(docs, node),
    keyword: node.childForFieldName('keyword')?.text === 'template' ? 'template' : 'pattern',
    name,
    scopes: [],
    refs: [],
    checks: [],
    requirements: [],
    elements: [],
    span: spanOf(node),
  };
  for (const member of members(body)) {
    switch (member.type) {
      case 'scope_declaration':
        pushIf(pattern.scopes, buildScope(member));
        break;
      case 'ref_declaration':
        pushIf(pattern.refs, buildRef(member));
        break;
      case 'check_declaration':
        pushIf(pattern.checks, buildCheck(member));
        break;
      case 'requirement':
        pushIf(pattern.requirements, buildRequirement(member, docs));
        break;
      case 'element_declaration':
        pushIf(pattern.elements, buildElement(member, docs, true));
        break;
    }
  }
  return pattern;
}

function buildElement(node: Node, docs: DocCommentIndex, inPattern: boolean): Element | null {
  const name = identifier(node.childForFieldName('name'));
  const body = node.childForFieldName('body');
  if (!name || !body) return null;
  const implementsClause = node.childForFieldName('implements');
  const element: Element = {
    docComment: docCommentsBefore(docs, node),
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
  for (const member of members(body)) {
    switch (member.type) {
      case 'scope_declaration':
        pushIf(element.scopes, buildScope(member));
        break;
      case 'ref_declaration':
        pushIf(element.refs, buildRef(member));
        break;
      case 'uses_declaration':
        pushIf(element.uses, buildUses(member));
        break;
      case 'check_declaration':
        pushIf(element.checks, buildCheck(member));
        break;
      case 'binding':
        pushIf(element.bindings, buildBinding(member));
        break;
      case 'element_declaration':
        pushIf(element.children, buildElement(member, docs, inPattern));
        break;
      // requirements in elements are reported by validate.ts (E012) and not kept
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

function buildScope(node: Node): ScopeDecl | null {
  const name = identifier(node.childForFieldName('name'));
  if (!name) return null;
  const valueNode = node.childForFieldName('value');
  const value = expression(valueNode);
  if (valueNode && !value) return null;
  return {
    name,
    language: identifier(node.childForFieldName('language')?.childForFieldName('name') ?? null),
    binds: qualifiedName(node.childForFieldName('binds')),
    expression: value,
    span: spanOf(node),
  };
}

function buildRef(node: Node): RefDecl | null {
  const name = identifier(node.childForFieldName('name'));
  const type = identifier(node.childForFieldName('type'));
  if (!name || !type) return null;
  const valueNode = node.childForFieldName('value');
  const value = expression(valueNode);
  if (valueNode && !value) return null;
  return { name, type, binds: qualifiedName(node.childForFieldName('binds')), expression: value, span: spanOf(node) };
}

function buildUses(node: Node): UsesDecl | null {
  const source = identifier(node.childForFieldName('source'));
  const target = qualifiedName(node.childForFieldName('target'));
  return source && target ? { source, target, span: spanOf(node) } : null;
}

function buildCheck(node: Node): CheckDecl | null {
  const expr = expression(node.childForFieldName('expression'));
  return expr ? { expression: expr, span: spanOf(node) } : null;
}

function buildBinding(node: Node): Binding | null {
  const path = qualifiedName(node.childForFieldName('path'));
  const value = expression(node.childForFieldName('value'));
  return path && value ? { path, expression: value, span: spanOf(node) } : null;
}

function buildRequirement(node: Node, docs: DocCommentIndex): Requirement | null {
  const action = node.childForFieldName('action')?.text as Requirement['action'] | undefined;
  const target = node.childForFieldName('target');
  if (!action || !target) return null;
  const component = buildComponent(target, docs, node);
  if (!component) return null;
  return {
    action,
    descendant: node.childForFieldName('descendant') !== null,
    component,
    span: spanCovering(spanOf(node), spanOf(target)),
  };
}

function buildComponent(target: Node, docs: DocCommentIndex, requirement: Node): RequirementComponent | null {
  switch (target.type) {
    case 'scope_declaration': {
      const scope = buildScope(target);
      return scope && { kind: 'scope', scope };
    }
    case 'check_declaration': {
      const check = buildCheck(target);
      return check && { kind: 'check', check };
    }
    case 'ref_declaration': {
      const ref = buildRef(target);
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
        body: bodyNode ? buildRequirementBody(bodyNode, docs) : null,
      };
    }
  }
  return null;
}

function buildRequirementBody(body: Node, docs: DocCommentIndex): RequirementElementBody {
  const result: RequirementElementBody = { scopes: [], refs: [], checks: [], elements: [] };
  for (const member of members(body)) {
    if (member.type === 'scope_declaration') pushIf(result.scopes, buildScope(member));
    else if (member.type === 'ref_declaration') pushIf(result.refs, buildRef(member));
    else if (member.type === 'check_declaration') pushIf(result.checks, buildCheck(member));
    else if (member.type === 'element_declaration') pushIf(result.elements, buildElement(member, docs, false));
  }
  return result;
}

/** An expression node → model expression; null when absent or broken. */
export function expression(node: Node | null): Expression | null {
  if (!node || node.isMissing) return null;
  const span = spanOf(node);
  switch (node.type) {
    case 'identifier':
      return { kind: 'identifier', name: node.text, span };
    case 'string':
    case 'unterminated_string':
      return { kind: 'string', value: unescapeString(node.text), span };
    case 'number':
      return { kind: 'number', value: Number(node.text), span };
    case 'true':
      return { kind: 'boolean', value: true, span };
    case 'false':
      return { kind: 'boolean', value: false, span };
    case 'list': {
      const elements = operands(node).map(expression);
      return elements.every((e) => e !== null) ? { kind: 'list', elements: elements as Expression[], span } : null;
    }
    case 'member_expression': {
      const object = expression(node.childForFieldName('object'));
      const member = identifier(node.childForFieldName('member'));
      return object && member ? { kind: 'member', object, member, span } : null;
    }
    case 'call_expression': {
      const callee = expression(node.childForFieldName('function'));
      const argsNode = node.childForFieldName('arguments');
      if (!callee || !argsNode) return null;
      const args = operands(argsNode).map(expression);
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
