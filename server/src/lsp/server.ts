import * as path from 'node:path';
import {
  CodeActionKind,
  LSPErrorCodes,
  ResponseError,
  CodeLensRefreshRequest,
  InlayHintRefreshRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Range,
} from 'vscode-languageserver';
import { HieParser } from '../syntax/hieParser';
import type { CapabilityFinding } from '../plugins/types';
import { CheckService, summaryOf } from './checkService';
import { RUN_CHECKS_COMMAND, TRUST_WORKSPACE_COMMAND, WORKSPACE_TRUSTED_NOTIFICATION } from './commands';
import { registerDocumentSync } from './documentSync';
import { lazyWasmLoader, loadEvaluate } from './engineLoader';
import { capabilityActions, permissionsAction } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { completion } from './features/completion';
import { configCompletion, configHover } from './features/config/configAssist';
import { type CapabilityData } from './features/diagnostics';
import { hover } from './features/hover';
import { staticFixActions } from './features/staticFixes';
import { inlayHints } from './features/inlayHints';
import { documentSymbols } from './features/symbols';
import { onDocumentation } from './libraryDocs';
import { shownFindings } from './staticFindings';
import { renameShadowingActions, trustActions } from './features/trustActions';
import { rangesOverlap, toRange } from './positions';
import type { Project } from './project';
import { DiagnosticsPublisher } from './publisher';
import { DEFAULT_SETTINGS, parseSettings, settingsFromConfigurationChange, type ServerSettings } from './settings';
import { TimeSlicer } from './timeSlicer';
import { PendingChanges } from './transport';
import { documentKey, isConfigFile, isHieFile, pathToUri, uriToPath } from './uris';
import { EDITOR_CAPABILITIES, registerEditorFeatures } from './editorFeatures';
import { scanWorkspace } from './workspaceScan';
import { applySpecChange } from './specSync';
import { LIST_TESTS_REQUEST, RUN_TESTS_REQUEST, type RunTestsParams, type RunTestsResult } from './testing/protocol';
import { TestRuns } from './testing/testRuns';
import { TestsSync } from './testing/testsSync';
import type { RunLensArgument } from './features/codeLens';
import { TrustFlow } from './trustFlow';
import { WorkspaceState, type HieFile } from './workspaceState';
import { entryNameSpan } from '../plugins/config';

