import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CapabilityFinding } from '../plugins/types';
import type { CheckResult, RunSummary, ScopeEvaluation } from '../eval/types';
import { AnalyzedDocument } from '../model/analyzedDocument';
import type { HieParser } from '../syntax/hieParser';
import type { TextChange } from '../syntax/document';
import { moveRecord } from './keptResults';
import { Project, type ProjectOptions } from './project';
import { DocumentStatics } from './staticFindings';
import { SpecFiles } from './specFiles';
import { pathToUri } from './uris';

/**
 * The last completed check run of one .hie file. Its results are kept while the file is
 * edited, moved with the text (keptResults.ts), until the next run replaces them.
 */
export interface CheckRecord {
  /** File revision and project generation it was computed for (an older revision: the file was edited since). */
  revision: number;
  generation: number;
  results: CheckResult[];
  scopes: ScopeEvaluation[];
  summary: RunSummary;
}

/** A .hie file the server knows: open in the editor, or found in a workspace folder. */
export interface HieFile {
  readonly key: string;
  /** The URI diagnostics are published for (the client's spelling when it opened the file). */
  uri: string;
  /** Filesystem path; undefined for unsaved (untitled) documents. */
  path: string | undefined;
  open: boolean;
  /** LSP version while open. */
  version: number | null;
  /** Bumped on every content change: results for older revisions are never published. */
  revision: number;
  doc: AnalyzedDocument;
  /** The static checker of this document (incremental across edits). */
  statics: DocumentStatics;
  project: Project;
  /** One of its project's specs (specFiles.ts): only specs are checked, counted and listed as tests. */
  spec: boolean;
  checks?: CheckRecord;
}

/** What happened to a known file: its text or spec status changed, or it was forgotten. */
export type FileEvent = { kind: 'changed'; file: HieFile } | { kind: 'removed'; file: HieFile };

/** hielements.toml opened in the editor (any language id). */
export interface ConfigDocument {
  uri: string;
  path: string;
  text: string;
  version: number;
}

/** Documents, projects (file index + plugin host each) and last results. */
export class WorkspaceState {
  readonly files = new Map<string, HieFile>();
  readonly configs = new Map<string, ConfigDocument>();
  private readonly projects = new Map<string, Project>();
  private readonly listeners: ((event: FileEvent) => void)[] = [];
  folders: string[] = [];
  readonly specs: SpecFiles;

  constructor(private readonly parser: HieParser, private readonly projectOptions: ProjectOptions, filesExclude: () => readonly string[] = () => []) {
    this.specs = new SpecFiles(() => this.folders, filesExclude);
  }

  /** Called on every change of a known file (text, spec status) and when one is forgotten. */
  onFileEvent(listener: (event: FileEvent) => void): void {
    this.listeners.push(listener);
  }

