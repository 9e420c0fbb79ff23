import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import type { FileEvent, HieFile, WorkspaceState } from '../workspaceState';
import { isInside } from '../workspaceState';
import { TESTS_CHANGED_NOTIFICATION, type TestItemData, type TestsChangedParams } from './protocol';
import { fileTestItem } from './testItems';

/** Edits are coalesced: the tree of an edited file is sent this long after its last change. */
const SYNC_DELAY_MS = 150;

/**
 * Keeps the client's Test Explorer in step with the specs: answers `hielements/listTests` and
 * sends `hielements/testsChanged` for files whose tree changed (edits coalesced; an edit that
 * does not change the tree sends nothing) and for files that left the specs or were forgotten.
 */
export class TestsSync {
  /** The tree last sent per file id; undefined until the client asked once. */
  private sent: Map<string, string> | undefined;
  /** The id last sent for a file key (a file reopened under another spelling of its URI gets a new id). */
  private readonly ids = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly connection: Connection, private readonly state: WorkspaceState) {
    state.onFileEvent((event) => this.onFileEvent(event));
  }

  /** `hielements/listTests`: every spec's tree (from now on, changes are sent). */
  list(): { files: TestItemData[] } {
    this.sent = new Map();
    const files = this.state.specFiles().map((f) => this.item(f)).sort((a, b) => a.label.localeCompare(b.label));
    this.ids.clear();
    for (const f of this.state.specFiles()) this.ids.set(f.key, f.uri);
    for (const f of files) this.sent.set(f.id, JSON.stringify(f));
    this.dirty.clear();
    this.removed.clear();
    return { files };
  }

  /** The file's tree as the client has it (or would get it now). */
  item(file: HieFile): TestItemData {
    return fileTestItem(file, this.label(file));
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private onFileEvent(event: FileEvent): void {
    if (!this.sent) return;
    const { file } = event;
    const previous = this.ids.get(file.key);
    if (event.kind === 'removed' || !file.spec) {
      this.dirty.delete(file.key);
      this.ids.delete(file.key);
      if (previous !== undefined) this.removed.add(previous);
    } else {
      if (previous !== undefined && previous !== file.uri) this.removed.add(previous);
      this.ids.set(file.key, file.uri);
      this.removed.delete(file.uri);
      this.dirty.add(file.key);
    }
    this.timer ??= setTimeout(() => this.flush(), SYNC_DELAY_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const sent = this.sent;
    if (!sent) return;
    const files: TestItemData[] = [];
    for (const key of this.dirty) {
      const file = this.state.files.get(key);
      if (!file?.spec) continue;
      const item = this.item(file);
      const json = JSON.stringify(item);
      if (sent.get(item.id) === json) continue;
      sent.set(item.id, json);
      files.push(item);
    }
    const removed = [...this.removed].filter((id) => sent.delete(id));
    this.dirty.clear();
    this.removed.clear();
    if (files.length > 0 || removed.length > 0) {
      void this.connection.sendNotification(TESTS_CHANGED_NOTIFICATION, { files, removed } satisfies TestsChangedParams);
    }
  }

  /** The path relative to the workspace folder holding the file (the file name when unsaved or outside). */
  private label(file: HieFile): string {
    if (!file.path) return file.uri;
    const folder = this.state.folders.filter((f) => isInside(file.path!, f)).sort((a, b) => b.length - a.length)[0];
    const rel = folder ? path.relative(folder, file.path) : path.basename(file.path);
    return rel.split(path.sep).join('/');
  }
}
