import { engineBench } from './engineBench';
import { syntaxBench } from './syntaxBench';
import { pluginBench } from './pluginBench';
import { lspBench } from './lspBench';
import { cliBench } from './cliBench';

/**
 * `npm run bench [suite [part]]`: every figure the issues ask for, on the shared generators'
 * inputs (`npm run bench -- lsp typing` runs only the random-typing workload).
 */
async function main(): Promise<void> {
  const [only, ...rest] = process.argv.slice(2);
  const suites: Record<string, () => Promise<void>> = {
    syntax: syntaxBench, engine: engineBench, plugins: pluginBench, lsp: () => lspBench(rest[0]), cli: () => cliBench(rest),
  };
  for (const [name, run] of Object.entries(suites)) {
    if (only && only !== name) continue;
    console.log(`\n== ${name} ==`);
    await run();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
