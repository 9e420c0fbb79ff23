import * as path from 'node:path';
import {
  CodeActionKind,
  LSPErrorCodes,
  ResponseError,
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { HieParser } from '../syntax/hieParser';
import type { CapabilityFinding } from '../plugins/types';
import { CheckService, summaryOf } from './checkService';
import { RUN_CHECKS_COMMAND } from './commands';
import { registerDocumentSync } from './documentSync';
import { lazyWasmLoader, loadEvaluate } from './engineLoader';
import { capabilityActions, permissionsAction } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { completion } from './features/completion';
import { definition, references } from './features/definition';
import { type CapabilityData } from './features/diagnostics';
import { hover } from './features/hover';
import { staticFixActions } from './features/staticFixes';
import { documentSymbols } from './features/symbols';
import { onDocumentation } from './libraryDocs';
import { shownFindings } from './staticFindings';
import { rangesOverlap, toRange } from './positions';
import type { Project } from './project';
import { DiagnosticsPublisher } from './publisher';
import { DEFAULT_SETTINGS, parseSettings, settingsFromConfigurationChange, type ServerSettings } from './settings';
import { TimeSlicer } from './timeSlicer';
import { PendingChanges } from './transport';
import { documentKey, isConfigFile, isHieFile, pathToUri, uriToPath } from './uris';
import { scanWorkspace } from './workspaceScan';
import { WorkspaceState, type HieFile } from './workspaceState';
import { entryNameSpan } from '../plugins/config';

/** Files whose change matters (the client registers the same glob statically). */
export const WATCHED_GLOB = '**/{*.hie,hielements.toml,*.rs,*.py,Cargo.toml}';

/**
 * Wires the language server onto a connection and starts listening. `pending` knows which
 * content changes wait in the connection's queue (transport.ts); without it every change is
 * analysed and published as it comes.
 */
export function startServer(connection: Connection, pending = new PendingChanges()): void {
  const log = (message: string): void => connection.console.log(message);
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let state: WorkspaceState | undefined;
  let checks: CheckService | undefined;
  let publisher: DiagnosticsPublisher | undefined;
  let clientCapabilities: InitializeParams['capabilities'] = {};
  const slicer = new TimeSlicer();
  let markInitialized: () => void = () => undefined;
  const initializeDone = new Promise<void>((resolve) => (markInitialized = resolve));

  // the server survives every failure of a plugin or a feature: log it and keep serving
  process.on('uncaughtException', (e) => log(`Uncaught error: ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => log(`Unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

  const ready = (): { state: WorkspaceState; checks: CheckService; publisher: DiagnosticsPublisher } => {
    if (!state || !checks || !publisher) throw new Error('server not initialized');
    return { state, checks, publisher };
  };
  const fileOf = (uri: string): HieFile | undefined => state?.files.get(documentKey(uri));
  const safely =
    <P, R>(name: string, fallback: R, handler: (params: P) => R | Promise<R>) =>
    async (params: P): Promise<R> => {
      try {
        return await handler(params);
      } catch (e) {
        log(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return fallback;
      }
    };

  /**
   * A request about a document whose newer changes already wait in the queue is answered
   * ContentModified (the LSP way): its answer would be about a text the editor no longer
   * shows, and computing it would make the request wait for an analysis nobody needs.
   */
  const current =
    <P extends { textDocument: { uri: string } }, R>(name: string, fallback: R, handler: (params: P) => R | Promise<R>) =>
    async (params: P): Promise<R | ResponseError<void>> => {
      if (pending.behind(params.textDocument.uri) > 0) return new ResponseError(LSPErrorCodes.ContentModified, 'The document has changed since the request was sent');
      return safely(name, fallback, handler)(params);
    };

  // denials are published with the run that caused them (publisher.fileDiagnostics); the log tells when
  const onDenied = (_project: Project, finding: CapabilityFinding): void => log(`Capability denied: ${finding.message}`);

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    clientCapabilities = params.capabilities;
    settings = parseSettings(params.initializationOptions, DEFAULT_SETTINGS);
    const parser = await HieParser.create();
    state = new WorkspaceState(parser, {
      loadWasm: lazyWasmLoader(log),
      log,
      slicer,
      pluginTimeoutMs: () => settings.plugins.timeoutMs,
      onDenied: (project, finding) => onDenied(project, finding),
    });
    state.folders = workspaceFolders(params);
    publisher = new DiagnosticsPublisher(connection, state, () => ({ patternChecks: settings.checks.patterns }), pending);
    const lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    checks = new CheckService(connection, state, publisher, loadEvaluate(log), () => settings, log, () => {
      if (lensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    });
    registerDocumentSync(connection, state, publisher, checks, pending, (file) => void reloadProject(ready().state.projectFor(file)));
    // a plugin's documentation arrived: the static checker knows its functions now
    onDocumentation((lib) => {
      const { state, publisher } = ready();
      for (const project of state.allProjects().filter((p) => p.state?.plugins.includes(lib))) {
        project.refreshCatalogues();
        for (const file of state.filesOf(project)) publisher.publish(file);
      }
    });
    markInitialized();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', ' '] },
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [RUN_CHECKS_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'hielements-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (clientCapabilities.workspace?.workspaceFolders) {
      // after the initial load, so that added folders are not scanned twice
      connection.workspace.onDidChangeWorkspaceFolders((event) => void initialLoadDone.then(() => changeFolders(event.added, event.removed)));
    }
    initialLoadDone = initialLoad().catch((e: unknown) => log(`Initial load failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  });

  /** Find hielements.toml and .hie files in every folder, load the libraries, analyze, evaluate, publish. */
  async function initialLoad(): Promise<void> {
    await initializeDone;
    const progress = clientCapabilities.window?.workDoneProgress ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Hielements', 0, 'Searching the workspace', false);
    await loadFolders(ready().state.folders, true, progress);
    progress?.done();
    await registerWatchers();
  }

  /** Scan folders, load their projects' libraries, publish and evaluate (every known file, or only the new ones). */
  async function loadFolders(folders: string[], everyFile: boolean, progress?: { report(percentage: number, message: string): void }): Promise<void> {
    const { state, checks, publisher } = ready();
    const found = await Promise.all(folders.map(scanWorkspace));
    for (const config of found.flatMap((f) => f.configFiles)) state.projectFor(config);
    const files: HieFile[] = [];
    for (const hie of found.flatMap((f) => f.hieFiles)) {
      if (state.files.has(hie)) continue;
      const entry = state.refreshFromDisk(hie);
      if (entry) files.push(entry);
    }
    const projects = state.allProjects().filter((p) => !p.state);
    let done = 0;
    progress?.report(10, `Loading libraries (0/${projects.length})`);
    await Promise.all(
      projects.map(async (project) => {
        await project.load().catch((e: unknown) => log(`Loading the libraries of ${project.root} failed: ${String(e)}`));
        state.librariesChanged(project);
        void publisher.publishConfig(project);
        progress?.report(10 + Math.round((60 * ++done) / projects.length), `Loading libraries (${done}/${projects.length})`);
      }),
    );
    const targets = everyFile ? [...state.files.values()] : files;
    for (const file of targets) publisher.publish(file);
    progress?.report(80, `Evaluating ${files.length} file${files.length === 1 ? '' : 's'}`);
    for (const file of targets) checks.opened(file);
  }

  /** workspace/didChangeWorkspaceFolders: stop what was removed, load what was added. */
  async function changeFolders(added: readonly { uri: string }[], removed: readonly { uri: string }[]): Promise<void> {
    const { state, publisher } = ready();
    for (const folder of removed.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined)) {
      for (const uri of await state.removeFolder(folder)) publisher.clear(uri);
    }
    const folders = added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined && !state.folders.includes(p));
    state.folders.push(...folders);
    await loadFolders(folders, false).catch((e: unknown) => log(`Loading added folders failed: ${e instanceof Error ? e.message : String(e)}`));
    await registerWatchers().catch(() => undefined);
  }

  /** Dynamic registration of the file watchers (when the client does not watch on its own behalf). */
  let initialLoadDone: Promise<void> = Promise.resolve();
  let watcherRegistration: { dispose(): void } | undefined;
  async function registerWatchers(): Promise<void> {
    if (!clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    const extra = ready().state.allProjects().flatMap((p) => p.host.watchedFiles()).filter((f) => !isConfigFile(f));
    watcherRegistration?.dispose();
    watcherRegistration = await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: WATCHED_GLOB }, ...extra.map((f) => ({ globPattern: f }))],
    });
  }

  async function reloadProject(project: Project): Promise<void> {
    const { state, checks, publisher } = ready();
    await project.reload().catch((e: unknown) => log(`Reloading the libraries of ${project.root} failed: ${String(e)}`));
    state.librariesChanged(project);
    await publisher.publishConfig(project);
    for (const file of state.filesOf(project)) publisher.publish(file);
    checks.project(project);
  }

  connection.onDidChangeWatchedFiles(
    safely('didChangeWatchedFiles', undefined, ({ changes }) => {
      const { state, checks, publisher } = ready();
      const reloads = new Set<Project>();
      for (const change of changes) {
        const file = uriToPath(change.uri);
        if (!file) continue;
        const projects = state.projectsContaining(file);
        for (const project of projects) project.index.invalidate(file);
        if (isConfigFile(file) || projects.some((p) => p.host.watchedFiles().includes(file))) {
          for (const p of state.allProjects().filter((p) => p.host.watchedFiles().includes(file) || p.host.configFile === file)) reloads.add(p);
          if (isConfigFile(file) && !state.allProjects().some((p) => p.host.configFile === file)) reloads.add(state.projectFor(file));
          continue;
        }
        if (isHieFile(file)) {
          const known = state.files.get(file);
          if (known?.open) continue;
          if (change.type === FileChangeType.Deleted) {
            if (known) publisher.clear(known.uri);
            state.remove(file);
            continue;
          }
          const entry = state.refreshFromDisk(file);
          if (entry) {
            publisher.publish(entry);
            checks.opened(entry);
          }
          continue;
        }
        for (const project of projects) checks.workspaceFileChanged(project, file, change.type !== FileChangeType.Changed);
      }
      for (const project of reloads) void reloadProject(project);
    }),
  );

  connection.onDidChangeConfiguration(
    safely('didChangeConfiguration', undefined, (params) => {
      const { state, checks } = ready();
      const before = settings;
      settings = settingsFromConfigurationChange(params, settings);
      if (before.plugins.timeoutMs !== settings.plugins.timeoutMs) for (const p of state.allProjects()) p.settingsChanged();
      if (before.checks.run === 'never' && settings.checks.run !== 'never') for (const p of state.allProjects()) checks.project(p);
    }),
  );

  connection.onHover(current('hover', null, ({ textDocument, position }) => {
    const file = fileOf(textDocument.uri);
    return file ? hover(file, position) : null;
  }));

  connection.onCompletion(current('completion', [], ({ textDocument, position }) => {
    const file = fileOf(textDocument.uri);
    return file ? completion(file, position) : [];
  }));

  connection.onDefinition(current('definition', null, ({ textDocument, position }) => {
    const file = fileOf(textDocument.uri);
    return file ? definition(file, position) : null;
  }));

  connection.onReferences(current('references', [], ({ textDocument, position, context }) => {
    const file = fileOf(textDocument.uri);
    return file ? references(file, position, context.includeDeclaration) : [];
  }));

  connection.onDocumentSymbol(current('documentSymbol', [], ({ textDocument }) => {
    const file = fileOf(textDocument.uri);
    return file ? documentSymbols(file.doc.analysis.program) : [];
  }));

  connection.onCodeLens(current('codeLens', [], ({ textDocument }) => {
    const file = fileOf(textDocument.uri);
    return file ? codeLenses(file) : [];
  }));

  connection.onCodeAction(safely('codeAction', [], ({ textDocument, range, context }) => {
    const { state } = ready();
    const file = uriToPath(textDocument.uri);
    if (file && isConfigFile(file)) {
      const project = state.projectFor(file);
      const loaded = project.state;
      if (!loaded) return [];
      const text = state.configs.get(file)?.text ?? loaded.config.text;
      const findings = loaded.findings
        .filter((f) => f.kind !== 'denied' && rangesOverlap(toRange(entryNameSpan(text, f.library)), range))
        .map((finding) => ({ finding, diagnostic: context.diagnostics.find((d) => (d.data as CapabilityData | undefined)?.finding?.message === finding.message) }));
      const actions: CodeAction[] = capabilityActions(textDocument.uri, text, findings);
      for (const d of context.diagnostics.filter((d) => d.code === 'W521')) {
        const entry = loaded.config.libraries.find((l) => rangesOverlap(toRange(l.span), d.range));
        const action = entry && permissionsAction(textDocument.uri, text, entry.name, d);
        if (action) actions.push(action);
      }
      return actions;
    }
    const hie = fileOf(textDocument.uri);
    if (!hie) return [];
    const fixes = staticFixActions(textDocument.uri, shownFindings(hie, { patternChecks: settings.checks.patterns }), range, context.diagnostics);
    if (!hie.checks) return fixes;
    const project = hie.project;
    const configFile = project.host.configFile;
    const open = state.configs.get(configFile);
    const text = open?.text ?? project.state?.config.text ?? '';
    const denied = project.denials.filter((f) => {
      if (!f.origin || f.origin.file !== hie.path) return false;
      const result = hie.checks!.results.find((r) => r.elementPath === f.origin!.elementPath && r.text === f.origin!.text);
      return result !== undefined && rangesOverlap(toRange(result.check.span), range);
    });
    return [...fixes, ...capabilityActions(open?.uri ?? pathToUri(configFile), text, denied.map((finding) => ({ finding, diagnostic: context.diagnostics.find((d) => d.message === finding.message) })))];
  }));

  connection.onExecuteCommand(safely('executeCommand', null, async ({ command, arguments: args }) => {
    if (command !== RUN_CHECKS_COMMAND) return null;
    const { state, checks } = ready();
    if (!checks.available) {
      void connection.window.showWarningMessage('Hielements: the evaluation engine is not available in this build; checks cannot run.');
      return summaryOf([]);
    }
    const uri = typeof args?.[0] === 'string' ? args[0] : undefined;
    const files = uri ? [fileOf(uri)].filter((f): f is HieFile => f !== undefined) : [...state.files.values()];
    return checks.runNow(files);
  }));

  connection.onShutdown(async () => {
    checks?.dispose();
    await state?.dispose();
  });

  connection.listen();
}

function workspaceFolders(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const folders = uris.map(uriToPath).filter((p): p is string => p !== undefined);
  if (folders.length === 0 && params.rootPath) folders.push(path.resolve(params.rootPath));
  return folders;
}


