import * as fs from 'node:fs';
import type { Connection } from 'vscode-languageserver';
import type { CheckService } from './checkService';
import type { DiagnosticsPublisher } from './publisher';
import type { PendingChanges } from './transport';
import { documentKey, isConfigFile, isHieFile, uriToPath } from './uris';
import { isInside, type WorkspaceState } from './workspaceState';

/**
 * textDocument/didOpen, didChange (incremental, applied to the tree-sitter model), didSave
 * and didClose, for .hie files and hielements.toml (under any language id). A change is
 * applied at once (text, line index, tree edit: no parse); while more changes of the same
 * document wait in the queue, nothing is analysed or published — the last one of a burst
 * does that, once.
 */
export function registerDocumentSync(
  connection: Connection,
  state: WorkspaceState,
  publisher: DiagnosticsPublisher,
  checks: CheckService,
  pending: PendingChanges,
  reloadConfig: (configFile: string) => void,
): void {
  const isHie = (uri: string, languageId?: string): boolean => languageId === 'hielements' || isHieFile(uri);

  connection.onDidOpenTextDocument(({ textDocument: { uri, languageId, version, text } }) => {
    const file = uriToPath(uri);
    if (file && isConfigFile(file)) {
      state.configs.set(file, { uri, path: file, text, version });
      void publisher.publishConfig(state.projectFor(file));
      return;
    }
    if (!isHie(uri, languageId)) return;
    const entry = state.setFile(documentKey(uri), uri, file, text, true, version);
    publisher.publish(entry);
    checks.opened(entry);
  });

  connection.onDidChangeTextDocument(({ textDocument: { uri, version }, contentChanges }) => {
    pending.handled(uri);
    const file = uriToPath(uri);
    if (file && isConfigFile(file)) {
      const config = state.configs.get(file);
      if (!config) return;
      for (const change of contentChanges) {
        if (!('range' in change)) config.text = change.text;
        else config.text = applyChange(config.text, change.range, change.text);
      }
      config.version = version;
      if (pending.behind(uri) === 0) void publisher.publishConfig(state.projectFor(file));
      return;
    }
    const entry = state.files.get(documentKey(uri));
    if (!entry) return;
    state.applyChanges(entry, contentChanges, version);
    checks.edited(entry);
    if (pending.behind(uri) === 0) publisher.publishSoon(entry);
  });

  connection.onDidSaveTextDocument(({ textDocument: { uri } }) => {
    const file = uriToPath(uri);
    if (file && isConfigFile(file)) {
      reloadConfig(file);
      return;
    }
    const entry = state.files.get(documentKey(uri));
    if (entry) checks.saved(entry);
  });

  connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
    const file = uriToPath(uri);
    if (file && isConfigFile(file)) {
      state.configs.delete(file);
      void publisher.publishConfig(state.projectFor(file));
      return;
    }
    const key = documentKey(uri);
    const entry = state.files.get(key);
    if (!entry) return;
    // a workspace spec stays known (its diagnostics too) with its text on disk; others are forgotten
    const keep = file !== undefined && fs.existsSync(file) && state.folders.some((f) => isInside(file, f)) && state.specs.includes(file, entry.project);
    if (keep) {
      entry.open = false;
      entry.version = null;
      const refreshed = state.refreshFromDisk(file);
      if (refreshed) {
        publisher.publish(refreshed);
        checks.opened(refreshed);
      } else publisher.clear(uri);
      return;
    }
    state.remove(key);
    publisher.clear(uri);
  });
}

/** Applies one LSP range change to a plain text (hielements.toml buffers). */
export function applyChange(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, newText: string): string {
  const offset = (p: { line: number; character: number }): number => {
    let index = 0;
    for (let line = 0; line < p.line; line++) {
      const nl = text.indexOf('\n', index);
      if (nl < 0) return text.length;
      index = nl + 1;
    }
    const lineEnd = text.indexOf('\n', index);
    return Math.min(index + p.character, lineEnd < 0 ? text.length : lineEnd);
  };
  return text.slice(0, offset(range.start)) + newText + text.slice(offset(range.end));
}
