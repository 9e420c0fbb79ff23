import * as assert from 'node:assert/strict';
import { encodeValue, decodeCallResult, decodeCheckResult } from '../../../src/plugins/external/valueJson';
import { parseJson, JsonSyntaxError } from '../../../src/plugins/external/jsonText';
import { parseResponse, requestLine, callParams } from '../../../src/plugins/external/rpcMessages';
import { LineSplitter } from '../../../src/plugins/external/lineSplitter';
import { LibraryError } from '../../../src/libraries/library';
import { scope, str } from '../../../src/eval/values';

const call = (json: string) => decodeCallResult(parseJson(json));
const check = (json: string) => decodeCheckResult(parseJson(json));
function libErr(f: () => unknown): LibraryError {
  try {
    f();
  } catch (e) {
    if (e instanceof LibraryError) return e;
    throw e;
  }
  assert.fail('expected LibraryError');
}

describe('valueJson', () => {
  it('encodes every value kind like the reference', () => {
    assert.equal(encodeValue(scope({ Glob: '**/*.rs' }, ['a "b".rs'], false)), '{"Scope":{"kind":{"Glob":"**/*.rs"},"paths":["a \\"b\\".rs"],"resolved":false}}');
    assert.equal(encodeValue({ type: 'float', value: 1e21 }), '{"Float":1e21}');
    assert.equal(encodeValue({ type: 'float', value: -0.5 }), '{"Float":-0.5}');
    assert.equal(encodeValue({ type: 'float', value: NaN }), '{"Float":null}');
    assert.equal(encodeValue({ type: 'bool', value: false }), 'false');
    assert.equal(encodeValue(str('é\n')), '{"String":"é\\n"}');
  });

  it('decodes call results with the reference rules', () => {
    assert.deepEqual(call('7'), { type: 'int', value: 7 });
    assert.deepEqual(call('7.0'), { type: 'float', value: 7 });
    assert.deepEqual(call('1e2'), { type: 'float', value: 100 });
    assert.deepEqual(call('18446744073709551615'), { type: 'float', value: 18446744073709551615 });
    assert.deepEqual(call('{"String":5}'), str(''));
    assert.deepEqual(call('{"Int":2.5}'), { type: 'int', value: 0 });
    assert.deepEqual(call('{"Float":"x"}'), { type: 'float', value: 0 });
    assert.deepEqual(call('{"Bool":1}'), { type: 'bool', value: false });
    assert.deepEqual(call('{"String":"s","Int":1}'), str('s'));
    assert.deepEqual(call('{"Scope":{"kind":{"Glob":"*.py"},"paths":["a",3,"b"]}}'), scope({ Glob: '*.py' }, ['a', 'b'], false));
    assert.deepEqual(call('{"Scope":{"kind":"src"}}'), scope({ File: '' }, [], false));
    assert.equal(libErr(() => call('{"List":[1,[2]]}')).code, 'E508');
    assert.equal(libErr(() => call('{"Other":1}')).message, 'Cannot convert JSON to Value: {"Other":1}');
    assert.equal(libErr(() => call('{"List":3}')).code, 'E508');
  });

  it('decodes check results with the reference rules', () => {
    assert.deepEqual(check('{"result":"pass"}'), { status: 'pass' });
    assert.deepEqual(check('{"result":"fail","message":"m"}'), { status: 'fail', message: 'm' });
    assert.deepEqual(check('{"result":"error"}'), { status: 'error', message: 'Check error' });
    assert.deepEqual(check('{"Fail":3}'), { status: 'fail', message: '' });
    assert.deepEqual(check('"PASS"'), { status: 'pass' });
    assert.deepEqual(check('"True"'), { status: 'pass' });
    assert.deepEqual(check('"false"'), { status: 'fail', message: 'Check failed' });
    for (const bad of ['1', '[]', '{}', 'false']) assert.equal(libErr(() => check(bad)).code, 'E509');
  });
});

