import { strict as assert } from 'node:assert';
import { expressionText } from '../../src/model/expressionText';
import { programOf } from './support';

describe('canonical check text (language.md §7.4)', () => {
  const textOf = async (check: string): Promise<string> => expressionText((await programOf(`element a:\n    check ${check}\n`)).elements[0].checks[0].expression);

  it('strings single-quoted without escaping, numbers in shortest form, lists, booleans', async () => {
    assert.equal(await textOf(`files.exists(files.folder_selector("src"), "it's")`), "files.exists(files.folder_selector('src'), 'it's')");
    assert.equal(await textOf('f.g(8080, 2.5, 1048576, 0.1, 1.0)'), 'f.g(8080, 2.5, 1048576, 0.1, 1)');
    assert.equal(await textOf('f.g([1, "a", true], false)'), "f.g([1, 'a', true], false)");
    assert.equal(await textOf('a.b.c(x.y)'), 'a.b.c(x.y)');
    assert.equal(await textOf('src'), 'src');
    assert.equal(await textOf('f.g(0.000001, 100000000000000000000)'), 'f.g(0.000001, 100000000000000000000)');
  });

  it("large and tiny numbers: Rust's f64 Display, the shortest digits that read back, never an exponent", async () => {
    // the f64 nearest to 123456789012345690000000 is exactly 123456789012345685803008: Rust prints the short form
    assert.equal(await textOf('f.g(123456789012345690000000)'), 'f.g(123456789012345690000000)');
    assert.equal(await textOf('f.g(123456789012345678)'), 'f.g(123456789012345680)');
    assert.equal(await textOf('f.g(1000000000000000000000000000000, 0.0000001234)'), 'f.g(1000000000000000000000000000000, 0.0000001234)');
  });
});
