import * as path from 'node:path';
import { str, type ScopeValue, type Value } from '../../eval/values';
import type { CallContext, LocateRequest, SourceRange, SourceSite } from '../library';
import type { BuiltinFunction, Locator } from './define';
import { Workspace } from './paths';
import { scopeFileText } from './sourceState';

/**
 * Helpers for the libraries' locator tables (`Library.locate`): which argument names what.
 * A locator table maps a function name to one Locator; `byArgument` dispatches on the
 * argument the editor asks about.
 */
export type ArgumentLocator = (request: LocateRequest, ctx: CallContext) => Promise<SourceSite[]>;

/** One locator per argument index; other arguments name nothing. */
export function byArgument(perIndex: Record<number, ArgumentLocator>): Locator {
  return async (request, ctx) => {
    const locate = perIndex[request.argIndex];
    return locate ? locate(request, ctx) : [];
  };
}

/** A locator that needs a workspace scan: it answers go-to-definition, never document links. */
export function definitionOnly(locate: ArgumentLocator): ArgumentLocator {
  return (request, ctx) => (request.purpose === 'definition' ? locate(request, ctx) : Promise.resolve([]));
}

export function stringArg(request: LocateRequest, index: number): string | undefined {
  const v: Value | undefined = request.args[index];
  return v?.type === 'string' ? v.value : undefined;
}

export function scopeArg(request: LocateRequest, index: number): ScopeValue | undefined {
  const v = request.args[index];
  return v?.type === 'scope' ? v : undefined;
}

/** Sites in document order per file, each file once in the order given. */
export function wholeFiles(paths: readonly string[]): SourceSite[] {
  return [...new Set(paths)].map((p) => ({ path: p }));
}

/** Absolute paths one of a library's own selectors selects for a name (the checks find items the same way). */
export async function selectedFiles(selectors: readonly BuiltinFunction<Value>[], selector: string, name: string, ctx: CallContext): Promise<string[]> {
  const fn = selectors.find((f) => f.doc.name === selector);
  const value = fn ? await fn.invoke([str(name)], ctx) : undefined;
  return value?.type === 'scope' ? value.paths.map((p) => path.resolve(p)) : [];
}

/** The ranges `pick` chooses in the facts of each readable file, file by file. */
export async function rangesIn<F>(
  files: readonly string[],
  ctx: CallContext,
  factsOf: (file: string, text: string) => Promise<F>,
  pick: (facts: F) => SourceRange[],
): Promise<SourceSite[]> {
  const ws = Workspace.of(ctx);
  const out: SourceSite[] = [];
  for (const file of new Set(files)) {
    const text = await scopeFileText(ctx, ws, file);
    if (text === undefined) continue;
    for (const range of pick(await factsOf(file, text))) out.push({ path: file, range });
  }
  return out;
}
