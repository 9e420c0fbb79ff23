/** Hostile external plugins (test-fixtures/plugins/hostile) in a workspace of their own, run by the real CLI binary. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './fixtureSupport';

export const HOSTILE = path.join(REPO_ROOT, 'test-fixtures', 'plugins', 'hostile');
export const CLI_BIN = path.join(REPO_ROOT, 'server', 'bin', 'hielements.js');

/** Four checks: two `verdict` (the plugin says Fail), two `ok` (Pass), in this order. */
export const CHECKS_HIE = 'import h\nelement a:\n    check h.verdict()\n    check h.ok()\n    check h.ok()\n    check h.verdict()\n';

/** The report a correct run prints for CHECKS_HIE. */
export function expectedReport(says: string): string {
  return [
    'Starting Running checks in `a.hie`...',
    '',
    '  FAIL a :: h.verdict()',
    `        --> ${says}`,
    '        at a.hie:3:11',
    '  PASS a :: h.ok()',
    '  PASS a :: h.ok()',
    '  FAIL a :: h.verdict()',
    `        --> ${says}`,
    '        at a.hie:6:11',
    '',
    'Summary: 4 total, 2 passed, 2 failed, 0 errors',
    '',
  ].join('\n');
}

export interface HostileWorkspace {
  dir: string;
  /** Pids the plugin recorded (itself and what it started). */
  pids(): number[];
  dispose(): void;
}

/** A workspace whose library `h` is the hostile plugin `plugin` (with `args`), and CHECKS_HIE as a.hie. */
export function hostileWorkspace(plugin: string, args: string[] = []): HostileWorkspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-hostile-'));
  const program = plugin.endsWith('.py') ? 'python3' : process.execPath;
  fs.writeFileSync(path.join(dir, 'hielements.toml'), `[libraries]\nh = { executable = ${JSON.stringify(program)}, args = ${JSON.stringify([path.join(HOSTILE, plugin), ...args])} }\n`);
  fs.writeFileSync(path.join(dir, 'a.hie'), CHECKS_HIE);
  const pidFile = path.join(dir, 'pids.txt');
  return {
    dir,
    pids: () => (fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').split('\n').filter((l) => l !== '').map(Number) : []),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export const pidFileEnv = (ws: HostileWorkspace): NodeJS.ProcessEnv => ({ HIE_HOSTILE_PIDS: path.join(ws.dir, 'pids.txt') });

/** Alive and not a zombie (a zombie has ended; only its exit status waits for a parent that may never reap it). */
export function isLive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (bounded) until none of `pids` is live; returns those still live. */
export async function survivors(pids: number[], ms = 5000): Promise<number[]> {
  const until = Date.now() + ms;
  for (;;) {
    const live = pids.filter(isLive);
    if (live.length === 0 || Date.now() > until) return live;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The CLI did not exit within the limit and was killed. */
  hung: boolean;
}

/** Runs the hielements binary in `cwd`; kills it (and reports `hung`) when it does not exit within `limitMs`. */
export function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}, limitMs = 60_000): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, limitMs);
    let done = false;
    const finish = (status: number | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), hung });
    };
    child.on('close', (status) => finish(status));
    // the CLI's pipes may be held by a process it failed to stop: after its exit, wait a little, not forever
    child.on('exit', (status) => setTimeout(() => finish(status), 2000));
  });
}
