import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './documentSelector';
import { MANAGE_TRUST_COMMAND, RUN_CHECKS_COMMAND, TRUST_WORKSPACE_COMMAND } from './commandIds';
import { defaultRunChecksArguments } from './commands';
import { DEBUG_PORT, resolveServerLaunch } from './serverLaunch';
import { lensTestId } from './testing/protocol';
import { HielementsSettings, initializationOptions, SETTINGS_SECTION } from './settings';

/** Client id: vscode-languageclient reads the `hielements.trace.server` setting through it. */
export const CLIENT_ID = 'hielements';

function serverOptions(settings: HielementsSettings, extensionDir: string): ServerOptions {
  const workspaceDir = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const launch = resolveServerLaunch(settings.serverPath, extensionDir, workspaceDir);
  const env = { ...process.env, ...launch.env };
  if (launch.kind === 'executable') {
    return { command: launch.command, args: launch.args, options: { env } };
  }
  return {
    run: { module: launch.modulePath, transport: TransportKind.ipc, options: { env } },
    debug: {
      module: launch.modulePath,
      transport: TransportKind.ipc,
      options: { env, execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] },
    },
  };
}

/** Set once the Test Explorer exists: "Run" code lenses run their item through it. */
export interface ClientHooks {
  runTest?: (testId: string) => Promise<void>;
}

export function createLanguageClient(
  settings: HielementsSettings,
  extensionDir: string,
  outputChannel: vscode.LogOutputChannel,
  fileWatcher: vscode.FileSystemWatcher,
  hooks: ClientHooks = {},
): LanguageClient {
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel,
    // trust.md §2: the server starts no external plugin unless VS Code trusts the folder
    initializationOptions: initializationOptions(settings, vscode.workspace.isTrusted),
    synchronize: {
      // didChangeConfiguration with { settings: { hielements: {...} } } on every change of the section
      configurationSection: SETTINGS_SECTION,
      fileEvents: fileWatcher,
    },
    middleware: {
      // when the server-advertised command is run from the palette (no arguments), pass the active document
      executeCommand: (command, args, next) => {
        // VS Code owns workspace trust: "Trust this workspace…" opens its dialog, never a server question
        if (command === TRUST_WORKSPACE_COMMAND) return vscode.commands.executeCommand(MANAGE_TRUST_COMMAND);
        // a "Run" lens: through the Test Explorer, so the run shows there and in Test Results
        const testId = command === RUN_CHECKS_COMMAND ? lensTestId(args) : undefined;
        if (testId !== undefined && hooks.runTest) return hooks.runTest(testId);
        return next(command, command === RUN_CHECKS_COMMAND && args.length === 0 ? defaultRunChecksArguments() : args);
      },
    },
  };
  return new LanguageClient(CLIENT_ID, 'Hielements Language Server', serverOptions(settings, extensionDir), clientOptions);
}
