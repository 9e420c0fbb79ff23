import type { Range } from 'vscode-languageserver';

/**
 * The Test Explorer protocol (shared with client/src/testing/protocol.ts). Tests are the
 * project's specs: files → elements (nested) → checks. Ids are opaque to the client.
 *
 * - `hielements/listTests` (request, client → server): `{}` → `{ files: TestItemData[] }`.
 * - `hielements/testsChanged` (notification, server → client): `{ files, removed }` — the whole
 *   tree of each file that changed (edited, found, joined the specs) and the ids of the files
 *   that are gone or no longer specs.
 * - `hielements/runTests` (request): `{ include?, exclude? }` (ids; no include = everything) →
 *   `{ results }`, one per check that was asked for. Only those checks run; `$/progress` is
 *   reported meanwhile and cancelling the request (or the progress) stops the run.
 */
export const LIST_TESTS_REQUEST = 'hielements/listTests';
export const TESTS_CHANGED_NOTIFICATION = 'hielements/testsChanged';
export const RUN_TESTS_REQUEST = 'hielements/runTests';

export type TestItemKind = 'file' | 'element' | 'check';

export interface TestItemData {
  id: string;
  kind: TestItemKind;
  /** File: its path relative to the workspace folder; element: its name; check: its text. */
  label: string;
  /** The .hie file. */
  uri: string;
  /** Elements and checks: their range in the file. */
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
  /** Failed / errored / skipped: why. */
  message?: string;
  uri: string;
  /** Where the problem is (the check, or the argument at fault). */
  range?: Range;
}

export interface RunTestsResult {
  results: TestResultData[];
}
