import type { Node, Parser, Tree } from 'web-tree-sitter';

/**
 * Items written inside macro invocations: `cfg_rt! { pub struct Runtime { … } }` (tokio),
 * `pin_project! { … }`, `ast_struct! { … }` (syn), `bitflags! { … }`. tree-sitter sees a
 * token tree there; its text is parsed again as a Rust file so that the declarations in it
 * count like any other.
 *
 * - Only invocations in *item position* are read again: in a file, in a `mod`, `impl`,
 *   `trait` or `extern` body, or a `{ … }` invocation that is a statement of a block. A
 *   macro in an expression (`quote! { struct X; }` building code for someone else,
 *   `vec![..]`, `println!(..)`) is not a list of items.
 * - `macro_rules!` definitions are templates (a `macro_definition` node, not an invocation):
 *   what their rules would expand to is not declared anywhere.
 * - A body that only partly parses as items (`bitflags! { pub struct Flags: u32 { … } }`,
 *   syn's `pub struct ExprArray #full { … }`) still yields what tree-sitter's error recovery
 *   recognises (`struct Flags`, `struct ExprArray`): these macros do declare those items. A
 *   body that is not items at all (`impl_from!(u8, u16);`) yields no declarations.
 */

/**
 * Invocations nested deeper than this are not read again (`cfg_rt! { cfg_net! { … } }` is
 * depth 2). Each level re-parses a strict part of the one above, so this also bounds cost.
 */
export const MAX_MACRO_DEPTH = 8;

/** Parents of an invocation in item position. */
const ITEM_PARENTS = new Set(['source_file', 'declaration_list']);

/**
 * Whether an invocation stands where an item may: `m! { … }` or `m!(…);` in a file or a
 * `mod`/`impl`/`trait`/`extern` body, or `m! { … }` as a statement of a block that is not
 * the block's last expression (that one is a value: `fn f() -> TokenStream { quote! { … } }`).
 * (Patterns with parents in the query cost more than these few steps per invocation.)
 */
function inItemPosition(invocation: Node): boolean {
  const parent = invocation.parent;
  if (!parent) return false;
  const type = parent.type;
  if (ITEM_PARENTS.has(type)) return true;
  if (type === 'expression_statement') return ITEM_PARENTS.has(parent.parent?.type ?? '');
  if (type !== 'block' || invocation.lastChild?.firstChild?.type !== '{') return false;
  for (let next = invocation.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (next.type !== 'line_comment' && next.type !== 'block_comment') return true;
  }
  return false;
}

/** The body of an item-position invocation: its text and where each top-level item of it ends. */
export interface MacroBody {
  text: string;
  /** `[start, end)` offsets in `text` of the body's item-sized pieces (see `itemChunks`). */
  chunks: [number, number][];
  /** Where the invocation's token tree starts in the file. */
  tokensStart: number;
  /** Where `text` starts (row and UTF-16 column, in the coordinates of the invocation's tree). */
  textStart: { row: number; column: number };
}

/** The body of a macro invocation in item position, or undefined when there is nothing to read. */
export function itemMacroBody(invocation: Node): MacroBody | undefined {
  if (!inItemPosition(invocation)) return undefined;
  const tree = invocation.lastChild;
  if (tree?.type !== 'token_tree' || tree.childCount < 2) return undefined;
  const open = tree.firstChild;
  const close = tree.lastChild;
  if (!open || !close) return undefined;
  const base = open.endIndex;
  const end = close.isMissing ? tree.endIndex : close.startIndex;
  if (!mayHoldItems(tree)) return undefined;
  const text = tree.text.slice(base - tree.startIndex, end - tree.startIndex);
  const at = open.endPosition;
  return { text, chunks: itemChunks(tree, base, end - base), tokensStart: tree.startIndex, textStart: { row: at.row, column: at.column } };
}

/** Keyword tokens that start an item (after attributes and `pub`); `extern` is an identifier there. */
const ITEM_KEYWORDS = new Set(['struct', 'enum', 'union', 'fn', 'trait', 'impl', 'mod', 'use', 'type', 'const', 'static', 'crate']);

/**
 * Whether a body can declare anything: every item starts with one of these keywords or is a
 * macro invocation (`name!`). Argument lists such as `assert_value!(TcpStream: Send)` or
 * `primitive_impl!(bool, visit_bool)` are not parsed at all.
 */
function mayHoldItems(tree: Node): boolean {
  const kids = tree.children;
  for (let i = 1; i < kids.length - 1; i++) {
    const type = kids[i]?.type;
    if (type !== undefined && ITEM_KEYWORDS.has(type)) return true;
    if (type === '!' && kids[i - 1]?.type === 'identifier') return true;
  }
  return false;
}

/**
 * Item-sized pieces of a body: a piece ends after a top-level `;` or a `{ … }` group not
 * followed by `;` (`struct A { … }`, `impl X { … }`, `mod m { … }`; but `use a::{b, c};`
 * and `const C: T = T { … };` run to their `;`). Attributes and doc comments stay with the
 * item they precede.
 */
function itemChunks(tree: Node, base: number, length: number): [number, number][] {
  const chunks: [number, number][] = [];
  let start = 0;
  const kids = tree.children;
  for (let i = 1; i < kids.length - 1; i++) {
    const kid = kids[i];
    if (!kid) continue;
    const next = kids[i + 1];
    const ends = kid.type === ';' || (kid.type === 'token_tree' && kid.firstChild?.type === '{' && next?.type !== ';');
    if (ends) {
      chunks.push([start, kid.endIndex - base]);
      start = kid.endIndex - base;
    }
  }
  if (start < length) chunks.push([start, length]);
  return chunks;
}

/**
 * Parse a body as Rust items and hand each tree's root to `use` with the offset in `body.text`
 * of the text it was parsed from, then free the trees (they live in wasm memory). A body that parses cleanly is read as one tree. Otherwise each
 * item-sized piece is parsed on its own, so one piece tree-sitter cannot read (`struct
 * Flags: u32 { const A = 1; }`) does not swallow the items after it. Returns whether the
 * body parsed cleanly (then its tree holds everything its tokens do).
 */
export function parseMacroBody(parser: Parser, body: MacroBody, use: (root: Node, offset: number) => void): boolean {
  const whole = parser.parse(body.text);
  if (!whole) return false;
  let clean: boolean;
  try {
    clean = !whole.rootNode.hasError;
    if (clean || body.chunks.length < 2) {
      use(whole.rootNode, 0);
      return clean;
    }
  } finally {
    whole.delete();
  }
  for (const [start, end] of body.chunks) {
    const piece = body.text.slice(start, end);
    if (piece.trim() !== '') withTree(parser, piece, (root) => use(root, start));
  }
  return false;
}

function withTree(parser: Parser, text: string, use: (root: Node) => void): void {
  const tree: Tree | null = parser.parse(text);
  if (!tree) return;
  try {
    use(tree.rootNode);
  } finally {
    tree.delete();
  }
}
