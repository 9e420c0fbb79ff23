import * as assert from 'node:assert/strict';
import { lensTestId, type TestItemData } from '../src/testing/protocol';
import { reconcile, TestModel, type ItemCollection, type ItemFactory } from '../src/testing/testModel';

const U = 'file:///w/arch.hie';
const check = (element: string, text: string): TestItemData => ({ id: `${U}#${element}#${text}`, kind: 'check', label: text, uri: U, children: [] });
const element = (path: string, children: TestItemData[]): TestItemData => ({ id: `${U}#${path}`, kind: 'element', label: path.split('.').pop()!, uri: U, children });
const file = (id: string, label: string, children: TestItemData[]): TestItemData => ({ id, kind: 'file', label, uri: id, children });

const ARCH = file(U, 'arch.hie', [element('app', [check('app', 'a()'), check('app', 'b()'), element('app.core', [check('app.core', 'c()')])]), element('other', [check('other', 'd()')])]);
const B = file('file:///w/b.hie', 'b.hie', [element('b', [{ ...check('b', 'e()'), id: 'file:///w/b.hie#b#e()', uri: 'file:///w/b.hie' }])]);

/** A fake vscode.TestItemCollection / TestItem pair that records what happened. */
class FakeItem {
  readonly children = new FakeCollection();
  constructor(readonly id: string, public label: string, public order: number) {}
}
class FakeCollection implements ItemCollection<FakeItem> {
  readonly map = new Map<string, FakeItem>();
  get = (id: string): FakeItem | undefined => this.map.get(id);
  add = (item: FakeItem): void => void this.map.set(item.id, item);
  delete = (id: string): void => void this.map.delete(id);
  forEach = (cb: (item: FakeItem) => unknown): void => this.map.forEach((i) => cb(i));
}
const factory: ItemFactory<FakeItem> = {
  create: (d, order) => new FakeItem(d.id, d.label, order),
  update: (item, d, order) => {
    item.label = d.label;
    item.order = order;
  },
  children: (item) => item.children,
};
const shape = (c: FakeCollection): unknown => [...c.map.values()].map((i) => [i.label, i.order, shape(i.children)]);

describe('Test Explorer model (client)', () => {
  it('selects the checks of a run: everything, items with their descendants, minus exclusions', () => {
    const model = new TestModel();
    model.reset([ARCH, B]);
    const labels = (items: TestItemData[]): string[] => items.map((i) => i.label);
    assert.deepEqual(labels(model.checks(undefined)), ['a()', 'b()', 'c()', 'd()', 'e()']);
    assert.deepEqual(labels(model.checks([`${U}#app`])), ['a()', 'b()', 'c()']);
    assert.deepEqual(labels(model.checks([`${U}#app`], [`${U}#app.core`, `${U}#app#a()`])), ['b()']);
    assert.deepEqual(labels(model.checks([`${U}#app.core#c()`, `${U}#app`])), ['c()', 'a()', 'b()']);
    assert.deepEqual(labels(model.checks(['file:///unknown'])), []);
    assert.deepEqual(model.pathTo(`${U}#app.core#c()`), [U, `${U}#app`, `${U}#app.core`, `${U}#app.core#c()`]);
    assert.deepEqual(model.pathTo('nope'), []);
  });

  it('applies testsChanged: a changed file replaces its tree, removed files go', () => {
    const model = new TestModel();
    model.reset([ARCH, B]);
    model.apply({ files: [file(U, 'arch.hie', [element('other', [check('other', 'd()')])])], removed: ['file:///w/b.hie'] });
    assert.deepEqual(model.roots().map((r) => r.label), ['arch.hie']);
    assert.equal(model.get(`${U}#app`), undefined);
    assert.equal(model.get(`${U}#other#d()`)?.label, 'd()');
  });

  it('reconciles the Test Explorer items: keeps the items that stay, adds new ones, deletes the rest, in document order', () => {
    const items = new FakeCollection();
    reconcile(items, [ARCH, B], factory);
    assert.deepEqual(shape(items), [
      ['arch.hie', 0, [['app', 0, [['a()', 0, []], ['b()', 1, []], ['core', 2, [['c()', 0, []]]]]], ['other', 1, [['d()', 0, []]]]]],
      ['b.hie', 1, [['b', 0, [['e()', 0, []]]]]],
    ]);
    const app = items.get(U)!.children.get(`${U}#app`)!;
    reconcile(items, [file(U, 'arch.hie', [element('other', [check('other', 'd()')]), element('app', [check('app', 'b()')])])], factory);
    assert.equal(items.get(U)!.children.get(`${U}#app`), app, 'the same item object');
    assert.deepEqual(shape(items), [['arch.hie', 0, [['app', 1, [['b()', 0, []]]], ['other', 0, [['d()', 0, []]]]]]]);
  });

  it('reads the test id of a Run lens', () => {
    assert.equal(lensTestId([U, { testId: `${U}#app` }]), `${U}#app`);
    assert.equal(lensTestId([U]), undefined);
    assert.equal(lensTestId([U, { testId: 3 }]), undefined);
    assert.equal(lensTestId([U, null]), undefined);
  });
});
