import { scope, type Value } from '../../../eval/values';
import { defineFunction, stringParam } from '../define';
import { fileStem } from '../paths';
import { findPythonFiles, pythonContext } from './pythonWorkspace';

const moduleSelector = defineFunction({
  name: 'module_selector',
  description:
    'Select the files of a module by dotted path: `<last>.py` or a package `__init__.py` whose path contains the last part; with several parts the path must contain them joined by `/`.',
  params: [stringParam('module_path', 'Dotted module path such as `orders.api`', 'E400', 'module_selector requires a module path')],
  returns: 'Scope',
  example: "scope api = python.module_selector('orders.api')",
  async run([modulePath], ctx): Promise<Value> {
    const pc = pythonContext(ctx);
    const parts = modulePath.split('.');
    const last = parts[parts.length - 1];
    const joined = parts.join('/');
    const files = await pc.state.scan.shownFiles((f) => pc.ws.display(f), fileStem);
    const selected = files
      // Paths are matched below the workspace (the reference also looks at the workspace prefix).
      .filter(({ rel, stem }) => (stem === last || (stem === '__init__' && rel.includes(last))) && (parts.length < 2 || rel.includes(joined)))
      .map((f) => f.shown);
    return scope({ File: modulePath }, [...new Set(selected)].sort());
  },
});

const functionSelector = defineFunction({
  name: 'function_selector',
  description: 'Select the workspace Python files that define a function or method with this exact name (`def` or `async def`).',
  params: [stringParam('func_name', 'Name of the function', 'E401', 'function_selector requires a function name')],
  returns: 'Scope',
  example: "scope handlers = python.function_selector('handle_request')",
  async run([name], ctx): Promise<Value> {
    const found = await findPythonFiles(pythonContext(ctx), 'def\0' + name, name, (f) => f.functions.some((fn) => fn.name === name));
    return scope({ File: 'fn:' + name }, found);
  },
});

const classSelector = defineFunction({
  name: 'class_selector',
  description: 'Select the workspace Python files that define a class with this exact name.',
  params: [stringParam('class_name', 'Name of the class', 'E402', 'class_selector requires a class name')],
  returns: 'Scope',
  example: "scope models = python.class_selector('Order')",
  async run([name], ctx): Promise<Value> {
    const found = await findPythonFiles(pythonContext(ctx), 'class\0' + name, name, (f) => f.classes.has(name));
    return scope({ File: 'class:' + name }, found);
  },
});

export const pythonSelectors = [moduleSelector, functionSelector, classSelector];