  private emit(event: FileEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** The known files that are specs. */
  specFiles(): HieFile[] {
    return [...this.files.values()].filter((f) => f.spec);
  }

  /**
   * Decides again which known files are specs (after a change of hielements.toml, a .gitignore
   * or the setting). Returns the files whose status changed.
   */
  refreshSpecs(): { joined: HieFile[]; left: HieFile[] } {
    this.specs.invalidate();
    const joined: HieFile[] = [];
    const left: HieFile[] = [];
    for (const f of this.files.values()) {
      const spec = this.specs.includes(f.path, f.project);
      if (spec === f.spec) continue;
      f.spec = spec;
      (spec ? joined : left).push(f);
      this.emit({ kind: 'changed', file: f });
    }
    return { joined, left };
  }

  allProjects(): Project[] {
    return [...this.projects.values()];
  }

  /** The project a file belongs to: nearest hielements.toml inside its workspace folder, else the folder. */
  projectFor(file: string | undefined): Project {
    const root = file ? projectRoot(file, this.folders) : (this.folders[0] ?? process.cwd());
    let project = this.projects.get(root);
    if (!project) {
      project = new Project(root, this.projectOptions);
      this.projects.set(root, project);
    }
    return project;
  }

  /** Projects whose folder contains `file`. */
  projectsContaining(file: string): Project[] {
    return this.allProjects().filter((p) => isInside(file, p.root));
  }

  filesOf(project: Project): HieFile[] {
    return [...this.files.values()].filter((f) => f.project === project);
  }

  /** Adds (or replaces the content of) a file. */
  setFile(key: string, uri: string, file: string | undefined, text: string, open: boolean, version: number | null): HieFile {
    const existing = this.files.get(key);
    if (existing) {
      existing.uri = uri;
      existing.open = open;
      existing.version = version;
      // same text (a file on disk opened in the editor): its results stay current; another
      // text cannot be mapped to the old one, so its results go
      if (existing.doc.text !== text) {
        existing.doc.applyChanges([{ text }]);
        existing.revision++;
        existing.checks = undefined;
        this.emit({ kind: 'changed', file: existing });
      }
      return existing;
    }
    const project = this.projectFor(file);
    const doc = new AnalyzedDocument(this.parser, text, { knownLibraries: project.knownLibraries });
    const entry: HieFile = { key, uri, path: file, open, version, revision: 1, doc, statics: new DocumentStatics(), project, spec: this.specs.includes(file, project) };
    this.files.set(key, entry);
    this.emit({ kind: 'changed', file: entry });
    return entry;
  }

  /** Applies an editor's changes; the last check results move with the text (keptResults.ts). */
  applyChanges(entry: HieFile, changes: readonly TextChange[], version: number): void {
    const edits = entry.doc.applyChanges(changes);
    entry.version = version;
    entry.revision++;
    if (entry.checks) entry.checks = edits ? moveRecord(entry.checks, edits) : undefined;
    this.emit({ kind: 'changed', file: entry });
  }

  /** Reads a closed file from disk again; false when it is gone or unreadable (then it is dropped). Closed files are known only when they are specs. */
  refreshFromDisk(file: string): HieFile | undefined {
    const existing = this.files.get(file);
    if (existing?.open) return existing;
    if (!this.specs.includes(file, existing?.project ?? this.projectFor(file))) {
      this.remove(file);
      return undefined;
    }
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      this.remove(file);
      return undefined;
    }
    if (existing && existing.doc.text === text) return existing;
    return this.setFile(file, existing?.uri ?? pathToUri(file), file, text, false, null);
  }

  remove(key: string): void {
    const entry = this.files.get(key);
    if (!entry) return;
    entry.doc.dispose();
    this.files.delete(key);
    this.emit({ kind: 'removed', file: entry });
  }

  /** The plugins of a project changed: W001 (unknown library) is recomputed for its files. */
  librariesChanged(project: Project): void {
    for (const f of this.filesOf(project)) {
      // the text is the same: check results stay tied to the revision (the project generation tracks the libraries)
      f.doc.setOptions({ knownLibraries: project.knownLibraries });
    }
  }

  configFor(project: Project): ConfigDocument | undefined {
    return this.configs.get(path.join(project.root, 'hielements.toml'));
  }

  /**
   * A workspace folder was removed: its projects stop (plugins disposed) and the closed files
   * inside it are forgotten. Open files move to the project that now contains them.
   * Returns the URIs whose diagnostics must be cleared.
   */
  async removeFolder(folder: string): Promise<string[]> {
    this.folders = this.folders.filter((f) => f !== folder);
    this.specs.invalidate();
    const cleared: string[] = [];
    const gone = this.allProjects().filter((p) => isInside(p.root, folder));
    for (const p of gone) this.projects.delete(p.root);
    for (const [key, f] of [...this.files]) {
      if (!gone.includes(f.project)) continue;
      if (f.open) {
        f.project = this.projectFor(f.path);
        f.doc.setOptions({ knownLibraries: f.project.knownLibraries });
        f.revision++;
        f.spec = this.specs.includes(f.path, f.project);
        this.emit({ kind: 'changed', file: f });
      } else {
        cleared.push(f.uri);
        this.remove(key);
      }
    }
    await Promise.all(gone.map((p) => p.dispose()));
    return cleared;
  }

  async dispose(): Promise<void> {
    for (const f of this.files.values()) f.doc.dispose();
    this.files.clear();
    await Promise.all(this.allProjects().map((p) => p.dispose()));
  }
}

export type { CapabilityFinding };

export function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function projectRoot(file: string, folders: string[]): string {
  const folder = folders.filter((f) => isInside(file, f)).sort((a, b) => b.length - a.length)[0];
  const limit = folder ?? path.dirname(file);
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'hielements.toml'))) return dir;
    if (dir === limit || !isInside(dir, limit) || path.dirname(dir) === dir) break;
  }
  return limit;
}
