import type { Connection } from 'vscode-languageserver';
import type { LoadedConfig } from '../plugins/types';
import { ALLOW, DONT_ALLOW, TrustGate, type TrustStore } from '../trust';
import type { Project } from './project';

/**
 * Workspace trust in the language server (trust.md §2): the TrustGate decides, this module
 * asks the user with `window/showMessageRequest`, and reloads a project whose trust changed
 * (its external plugins start, its WASM plugins get their grants). Nothing is written into
 * the workspace.
 */
export class TrustFlow {
  readonly gate: TrustGate;

  constructor(
    private readonly connection: Connection,
    clientTrust: boolean | undefined,
    private readonly reload: (project: Project) => Promise<void>,
    log: (message: string) => void,
    store?: TrustStore,
  ) {
    this.gate = new TrustGate({
      clientTrust,
      store,
      log,
      ask: async (question) => {
        const choice = await connection.window.showWarningMessage(question.message, { title: question.allow }, { title: question.deny });
        return choice?.title === ALLOW ? 'allow' : choice?.title === DONT_ALLOW ? 'deny' : undefined;
      },
    });
  }

  /** The PluginHost's question: is this project trusted for this configuration? */
  decide(root: string, config: LoadedConfig): boolean {
    return this.gate.isTrusted(root, config);
  }

  /** After a project (re)loaded untrusted: ask when the question is due; an Allow reloads it. */
  afterLoad(project: Project): void {
    const state = project.state;
    if (!state || state.trusted) return;
    void this.gate.request(project.root, state.config).then((granted) => (granted ? this.reload(project) : undefined));
  }

  /** The user asked to be asked (code action / command). */
  async askAgain(project: Project): Promise<void> {
    const state = project.state;
    if (!state || state.trusted) return;
    if (this.gate.clientManagesTrust) {
      void this.connection.window.showInformationMessage('Hielements: this editor decides whether the workspace is trusted; trust it there (in VS Code: Manage Workspace Trust).');
      return;
    }
    if (await this.gate.request(project.root, state.config, true)) await this.reload(project);
  }

  /** The client granted trust: every project loaded untrusted is loaded again. */
  async clientGranted(projects: Project[]): Promise<void> {
    this.gate.clientGranted();
    await Promise.all(projects.filter((p) => p.state && !p.state.trusted).map((p) => this.reload(p)));
  }
}
