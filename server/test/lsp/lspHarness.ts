/**
 * An editor for protocol tests: starts the real server (`bin/hielements-language-server.js
 * --stdio`) as a child process and talks LSP to it with vscode-languageserver-protocol's
 * client-side connection. Records published diagnostics, check summaries and progress.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type MessageActionItem,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageRequestParams,
} from 'vscode-languageserver-protocol/node';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..'); // server/out/test/lsp → repo
export const SERVER_BIN = path.join(REPO_ROOT, 'server', 'bin', 'hielements-language-server.js');
export const LSP_FIXTURES = path.join(REPO_ROOT, 'test-fixtures', 'lsp');
export const REC_JS = path.join(REPO_ROOT, 'test-fixtures', 'plugins', 'rec.js');

export const uriOf = (file: string): string => pathToFileURL(file).href;

export interface Essentials {
  range: [number, number, number, number];
  severity: number | undefined;
  code: string | number | undefined;
  message: string;
}

/** The parts of a diagnostic tests compare. */
export function essentials(d: Diagnostic): Essentials {
  return { range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], severity: d.severity, code: d.code, message: typeof d.message === 'string' ? d.message : d.message.value };
}

export interface StartOptions {
  /** $XDG_CONFIG_HOME of the server (where trust answers are remembered); default: a fresh temporary folder, never the user's. */
  configHome?: string;
  /** Answers window/showMessageRequest; default: no answer (null, as when the user dismisses it). */
  answer?: (params: ShowMessageRequestParams) => MessageActionItem | null | Promise<MessageActionItem | null>;
}

export interface CheckSummary {
  passed: number;
  failed: number;
  errors: number;
  total: number;
  /** Files whose totals are from a run before their latest edits. */
  outdated: number;
}

export class TestEditor {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly summaries: CheckSummary[] = [];
  readonly progress: unknown[] = [];
  /** Tokens of the progress the server created (window/workDoneProgress/create). */
  readonly progressTokens: (string | number)[] = [];
  /** hielements/testsChanged params, in order. */
  readonly testsChanged: unknown[] = [];
  readonly registrations: unknown[] = [];
  stderr = '';
  /** Every publication and summary, in order (for failure messages). */
  readonly history: string[] = [];
  /** window/logMessage texts. */
  readonly logs: string[] = [];
  /** window/showMessageRequest params, in order. */
  readonly messageRequests: ShowMessageRequestParams[] = [];
  /** window/showMessage texts. */
  readonly messages: string[] = [];
  /** The server's capabilities from the initialize result. */
  capabilities: Record<string, unknown> | undefined;
  answer: NonNullable<StartOptions['answer']> = () => null;
  /** A configuration folder made for this editor alone (removed by stop()). */
  private ownConfigHome: string | undefined;
  private listeners: (() => void)[] = [];
  private versions = new Map<string, number>();

