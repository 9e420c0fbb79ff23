import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { createFilesLibrary } from '../../src/libraries/builtin/files';
import { createPythonLibrary } from '../../src/libraries/builtin/python';
import type { CallContext } from '../../src/libraries/library';
import type { ScopeValue } from '../../src/eval/values';
import { check, contextFor, FAIL, makeWorkspace, PASS, rejection, removeWorkspace, s, select } from './helpers';

const python = createPythonLibrary();
const files = createFilesLibrary();

/** A workspace with the given files, a context, and a file scope per file. */
async function withWorkspace(content: Record<string, string>, body: (ctx: CallContext, scopeOf: (rel: string) => Promise<ScopeValue>, ws: string) => Promise<void>): Promise<void> {
  const ws = makeWorkspace(content);
  try {
    const ctx = contextFor(ws);
    await body(ctx, (rel) => select(files, 'file_selector', [s(rel)], ctx), ws);
  } finally {
    removeWorkspace(ws);
  }
}

describe('python library (conformance PY-01..PY-11)', () => {
  it('PY-01 function_selector', () =>
    withWorkspace({ 'main.py': '\ndef hello_world():\n    print("Hello!")\n\ndef another_func():\n    pass\n', 'other.py': '# def hello_world():\nx = "def hello_world():"\n' }, async (ctx, _, ws) => {
      const f = await select(python, 'function_selector', [s('hello_world')], ctx);
      assert.deepEqual(f, { type: 'scope', kind: { File: 'fn:hello_world' }, paths: [`${ws}/main.py`], resolved: true });
      assert.equal((await select(python, 'function_selector', [s('hello')], ctx)).paths.length, 0);
    }));

  it('PY-02 class_selector', () =>
    withWorkspace({ 'models.py': '\nclass MyClass:\n    def __init__(self):\n        pass\n\nclass AnotherClass(BaseClass):\n    pass\n' }, async (ctx) => {
      assert.equal((await select(python, 'class_selector', [s('MyClass')], ctx)).paths.length, 1);
      assert.equal((await select(python, 'class_selector', [s('AnotherClass')], ctx)).paths.length, 1);
      assert.equal((await select(python, 'class_selector', [s('Missing')], ctx)).paths.length, 0);
      assert.deepEqual((await select(python, 'class_selector', [s('MyClass')], ctx)).kind, { File: 'class:MyClass' });
    }));

  it('PY-03 module_selector (packages, excluded directories, dotted paths)', () =>
    withWorkspace(
      {
        'api/__init__.py': '# API module',
        'venv/api/__init__.py': '',
        'orders/api.py': '',
        'billing/api.py': '',
        'x.egg-info/api.py': '',
      },
      async (ctx, _, ws) => {
        assert.deepEqual((await select(python, 'module_selector', [s('api')], ctx)).paths, [`${ws}/api/__init__.py`, `${ws}/billing/api.py`, `${ws}/orders/api.py`]);
        assert.deepEqual((await select(python, 'module_selector', [s('orders.api')], ctx)).paths, [`${ws}/orders/api.py`]);
        assert.deepEqual((await select(python, 'module_selector', [s('orders.api')], ctx)).kind, { File: 'orders.api' });
      },
    ));

  it('module_selector matches paths below the workspace, not the workspace name', async () => {
    const parent = makeWorkspace({ 'api-home/pkg/__init__.py': '', 'api-home/api/__init__.py': '' });
    try {
      const ws = `${parent}/api-home`;
      assert.deepEqual((await select(python, 'module_selector', [s('api')], contextFor(ws))).paths, [`${ws}/api/__init__.py`]);
    } finally {
      removeWorkspace(parent);
    }
  });

  it('PY-04 imports', () =>
    withWorkspace({ 'main.py': '\nimport os\nfrom typing import List\nimport requests\n' }, async (ctx, scopeOf) => {
      const m = await scopeOf('main.py');
      assert.deepEqual(await check(python, 'imports', [m, s('typing')], ctx), PASS);
      assert.deepEqual(await check(python, 'imports', [m, s('requests')], ctx), PASS);
      assert.deepEqual(await check(python, 'imports', [m, s('nonexistent')], ctx), FAIL("Scope does not import 'nonexistent'"));
      assert.deepEqual(await check(python, 'imports', [m, s('List')], ctx), PASS);
    }));

  it('imports: submodules, several names, relative and nested imports; not comments or strings', () =>
    withWorkspace({ 'a.py': 'import os.path, sys as system\nfrom .models import Order\nfrom pkg.sub import thing\n# import json\ns = "import yaml"\ndef f():\n    import csv\n' }, async (ctx, scopeOf) => {
      const a = await scopeOf('a.py');
      for (const m of ['os', 'os.path', 'sys', 'models', '.models', 'Order', 'pkg', 'pkg.sub', 'thing', 'csv']) {
        assert.deepEqual(await check(python, 'imports', [a, s(m)], ctx), PASS, m);
      }
      for (const m of ['json', 'yaml', 'path', 'system', 'sub']) {
        assert.deepEqual(await check(python, 'imports', [a, s(m)], ctx), FAIL(`Scope does not import '${m}'`), m);
      }
    }));

  it('PY-05 no_import', () =>
    withWorkspace({ 'main.py': '\nimport os\nfrom typing import List\n' }, async (ctx, scopeOf) => {
      const m = await scopeOf('main.py');
      assert.deepEqual(await check(python, 'no_import', [m, s('requests')], ctx), PASS);
      assert.deepEqual(await check(python, 'no_import', [m, s('typing')], ctx), FAIL("Scope imports 'typing' but should not", path.resolve(m.type === 'scope' ? m.paths[0] : '')));
    }));

  it('PY-06 returns_type', () =>
    withWorkspace(
      { 'api.py': '\ndef get_user() -> User:\n    return User()\n\ndef get_list() -> List[str]:\n    return []\n\nasync def fetch_data() -> Dict[str, Any]:\n    return {}\n\ndef q() -> "models.Order":\n    pass\n' },
      async (ctx, scopeOf) => {
        const api = await scopeOf('api.py');
        for (const t of ['User', 'List', 'Dict', 'str', 'Any', 'List[str]', 'Order', 'models.Order']) {
          assert.deepEqual(await check(python, 'returns_type', [api, s(t)], ctx), PASS, t);
        }
        assert.deepEqual(await check(python, 'returns_type', [api, s('NonExistent')], ctx), FAIL("No function returns type 'NonExistent'"));
        assert.deepEqual(await check(python, 'returns_type', [api, s('Use')], ctx), FAIL("No function returns type 'Use'"));
      },
    ));

  it('PY-07 function_returns_type', () =>
    withWorkspace(
      { 'service.py': '\ndef process_data() -> Result:\n    return Result()\n\ndef calculate() -> int:\n    return 42\n\nasync def fetch() -> Response:\n    return Response()\n\ndef multi(\n    a: int,\n) -> Optional[Result]:\n    pass\n' },
      async (ctx, scopeOf) => {
        const svc = await scopeOf('service.py');
        for (const [fn, t] of [['process_data', 'Result'], ['calculate', 'int'], ['fetch', 'Response'], ['multi', 'Result'], ['multi', 'Optional']]) {
          assert.deepEqual(await check(python, 'function_returns_type', [svc, s(fn), s(t)], ctx), PASS, `${fn} ${t}`);
        }
        assert.deepEqual(await check(python, 'function_returns_type', [svc, s('process_data'), s('WrongType')], ctx), FAIL("Function 'process_data' does not return type 'WrongType'"));
        assert.deepEqual(await check(python, 'function_returns_type', [svc, s('calculate'), s('Result')], ctx), FAIL("Function 'calculate' does not return type 'Result'"));
      },
    ));

  it('PY-08 calls', () =>
    withWorkspace({ 'main.py': '\nimport logger\n\ndef main():\n    logger.info("Starting")\n    process_data()\n    result = calculate(10)\n' }, async (ctx, scopeOf) => {
      const m = await scopeOf('main.py');
      for (const t of ['logger', 'process_data', 'calculate', 'info', 'logger.info']) {
        assert.deepEqual(await check(python, 'calls', [m, s(t)], ctx), PASS, t);
      }
      assert.deepEqual(await check(python, 'calls', [m, s('nonexistent')], ctx), FAIL("Scope does not call 'nonexistent'"));
      assert.deepEqual(await check(python, 'calls', [m, s('main')], ctx), FAIL("Scope does not call 'main'"), 'a definition is not a call');
    }));

  it('PY-09 calls_function', () =>
    withWorkspace({ 'app.py': '\nimport database\n\ndef run():\n    database.connect()\n    user = database.query("SELECT * FROM users")\n    os.path.join("a")\n' }, async (ctx, scopeOf) => {
      const app = await scopeOf('app.py');
      assert.deepEqual(await check(python, 'calls_function', [app, s('database'), s('connect')], ctx), PASS);
      assert.deepEqual(await check(python, 'calls_function', [app, s('database'), s('query')], ctx), PASS);
      assert.deepEqual(await check(python, 'calls_function', [app, s('os.path'), s('join')], ctx), PASS);
      assert.deepEqual(await check(python, 'calls_function', [app, s('path'), s('join')], ctx), PASS);
      assert.deepEqual(await check(python, 'calls_function', [app, s('database'), s('disconnect')], ctx), FAIL("Scope does not call 'database.disconnect'"));
    }));

  it('PY-10 calls_scope', () =>
    withWorkspace(
      {
        'utils.py': '\ndef helper_function():\n    pass\n\nclass HelperClass:\n    def method(self):\n        pass\n',
        'main.py': '\nfrom utils import helper_function, HelperClass\n\ndef main():\n    helper_function()\n    obj = HelperClass()\n',
        'quiet.py': 'from utils import helper_function\nprint("nothing")\n',
        'empty.py': '',
      },
      async (ctx, scopeOf) => {
        const utils = await scopeOf('utils.py');
        assert.deepEqual(await check(python, 'calls_scope', [await scopeOf('main.py'), utils], ctx), PASS);
        assert.deepEqual(await check(python, 'calls_scope', [await scopeOf('quiet.py'), utils], ctx), FAIL('Source scope does not call anything in target scope'));
        assert.deepEqual(await check(python, 'calls_scope', [await scopeOf('main.py'), await scopeOf('empty.py')], ctx), FAIL('Source scope does not call anything in target scope'));
      },
    ));

  it('`from __future__ import annotations` is an import of `__future__` and of `annotations`', () =>
    withWorkspace({ 'a.py': 'from __future__ import annotations, division as div\n', 'b.py': 'import os\n' }, async (ctx, scopeOf) => {
      const a = await scopeOf('a.py');
      for (const m of ['__future__', 'annotations', 'division']) assert.deepEqual(await check(python, 'imports', [a, s(m)], ctx), PASS, m);
      assert.deepEqual(await check(python, 'no_import', [a, s('__future__')], ctx), FAIL("Scope imports '__future__' but should not", ...a.paths));
      assert.deepEqual(await check(python, 'imports', [a, s('div')], ctx), FAIL("Scope does not import 'div'"));
      assert.deepEqual(await check(python, 'imports', [await scopeOf('b.py'), s('__future__')], ctx), FAIL("Scope does not import '__future__'"));
    }));

  it('`None` in a return annotation is a name (`-> str | None`, `-> Optional[None]`)', () =>
    withWorkspace({ 'a.py': 'def f(x: str) -> str | None:\n    pass\ndef g() -> Optional[None]:\n    pass\ndef h() -> None:\n    pass\ndef k() -> int:\n    pass\n' }, async (ctx, scopeOf) => {
      const a = await scopeOf('a.py');
      assert.deepEqual(await check(python, 'returns_type', [a, s('None')], ctx), PASS);
      for (const fn of ['f', 'g', 'h']) assert.deepEqual(await check(python, 'function_returns_type', [a, s(fn), s('None')], ctx), PASS, fn);
      assert.deepEqual(await check(python, 'function_returns_type', [a, s('f'), s('str')], ctx), PASS);
      assert.deepEqual(await check(python, 'function_returns_type', [a, s('k'), s('None')], ctx), FAIL("Function 'k' does not return type 'None'"));
    }));

  it('calls: a class definition `class T(Base):` and an import `from T.x import y` are not calls of T', () =>
    withWorkspace({ 'a.py': 'from T.x import y\nclass T(Base):\n    pass\n', 'b.py': 'T(1)\n' }, async (ctx, scopeOf) => {
      assert.deepEqual(await check(python, 'calls', [await scopeOf('a.py'), s('T')], ctx), FAIL("Scope does not call 'T'"));
      assert.deepEqual(await check(python, 'calls', [await scopeOf('a.py'), s('Base')], ctx), FAIL("Scope does not call 'Base'"));
      assert.deepEqual(await check(python, 'calls', [await scopeOf('b.py'), s('T')], ctx), PASS);
    }));

  it('calls_scope needs a call, not a method of the same name', () =>
    withWorkspace(
      {
        'store.py': 'def save(item):\n    pass\n',
        'model.py': 'class Model:\n    def save(self):\n        return self.data\n',
        'user.py': 'class User:\n    def persist(self):\n        self.save()\n',
      },
      async (ctx, scopeOf) => {
        const store = await scopeOf('store.py');
        assert.deepEqual(await check(python, 'calls_scope', [await scopeOf('model.py'), store], ctx), FAIL('Source scope does not call anything in target scope'));
        assert.deepEqual(await check(python, 'calls_scope', [await scopeOf('user.py'), store], ctx), PASS);
      },
    ));

  it('PY-11 unknown checks and selectors', () =>
    withWorkspace({ 'main.py': '' }, async (ctx, scopeOf) => {
      const m = await scopeOf('main.py');
      assert.deepEqual(await rejection(python.check('has_docstrings', [m], ctx)), { code: 'E499', message: 'Unknown check: python.has_docstrings' });
      assert.deepEqual(await rejection(python.check('module_selector', [s('x')], ctx)), { code: 'E499', message: 'Unknown check: python.module_selector' });
      assert.deepEqual(await rejection(python.call('package_selector', [s('x')], ctx)), { code: 'E499', message: 'Unknown function: python.package_selector' });
    }));

  it('argument errors', () =>
    withWorkspace({}, async (ctx) => {
      const sc: ScopeValue = { type: 'scope', kind: { Folder: 'x' }, paths: [], resolved: true };
      const cases: [string, unknown[], string, string][] = [
        ['imports', [], 'E410', 'imports requires a scope'],
        ['imports', [sc], 'E411', 'imports requires a module name'],
        ['no_import', [], 'E412', 'no_import requires a scope'],
        ['no_import', [sc], 'E413', 'no_import requires a module name'],
        ['returns_type', [], 'E414', 'returns_type requires a scope'],
        ['returns_type', [sc], 'E415', 'returns_type requires a type name'],
        ['function_returns_type', [], 'E416', 'function_returns_type requires a scope'],
        ['function_returns_type', [sc], 'E417', 'function_returns_type requires a function name'],
        ['function_returns_type', [sc, s('f')], 'E418', 'function_returns_type requires a type name'],
        ['calls', [], 'E419', 'calls requires a scope'],
        ['calls', [sc], 'E420', 'calls requires a target identifier'],
        ['calls_function', [], 'E421', 'calls_function requires a scope'],
        ['calls_function', [sc], 'E422', 'calls_function requires a module name'],
        ['calls_function', [sc, s('m')], 'E423', 'calls_function requires a function name'],
        ['calls_scope', [], 'E424', 'calls_scope requires a source scope'],
        ['calls_scope', [sc], 'E425', 'calls_scope requires a target scope'],
      ];
      for (const [fn, args, code, message] of cases) {
        assert.deepEqual(await rejection(python.check(fn, args as never, ctx)), { code, message }, fn);
      }
      assert.deepEqual(await rejection(python.call('module_selector', [], ctx)), { code: 'E400', message: 'module_selector requires a module path' });
      assert.deepEqual(await rejection(python.call('function_selector', [sc], ctx)), { code: 'E401', message: 'function_selector requires a function name' });
      assert.deepEqual(await rejection(python.call('class_selector', [], ctx)), { code: 'E402', message: 'class_selector requires a class name' });
    }));

  it('skips binary and non-UTF-8 files', async () => {
    const ws = makeWorkspace({ 'bin.py': Buffer.from([0, 1, 2, 0xff, 0x64, 0x65, 0x66]), 'latin.py': Buffer.from('def caf\xe9():\n    pass\n', 'latin1'), 'ok.py': 'def ok(): pass\n' });
    try {
      const ctx = contextFor(ws);
      assert.deepEqual((await select(python, 'function_selector', [s('ok')], ctx)).paths, [`${ws}/ok.py`]);
      const bad: ScopeValue = { type: 'scope', kind: { Folder: '.' }, paths: [`${ws}/bin.py`, `${ws}/latin.py`], resolved: true };
      assert.deepEqual(await check(python, 'calls', [bad, s('x')], ctx), FAIL("Scope does not call 'x'"));
      assert.deepEqual(await check(python, 'no_import', [bad, s('os')], ctx), PASS);
    } finally {
      removeWorkspace(ws);
    }
  });
});
