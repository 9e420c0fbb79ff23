import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  LIST_TESTS_REQUEST,
  RUN_TESTS_REQUEST,
  TESTS_CHANGED_NOTIFICATION,
  type Range,
  type RunTestsParams,
  type RunTestsResult,
  type TestItemData,
  type TestResultData,
  type TestsChangedParams,
} from './protocol';
import { reconcile, TestModel, type ItemFactory } from './testModel';

const toRange = (r: Range): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/**
 * The Test Explorer: the server's specs as files → elements → checks (kept in step with
 * `hielements/testsChanged`), a Run profile that asks the server to run exactly the chosen items
 * (`hielements/runTests`, cancelled with the run), and results with messages and locations.
 */
export class HielementsTests implements vscode.Disposable {
  private readonly controller = vscode.tests.createTestController('hielements', 'Hielements');
  private readonly model = new TestModel();
  private readonly profile: vscode.TestRunProfile;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.profile = this.controller.createRunProfile('Run checks', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    this.controller.refreshHandler = () => this.refresh();
    this.disposables.push(client.onNotification(TESTS_CHANGED_NOTIFICATION, (params: TestsChangedParams) => this.apply(params)));
  }

  /** Asks the server for the whole tree. */
  async refresh(): Promise<void> {
    const { files } = await this.client.sendRequest<{ files: TestItemData[] }>(LIST_TESTS_REQUEST, {});
    this.model.reset(files);
    this.sync();
  }

  /** Runs one item (a "Run" code lens): shown in the Test Explorer and Test Results like any run. */
  async runItem(id: string): Promise<void> {
    const item = this.find(id);
    if (!item) {
      void vscode.window.showWarningMessage('Hielements: this check is not in the Test Explorer yet; try again in a moment.');
      return;
    }
    const cancel = new vscode.CancellationTokenSource();
    try {
      await this.run(new vscode.TestRunRequest([item], undefined, this.profile), cancel.token);
    } finally {
      cancel.dispose();
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.controller.dispose();
  }

  private apply(params: TestsChangedParams): void {
    this.model.apply(params);
    this.sync();
  }

  private sync(): void {
    const factory: ItemFactory<vscode.TestItem> = {
      create: (data, order) => {
        const item = this.controller.createTestItem(data.id, data.label, vscode.Uri.parse(data.uri));
        factory.update(item, data, order);
        return item;
      },
      update: (item, data, order) => {
        item.label = data.label;
        item.range = data.range ? toRange(data.range) : undefined;
        item.sortText = String(order).padStart(6, '0');
      },
      children: (item) => item.children,
    };
    reconcile(this.controller.items, this.model.roots(), factory);
  }

  private find(id: string): vscode.TestItem | undefined {
    let collection = this.controller.items;
    let item: vscode.TestItem | undefined;
    for (const step of this.model.pathTo(id)) {
      item = collection.get(step);
      if (!item) return undefined;
      collection = item.children;
    }
    return item;
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const params: RunTestsParams = { include: request.include?.map((i) => i.id), exclude: request.exclude?.map((i) => i.id) };
    const pending = new Map<string, vscode.TestItem>();
    for (const check of this.model.checks(params.include, params.exclude)) {
      const item = this.find(check.id);
      if (item) {
        pending.set(check.id, item);
        run.started(item);
      }
    }
    try {
      const { results } = await this.client.sendRequest<RunTestsResult>(RUN_TESTS_REQUEST, params, token);
      for (const result of results) {
        const item = pending.get(result.id) ?? this.find(result.id);
        if (!item) continue;
        pending.delete(result.id);
        this.report(run, item, result);
      }
    } catch (error) {
      if (!token.isCancellationRequested) run.appendOutput(`Hielements: the run failed: ${error instanceof Error ? error.message : String(error)}\r\n`);
    } finally {
      for (const item of pending.values()) run.skipped(item);
      run.end();
    }
  }

  private report(run: vscode.TestRun, item: vscode.TestItem, result: TestResultData): void {
    const message = (): vscode.TestMessage => {
      const m = new vscode.TestMessage(result.message ?? result.status);
      if (result.range) m.location = new vscode.Location(vscode.Uri.parse(result.uri), toRange(result.range));
      return m;
    };
    if (result.status === 'passed') run.passed(item);
    else if (result.status === 'failed') run.failed(item, message());
    else if (result.status === 'errored') run.errored(item, message());
    else {
      run.skipped(item);
      if (result.message) run.appendOutput(`${item.label}: ${result.message}\r\n`);
    }
  }
}