/** Files whose change matters (the client registers the same glob statically). */
export const WATCHED_GLOB = '**/{*.hie,hielements.toml,*.rs,*.py,Cargo.toml,.gitignore}';

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
  let tests: { sync: TestsSync; runs: TestRuns } | undefined;
  let trust: TrustFlow | undefined;
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
    const flow = new TrustFlow(connection, workspaceTrustedOption(params.initializationOptions), (p) => reloadProject(p), log);
    trust = flow;
    state = new WorkspaceState(parser, {
      trusted: (root, config) => flow.decide(root, config),
      loadWasm: lazyWasmLoader(log),
      log,
      slicer,
      pluginTimeoutMs: () => settings.plugins.timeoutMs,
      onDenied: (project, finding) => onDenied(project, finding),
    }, () => settings.files.exclude);
    state.folders = workspaceFolders(params);
    publisher = new DiagnosticsPublisher(connection, state, () => ({ patternChecks: settings.checks.patterns }), pending);
    const lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const hintRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    const progressSupported = params.capabilities.window?.workDoneProgress === true;
    const refreshResults = (): void => {
      if (lensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      if (hintRefresh) connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
    };
    checks = new CheckService(connection, state, publisher, loadEvaluate(log), () => settings, log, refreshResults, progressSupported);
    tests = {
      sync: new TestsSync(connection, state),
      runs: new TestRuns(connection, state, checks, progressSupported, () => {
        if (lensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      }),
    };
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
        completionProvider: { triggerCharacters: ['.', ' ', '"', '['] },
        documentSymbolProvider: true,
        ...EDITOR_CAPABILITIES,
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [RUN_CHECKS_COMMAND, TRUST_WORKSPACE_COMMAND] },
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
    const found = await Promise.all(folders.map((folder) => scanWorkspace(folder, (dir) => state.specs.prunes(dir, state.projectFor(dir)))));
    for (const config of found.flatMap((f) => f.configFiles)) state.projectFor(config);
    const files: HieFile[] = [];
    for (const hie of found.flatMap((f) => f.hieFiles)) {
      if (state.files.has(hie)) continue;
      const entry = state.refreshFromDisk(hie);
      if (entry) files.push(entry);
    }
    // at start every project: one may have been loaded already by the run of a file opened meanwhile
    // (it still needs librariesChanged for W001, and the trust question)
    const projects = everyFile ? state.allProjects() : state.allProjects().filter((p) => !p.state);
    let done = 0;
    progress?.report(10, `Loading libraries (0/${projects.length})`);
    await Promise.all(
      projects.map(async (project) => {
        await project.load().catch((e: unknown) => log(`Loading the libraries of ${project.root} failed: ${String(e)}`));
        trust?.afterLoad(project);
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
    await specsChanged();
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
    trust?.afterLoad(project);
    state.librariesChanged(project);
    await publisher.publishConfig(project);
    for (const file of state.filesOf(project)) publisher.publish(file);
    checks.project(project);
    await specsChanged();
  }

  /** Which files are specs may have changed: apply it, then find the closed files that joined. */
  function specsChanged(): Promise<void> {
    const { state, checks, publisher } = ready();
    return applySpecChange(state, publisher, checks, () => loadFolders(state.folders, false)).catch((e: unknown) =>
      log(`Updating the spec files failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    );
  }

  connection.onDidChangeWatchedFiles(
    safely('didChangeWatchedFiles', undefined, ({ changes }) => {
      const { state, checks, publisher } = ready();
      const reloads = new Set<Project>();
      let ignoreRules = false;
      for (const change of changes) {
        const file = uriToPath(change.uri);
        if (!file) continue;
        if (path.basename(file) === '.gitignore') {
          ignoreRules = true;
          continue;
        }
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
      if (ignoreRules && reloads.size === 0) void specsChanged();
    }),
  );

  connection.onDidChangeConfiguration(
    safely('didChangeConfiguration', undefined, (params) => {
      const { state, checks } = ready();
      const before = settings;
      settings = settingsFromConfigurationChange(params, settings);
      if (before.plugins.timeoutMs !== settings.plugins.timeoutMs) for (const p of state.allProjects()) p.settingsChanged();
      if (before.checks.run === 'never' && settings.checks.run !== 'never') for (const p of state.allProjects()) checks.project(p);
      if (JSON.stringify(before.files.exclude) !== JSON.stringify(settings.files.exclude)) void specsChanged();
    }),
  );

  /** The text of hielements.toml open in the editor (else undefined). */
  const configText = (uri: string): string | undefined => {
    const file = uriToPath(uri);
    return file && isConfigFile(file) ? state?.configs.get(file)?.text : undefined;
  };

  connection.onHover(current('hover', null, ({ textDocument, position }) => {
    const config = configText(textDocument.uri);
    if (config !== undefined) return configHover(config, position);
    const file = fileOf(textDocument.uri);
    return file ? hover(file, position) : null;
  }));

  connection.onCompletion(current('completion', [], ({ textDocument, position }) => {
    const config = configText(textDocument.uri);
    if (config !== undefined) return configCompletion(config, position);
    const file = fileOf(textDocument.uri);
    return file ? completion(file, position) : [];
  }));

  registerEditorFeatures(connection, { state: () => ready().state, fileOf, safely, current });

  connection.onDocumentSymbol(current('documentSymbol', [], ({ textDocument }) => {
    const file = fileOf(textDocument.uri);
    return file ? documentSymbols(file.doc.analysis.program) : [];
  }));

  connection.languages.inlayHint.on(current('inlayHint', [], ({ textDocument, range }) => {
    const file = fileOf(textDocument.uri);
    return file ? inlayHints(file, range) : [];
  }));

  connection.onCodeLens(current('codeLens', [], ({ textDocument }) => {
    const file = fileOf(textDocument.uri);
    return file ? codeLenses(file, tests?.runs.running) : [];
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
      const entryAt = (d: { range: Range }) => loaded.config.libraries.find((l) => rangesOverlap(toRange(entryNameSpan(text, l.name)), d.range))?.name;
      actions.push(...renameShadowingActions(textDocument.uri, text, context.diagnostics, entryAt), ...trustActions(project.root, context.diagnostics));
      return actions;
    }
    const hie = fileOf(textDocument.uri);
    if (!hie) return [];
    const fixes = staticFixActions(textDocument.uri, shownFindings(hie, { patternChecks: settings.checks.patterns }), range, context.diagnostics);
    const project = hie.project;
    const askTrust = trustActions(project.root, context.diagnostics.filter((d) => rangesOverlap(d.range, range)));
    if (!hie.checks || hie.checks.revision !== hie.revision) return [...fixes, ...askTrust];
    const configFile = project.host.configFile;
    const open = state.configs.get(configFile);
    const text = open?.text ?? project.state?.config.text ?? '';
    const denied = project.denials.filter((f) => {
      if (!f.origin || f.origin.file !== hie.path) return false;
      const result = hie.checks!.results.find((r) => r.elementPath === f.origin!.elementPath && r.text === f.origin!.text);
      return result !== undefined && rangesOverlap(toRange(result.check.span), range);
    });
    const diagnosticOf = (finding: CapabilityFinding) => context.diagnostics.find((d) => (d.data as CapabilityData | undefined)?.finding?.message === finding.message);
    return [...fixes, ...capabilityActions(open?.uri ?? pathToUri(configFile), text, denied.map((finding) => ({ finding, diagnostic: diagnosticOf(finding) }))), ...askTrust];
  }));

  connection.onRequest(LIST_TESTS_REQUEST, safely('listTests', { files: [] }, () => (tests ? tests.sync.list() : { files: [] })));

  connection.onRequest(RUN_TESTS_REQUEST, async (params: RunTestsParams, token): Promise<RunTestsResult> => {
    await initialLoadDone;
    return tests ? tests.runs.run(params ?? {}, token) : { results: [] };
  });

  connection.onExecuteCommand(safely('executeCommand', null, async ({ command, arguments: args }) => {
    if (command === TRUST_WORKSPACE_COMMAND) {
      const root = typeof args?.[0] === 'string' ? args[0] : undefined;
      const projects = ready().state.allProjects().filter((p) => root === undefined || p.root === root);
      for (const project of projects) await trust?.askAgain(project);
      return null;
    }
    if (command !== RUN_CHECKS_COMMAND) return null;
    const { state, checks } = ready();
    const lens = args?.[1] as RunLensArgument | undefined;
    if (typeof lens?.testId === 'string' && tests) {
      // a "Run" lens: only that item
      const { results } = await tests.runs.run({ include: [lens.testId] });
      const count = (s: string): number => results.filter((r) => r.status === s).length;
      return { passed: count('passed'), failed: count('failed'), errors: count('errored'), total: results.length };
    }
    if (!checks.available) {
      void connection.window.showWarningMessage('Hielements: the evaluation engine is not available in this build; checks cannot run.');
      return summaryOf([]);
    }
    const uri = typeof args?.[0] === 'string' ? args[0] : undefined;
    const file = uri ? fileOf(uri) : undefined;
    if (file && !file.spec) {
      const why = state.specs.verdict(file.path, file.project)?.detail ?? 'it is not one of the specs';
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Info,
        message: `Hielements: ${file.path ? path.basename(file.path) : file.uri} is not one of the project's specs (${why}); its checks do not run.`,
      });
      return summaryOf([]);
    }
    const files = uri ? [file].filter((f): f is HieFile => f !== undefined) : state.specFiles();
    return checks.runNow(files);
  }));

  connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => {
    if (state && trust) void trust.clientGranted(state.allProjects());
  });

  connection.onShutdown(async () => {
    tests?.sync.dispose();
    checks?.dispose();
    await state?.dispose();
  });

  connection.listen();
}

/** `initializationOptions.workspaceTrusted` (trust.md §2): only a boolean counts; settings never carry it. */
function workspaceTrustedOption(options: unknown): boolean | undefined {
  const value = typeof options === 'object' && options !== null ? (options as { workspaceTrusted?: unknown }).workspaceTrusted : undefined;
  return typeof value === 'boolean' ? value : undefined;
}

function workspaceFolders(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const folders = uris.map(uriToPath).filter((p): p is string => p !== undefined);
  if (folders.length === 0 && params.rootPath) folders.push(path.resolve(params.rootPath));
  return folders;
}


