import { strict as assert } from 'node:assert';
import { TempWorkspace } from '../helpers/cliHarness';

/** Bad command lines get one line naming the problem and what is valid, on stderr, exit 2, and nothing runs. */
describe('cli: usage errors', () => {
  const ws = new TempWorkspace({
    't.hie': "import files\nelement a:\n    scope x = files.folder_selector('.')\n    check files.exists(x, 't.hie')\n",
    'plain.txt': '',
    'plugins/hielements.toml': '[libraries]\ntool = { executable = "tool" }\n',
    'uses-tool.hie': 'import tool\nelement a:\n    scope x = tool.thing()\n',
  });
  after(() => ws.dispose());

  const FORMATS = 'human, json, sarif, junit, github';
  const cases: [string[], string][] = [
    [['check', 't.hie', '--format', 'xml'], `error: invalid value 'xml' for '--format'; valid values: ${FORMATS}\n`],
    [['run', 't.hie', '-f', 'xml'], `error: invalid value 'xml' for '--format'; valid values: ${FORMATS}\n`],
    [['doc', '--format', 'html'], "error: invalid value 'html' for '--format'; valid values: markdown, md, json\n"],
    [['run', 't.hie', '--format'], `error: option '--format' needs one of ${FORMATS}\n`],
    [['run', 't.hie', '-w', 'nope'], "error: workspace folder 'nope' does not exist\n"],
    [['check', 't.hie', '--workspace', 'nope'], "error: workspace folder 'nope' does not exist\n"],
    [['doc', '-w', 'plain.txt'], "error: workspace 'plain.txt' is not a folder\n"],
    [['doc', '--library', 'nope'], "error: unknown library 'nope' in --library; available: files, python, rust\n"],
    [['doc', '-l', 'rust, nope,gone'], "error: unknown libraries 'nope', 'gone' in --library; available: files, python, rust\n"],
    [
      ['run', 't.hie', '--frobnicate'],
      "error: unknown option '--frobnicate' for 'hielements run'; valid options: -w/--workspace, -f/--format, --dry-run, -v/--verbose, --filter, --limit, --pattern-checks, --baseline, --write-baseline, -h/--help\n",
    ],
    [['check', '-x', 't.hie'], "error: unknown option '-x' for 'hielements check'; valid options: -w/--workspace, -f/--format, -h/--help\n"],
    [['run', 't.hie', '--dry-run=yes'], "error: option '--dry-run' takes no value\n"],
    [['run', 't.hie', '--limit', 'ten'], "error: invalid value 'ten' for '--limit <N>': expected a whole number\n"],
    [['frobnicate'], "error: unrecognized subcommand 'frobnicate'; valid commands: check, run, parse, doc, fmt, plugin, init (see hielements --help)\n"],
    [['run'], 'error: the required argument <FILE> was not provided (usage: hielements run <FILE> [OPTIONS])\n'],
    [['parse', 't.hie', 'extra.hie'], "error: unexpected argument 'extra.hie' (usage: hielements parse <FILE> [OPTIONS])\n"],
  ];
  for (const [argv, stderr] of cases) {
    it(`hielements ${argv.join(' ')}`, async () => {
      assert.deepEqual(await ws.cli(...argv), { exit: 2, stdout: '', stderr });
    });
  }

  it('check -w DIR reads the plugin libraries of DIR/hielements.toml (no W001 for them)', async () => {
    const here = await ws.cli('check', 'uses-tool.hie', '--format', 'json');
    // W113: the scope can never be evaluated (its library is unknown here)
    assert.deepEqual(JSON.parse(here.stdout).warnings.map((w: { code: string }) => w.code), ['W001', 'W113']);
    const there = await ws.cli('check', 'uses-tool.hie', '-w', 'plugins', '--format', 'json');
    assert.equal(there.exit, 0);
    assert.deepEqual(JSON.parse(there.stdout).warnings, []);
  });

  it('options may come before the file; --help lists the formats', async () => {
    assert.equal((await ws.cli('check', '-f', 'github', 't.hie')).exit, 0);
    const help = await ws.cli('run', '--help');
    assert.match(help.stdout, /^ {2}-f, --format <FORMAT> +human, json, sarif, junit, github \(default: human\)$/m);
    assert.match(help.stdout, /^ {2}--baseline <FILE> +known failures/m);
  });
});
