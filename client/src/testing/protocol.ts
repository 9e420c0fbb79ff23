/**
 * The Test Explorer protocol of the server (server/src/lsp/testing/protocol.ts, kept free of
 * `vscode` so tests can load it): `hielements/listTests`, `hielements/testsChanged`,
 * `hielements/runTests`.
 */
export const LIST_TESTS_REQUEST = 'hielements/listTests';
export const TESTS_CHANGED_NOTIFICATION = 'hielements/testsChanged';
export const RUN_TESTS_REQUEST = 'hielements/runTests';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export type TestItemKind = 'file' | 'element' | 'check';

export interface TestItemData {
  id: string;
  kind: TestItemKind;
  label: string;
  uri: string;
  range?: Range;
  children: TestItemData[];
}

export interface TestsChangedParams {
  files: TestItemData[];
  removed: string[];
}

export interface RunTestsParams {
  include?: string[];
  exclude?: string[];
}

export type TestStatus = 'passed' | 'failed' | 'errored' | 'skipped';

export interface TestResultData {
  id: string;
  status: TestStatus;
  message?: string;
  uri: string;
  range?: Range;
}

export interface RunTestsResult {
  results: TestResultData[];
}

/** The test id in the arguments of a "Run" code lens (`hielements.runChecks [uri, { testId }]`). */
export function lensTestId(args: readonly unknown[]): string | undefined {
  const arg = args[1];
  if (typeof arg !== 'object' || arg === null) return undefined;
  const id = (arg as { testId?: unknown }).testId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
