import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Runs a real Neovim (`nvim --headless`) whose built-in LSP client talks to a language server
 * (scripts/e2e/nvim-lsp-probe.lua), and returns what the editor received.
 */

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..'); // server/out/test/e2e → repo
export const PROBE_SCRIPT = path.join(REPO_ROOT, 'scripts', 'e2e', 'nvim-lsp-probe.lua');

export interface LspPosition { line: number; character: number }
export interface LspRange { start: LspPosition; end: LspPosition }
export interface LspDiagnostic {
  range: LspRange;
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}

export interface ProbeFile {
  path: string;
  /** Wait until the server publishes at least one diagnostic for this file. */
  waitForDiagnostics?: boolean;
  /** Request textDocument/hover here (0-based, UTF-16) once diagnostics are in. */
  hover?: LspPosition;
}

export interface ProbeJob {
  cmd: string[];
  rootDir: string;
  timeoutMs: number;
  files: ProbeFile[];
}

export interface ProbeFileResult {
  path: string;
  uri: string;
  diagnostics: LspDiagnostic[];
  hover: unknown;
  hover_error?: unknown;
}

export interface ProbeResult {
  ok: boolean;
  nvim: string;
  error?: string;
  files: ProbeFileResult[];
  server_exit?: { code: number; signal: number };
  /** nvim's own stderr. */
  stderr: string;
  /** What the language server wrote to stderr. */
  serverStderr: string;
}

/** Throws with an actionable message when nvim is not installed (the suite must not silently skip). */
export function nvimVersion(): string {
  try {
    return execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    throw new Error('nvim (Neovim >= 0.7) is not on PATH: install it with `scripts/e2e/setup-editors.sh neovim` (apt-get install neovim)');
  }
}

/** Neovim encodes an empty Lua table as {} and nil as null: normalize to what LSP sent. */
function normalizeFile(raw: Record<string, unknown>): ProbeFileResult {
  const diagnostics = Array.isArray(raw.diagnostics) ? (raw.diagnostics as LspDiagnostic[]) : [];
  return { ...(raw as unknown as ProbeFileResult), diagnostics, hover: raw.hover ?? null };
}

/**
 * Runs the probe. The server's stderr (which Neovim would only put in its lsp.log) is captured through a
 * `sh` wrapper and returned as `serverStderr`, so failures show why the server died.
 * `serverEnv` is added to the server's environment.
 */
export function runNeovimProbe(job: ProbeJob, serverEnv: Record<string, string> = {}): Promise<ProbeResult> {
  nvimVersion();
  const stderrFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hie-nvim-')), 'server-stderr.log');
  const wrapped: ProbeJob = { ...job, cmd: ['sh', '-c', 'exec "$@" 2>>"$HIE_SERVER_STDERR"', 'sh', ...job.cmd] };
  const readServerStderr = () => {
    try {
      return fs.readFileSync(stderrFile, 'utf8');
    } catch {
      return '';
    } finally {
      fs.rmSync(path.dirname(stderrFile), { recursive: true, force: true });
    }
  };
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${PROBE_SCRIPT}`], {
      cwd: job.rootDir,
      // nvim passes its environment on to the server it starts
      env: { ...process.env, ...serverEnv, HIE_NVIM_JOB: JSON.stringify(wrapped), HIE_SERVER_STDERR: stderrFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), job.timeoutMs + 5000);
    child.on('error', (e) => {
      clearTimeout(killer);
      readServerStderr();
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(killer);
      const serverStderr = readServerStderr();
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) {
        reject(new Error(`nvim exited with ${code} and printed no JSON.\nstdout: ${stdout}\nstderr: ${stderr}\nserver stderr: ${serverStderr}`));
        return;
      }
      const parsed = JSON.parse(line) as Record<string, unknown>;
      const files = Array.isArray(parsed.files) ? (parsed.files as Record<string, unknown>[]).map(normalizeFile) : [];
      resolve({ ...(parsed as unknown as ProbeResult), files, stderr, serverStderr });
    });
  });
}

/** The text of a textDocument/hover result (MarkupContent, MarkedString or MarkedString[]). */
export function hoverText(hover: unknown): string {
  if (hover === null || typeof hover !== 'object') return '';
  const contents = (hover as { contents?: unknown }).contents;
  const part = (c: unknown): string =>
    typeof c === 'string' ? c : c && typeof c === 'object' && 'value' in c ? String((c as { value: unknown }).value) : '';
  return Array.isArray(contents) ? contents.map(part).join('\n') : part(contents);
}
