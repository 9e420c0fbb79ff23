import type { FileIndex, ObservableIndex } from '../workspace/fileIndex';
import type { TimeSlicer } from './timeSlicer';

/**
 * The project's file index as libraries see it during an evaluation: every walk and read
 * first gives the message loop a turn when the time slice is used up. Reads of small
 * files resolve synchronously, so a library looping over hundreds of files would
 * otherwise run as one long chain of microtasks and starve hovers and edits.
 * One instance per project: library caches are keyed by the index object.
 */
export class YieldingIndex implements ObservableIndex {
  constructor(private readonly inner: FileIndex, private readonly slicer: TimeSlicer) {}

  get root(): string {
    return this.inner.root;
  }

  get version(): number {
    return this.inner.version;
  }

  changesSince(version: number): string[] | undefined {
    return this.inner.changesSince(version);
  }

  peekText(file: string): string | undefined | null {
    return this.inner.peekText(file);
  }

  async walk(dir: string): Promise<string[]> {
    await this.slicer.pause();
    return this.inner.walk(dir);
  }

  async readText(file: string): Promise<string | undefined> {
    await this.slicer.pause();
    return this.inner.readText(file);
  }

  invalidate(path: string): void {
    this.inner.invalidate(path);
  }

  invalidateAll(): void {
    this.inner.invalidateAll();
  }
}
