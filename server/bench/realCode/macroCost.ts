import type { Tree } from 'web-tree-sitter';
import { createRustFactsExtractor, type RustFacts } from '../../src/libraries/builtin/rust/facts';
import { itemMacroBody, MAX_MACRO_DEPTH } from '../../src/libraries/builtin/rust/macroItems';
import { createParser } from '../../src/syntax/treeSitter';
import { median } from '../stats';
import type { Corpus } from './corpora';
import { readSources } from './harvest';

export interface MacroCost {
  files: number;
  chars: number;
  /** Characters of the macro bodies parsed again (outermost invocations; nested ones are inside them). */
  bodyChars: number;
  parseMs: number;
  /** Facts of every file without reading macro bodies, and with (the library's setting). */
  plainMs: number;
  withBodiesMs: number;
  /** Declarations (structs, enums, functions, traits, impls) found only inside macro invocations. */
  extraDeclarations: number;
}

/** Characters of the item-position macro bodies of a file (nested ones lie inside these). */
function outermostBodyChars(tree: Tree): number {
  let n = 0;
  for (const inv of tree.rootNode.descendantsOfType('macro_invocation')) if (inv) n += itemMacroBody(inv)?.text.length ?? 0;
  return n;
}

/** CPU time (user + system) of `fn` in ms: steadier than wall time on a machine shared with other jobs. */
function cpuTimeIt<T>(fn: () => T): [T, number] {
  const start = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(start);
  return [result, (used.user + used.system) / 1000];
}

const declarations = (f: RustFacts): number => f.structs.length + f.enums.length + f.functions.size + f.traits.size + f.impls.length;

/** What reading macro bodies costs on a crate: fact extraction over all its files (trees parsed once), CPU time, medians of `rounds`. */
export async function macroCost(c: Corpus, rounds = 8): Promise<MacroCost> {
  const sources = readSources(c);
  const parser = await createParser('rust');
  const plain = await createRustFactsExtractor(0);
  const withBodies = await createRustFactsExtractor(MAX_MACRO_DEPTH);
  const [trees, parseMs] = cpuTimeIt(() => sources.map((s) => parser.parse(s.text) as Tree));
  try {
    // Rounds alternate which extractor goes first (the second of a pair runs on a warmer heap and
    // the machine's load drifts), after one warm-up round each.
    const once = (extract: (t: Tree) => RustFacts): [number, number] => cpuTimeIt(() => trees.reduce((sum, tree) => sum + declarations(extract(tree)), 0));
    once(plain);
    once(withBodies);
    const plainTimes: number[] = [];
    const bodiesTimes: number[] = [];
    let plainCount = 0;
    let bodiesCount = 0;
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? [plain, withBodies] : [withBodies, plain];
      for (const extract of order) {
        const [n, t] = once(extract);
        if (extract === plain) {
          plainTimes.push(t);
          plainCount = n;
        } else {
          bodiesTimes.push(t);
          bodiesCount = n;
        }
      }
    }
    const plainMs = median(plainTimes);
    const withBodiesMs = median(bodiesTimes);
    return {
      files: sources.length,
      chars: sources.reduce((n, s) => n + s.text.length, 0),
      bodyChars: trees.reduce((n, t) => n + outermostBodyChars(t), 0),
      parseMs,
      plainMs,
      withBodiesMs,
      extraDeclarations: bodiesCount - plainCount,
    };
  } finally {
    for (const t of trees) t.delete();
  }
}
