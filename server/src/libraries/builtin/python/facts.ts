import { Query, type Node, type Tree } from 'web-tree-sitter';
import type { SourceRange } from '../../library';
import { loadLanguage } from '../../../syntax/treeSitter';
import { rangeOf } from '../treeText';

export interface PythonFunction {
  name: string;
  /** Names a return annotation mentions (identifiers, dotted names, words in string annotations) and its compact text. */
  returns?: { text: string; names: Set<string> };
}

/** A `def` or `class` with where its name is (editor navigation: go to definition). */
export interface PythonSite {
  kind: 'function' | 'class';
  name: string;
  range: SourceRange;
}

/** What the python library needs to know about one file, read from its syntax tree. */
export interface PythonFacts {
  functions: PythonFunction[];
  classes: Set<string>;
  /** Modules of `import a.b` and `from a.b import …` (relative ones also without leading dots). */
  importedModules: string[];
  /** Names imported by `from m import name` (the reference counts them as imported too). */
  importedNames: Set<string>;
  /** Callee chains of every call: `a.b.c()` → [a, b, c]; `f()` → [f]. */
  calls: string[][];
  /** Functions and classes with where their names are, in source order. */
  sites: PythonSite[];
}

const QUERY = `
(function_definition name: (identifier) @function)
(class_definition name: (identifier) @class)
(import_statement) @import
(import_from_statement) @from
(future_import_statement) @future
(call function: (_) @callee)
`;

let query: Promise<Query> | undefined;

export async function pythonFactsExtractor(): Promise<(tree: Tree) => PythonFacts> {
  query ??= loadLanguage('python').then((lang) => new Query(lang, QUERY));
  const q = await query;
  return (tree) => extractPythonFacts(q, tree);
}

const compact = (node: Node): string => node.text.replace(/\s+/g, '');

function extractPythonFacts(q: Query, tree: Tree): PythonFacts {
  const facts: PythonFacts = { functions: [], classes: new Set(), importedModules: [], importedNames: new Set(), calls: [], sites: [] };
  for (const { name, node } of q.captures(tree.rootNode)) {
    switch (name) {
      case 'function': {
        const annotation = node.parent?.childForFieldName('return_type');
        facts.functions.push({ name: node.text, ...(annotation ? { returns: { text: compact(annotation), names: annotationNames(annotation) } } : {}) });
        facts.sites.push({ kind: 'function', name: node.text, range: rangeOf(node) });
        break;
      }
      case 'class':
        facts.classes.add(node.text);
        facts.sites.push({ kind: 'class', name: node.text, range: rangeOf(node) });
        break;
      case 'import':
        for (const n of node.childrenForFieldName('name')) {
          const dotted = n?.type === 'aliased_import' ? n.childForFieldName('name') : n;
          if (dotted) facts.importedModules.push(compact(dotted));
        }
        break;
      case 'from': {
        const module = node.childForFieldName('module_name');
        if (module) {
          const text = compact(module);
          facts.importedModules.push(text);
          const bare = text.replace(/^\.+/, '');
          if (bare !== text && bare !== '') facts.importedModules.push(bare);
        }
        addImportedNames(node, facts.importedNames);
        break;
      }
      case 'future':
        // `from __future__ import annotations`: a statement of its own in the grammar.
        facts.importedModules.push('__future__');
        addImportedNames(node, facts.importedNames);
        break;
      case 'callee':
        facts.calls.push(calleeChain(node));
        break;
    }
  }
  return facts;
}

/** Names of `from m import x, y as z` (the imported names, not their aliases). */
function addImportedNames(node: Node, names: Set<string>): void {
  for (const n of node.childrenForFieldName('name')) {
    const dotted = n?.type === 'aliased_import' ? n.childForFieldName('name') : n;
    if (dotted) names.add(compact(dotted));
  }
}

/** `a.b.c` → [a, b, c]; the object of a call or subscript contributes its own chain. */
function calleeChain(node: Node): string[] {
  switch (node.type) {
    case 'identifier':
      return [node.text];
    case 'attribute': {
      const object = node.childForFieldName('object');
      const attribute = node.childForFieldName('attribute');
      return [...(object ? calleeChain(object) : []), ...(attribute ? [attribute.text] : [])];
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      return fn ? calleeChain(fn) : [];
    }
    case 'subscript': {
      const value = node.childForFieldName('value');
      return value ? calleeChain(value) : [];
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      return inner ? calleeChain(inner) : [];
    }
    default:
      return [];
  }
}

/** Names a return annotation mentions: identifiers, `None`, dotted names, and words of string annotations. */
function annotationNames(annotation: Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: Node): void => {
    if (n.type === 'identifier') names.add(n.text);
    else if (n.type === 'none') names.add('None'); // `-> str | None`, `-> Optional[None]`: a keyword node, not an identifier
    else if (n.type === 'attribute') names.add(compact(n));
    else if (n.type === 'string') {
      for (const w of n.text.match(/[A-Za-z_][\w.]*/g) ?? []) {
        names.add(w);
        for (const part of w.split('.')) if (part) names.add(part);
      }
      return;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(annotation);
  return names;
}