describe('rpcMessages', () => {
  it('builds requests with the reference key order', () => {
    assert.equal(requestLine('library.call', callParams('f', [str('a')], 'ws'), 3), '{"jsonrpc":"2.0","method":"library.call","params":{"args":[{"String":"a"}],"function":"f","workspace":"ws"},"id":3}');
    assert.equal(requestLine('library.metadata', undefined, 1), '{"jsonrpc":"2.0","method":"library.metadata","id":1}');
  });

  it('rejects malformed envelopes with E506 and serde-like details', () => {
    const cases: Array<[string, string]> = [
      ['', 'EOF while parsing a value at line 1 column 0'],
      ['{"result":1,"id":1}', 'missing field `jsonrpc`'],
      ['{"jsonrpc":"2.0","result":1}', 'missing field `id`'],
      ['{"jsonrpc":"2.0","result":1,"id":null}', 'invalid type: null, expected u64'],
      ['{"jsonrpc":"2.0","result":1,"id":-1}', 'invalid type: integer `-1`, expected u64'],
      ['{"jsonrpc":"2.0","result":1,"id":1} x', 'trailing characters at line 1 column 37'],
      ['{"jsonrpc":"2.0","error":{"code":"x","message":"m"},"id":1}', 'invalid type: string "x", expected i32'],
      ['[1]', 'invalid type: sequence, expected struct JsonRpcResponse'],
    ];
    for (const [line, detail] of cases) {
      const e = libErr(() => parseResponse(line));
      assert.equal(e.code, 'E506');
      assert.equal(e.message, `Failed to parse response: ${detail}. Response was: ${line.trim()}`);
    }
  });

  it('error wins over result; ids are not compared', () => {
    const e = libErr(() => parseResponse('{"jsonrpc":"2.0","result":1,"error":{"code":-1,"message":"no"},"id":99}'));
    assert.deepEqual([e.code, e.message], ['E-1', 'no']);
    assert.equal(libErr(() => parseResponse('{"jsonrpc":"2.0","error":null,"id":1}')).code, 'E507');
  });
});

describe('jsonText', () => {
  it('parses strings with escapes and reports syntax errors', () => {
    assert.equal(parseJson('"a\\u00e9\\n\\""'), 'aé\n"');
    assert.throws(() => parseJson('{"a" 1}'), JsonSyntaxError);
    assert.throws(() => parseJson('tru'), /EOF while parsing a value/);
    assert.throws(() => parseJson('['.repeat(100_000)), /^JsonSyntaxError: recursion limit exceeded at line 1 column 129$/);
    assert.equal((parseJson('['.repeat(128) + ']'.repeat(128)) as unknown[]).length, 1);
  });
});

describe('LineSplitter', () => {
  it('splits any chunking into lines, keeps partial lines, decodes UTF-8 across chunks', () => {
    const lines: string[] = [];
    const s = new LineSplitter({ onLine: (l) => lines.push(l) });
    const bytes = Buffer.from('one\ntwo\n\nthré', 'utf8');
    for (let i = 0; i < bytes.length; i++) s.push(bytes.subarray(i, i + 1));
    s.push(Buffer.from('e\r\nrest'));
    assert.deepEqual(lines, ['one', 'two', '', 'thrée\r']);
    assert.equal(s.end(), 'rest');
    assert.equal(s.end(), undefined);
  });

  it('drops an over-long line once and recovers at the next newline', () => {
    const lines: string[] = [];
    const overflows: number[] = [];
    const s = new LineSplitter({ onLine: (l) => lines.push(l), onOverflow: (n) => overflows.push(n), maxLineBytes: 4 });
    s.push(Buffer.from('ab'));
    s.push(Buffer.from('cdefg'));
    s.push(Buffer.from('hij\nok\n'));
    assert.deepEqual(lines, ['ok']);
    assert.deepEqual(overflows, [7]);
  });
});
