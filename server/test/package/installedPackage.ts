import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

/**
 * The package as a user gets it: `npm pack` at the repository root, installed with no network
 * (an unreachable registry, an empty cache, --offline) into a temporary prefix or project.
 */

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** npm with no registry to reach: anything not in the tarball makes the install fail. */
export function offlineNpm(args: string[], cwd: string, cache: string): SpawnSyncReturns<string> {
  return spawnSync('npm', [...args, '--offline', '--registry', 'http://127.0.0.1:9/', '--cache', cache, '--no-audit', '--no-fund', '--no-update-notifier'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_registry: 'http://127.0.0.1:9/' },
  });
}

/** `npm pack` at the root into `dir`; returns the tarball's path. */
export function packRepository(dir: string): string {
  execFileSync('npm', ['pack', '--pack-destination', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const tarballs = fs.readdirSync(dir).filter((f) => /^hielements-.*\.tgz$/.test(f));
  if (tarballs.length !== 1) throw new Error(`npm pack made ${tarballs.join(', ') || 'no tarball'} in ${dir}`);
  return path.join(dir, tarballs[0]);
}

export const mkTemp = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface LspSession {
  capabilities: Record<string, unknown>;
  serverInfo?: { name: string; version?: string };
  /** Diagnostics published for `file` after it was opened with `text`. */
  diagnostics: PublishDiagnosticsParams['diagnostics'];
}

/** Starts `command --stdio` in `cwd`, initializes, opens `file`, waits for its diagnostics, shuts down. */
export async function lspSession(command: string, cwd: string, file: string, text: string): Promise<LspSession> {
  const child = spawn(command, ['--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Promise<PublishDiagnosticsParams>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (p.uri === pathToFileURL(file).href) resolve(p);
    });
  });
  connection.listen();
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`language server did not answer; stderr:\n${stderr}`)), 60000).unref());
  try {
    const init = (await Promise.race([
      connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(cwd).href, capabilities: {}, initializationOptions: {} }),
      timeout,
    ])) as { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } };
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(file).href, languageId: 'hielements', version: 1, text } });
    const { diagnostics } = await Promise.race([published, timeout]);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    return { ...init, diagnostics };
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
}
