import type { Tree } from 'web-tree-sitter';
import { createRustFactsExtractor, type RustFacts } from '../../src/libraries/builtin/rust/facts';
import { MAX_MACRO_DEPTH } from '../../src/libraries/builtin/rust/macroItems';
import { createParser } from '../../src/syntax/treeSitter';
import { median, timeIt } from '../stats';
import type { Corpus } from './corpora';
import { readSources } from './harvest';

export interface MacroCost {
  files: number;
  bytes: number;
  parseMs: number;
  /** Facts of every file without reading macro bodies, and with (the library's setting). */
  plainMs: number;
  withBodiesMs: number;
  /** Declarations (structs, enums, functions, traits, impls) found only inside macro invocations. */
  extraDeclarations: number;
}

const declarations = (f: RustFacts): number => f.structs.length + f.enums.length + f.functions.size + f.traits.size + f.impls.length;

/** What reading macro bodies costs on a crate: fact extraction over all its files (trees parsed once), medians of `rounds`. */
export async function macroCost(c: Corpus, rounds = 5): Promise<MacroCost> {
  const sources = readSources(c);
  const parser = await createParser('rust');
  const plain = await createRustFactsExtractor(0);
  const withBodies = await createRustFactsExtractor(MAX_MACRO_DEPTH);
  const [trees, parseMs] = timeIt(() => sources.map((s) => parser.parse(s.text) as Tree));
  try {
    // Rounds alternate between the two extractors (the machine's load drifts), after one warm-up round each.
    const once = (extract: (t: Tree) => RustFacts): [number, number] => timeIt(() => trees.reduce((sum, tree) => sum + declarations(extract(tree)), 0));
    once(plain);
    once(withBodies);
    const plainTimes: number[] = [];
    const bodiesTimes: number[] = [];
    let plainCount = 0;
    let bodiesCount = 0;
    for (let r = 0; r < rounds; r++) {
      const [p, pt] = once(plain);
      const [b, bt] = once(withBodies);
      plainTimes.push(pt);
      bodiesTimes.push(bt);
      plainCount = p;
      bodiesCount = b;
    }
    const plainMs = median(plainTimes);
    const withBodiesMs = median(bodiesTimes);
    return {
      files: sources.length,
      bytes: sources.reduce((n, s) => n + Buffer.byteLength(s.text), 0),
      parseMs,
      plainMs,
      withBodiesMs,
      extraDeclarations: bodiesCount - plainCount,
    };
  } finally {
    for (const t of trees) t.delete();
  }
}
