import type { ScopeValue, Value } from '../../eval/values';
import type { CallContext, LocateRequest, SourceSite } from '../library';
import type { Locator } from './define';

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
