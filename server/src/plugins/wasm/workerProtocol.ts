import type { MessagePort } from 'node:worker_threads';
import type { FsCapability } from '../types';
import type { Request } from './pluginInstance';
import type { Denial } from './sandbox';
import type { WasmModule } from './wasmApi';
import type { CoreModules } from './componentModules';

/** Messages between the host (main thread) and a plugin's worker thread. */

export interface WorkerInit {
  library: string;
  workspaceRoot: string;
  fs: FsCapability;
  env: [string, string][];
  /** Absolute paths named by hielements.toml: never written (trust.md §3). */
  protectedFiles: string[];
  /** Folders nothing below which is written: the user's Hielements configuration (trust answers). */
  protectedFolders: string[];
  /** `fs = "write"` granted but served as `read` (untrusted workspace). */
  writeWithheld: boolean;
  memoryPages: number;
  plugin: { format: 'core'; module: WasmModule } | { format: 'component'; dir: string };
  /** Where logs and replies go (a dedicated channel the host can poll synchronously); `ready` uses parentPort. */
  replyPort?: MessagePort;
}

export type HostMessage =
  | { type: 'run'; id: number; requests: Request[] }
  /** A component's core modules, compiled by the host (sent once per worker, as soon as they are ready). */
  | { type: 'modules'; modules: CoreModules };

export type Outcome =
  | { ok: true; text?: string }
  | { ok: false; kind: 'plugin' | 'trap'; message: string };

export type WorkerMessage =
  | { type: 'reply'; id: number; outcomes: Outcome[]; denials: Denial[]; /** The worker must be replaced before the next request. */ restart?: boolean }
  | { type: 'log'; stream: 'stdout' | 'stderr'; line: string }
  | { type: 'ready' };
