import { Query, type Node, type Parser, type Tree } from 'web-tree-sitter';
import { createParser, loadLanguage } from '../../../syntax/treeSitter';
import { itemMacroBody, MAX_MACRO_DEPTH, parseMacroBody } from './macroItems';
import type { SourceRange } from '../../library';
import { compactText, identifierText, pathSegments, rangeOf } from '../treeText';

export interface RustImpl {
  /** Self type: base name (`Foo` for `crate::a::Foo<T>`) and compact text. */
  typeName: string;
  typeText: string;
  traitName?: string;
  traitText?: string;
}

/** A declaration with the range of its name (editor navigation: go to definition). */
export interface RustSite {
  kind: 'struct' | 'enum' | 'function' | 'trait' | 'impl';
  /** The declared name; for an impl, the self type's base name. */
  name: string;
  range: SourceRange;
  /** impl only: the whole self type, and the trait with its range. */
  typeText?: string;
  trait?: { name: string; text: string; range: SourceRange };
}

/** What the rust library needs to know about one file, read from its syntax tree. */
export interface RustFacts {
  /** Structs and enums in source order with whether they are plainly `pub`. */
  structs: { name: string; isPub: boolean }[];
  enums: { name: string; isPub: boolean }[];
  functions: Set<string>;
  traits: Set<string>;
  impls: RustImpl[];
  /** Paths of `use` declarations, one per imported item (`use a::{b, c}` → a::b, a::c; `use a::*` → a::*). */
  usePaths: string[][];
  /** Every other path: expressions, types, attributes, macro paths and `a::b` in macro bodies. */
  paths: string[][];
  /** `mod name;` declarations (without a body). */
  modDeclarations: Set<string>;
  /** Derived trait names: the last segment and the full path (`Serialize`, `serde::Serialize`). */
  derives: Set<string>;
  hasDocs: boolean;
  hasTests: boolean;
  /** Every identifier in the file outside comments and strings (macro bodies included). */
  identifiers: Set<string>;
  /** Structs, enums, functions, traits and impls with where their names are in the file (macro bodies included), in source order. */
  sites: RustSite[];
}

/**
 * Parent-only patterns: the name, argument and doc fields are read in `collectFacts`. Field
 * patterns (`(struct_item name: (type_identifier) @struct)`) would make tree-sitter analyse
 * them against the whole Rust grammar when the query is built, which costs more than building
 * the rest of it on a cold start.
 */
const QUERY = `
(struct_item) @struct
(enum_item) @enum
(function_item) @function
(function_signature_item) @function
(trait_item) @trait
(impl_item) @impl
(use_declaration) @use
(extern_crate_declaration) @extern
(mod_item) @mod_item
(scoped_identifier) @path
(scoped_type_identifier) @path
(attribute) @attribute
(line_comment) @doc
(block_comment) @doc
(token_tree) @tokens
(macro_invocation) @macro
[(identifier) (type_identifier) (field_identifier)] @ident
`;

/** The type each item's `name` field must have for the item to count (`fn $name` in a macro_rules body does not). */
const NAME_TYPES: ReadonlyMap<string, string> = new Map([
  ['struct', 'type_identifier'],
  ['enum', 'type_identifier'],
  ['function', 'identifier'],
  ['trait', 'type_identifier'],
  ['extern', 'identifier'],
]);

/** The named child in field `field` of `node` when it has type `type` (any named node for `type` undefined). */
function namedField(node: Node, field: string, type?: string): Node | null {
  const child = node.childForFieldName(field);
  return child && child.isNamed && (type === undefined || child.type === type) ? child : null;
}

let extractor: Promise<(tree: Tree) => RustFacts> | undefined;

/** The extractor, once the grammar, the query and the parser for macro bodies are loaded. */
export function rustFactsExtractor(): Promise<(tree: Tree) => RustFacts> {
  extractor ??= createRustFactsExtractor(MAX_MACRO_DEPTH);
  return extractor;
}

/**
 * A new extractor reading macro invocations nested up to `macroDepth` deep (0: none). The
 * library uses `rustFactsExtractor()`; benches compare depths to measure what bodies cost.
 */
export async function createRustFactsExtractor(macroDepth: number): Promise<(tree: Tree) => RustFacts> {
  const q = new Query(await loadLanguage('rust'), QUERY);
  const bodyParser = await createParser('rust');
  return (tree: Tree) => {
    const facts = emptyFacts();
    collectFacts({ q, bodyParser, macroDepth }, tree.rootNode, facts, 0, FILE_START);
    return facts;
  };
}

interface Extraction {
  q: Query;
  bodyParser: Parser;
  macroDepth: number;
}

const SCOPED = new Set(['scoped_identifier', 'scoped_type_identifier', 'scoped_use_list']);

/**
 * What a token tree yields on its own (paths of `a::b` runs, identifiers, doc comments): the
 * same facts its parsed body yields, so they are read once.
 */
const TOKEN_CAPTURES = new Set(['tokens', 'ident', 'doc']);

