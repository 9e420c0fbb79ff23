import { LibraryError, LibraryRegistry, type CallContext, type Library } from '../libraries/library';
import type { TimeSlicer } from './timeSlicer';

export interface GuardOptions {
  slicer: TimeSlicer;
  /** The client's `plugins.timeoutMs`: a plugin call running longer is cancelled and becomes an E530 error. */
  pluginTimeoutMs?: number;
}

/**
 * The registry the language server evaluates with: every library call first yields to the
 * message loop when the time slice is used up, and calls into configured plugins (not
 * built-ins) get the client's time limit, enforced through the call's abort signal.
 */
export function guardRegistry(source: LibraryRegistry, options: GuardOptions): LibraryRegistry {
  const guarded = new LibraryRegistry();
  for (const lib of source.all()) guarded.register(guardLibrary(lib, options));
  return guarded;
}

function guardLibrary(lib: Library, options: GuardOptions): Library {
  const limit = lib.kind === 'builtin' ? undefined : options.pluginTimeoutMs;
  const run = async <T>(ctx: CallContext, fn: string, call: (ctx: CallContext) => Promise<T>): Promise<T> => {
    await options.slicer.pause();
    if (ctx.signal?.aborted) throw new LibraryError('E531', `Call to ${lib.name}.${fn} was cancelled`);
    return limit === undefined ? call(ctx) : withTimeout(lib.name, fn, limit, ctx, call);
  };
  return {
    name: lib.name,
    kind: lib.kind,
    call: (fn, args, ctx) => run(ctx, fn, (c) => lib.call(fn, args, c)),
    check: (fn, args, ctx) => run(ctx, fn, (c) => lib.check(fn, args, c)),
    doc: () => lib.doc(),
    dispose: lib.dispose ? () => lib.dispose!() : undefined,
  };
}

async function withTimeout<T>(name: string, fn: string, ms: number, ctx: CallContext, call: (ctx: CallContext) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const forward = (): void => controller.abort(ctx.signal?.reason);
  ctx.signal?.addEventListener('abort', forward, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new Error('timeout'));
      reject(new LibraryError('E530', `Library '${name}' did not answer ${fn} within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([call({ ...ctx, signal: controller.signal }), expired]);
  } finally {
    clearTimeout(timer);
    ctx.signal?.removeEventListener('abort', forward);
  }
}
