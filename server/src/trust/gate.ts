import type { LoadedConfig } from '../plugins/types';
import { BUILTIN_LIBRARY_NAMES } from '../libraries/builtinNames';
import { commandLine, isEmptySurface, surfaceHash, trustSurface, type TrustSurface } from './surface';
import { TrustStore, type TrustAnswer } from './store';

/**
 * Whether a workspace is trusted, for the language server (trust.md §2), and the question
 * that decides it. In order:
 *
 * 1. a configuration with nothing that needs trust is loaded the same either way;
 * 2. the client's word, when it gives one (`initializationOptions.workspaceTrusted`; VS Code
 *    sends `vscode.workspace.isTrusted` and tells the server when trust is granted): final;
 * 3. the user's `trust_all_workspaces = true` (config.toml in the user's config directory);
 * 4. the remembered answer for this workspace and this exact surface (TrustStore);
 * 5. otherwise the workspace is not trusted. When it has external plugins and the client
 *    does not manage trust itself, the user is asked once — naming the workspace, each
 *    library and its exact command line; no answer means no.
 */
export interface TrustQuestion {
  /** The workspace (folder holding hielements.toml). */
  root: string;
  message: string;
  /** Action titles: `allow` first, then `deny`. */
  allow: string;
  deny: string;
}

export interface TrustGateOptions {
  /** `initializationOptions.workspaceTrusted`: true, false (the client manages trust: never ask), or undefined. */
  clientTrust: boolean | undefined;
  store?: TrustStore;
  /** Shows the question; resolves with the answer, or undefined when dismissed. */
  ask: (question: TrustQuestion) => Promise<TrustAnswer | undefined>;
  log?: (message: string) => void;
}

export const ALLOW = 'Allow';
export const DONT_ALLOW = "Don't allow";

export function questionText(root: string, surface: TrustSurface): string {
  const runs = surface.externals.map((e) => `library \`${e.name}\` runs \`${commandLine(e.program, e.args)}\``);
  const more = [
    ...(surface.shadowing.length > 0 ? [`${surface.shadowing.map((n) => `\`${n}\``).join(', ')} would replace built-in libraries`] : []),
    ...(surface.elevated.length > 0 ? [`${surface.elevated.map((e) => `\`${e.name}\``).join(', ')} would get write access or environment variables`] : []),
  ];
  const what = runs.length > 0 ? `The workspace ${root} wants to run programs as Hielements plugins, with your permissions: ${runs.join('; ')}` : `The workspace ${root} asks for trust`;
  return `${what}${more.length > 0 ? `. Also: ${more.join('; ')}` : ''}. Allow this workspace? (You will be asked again if these entries change.)`;
}

export class TrustGate {
  private clientTrust: boolean | undefined;
  private readonly store: TrustStore;
  /** Questions asked this session (workspace + hash), so nobody is asked twice for the same thing. */
  private readonly asked = new Set<string>();
  /** Questions on screen now. */
  private readonly open = new Set<string>();
  /** Allowed this session when the answer could not be written down. */
  private readonly sessionAllowed = new Set<string>();

  constructor(private readonly options: TrustGateOptions) {
    this.clientTrust = options.clientTrust;
    this.store = options.store ?? new TrustStore();
  }

  /** Whether `root` with this configuration is trusted now (never asks). */
  isTrusted(root: string, config: LoadedConfig): boolean {
    const surface = trustSurface(config, BUILTIN_LIBRARY_NAMES);
    if (isEmptySurface(surface)) return true;
    // a client that manages trust (VS Code) has the last word, also over the user-level setting
    if (this.clientTrust !== undefined) return this.clientTrust;
    if (this.store.trustsAllWorkspaces()) return true;
    const hash = surfaceHash(surface);
    return this.sessionAllowed.has(questionKey(root, hash)) || this.store.lookup(root, hash) === 'allow';
  }

  /** The client granted trust (VS Code's onDidGrantWorkspaceTrust). */
  clientGranted(): void {
    this.clientTrust = true;
  }

  /** Whether the client decides trust itself (then the server never asks). */
  get clientManagesTrust(): boolean {
    return this.clientTrust !== undefined;
  }

  /**
   * Asks when the workspace is not trusted and the question is due: it has external plugins,
   * the client does not manage trust, it was not answered "Don't allow" for this surface and
   * not asked yet this session — or at once with `force` (the user asked to be asked).
   * Resolves true when the answer made the workspace trusted.
   */
  request(root: string, config: LoadedConfig, force = false): Promise<boolean> {
    if (this.isTrusted(root, config) || this.clientManagesTrust) return Promise.resolve(false);
    const surface = trustSurface(config, BUILTIN_LIBRARY_NAMES);
    const hash = surfaceHash(surface);
    const key = questionKey(root, hash);
    if (this.open.has(key)) return Promise.resolve(false); // the question is on screen; whoever asked it reloads
    if (!force && (this.asked.has(key) || surface.externals.length === 0 || this.store.lookup(root, hash) === 'deny')) return Promise.resolve(false);
    this.asked.add(key);
    this.open.add(key);
    return this.ask(root, surface, hash).finally(() => this.open.delete(key));
  }

  private async ask(root: string, surface: TrustSurface, hash: string): Promise<boolean> {
    let answer: TrustAnswer | undefined;
    try {
      answer = await this.options.ask({ root, message: questionText(root, surface), allow: ALLOW, deny: DONT_ALLOW });
    } catch (e) {
      this.options.log?.(`Asking to trust ${root} failed: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
    if (answer === undefined) return false; // no answer means no, and is not remembered
    if (answer === 'allow') this.sessionAllowed.add(questionKey(root, hash));
    try {
      this.store.remember(root, hash, answer);
    } catch (e) {
      this.options.log?.(`Could not remember the answer for ${root} in ${this.store.directory}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return answer === 'allow';
  }
}

const questionKey = (root: string, hash: string): string => `${root}\0${hash}`;
