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
import { pathToUri } from './uris';
import type { HieFile, WorkspaceState } from './workspaceState';

/**
 * Diagnostics of a .hie file: syntax, validation and static findings now, plus check results of
 * this very revision (except the failures the static checker predicted: they are already shown).
 */
export function fileDiagnostics(file: HieFile, options: StaticOptions = {}): Diagnostic[] {
  const out = [...file.doc.analysis.diagnostics, ...staticDiagnostics(file, options)].map(toLspDiagnostic);
  const record = file.checks;
  if (!record || record.revision !== file.revision || record.generation !== file.project.generation) return out;
  const known = file.path === undefined ? undefined : knownFailures(file.project, file.path, record.results);
  for (const s of matchedScopes(file)) {
    if (s.value.paths.length === 0) out.push(emptyScopeDiagnostic(s.path, s.decl.expression!.span, expressionText(s.decl.expression!)));
  }
  const denials = deniedChecks(file);
  for (const result of record.results) {
    if (result.knownFailure) continue;
    const d = resultDiagnostic(file, result, denials, known?.results.has(result) ? known.baseline : undefined);
    if (d) out.push(d);
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

/** Publishes diagnostics; syntax updates of a burst of edits are coalesced into one per turn. */
export class DiagnosticsPublisher {
  private readonly soon = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly state: WorkspaceState,
    private readonly staticOptions: () => StaticOptions = () => ({}),
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
      if (current) this.publish(current);
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
