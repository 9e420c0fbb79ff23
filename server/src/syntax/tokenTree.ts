import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import type { ChangeMap } from './changeMap';
import type { LineIndex } from './lineIndex';
import type { Point } from './span';
import { kindOf, TRIVIA, type Token } from './tokens';

/** Nodes shorter than this keep their tokens as one flat list; longer ones keep their children. */
const FLAT_BELOW = 2048;

/** The tokens below one tree node. */
interface TokenNode {
  type: string;
  start: number;
  end: number;
  startPoint: Point;
  /** A short node (or a leaf): its tokens in document order. */
  tokens: Token[] | null;
  /** A long node: one entry per child. Neither: a root child not read yet. */
  children: TokenNode[] | null;
}

interface Context {
  text: string;
  lines: LineIndex;
}

const isRead = (node: TokenNode): boolean => node.tokens !== null || node.children !== null;

/**
 * The tokens with a width of a document (the leaves of its tree, as `leafTokens` reads
 * them, without the zero-width ones: see layout.ts), kept in a tree shaped like
 * tree-sitter's down to nodes of a couple of KiB. Reading a leaf through web-tree-sitter
 * costs microseconds, so a broken region of thousands of tokens must not be read again on
 * every keystroke: after an edit only the children that touch a changed region are read
 * again; the others are moved. Root children are read only when their tokens are asked for
 * (only broken units need them). Invariant: the root has one entry per root child of the
 * tree, so a unit's tokens are those of a run of root children. Valid until the next update.
 */
export class TokenTree {
  private constructor(private readonly root: TokenNode, private readonly tree: Tree, private readonly ctx: Context) {}

  /** The root children of `tree`; their tokens are read when asked for. */
  static read(tree: Tree, text: string, lines: LineIndex): TokenTree {
    const ctx = { text, lines };
    return new TokenTree(readRoot(tree.rootNode, ctx), tree, ctx);
  }

  /**
   * The tokens of `tree`, the re-parse of this tree's text after `changes`: what the changes
   * do not touch is taken from this one (which must not be used afterwards).
   */
  update(tree: Tree, text: string, lines: LineIndex, changes: ChangeMap): TokenTree {
    const ctx = { text, lines };
    return new TokenTree(reconcileRoot(tree.rootNode, this.root, ctx, changes), tree, ctx);
  }

  /** End of the document (the root's end). */
  get end(): number {
    return this.root.end;
  }

  get rootChildCount(): number {
    return this.root.children!.length;
  }

  /** The root child at `index`: its node type and range. */
  rootChild(index: number): { type: string; start: number; end: number; startPoint: Point } {
    return this.root.children![index];
  }

  /** Tokens of root children [first, first + count), in document order. */
  tokensOf(first: number, count: number): Token[] {
    const out: Token[] = [];
    for (let i = first; i < first + count; i++) flatten(this.readChild(i), out);
    return out;
  }

  /** The first token of a root child (the lookahead after a unit), without reading the rest of it. */
  firstTokenOf(index: number): Token | undefined {
    const node = this.root.children![index];
    if (!node) return undefined;
    if (isRead(node)) return first(node);
    const cursor = this.tree.rootNode.child(index)!.walk();
    try {
      for (;;) {
        if (cursor.gotoFirstChild()) continue;
        const token = leafToken(cursor, this.ctx);
        if (token) return token;
        while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return undefined;
      }
    } finally {
      cursor.delete();
    }
  }

  private readChild(index: number): TokenNode {
    const node = this.root.children![index];
    if (isRead(node)) return node;
    const read = readFresh(this.tree.rootNode.child(index)!, this.ctx);
    this.root.children![index] = read;
    return read;
  }
}

/** The root with its children not read yet. */
function readRoot(root: Node, ctx: Context): TokenNode {
  const node = stub(root.startIndex, root.endIndex, root.type, ctx);
  node.children = [];
  const cursor = root.walk();
  try {
    if (cursor.gotoFirstChild()) {
      do node.children.push(stub(cursor.startIndex, cursor.endIndex, cursor.nodeType, ctx));
      while (cursor.gotoNextSibling());
    }
  } finally {
    cursor.delete();
  }
  return node;
}

function stub(start: number, end: number, type: string, ctx: Context): TokenNode {
  return { type, start, end, startPoint: ctx.lines.pointAt(start), tokens: null, children: null };
}

function flatten(node: TokenNode, out: Token[]): void {
  if (node.tokens) for (const t of node.tokens) out.push(t);
  else for (const child of node.children!) flatten(child, out);
}

function first(node: TokenNode): Token | undefined {
  if (node.tokens) return node.tokens[0];
  for (const child of node.children!) {
    const found = first(child);
    if (found) return found;
  }
  return undefined;
}

/** Reads the node at the cursor (and leaves the cursor there). */
function readAt(cursor: TreeCursor, ctx: Context): TokenNode {
  const start = cursor.startIndex;
  const end = cursor.endIndex;
  const node = stub(start, end, cursor.nodeType, ctx);
  if (end - start < FLAT_BELOW || !cursor.gotoFirstChild()) {
    node.tokens = flatTokens(cursor, ctx);
    return node;
  }
  node.children = [];
  do node.children.push(readAt(cursor, ctx));
  while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return node;
}