function emptyFacts(): RustFacts {
  return {
    structs: [],
    enums: [],
    functions: new Set(),
    traits: new Set(),
    impls: [],
    usePaths: [],
    paths: [],
    modDeclarations: new Set(),
    derives: new Set(),
    hasDocs: false,
    hasTests: false,
    identifiers: new Set(),
    sites: [],
  };
}

/** Where the text a tree was parsed from starts in the file (macro bodies are parsed on their own). */
interface Origin {
  row: number;
  column: number;
}

const FILE_START: Origin = { row: 0, column: 0 };

/** A point of a tree parsed from text starting at `origin`, in file coordinates. */
function shift(origin: Origin, p: { row: number; column: number }): Origin {
  return p.row === 0 ? { row: origin.row, column: origin.column + p.column } : { row: origin.row + p.row, column: p.column };
}

const inFile = (origin: Origin, r: SourceRange): SourceRange =>
  origin === FILE_START ? r : { start: shift(origin, r.start), end: shift(origin, r.end) };

/** The point `offset` characters into `text`, counted from `start`. */
function pointAfter(start: Origin, text: string, offset: number): Origin {
  const head = text.slice(0, offset);
  const lastBreak = head.lastIndexOf('\n');
  if (lastBreak < 0) return shift(start, { row: 0, column: offset });
  return shift(start, { row: head.split('\n').length - 1, column: offset - lastBreak - 1 });
}

/**
 * Add the facts of `root` to `facts`, in source order. The body of a macro invocation in
 * item position is parsed again and its facts added where the invocation stands (so the
 * "first pub struct" of a file stays the first in the text).
 */
function collectFacts(x: Extraction, root: Node, facts: RustFacts, depth: number, origin: Origin): void {
  // The token tree of a body that parsed cleanly was read from its own tree: skip its tokens.
  let readFrom = -1;
  let readTo = -1;
  for (const { name, node: captured } of x.q.captures(root)) {
    if (captured.startIndex >= readFrom && captured.startIndex < readTo && TOKEN_CAPTURES.has(name)) continue;
    // the node the facts are about: the item's name, the use tree
    let node = captured;
    const nameType = NAME_TYPES.get(name);
    if (nameType !== undefined) {
      const named = namedField(captured, 'name', nameType);
      if (!named) continue;
      node = named;
    } else if (name === 'use') {
      const argument = namedField(captured, 'argument');
      if (!argument) continue;
      node = argument;
    } else if (name === 'doc' && !namedField(captured, 'doc')) continue;
    switch (name) {
      case 'macro': {
        const body = depth < x.macroDepth ? itemMacroBody(node) : undefined;
        const bodyStart = body && shift(origin, body.textStart);
        if (body !== undefined && parseMacroBody(x.bodyParser, body, (inner, offset) => collectFacts(x, inner, facts, depth + 1, pointAfter(bodyStart!, body.text, offset)))) {
          readFrom = body.tokensStart;
          readTo = node.endIndex;
        }
        break;
      }
      case 'struct':
      case 'enum':
        (name === 'struct' ? facts.structs : facts.enums).push({ name: identifierText(node), isPub: isPlainPub(captured) });
        facts.sites.push({ kind: name, name: identifierText(node), range: inFile(origin, rangeOf(node)) });
        break;
      case 'function':
        facts.functions.add(identifierText(node));
        facts.sites.push({ kind: 'function', name: identifierText(node), range: inFile(origin, rangeOf(node)) });
        break;
      case 'trait':
        facts.traits.add(identifierText(node));
        facts.sites.push({ kind: 'trait', name: identifierText(node), range: inFile(origin, rangeOf(node)) });
        break;
      case 'impl':
        addImpl(facts, node, origin);
        break;
      case 'use':
        expandUse(node, [], facts.usePaths);
        break;
      case 'extern':
        facts.usePaths.push([identifierText(node)]);
        break;
      case 'mod_item':
        if (!node.childForFieldName('body')) {
          const modName = node.childForFieldName('name');
          if (modName) facts.modDeclarations.add(identifierText(modName));
        }
        break;
      case 'path':
        // Only outermost paths outside `use` declarations (those are expanded above).
        if (!(node.parent && SCOPED.has(node.parent.type)) && !insideUse(node)) facts.paths.push(pathSegments(node.text));
        break;
      case 'attribute':
        readAttribute(facts, node);
        break;
      case 'doc':
        facts.hasDocs = true;
        break;
      case 'tokens':
        collectTokenPaths(node, facts.paths);
        break;
      case 'ident':
        facts.identifiers.add(identifierText(node));
        break;
    }
  }
}

/** `pub struct` exactly, as the reference's `pub\s+struct` requires (not `pub(crate)`). */
function isPlainPub(item: Node | null): boolean {
  const vis = item?.children.find((c) => c?.type === 'visibility_modifier');
  return vis?.text === 'pub';
}

function insideUse(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'use_declaration') return true;
    if (p.type.endsWith('_item') || p.type === 'block') return false;
  }
  return false;
}

