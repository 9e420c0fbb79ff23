import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { CHECK_SUMMARY_NOTIFICATION, parseCheckSummary } from './checkSummary';
import { RESTART_SERVER_COMMAND, SHOW_OUTPUT_COMMAND, WORKSPACE_TRUSTED_NOTIFICATION } from './commandIds';
import { registerRunChecksFallback } from './commands';
import { WATCHED_FILES_GLOB } from './documentSelector';
import { createLanguageClient, type ClientHooks } from './languageClient';
import { readSettings, SETTING_KEYS, SETTINGS_SECTION } from './settings';
import { CheckStatusBar } from './statusBar';
import { HielementsTests } from './testing/testController';

/** One running client plus what belongs to its lifetime (file watcher, handlers, fallback command). */
interface Session {
  client: LanguageClient;
  disposables: vscode.Disposable[];
}

let session: Session | undefined;

async function startSession(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, statusBar: CheckStatusBar): Promise<void> {
  const settings = readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION));
  const fileWatcher = vscode.workspace.createFileSystemWatcher(WATCHED_FILES_GLOB);
  const hooks: ClientHooks = {};
  const client = createLanguageClient(settings, context.extensionPath, output, fileWatcher, hooks);
  const current: Session = { client, disposables: [fileWatcher] };
  session = current;
  current.disposables.push(
    client.onNotification(CHECK_SUMMARY_NOTIFICATION, (params: unknown) => statusBar.showSummary(parseCheckSummary(params))),
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Running) statusBar.showReady();
      else if (newState === State.Stopped && session === current) statusBar.showStopped('the language server stopped');
    }),
  );
  statusBar.showStarting();
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.error(`the language server failed to start: ${message}`);
    statusBar.showStopped('the language server failed to start');
    void vscode.window.showErrorMessage(`Hielements: the language server failed to start: ${message}`, 'Show Output').then((choice) => {
      if (choice) output.show(true);
    });
    return;
  }
  const fallback = registerRunChecksFallback(client);
  if (fallback) current.disposables.push(fallback);
  const tests = new HielementsTests(client);
  current.disposables.push(tests);
  hooks.runTest = (testId) => tests.runItem(testId);
  tests.refresh().catch((error: unknown) => output.warn(`the Test Explorer could not list the checks: ${error instanceof Error ? error.message : String(error)}`));
}

async function stopSession(): Promise<void> {
  const current = session;
  session = undefined;
  if (!current) return;
  current.disposables.forEach((d) => d.dispose());
  try {
    await current.client.stop(5000);
  } catch {
    // a server that never started or already died cannot be stopped; nothing to clean up
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Hielements', { log: true });
  const statusBar = new CheckStatusBar();
  context.subscriptions.push(output, statusBar);

  const restart = async () => {
    await stopSession();
    await startSession(context, output, statusBar);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(RESTART_SERVER_COMMAND, restart),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.${SETTING_KEYS.serverPath}`)) void restart();
    }),
    // the server loaded the plugins as for Restricted Mode: tell it, and it loads them again trusted
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      const client = session?.client;
      if (client?.isRunning()) void client.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION, {});
      else void restart();
    }),
  );
  await startSession(context, output, statusBar);
}

export function deactivate(): Promise<void> {
  return stopSession();
}
