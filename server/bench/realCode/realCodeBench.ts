import { generatedWorkspace } from '../inputs';
import { mb, ms, row } from '../stats';
import { debianCrate, SMOKE_CRATES, SMOKE_PYTHON, stdlibPackage, type Corpus } from './corpora';
import { macroCost } from './macroCost';
import { smokeRun } from './smoke';

/**
 * The real-code smoke run of `npm run bench -- engine`: real crates and standard-library
 * packages, a generated spec each, run by the CLI in a new process. Prints the time per
 * corpus; throws (the bench exits 1) on any ERROR result or crash.
 */
export async function realCodeBench(): Promise<void> {
  const corpora: Corpus[] = [...SMOKE_CRATES.map((c) => debianCrate(c)), ...SMOKE_PYTHON.map((p) => stdlibPackage(p))];
  console.log('\nreal code: Debian librust-*-dev crates and Python standard-library packages, one generated spec each');
  const problems: string[] = [];
  for (const c of corpora) {
    const r = smokeRun(c);
    const s = r.summary;
    row(`${c.label} (${r.sourceFiles} files): cold \`run\`, ${s.total} checks`, ms(r.wallMs), `${s.passed} pass, ${s.failed} fail, ${s.errors} errors; RSS ${mb(r.maxRssBytes)}`);
    for (const p of r.problems) problems.push(`${c.label}: ${p}`);
  }
  console.log('\nmacro invocations read as items (facts of every file, parse excluded; CPU time, median of 8 rounds, 4 for the generated workspace)');
  const generated: Corpus = { name: 'generated', language: 'rust', root: generatedWorkspace(), label: 'generated workspace' };
  for (const c of [...corpora.filter((x) => x.language === 'rust'), generated]) {
    const m = await macroCost(c, c === generated ? 4 : 8);
    const extra = Math.round((m.withBodiesMs / m.plainMs - 1) * 100);
    const parsed = `${((m.bodyChars / m.chars) * 100).toFixed(1)} % of the text`;
    row(`${c.label}: facts without / with macro bodies`, `${ms(m.plainMs)} / ${ms(m.withBodiesMs)}`, `${extra >= 0 ? '+' : ''}${extra} %; bodies ${parsed}; +${m.extraDeclarations} declarations`);
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(`  PROBLEM ${p}`);
    throw new Error(`real-code smoke run: ${problems.length} problem(s)`);
  }
}
