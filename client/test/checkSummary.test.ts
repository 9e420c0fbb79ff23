import * as assert from 'node:assert/strict';
import { formatCheckSummary, parseCheckSummary } from '../src/checkSummary';

describe('check summary (status bar)', () => {
  it('shows passed and failed counts with codicons', () => {
    assert.deepEqual(formatCheckSummary({ passed: 12, failed: 2, errors: 0, total: 14, outdated: 0 }), {
      text: '$(check) 12 passed $(error) 2 failed',
      tooltip: 'Hielements: 12 passed, 2 failed, 0 errors (14 checks). Click to run the checks again.',
      severity: 'failed',
    });
  });

  it('adds errors only when there are some', () => {
    const view = formatCheckSummary({ passed: 3, failed: 0, errors: 1, total: 4, outdated: 0 });
    assert.equal(view.text, '$(check) 3 passed $(error) 0 failed $(warning) 1 error');
    assert.equal(view.severity, 'errors');
    assert.equal(formatCheckSummary({ passed: 1, failed: 0, errors: 2, total: 3, outdated: 0 }).text, '$(check) 1 passed $(error) 0 failed $(warning) 2 errors');
  });

  it('is ok when nothing failed', () => {
    const view = formatCheckSummary({ passed: 1, failed: 0, errors: 0, total: 1, outdated: 0 });
    assert.equal(view.severity, 'ok');
    assert.equal(view.tooltip, 'Hielements: 1 passed, 0 failed, 0 errors (1 check). Click to run the checks again.');
  });

  it('says when the totals are from an older revision (files edited since the last run)', () => {
    const view = formatCheckSummary({ passed: 2, failed: 1, errors: 0, total: 3, outdated: 1 });
    assert.equal(view.text, '$(check) 2 passed $(error) 1 failed $(history) older revision');
    assert.equal(
      view.tooltip,
      'Hielements: 2 passed, 1 failed, 0 errors (3 checks). From the last run, before the latest edits of 1 file: they update when the checks run again. Click to run the checks again.',
    );
    assert.equal(view.severity, 'failed');
  });

  it('reads untrusted notification params: bad numbers count as 0, a missing total is the sum', () => {
    assert.deepEqual(parseCheckSummary({ passed: 2, failed: -1, errors: 'x' }), { passed: 2, failed: 0, errors: 0, total: 2, outdated: 0 });
    assert.deepEqual(parseCheckSummary(null), { passed: 0, failed: 0, errors: 0, total: 0, outdated: 0 });
    assert.deepEqual(parseCheckSummary({ passed: 1.7, failed: 1, errors: 1, total: 9, outdated: 2 }), { passed: 1, failed: 1, errors: 1, total: 9, outdated: 2 });
  });
});
