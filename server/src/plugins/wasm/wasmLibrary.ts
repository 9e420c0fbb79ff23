import type { Value } from '../../eval/values';
import { LibraryError, type CallContext, type CheckOutcome, type Library, type LibraryDoc } from '../../libraries/library';
import type { CapabilityFinding } from '../types';
import { denialFinding } from './denials';
import { parseLibraryDoc } from './libraryDoc';
import type { Request } from './pluginInstance';
import type { PluginWorker } from './pluginWorker';
import { decodeCoreCallReply, decodeCoreCheckReply, encodeValue, WasmErrorCode } from './valueJson';
import type { Outcome } from './workerProtocol';
import { GUEST_WORKSPACE } from './sandbox';
import { scopesFromPlugin, scopesToPlugin, type PathBase } from './scopePaths';

/** A loaded WASM plugin as a Library: every call goes to its worker. */

export interface WasmLibraryInit {
  name: string;
  worker: PluginWorker;
  /** Whether `fs` is granted (the `workspace` argument is then `/workspace`, else ""). */
  fsGranted: boolean;
  /** Absolute workspace root (scope paths are passed relative to it). */
  workspaceRoot: string;
  onDenied?: (finding: CapabilityFinding) => void;
}

export type BatchCall = { kind: 'call' | 'check'; fn: string; args: Value[] };

export class WasmLibrary implements Library {
  readonly kind = 'wasm' as const;
  readonly name: string;
  private docCache: LibraryDoc | undefined;

  constructor(private readonly init: WasmLibraryInit) {
    this.name = init.name;
  }

  private base(ctx: CallContext | undefined): PathBase {
    return { workspace: ctx?.workspace ?? this.init.workspaceRoot, root: this.init.workspaceRoot };
  }

  private request(kind: 'call' | 'check', fn: string, args: Value[], ctx: CallContext | undefined): Request {
    const base = this.base(ctx);
    const encoded = args.map((a) => encodeValue(scopesToPlugin(a, base)));
    return { op: kind, fn, args: JSON.stringify(encoded), workspace: this.init.fsGranted ? GUEST_WORKSPACE : '' };
  }

  private async run(requests: Request[], ctx: CallContext | undefined): Promise<Outcome[]> {
    if (ctx?.signal?.aborted) throw new LibraryError(WasmErrorCode.timeout, `WASM library \`${this.name}\`: call cancelled`);
    const { outcomes, denials } = await this.init.worker.run(requests, ctx?.signal);
    for (const d of denials) this.init.onDenied?.(denialFinding(this.name, d, ctx?.origin));
    return outcomes;
  }

  private text(o: Outcome): string | undefined {
    if (o.ok) return o.text;
    if (o.kind === 'plugin') throw new LibraryError(WasmErrorCode.pluginError, o.message);
    throw new LibraryError(WasmErrorCode.trap, `WASM library \`${this.name}\` trapped: ${o.message}`);
  }

  private decode(kind: 'call', o: Outcome): Value;
  private decode(kind: 'check', o: Outcome): CheckOutcome;
  private decode(kind: 'call' | 'check', o: Outcome): Value | CheckOutcome {
    const text = this.text(o) ?? '';
    return kind === 'call' ? decodeCoreCallReply(text) : decodeCoreCheckReply(text);
  }

  async call(fn: string, args: Value[], ctx: CallContext): Promise<Value> {
    const [o] = await this.run([this.request('call', fn, args, ctx)], ctx);
    return scopesFromPlugin(this.decode('call', o), this.base(ctx));
  }

  async check(fn: string, args: Value[], ctx: CallContext): Promise<CheckOutcome> {
    const [o] = await this.run([this.request('check', fn, args, ctx)], ctx);
    return this.decode('check', o);
  }

  /**
   * Several calls in one worker round trip (the round trip costs more than a core-module
   * call). Each result is the Value/CheckOutcome or the LibraryError it failed with.
   */
  async batch(calls: BatchCall[], ctx?: CallContext): Promise<Array<Value | CheckOutcome | LibraryError>> {
    const outcomes = await this.run(calls.map((c) => this.request(c.kind, c.fn, c.args, ctx)), ctx);
    return outcomes.map((o, i) => {
      try {
        return calls[i].kind === 'call' ? scopesFromPlugin(this.decode('call', o), this.base(ctx)) : this.decode('check', o);
      } catch (e) {
        if (e instanceof LibraryError) return e;
        throw e;
      }
    });
  }

  async doc(): Promise<LibraryDoc> {
    if (this.docCache) return this.docCache;
    let text: string | undefined;
    try {
      const [o] = await this.run([{ op: 'doc' }], undefined);
      text = o.ok ? o.text : undefined;
    } catch {
      text = undefined;
    }
    this.docCache = parseLibraryDoc(this.name, text);
    return this.docCache;
  }

  /** The plugin's own `library-name` (undefined when it has none). */
  async pluginName(): Promise<string | undefined> {
    const [o] = await this.run([{ op: 'name' }], undefined);
    return o.ok ? o.text : undefined;
  }

  async dispose(): Promise<void> {
    await this.init.worker.dispose();
  }
}
