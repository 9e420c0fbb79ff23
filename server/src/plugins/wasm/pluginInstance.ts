/** What the worker asks of a loaded plugin, whatever its binary format. */

export type Request =
  | { op: 'call' | 'check'; fn: string; /** JSON array of tagged Values. */ args: string; workspace: string }
  | { op: 'doc' | 'name' };

export interface PluginInstance {
  /**
   * Run one request. For `call`/`check` of a core module: the reply JSON text.
   * For components: `call` → the `ok` JSON text; `check` → JSON `{"passed","message"?}`;
   * a plugin `err` is thrown as PluginReportedError. `doc`/`name`: text or undefined when absent.
   */
  run(req: Request): string | undefined;
  /** Called once, after the first batch of requests ran (and before its reply is sent). */
  afterFirstBatch?(): Promise<void>;
  dispose(): void;
}

/** The plugin itself reported a failure (`err` of a WIT result). */
export class PluginReportedError extends Error {}
