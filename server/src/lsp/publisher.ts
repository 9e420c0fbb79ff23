import type { Connection, Diagnostic } from 'vscode-languageserver';
import { validateConfigText } from '../plugins/config';
import type { CapabilityFinding } from '../plugins/types';
import type { CheckResult } from '../eval/types';
import { checkDiagnostic, denialDiagnostic, emptyScopeDiagnostic, findingDiagnostic, toLspDiagnostic } from './features/diagnostics';
import { expressionText } from '../model/expressionText';
import { matchedScopes } from './scopeResults';
import type { StaticOptions } from '../staticCheck/checker';
import { knownFailures } from './knownFailures';
import type { Project } from './project';
import { staticDiagnostics } from './staticFindings';
import { PendingChanges } from './transport';
import { pathToUri } from './uris';
import type { HieFile, WorkspaceState } from './workspaceState';

/**
 * Diagnostics of a .hie file: syntax, validation and static findings of its text now, plus the
 * last check results (moved with the text since their run, keptResults.ts) and the denials of
 * that run. A failure the static checker predicted is shown once: as the static finding while
 * that is shown (it is not while the file has errors), else as the kept result.
 */
export function fileDiagnostics(file: HieFile, options: StaticOptions = {}): Diagnostic[] {
  const statics = staticDiagnostics(file, options);
  const out = [...file.doc.analysis.diagnostics, ...statics].map(toLspDiagnostic);
  const record = file.checks;
  if (!record) return out;
  const shown = new Set(statics.map((d) => `${d.code}@${d.span.startIndex}`));
  const known = file.path === undefined ? undefined : knownFailures(file.project, file.path, record.results);
  for (const s of matchedScopes(file)) {
    if (s.value.paths.length === 0) out.push(emptyScopeDiagnostic(s.path, s.decl.expression!.span, expressionText(s.decl.expression!)));
  }
  const denials = deniedChecks(file);
  for (const result of record.results) {
    const d = resultDiagnostic(file, result, denials, known?.results.has(result) ? known.baseline : undefined);
    if (!d) continue;
    if (result.knownFailure && shown.has(`${d.code}@${(result.errorSpan ?? result.check.span).startIndex}`)) continue;
    out.push(d);
  }
  return out;
}

/**
 * The diagnostic of one check result of the file (none when it passed without a denied access);
 * `baseline` names the baseline that lists this failure (shown as information).
 */
export function resultDiagnostic(file: HieFile, result: CheckResult, denials = deniedChecks(file), baseline?: string): Diagnostic | undefined {
  const denied = denials.get(checkKey(result.elementPath, result.text));
  return denied ? denialDiagnostic(result, denied, grantedFs(file, denied[0].library)) : checkDiagnostic(result, baseline);
}

const checkKey = (elementPath: string, text: string): string => `${elementPath}\u0000${text}`;

/** This file's run-time denials by check, each access once. */
function deniedChecks(file: HieFile): Map<string, CapabilityFinding[]> {
  const out = new Map<string, CapabilityFinding[]>();
  for (const finding of file.project.denials) {
    if (!finding.origin || finding.origin.file !== file.path) continue;
    const key = checkKey(finding.origin.elementPath, finding.origin.text);
    const list = out.get(key) ?? [];
    if (!list.some((f) => f.message === finding.message)) list.push(finding);
    out.set(key, list);
  }
  return out;
}

/** The `capabilities.fs` a WASM library was granted. */
function grantedFs(file: HieFile, library: string): string | undefined {
  const entry = file.project.state?.config.libraries.find((l) => l.name === library);
  return entry?.type === 'wasm' ? entry.capabilities.fs : undefined;
}

/**
 * Publishes diagnostics. After an edit, the publication waits for the turn of the event loop
 * to end and is dropped when newer changes of the document have arrived meanwhile: only the
 * newest version is analysed and published.
 */
export class DiagnosticsPublisher {
  private readonly soon = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly state: WorkspaceState,
    private readonly staticOptions: () => StaticOptions = () => ({}),
    private readonly pending = new PendingChanges(),
  ) {}

  publish(file: HieFile): void {
    void this.connection.sendDiagnostics({ uri: file.uri, version: file.open ? (file.version ?? undefined) : undefined, diagnostics: fileDiagnostics(file, this.staticOptions()) });
  }

  publishSoon(file: HieFile): void {
    if (this.soon.has(file.key)) return;
    this.soon.add(file.key);
    setImmediate(() => {
      this.soon.delete(file.key);
      const current = this.state.files.get(file.key);
      if (current && this.pending.behind(current.uri) === 0) this.publish(current);
    });
  }

  clear(uri: string): void {
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** hielements.toml: config errors (of the editor's text when it differs from the loaded file) and capability findings. */
  async publishConfig(project: Project): Promise<void> {
    const file = project.host.configFile;
    const open = this.state.configs.get(file);
    const loaded = project.state;
    if (!loaded) return;
    if (!open && loaded.config.file === null) return;
    const text = open?.text ?? loaded.config.text;
    const diagnostics =
      text === loaded.config.text ? loaded.diagnostics : (await validateConfigText(text, file, project.root).catch(() => loaded.config)).diagnostics;
    const out = [...diagnostics.map(toLspDiagnostic), ...loaded.findings.filter((f) => f.kind !== 'denied').map((f) => findingDiagnostic(text, f))];
    void this.connection.sendDiagnostics({ uri: open?.uri ?? pathToUri(file), version: open?.version, diagnostics: out });
  }
}
