import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { RUN_CHECKS_COMMAND } from './commandIds';
import { HIELEMENTS_LANGUAGE_ID } from './documentSelector';

/**
 * Arguments sent with `workspace/executeCommand hielements.runChecks` when the user runs the command
 * without arguments: the URI of the active editor's document when it is a .hie file (the server may scope
 * the run to it), otherwise none (whole workspace).
 */
export function defaultRunChecksArguments(): unknown[] {
  const document = vscode.window.activeTextEditor?.document;
  return document && document.languageId === HIELEMENTS_LANGUAGE_ID ? [document.uri.toString()] : [];
}

/**
 * vscode-languageclient registers a VS Code command for every command the server lists in
 * `executeCommandProvider`; registering the same id again would throw. So we register our own
 * `hielements.runChecks` only when this server does not list it.
 */
export function registerRunChecksFallback(client: LanguageClient): vscode.Disposable | undefined {
  const advertised = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  if (advertised.includes(RUN_CHECKS_COMMAND)) return undefined;
  return vscode.commands.registerCommand(RUN_CHECKS_COMMAND, (...args: unknown[]) =>
    client.sendRequest(ExecuteCommandRequest.type, {
      command: RUN_CHECKS_COMMAND,
      arguments: args.length > 0 ? args : defaultRunChecksArguments(),
    }),
  );
}
