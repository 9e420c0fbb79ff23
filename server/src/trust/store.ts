import * as fs from 'node:fs';
import * as path from 'node:path';
import * as TOML from '@iarna/toml';
import { userConfigDirectory } from '../plugins/userConfig';

/**
 * Where the answers to the trust question are remembered (trust.md §2): in the user's
 * configuration directory — `$XDG_CONFIG_HOME/hielements/`, else `~/.config/hielements/` —
 * never in the workspace (an approval stored there could ship with the repository).
 *
 * - `trust.json` (written by the language server): per workspace path, the hash of what was
 *   decided on and the answer. A different hash is a question not yet answered.
 * - `config.toml` (written by the user, only read here): `trust_all_workspaces = true` trusts
 *   every workspace.
 */

export type TrustAnswer = 'allow' | 'deny';

interface StoredAnswer {
  hash: string;
  answer: TrustAnswer;
  /** ISO time of the answer (for people reading the file). */
  at: string;
}

interface TrustFile {
  version: 1;
  workspaces: Record<string, StoredAnswer>;
}

export const TRUST_FILE = 'trust.json';
export const USER_CONFIG_FILE = 'config.toml';

/** `$XDG_CONFIG_HOME/hielements` (an absolute XDG_CONFIG_HOME only, as the XDG spec says), else `~/.config/hielements`. */
export const configDirectory = userConfigDirectory;

/** The key of a workspace: its real path when it exists (two spellings of one folder are one workspace). */
export function workspaceKey(root: string): string {
  const resolved = path.resolve(root);
  try {
    return fs.realpathSync(resolved);
  } catch {
    return resolved;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class TrustStore {
  constructor(readonly directory: string = configDirectory()) {}

  private get file(): string {
    return path.join(this.directory, TRUST_FILE);
  }

  /** The remembered answer for this workspace and hash, if any. */
  lookup(root: string, hash: string): TrustAnswer | undefined {
    const stored = this.read().workspaces[workspaceKey(root)];
    return stored && stored.hash === hash ? stored.answer : undefined;
  }

  /** Remembers an answer (replacing any earlier one for the workspace). Throws when the directory cannot be written. */
  remember(root: string, hash: string, answer: TrustAnswer): void {
    const data = this.read();
    data.workspaces[workspaceKey(root)] = { hash, answer, at: new Date().toISOString() };
    fs.mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }

  /** `trust_all_workspaces = true` in the user's config.toml. */
  trustsAllWorkspaces(): boolean {
    let text: string;
    try {
      text = fs.readFileSync(path.join(this.directory, USER_CONFIG_FILE), 'utf8');
    } catch {
      return false;
    }
    try {
      return (TOML.parse(text) as Record<string, unknown>).trust_all_workspaces === true;
    } catch {
      return false;
    }
  }

  private read(): TrustFile {
    const empty: TrustFile = { version: 1, workspaces: {} };
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      return empty; // none yet, or unreadable: nothing is remembered
    }
    if (!isRecord(raw) || !isRecord(raw.workspaces)) return empty;
    const workspaces: Record<string, StoredAnswer> = {};
    for (const [key, v] of Object.entries(raw.workspaces)) {
      if (isRecord(v) && typeof v.hash === 'string' && (v.answer === 'allow' || v.answer === 'deny')) {
        workspaces[key] = { hash: v.hash, answer: v.answer, at: typeof v.at === 'string' ? v.at : '' };
      }
    }
    return { version: 1, workspaces };
  }
}
