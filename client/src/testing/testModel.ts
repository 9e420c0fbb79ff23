import type { TestItemData, TestsChangedParams } from './protocol';

/**
 * The client's copy of the server's test tree (pure: no `vscode`). Files are replaced whole by
 * `hielements/testsChanged`; the Test Explorer items are reconciled with `roots()`.
 */
export class TestModel {
  private readonly files = new Map<string, TestItemData>();
  private readonly parents = new Map<string, string | undefined>();
  private readonly items = new Map<string, TestItemData>();

  reset(files: readonly TestItemData[]): void {
    this.files.clear();
    this.apply({ files: [...files], removed: [] });
  }

  apply(change: TestsChangedParams): void {
    for (const id of change.removed) this.files.delete(id);
    for (const file of change.files) this.files.set(file.id, file);
    this.parents.clear();
    this.items.clear();
    const index = (item: TestItemData, parent: string | undefined): void => {
      this.items.set(item.id, item);
      this.parents.set(item.id, parent);
      for (const child of item.children) index(child, item.id);
    };
    for (const file of this.files.values()) index(file, undefined);
  }

  /** Files, by label. */
  roots(): TestItemData[] {
    return [...this.files.values()].sort((a, b) => a.label.localeCompare(b.label));
  }

  get(id: string): TestItemData | undefined {
    return this.items.get(id);
  }

  /** Ids from the file down to `id` (empty when unknown). */
  pathTo(id: string): string[] {
    const out: string[] = [];
    for (let at: string | undefined = id; at !== undefined && this.items.has(at); at = this.parents.get(at)) out.unshift(at);
    return out;
  }

  /** The checks a run of `include` (everything when undefined) minus `exclude` covers. */
  checks(include: readonly string[] | undefined, exclude: readonly string[] = []): TestItemData[] {
    const skip = new Set(exclude);
    const out: TestItemData[] = [];
    const seen = new Set<string>();
    const visit = (item: TestItemData): void => {
      if (skip.has(item.id) || seen.has(item.id)) return;
      seen.add(item.id);
      if (item.kind === 'check') out.push(item);
      item.children.forEach(visit);
    };
    const starts = include ? include.map((id) => this.items.get(id)).filter((i): i is TestItemData => i !== undefined) : this.roots();
    starts.forEach(visit);
    return out;
  }
}

/** The parts of a test item collection `reconcile` needs (vscode.TestItemCollection has them). */
export interface ItemCollection<T> {
  get(id: string): T | undefined;
  add(item: T): void;
  delete(id: string): void;
  forEach(callback: (item: T) => unknown): void;
}

export interface ItemFactory<T> {
  create(data: TestItemData, order: number): T;
  update(item: T, data: TestItemData, order: number): void;
  children(item: T): ItemCollection<T>;
}

/** Makes `collection` hold exactly `data` (by id), keeping the items that stay (their results stay with them). */
export function reconcile<T extends { id: string }>(collection: ItemCollection<T>, data: readonly TestItemData[], factory: ItemFactory<T>): void {
  const wanted = new Set(data.map((d) => d.id));
  const stale: string[] = [];
  collection.forEach((item) => {
    if (!wanted.has(item.id)) stale.push(item.id);
  });
  for (const id of stale) collection.delete(id);
  data.forEach((d, order) => {
    let item = collection.get(d.id);
    if (item) factory.update(item, d, order);
    else {
      item = factory.create(d, order);
      collection.add(item);
    }
    reconcile(factory.children(item), d.children, factory);
  });
}
