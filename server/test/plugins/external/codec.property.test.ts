import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Value } from '../../../src/eval/values';
import { encodeValue, decodeCallResult } from '../../../src/plugins/external/valueJson';
import { parseJson } from '../../../src/plugins/external/jsonText';
import { LineSplitter } from '../../../src/plugins/external/lineSplitter';

const scopeKind = fc.oneof(
  fc.string().map((t) => ({ File: t })),
  fc.string().map((t) => ({ Folder: t })),
  fc.string().map((t) => ({ Glob: t })),
);

const value: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant<Value>({ type: 'null' }),
    fc.boolean().map((b): Value => ({ type: 'bool', value: b })),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }).map((n): Value => ({ type: 'int', value: n })),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)).map((d): Value => ({ type: 'float', value: d })),
    fc.string({ unit: 'grapheme' }).map((s): Value => ({ type: 'string', value: s })),
    fc.record({ kind: scopeKind, paths: fc.array(fc.string()), resolved: fc.boolean() }).map((s): Value => ({ type: 'scope', ...s })),
    fc.array(tie('value'), { maxLength: 4 }).map((items): Value => ({ type: 'list', items })),
  ),
})).value;

describe('value codec properties', () => {
  it('decode(encode(v)) = v for every value a plugin can echo back', () => {
    fc.assert(
      fc.property(value, (v) => {
        assert.deepEqual(decodeCallResult(parseJson(encodeValue(v))), v);
      }),
      { numRuns: 300 },
    );
  });

  it('encodeValue produces JSON that JSON.parse accepts', () => {
    fc.assert(fc.property(value, (v) => void JSON.parse(encodeValue(v))), { numRuns: 200 });
  });
});

describe('LineSplitter properties', () => {
  it('any chunking of the bytes yields the same lines', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }).map((s) => s.replace(/\n/g, '')), { maxLength: 6 }), fc.array(fc.nat(40), { maxLength: 8 }), (lines, cuts) => {
        const bytes = Buffer.from(lines.map((l) => l + '\n').join(''), 'utf8');
        const got: string[] = [];
        const splitter = new LineSplitter({ onLine: (l) => got.push(l) });
        let at = 0;
        for (const cut of cuts) {
          const next = Math.min(bytes.length, at + cut);
          splitter.push(bytes.subarray(at, next));
          at = next;
        }
        splitter.push(bytes.subarray(at));
        assert.deepEqual(got, lines);
        assert.equal(splitter.end(), undefined);
      }),
      { numRuns: 300 },
    );
  });
});
