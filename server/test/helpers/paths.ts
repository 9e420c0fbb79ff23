import * as path from 'node:path';

/** Repository root (tests run from server/out/test/...). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** The team's read-only shared folder (spec, reference examples, bench generators). */
export const SHARED = process.env.HIELEMENTS_SHARED ?? path.resolve(REPO_ROOT, '..', 'shared');
export const FIXTURES = path.join(REPO_ROOT, 'test-fixtures');
/** The upstream example files (a copy, so tests run from a plain clone). */
export const REFERENCE = path.join(FIXTURES, 'reference');
