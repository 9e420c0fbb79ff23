import type { ScopeValue } from '../../../eval/values';
import type { CallContext } from '../../library';
import { factsOf, languageState, scopeFileText, type LanguageState } from '../sourceState';
import { Workspace } from '../paths';
import { containsWord } from '../wordMatch';
import { pythonFactsExtractor, type PythonFacts } from './facts';

/** Directory names never scanned for workspace Python files (stdlib.md §4, `*.egg-info` by suffix). */
const EXCLUDED = new Set(['.git', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.pytest_cache', '.mypy_cache', 'dist', 'build']);

export interface PythonContext {
  ws: Workspace;
  state: LanguageState<PythonFacts>;
  ctx: CallContext;
}

export function pythonContext(ctx: CallContext): PythonContext {
  const ws = Workspace.of(ctx);
  const state = languageState<PythonFacts>(ctx, 'python', ws.abs, {
    extension: '.py',
    excludedDirectory: (name) => EXCLUDED.has(name) || name.endsWith('.egg-info'),
  });
  return { ws, state, ctx };
}

export async function pythonFacts(pc: PythonContext, file: string, text: string): Promise<PythonFacts> {
  const extract = await pythonFactsExtractor();
  return factsOf(pc.state, file, text, extract);
}

/** Workspace Python files (reported paths) whose text contains `word` and whose facts satisfy `has`. */
export async function findPythonFiles(pc: PythonContext, key: string, word: string, has: (f: PythonFacts) => boolean): Promise<string[]> {
  const files = await pc.state.scan.query(
    key,
    (file, text) => (containsWord(text, word) ? pythonFacts(pc, file, text).then(has) : false),
    pc.ctx.signal,
  );
  return files.map((f) => pc.ws.display(f));
}

/** Facts of every readable file of a scope, with its absolute path (unreadable, non-UTF-8 and outside files skipped). */
export async function scopePythonFileFacts(pc: PythonContext, s: ScopeValue): Promise<{ file: string; facts: PythonFacts }[]> {
  const out: { file: string; facts: PythonFacts }[] = [];
  for (const p of s.paths) {
    const text = await scopeFileText(pc.ctx, pc.ws, p);
    const file = pc.ws.absolute(p);
    if (text !== undefined) out.push({ file, facts: await pythonFacts(pc, file, text) });
  }
  return out;
}

export async function scopePythonFacts(pc: PythonContext, s: ScopeValue): Promise<PythonFacts[]> {
  return (await scopePythonFileFacts(pc, s)).map((f) => f.facts);
}
