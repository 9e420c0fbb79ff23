import * as path from 'node:path';
import type { CallContext } from '../../library';
import { factsOf, languageState, type LanguageState } from '../sourceState';
import { fileName, fileStem, Workspace } from '../paths';
import { containsWord } from '../wordMatch';
import { rustFactsExtractor, type RustFacts } from './facts';

/** Directory names never scanned for workspace Rust files (stdlib.md §3). */
const EXCLUDED = new Set(['target', '.git', 'node_modules', '.cargo', 'vendor']);

export interface RustContext {
  ws: Workspace;
  state: LanguageState<RustFacts>;
  ctx: CallContext;
}

export function rustContext(ctx: CallContext): RustContext {
  const ws = Workspace.of(ctx);
  const state = languageState<RustFacts>(ctx, 'rust', ws.abs, {
    extension: '.rs',
    excludedDirectory: (name) => EXCLUDED.has(name),
  });
  return { ws, state, ctx };
}

/** Facts of a readable file. */
export async function rustFacts(rc: RustContext, file: string, text: string): Promise<RustFacts> {
  const extract = await rustFactsExtractor();
  return factsOf(rc.state, file, text, extract);
}

/**
 * Workspace Rust files (reported paths) whose facts satisfy `has`. `word` must occur in a
 * file's text for `has` to be possible: a cheap pre-filter so only a few files get parsed.
 */
export async function findRustFiles(rc: RustContext, key: string, words: string[], has: (facts: RustFacts) => boolean): Promise<string[]> {
  const files = await rc.state.scan.query(
    key,
    (file, text) => (words.every((w) => containsWord(text, w)) ? rustFacts(rc, file, text).then(has) : false),
    rc.ctx.signal,
  );
  return files.map((f) => rc.ws.display(f));
}

/** Module name of a path: the file stem, or the parent directory's name for `mod.rs`. */
export function moduleName(p: string): string | undefined {
  const stem = fileStem(p);
  if (stem !== 'mod') return stem;
  return fileName(path.posix.dirname(p)) ?? stem;
}