  private constructor(readonly child: ChildProcess, ipc = false) {
    this.connection = ipc
      ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.history.push(`${path.basename(p.uri)} v${p.version} [${p.diagnostics.map((d) => d.code).join(',')}]`);
      this.changed();
    });
    this.connection.onNotification('hielements/checkSummary', (s: CheckSummary) => {
      this.history.push(`summary ${JSON.stringify(s)}`);
      this.summaries.push(s);
      this.changed();
    });
    this.connection.onNotification('$/progress', (p: unknown) => {
      this.progress.push(p);
      this.changed();
    });
    this.connection.onNotification('hielements/testsChanged', (p: unknown) => {
      this.testsChanged.push(p);
      this.changed();
    });
    this.connection.onNotification('window/logMessage', (m: { message: string }) => void this.logs.push(m.message));
    this.connection.onNotification('window/showMessage', (m: { message: string }) => {
      this.messages.push(m.message);
      this.changed();
    });
    this.connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.progressTokens.push(p.token);
      return null;
    });
    this.connection.onRequest('client/registerCapability', (p: unknown) => {
      this.registrations.push(p);
      return null;
    });
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    this.connection.onRequest('window/showMessageRequest', (p: ShowMessageRequestParams) => {
      this.messageRequests.push(p);
      this.history.push(`showMessageRequest ${p.message.slice(0, 80)}`);
      this.changed();
      return this.answer(p);
    });
    this.connection.listen();
  }

  /**
   * Starts the server on a workspace folder and completes the initialize handshake. Like VS Code
   * in a trusted folder, the editor declares `workspaceTrusted: true` unless the options say
   * otherwise (give `workspaceTrusted: undefined` to make the server ask, trust.md §2).
   */
  static async start(
    root: string,
    initializationOptions: Record<string, unknown> = { checks: { run: 'onType', debounceMs: 50 } },
    transport: 'stdio' | 'node-ipc' = 'stdio',
    options: StartOptions = {},
  ): Promise<TestEditor> {
    const configHome = options.configHome ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hie-lsp-config-'));
    const env = { ...process.env, XDG_CONFIG_HOME: configHome };
    // e.g. HIELEMENTS_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server under a bench
    const nodeArgs = (process.env.HIELEMENTS_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
    const child =
      transport === 'stdio'
        ? spawn(process.execPath, [...nodeArgs, SERVER_BIN, '--stdio'], { cwd: os.tmpdir(), stdio: ['pipe', 'pipe', 'pipe'], env })
        : fork(SERVER_BIN, ['--node-ipc'], { cwd: os.tmpdir(), stdio: ['pipe', 'pipe', 'pipe', 'ipc'], env, execArgv: nodeArgs });
    const editor = new TestEditor(child, transport === 'node-ipc');
    if (!options.configHome) editor.ownConfigHome = configHome;
    if (options.answer) editor.answer = options.answer;
    if (!('workspaceTrusted' in initializationOptions)) initializationOptions = { ...initializationOptions, workspaceTrusted: true };
    const result = await editor.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: path.basename(root) }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true }, inlayHint: { refreshSupport: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
      initializationOptions,
    });
    editor.capabilities = result.capabilities;
    await editor.connection.sendNotification('initialized', {});
    return editor;
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Resolves when `predicate` holds (checked on every notification), else rejects after `ms`. */
  waitFor<T>(what: string, predicate: () => T | undefined | false, ms = 15000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const value = predicate();
        if (value === undefined || value === false) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; server log:\n${this.logs.join('\n').slice(-2000)}\nstderr:\n${this.stderr.slice(-2000)}`));
      }, ms);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
      };
      const listener = (): void => void check();
      this.listeners.push(listener);
      check();
    });
  }

  diagnosticsOf(file: string): Diagnostic[] | undefined {
    return this.diagnostics.get(uriOf(file))?.diagnostics;
  }

  /** Waits for a publication for `file` satisfying `predicate` (after `since`, the count of summaries). */
  waitForDiagnostics(file: string, predicate: (ds: Diagnostic[], version: number | undefined) => boolean, ms?: number): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics of ${path.basename(file)}`, () => {
      const p = this.diagnostics.get(uriOf(file));
      return p && predicate(p.diagnostics, p.version) ? p.diagnostics : undefined;
    }, ms);
  }

  open(file: string, text = fs.readFileSync(file, 'utf8'), languageId = 'hielements'): void {
    this.versions.set(file, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId, version: 1, text } });
  }

  /** One incremental change; returns the new version. */
  change(file: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): number {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(file), version }, contentChanges: [{ range, text }] });
    return version;
  }

  save(file: string): void {
    void this.connection.sendNotification('textDocument/didSave', { textDocument: { uri: uriOf(file) } });
  }

  close(file: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(file) } });
  }

  fileChanged(file: string, type: 1 | 2 | 3): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type }] });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 3000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
    if (this.ownConfigHome) fs.rmSync(this.ownConfigHome, { recursive: true, force: true });
  }
}

/** Polls a condition no notification announces (a file written by the server or a plugin). */
export async function until(what: string, predicate: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A fresh copy of a fixture folder (tests may write into it). */
export function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hie-lsp-${name}-`));
  fs.cpSync(path.join(LSP_FIXTURES, name), dir, { recursive: true });
  return dir;
}