/** Tokens of the subtree at the cursor (which ends where it started). */
function flatTokens(cursor: TreeCursor, ctx: Context): Token[] {
  const out: Token[] = [];
  let depth = 0;
  for (;;) {
    if (cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    const token = leafToken(cursor, ctx);
    if (token) out.push(token);
    for (;;) {
      if (depth === 0) return out;
      if (cursor.gotoNextSibling()) break;
      cursor.gotoParent();
      depth--;
    }
  }
}

/**
 * The token of the leaf at the cursor. Only tokens with a width are kept: trivia, MISSING
 * nodes and zero-width tokens have none (the layout tokens are worked out again, layout.ts;
 * the others end the document, where the recogniser puts its own `Eof`).
 */
function leafToken(cursor: TreeCursor, ctx: Context): Token | undefined {
  const startIndex = cursor.startIndex;
  const endIndex = cursor.endIndex;
  if (startIndex === endIndex) return undefined;
  const type = cursor.nodeType;
  if (TRIVIA.has(type)) return undefined;
  const text = ctx.text.slice(startIndex, endIndex);
  return { kind: kindOf(type, text, false), text, startIndex, endIndex, start: ctx.lines.pointAt(startIndex), end: ctx.lines.pointAt(endIndex) };
}

function readFresh(node: Node, ctx: Context): TokenNode {
  const cursor = node.walk();
  try {
    return readAt(cursor, ctx);
  } finally {
    cursor.delete();
  }
}

/** The root after `changes`: root children no change touches are moved, the others read again or left unread. */
function reconcileRoot(root: Node, old: TokenNode, ctx: Context, changes: ChangeMap): TokenNode {
  const reconciled = reconcileChildren(root, old, ctx, changes, (child, counterpart) =>
    counterpart && isRead(counterpart) ? reconcile(child, counterpart, ctx, changes) : stub(child.startIndex, child.endIndex, child.type, ctx),
  );
  return reconciled ?? readRoot(root, ctx);
}

/**
 * The token node of `node` (new tree), given `old`, the same node in the previous tree: its
 * children that no change touches are moved, the others are read again (recursively, when
 * a long one has a counterpart in `old`).
 */
function reconcile(node: Node, old: TokenNode, ctx: Context, changes: ChangeMap): TokenNode {
  if (!old.children || node.endIndex - node.startIndex < FLAT_BELOW) return readFresh(node, ctx);
  const reconciled = reconcileChildren(node, old, ctx, changes, (child, counterpart) =>
    counterpart?.children && child.endIndex - child.startIndex >= FLAT_BELOW ? reconcile(child, counterpart, ctx, changes) : readFresh(child, ctx),
  );
  return reconciled ?? readFresh(node, ctx);
}

/**
 * `node` with old's children that no change touches (moved) and, for the children of
 * `node` that touch a change, what `renew` makes of them and their counterpart in `old`
 * (same type, same start). Undefined when the children do not add up — which the change
 * map rules out; the check costs one call, and the caller then reads the node again.
 */
function reconcileChildren(
  node: Node,
  old: TokenNode,
  ctx: Context,
  changes: ChangeMap,
  renew: (child: Node, counterpart: TokenNode | undefined) => TokenNode,
): TokenNode | undefined {
  const start = node.startIndex;
  const end = node.endIndex;
  const kept: TokenNode[] = [];
  const stale: TokenNode[] = [];
  for (const child of old.children!) {
    const moved = changes.mapRange(child.start, child.end);
    if (moved) {
      move(child, moved[0], ctx.lines.pointAt(moved[0]));
      kept.push(child);
    } else stale.push(child);
  }
  const renewed: TokenNode[] = [];
  const seen = new Set<number>();
  for (const region of changes.within(start, end)) {
    let child = region.newStart <= start ? node.firstChild : node.firstChildForIndex(region.newStart - 1);
    while (child && child.startIndex <= region.newEnd) {
      if (!seen.has(child.id)) {
        seen.add(child.id);
        renewed.push(renew(child, takeCounterpart(stale, child, changes)));
      }
      child = child.nextSibling;
    }
  }
  const children = mergeByPosition(kept, renewed);
  if (children.length !== node.childCount) return undefined;
  return { type: node.type, start, end, startPoint: ctx.lines.pointAt(start), tokens: null, children };
}

/** The old node a new child continues (same type, same start), taken out of `stale`. */
function takeCounterpart(stale: TokenNode[], child: Node, changes: ChangeMap): TokenNode | undefined {
  const type = child.type;
  const start = child.startIndex;
  const i = stale.findIndex((s) => s.type === type && changes.mapRange(s.start, s.start)?.[0] === start);
  return i < 0 ? undefined : stale.splice(i, 1)[0];
}

function mergeByPosition(a: TokenNode[], b: TokenNode[]): TokenNode[] {
  const out: TokenNode[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && (a[i].start < b[j].start || (a[i].start === b[j].start && a[i].end <= b[j].end)));
    out.push(takeA ? a[i++] : b[j++]);
  }
  return out;
}

/**
 * Moves a subtree whose text did not change to start at `start`/`point`: indices by the
 * same amount, rows by the same amount, columns only on its first row.
 */
function move(node: TokenNode, start: number, point: Point): void {
  const delta = start - node.start;
  const rows = point.row - node.startPoint.row;
  const columns = point.column - node.startPoint.column;
  if (delta === 0 && rows === 0 && columns === 0) return;
  const firstRow = node.startPoint.row;
  const movePoint = (p: Point): void => {
    if (p.row === firstRow) p.column += columns;
    p.row += rows;
  };
  const visit = (n: TokenNode): void => {
    n.start += delta;
    n.end += delta;
    movePoint(n.startPoint);
    if (n.tokens) {
      for (const t of n.tokens) {
        t.startIndex += delta;
        t.endIndex += delta;
        movePoint(t.start);
        movePoint(t.end);
      }
    } else if (n.children) for (const c of n.children) visit(c);
  };
  visit(node);
}