function baseTypeName(node: Node): string {
  if (node.type === 'generic_type') {
    const inner = node.childForFieldName('type');
    return inner ? baseTypeName(inner) : compactText(node);
  }
  const segments = pathSegments(node.text);
  return segments[segments.length - 1] ?? compactText(node);
}

function addImpl(facts: RustFacts, node: Node, origin: Origin): void {
  const type = node.childForFieldName('type');
  if (!type) return;
  const trait = node.childForFieldName('trait');
  facts.impls.push({
    typeName: baseTypeName(type),
    typeText: compactText(type),
    ...(trait ? { traitName: baseTypeName(trait), traitText: compactText(trait) } : {}),
  });
  facts.sites.push({
    kind: 'impl',
    name: baseTypeName(type),
    range: inFile(origin, rangeOf(type)),
    typeText: compactText(type),
    ...(trait ? { trait: { name: baseTypeName(trait), text: compactText(trait), range: inFile(origin, rangeOf(trait)) } } : {}),
  });
}

/** Expand a use tree into one segment list per imported item; `self` stands for the prefix. */
function expandUse(node: Node, prefix: string[], out: string[][]): void {
  switch (node.type) {
    case 'scoped_use_list': {
      const p = node.childForFieldName('path');
      const list = node.childForFieldName('list');
      const base = p ? [...prefix, ...pathSegments(p.text)] : prefix;
      if (list) expandUse(list, base, out);
      return;
    }
    case 'use_list':
      for (const child of node.namedChildren) if (child) expandUse(child, prefix, out);
      return;
    case 'use_as_clause': {
      const p = node.childForFieldName('path');
      if (p) out.push([...prefix, ...pathSegments(p.text)]);
      return;
    }
    case 'use_wildcard': {
      // `a::m::*` keeps its `*`: every segment before it is a module (`depends_on(.., m)`).
      const p = node.namedChildren[0];
      out.push([...prefix, ...(p ? pathSegments(p.text) : []), '*']);
      return;
    }
    case 'self':
      if (prefix.length > 0) out.push(prefix);
      else out.push(['self']);
      return;
    default:
      out.push([...prefix, ...pathSegments(node.text)]);
  }
}

/**
 * Tokens that can be a path segment inside a token tree. Primitive types are tokens of their
 * own (`std::str::from_utf8`, `u64::MAX`); a macro variable (`$x::a`, `$crate::a`) is not a
 * name, so it starts no path.
 */
const NAME_TOKENS = new Set(['identifier', 'primitive_type', 'crate', 'self', 'super']);

/** `a::b::c` token sequences directly inside a macro's token tree. */
function collectTokenPaths(tree: Node, out: string[][]): void {
  const children = tree.children;
  let run: string[] = [];
  let expectName = true;
  const flush = (): void => {
    if (run.length > 1) out.push(run);
    run = [];
    expectName = true;
  };
  for (const child of children) {
    if (!child) continue;
    const isName = NAME_TOKENS.has(child.type);
    if (isName && expectName) {
      run.push(identifierText(child));
      expectName = false;
    } else if (child.type === '::' && !expectName && run.length > 0) {
      expectName = true;
    } else {
      flush();
      if (isName) {
        run.push(identifierText(child));
        expectName = false;
      }
    }
  }
  flush();
}

/** `#[derive(..)]`, `#[cfg_attr(.., derive(..))]`, `#[test]`, `#[tokio::test]`, `#[cfg(test)]`, `#[doc = ..]`. */
function readAttribute(facts: RustFacts, attribute: Node): void {
  const head = attribute.namedChildren[0];
  if (!head) return;
  const name = pathSegments(head.text);
  const last = name[name.length - 1];
  const args = attribute.childForFieldName('arguments');
  if (last === 'test' && name.length <= 2 && !args) facts.hasTests = true;
  // `#[doc = ".."]` documents; `#[doc(hidden)]`, `#[doc(alias = ..)]`, `#[doc(cfg(..))]` do not.
  if (last === 'doc' && name.length === 1 && attribute.childForFieldName('value')) facts.hasDocs = true;
  if (!args) return;
  if (last === 'derive' && name.length === 1) addDerives(facts, args);
  if (name.length === 1 && (head.text === 'cfg' || head.text === 'cfg_attr')) {
    if (args.namedChildren.some((c) => c?.type === 'identifier' && c.text === 'test')) facts.hasTests = true;
  }
  if (head.text === 'cfg_attr') {
    const kids = args.children;
    kids.forEach((c, i) => {
      const next = kids[i + 1];
      if (c?.type !== 'identifier') return;
      if (c.text === 'derive' && next?.type === 'token_tree') addDerives(facts, next);
      if (c.text === 'doc' && next?.type === '=') facts.hasDocs = true; // `#[cfg_attr(x, doc = "..")]`
    });
  }
}

function addDerives(facts: RustFacts, args: Node): void {
  const runs: string[][] = [];
  collectTokenPaths(args, runs);
  for (const c of args.children) if (c?.type === 'identifier') facts.derives.add(identifierText(c));
  for (const r of runs) {
    facts.derives.add(r.join('::'));
    facts.derives.add(r[r.length - 1]);
  }
}
