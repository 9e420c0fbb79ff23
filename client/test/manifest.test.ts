import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_COMMANDS } from '../src/commandIds';
import { HIELEMENTS_LANGUAGE_ID } from '../src/documentSelector';
import { RUN_CHECKS_MODES, SETTING_KEYS, SETTINGS_SECTION } from '../src/settings';

/** package.json and language-configuration.json agree with the code and with each other. */
const CLIENT = path.resolve(__dirname, '..', '..'); // client/out/test → client
const REPO = path.resolve(CLIENT, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(CLIENT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const languageConfig = JSON.parse(fs.readFileSync(path.join(CLIENT, 'language-configuration.json'), 'utf8'));

describe('extension manifest', () => {
  it('contributes the hielements language for .hie with its configuration', () => {
    assert.deepEqual(contributes.languages.map((l: { id: string; extensions: string[]; configuration: string }) =>
      [l.id, l.extensions, l.configuration]), [[HIELEMENTS_LANGUAGE_ID, ['.hie'], './language-configuration.json']]);
    assert.ok(manifest.activationEvents.includes(`onLanguage:${HIELEMENTS_LANGUAGE_ID}`));
  });

  it('contributes the grammar that the bundle step copies from syntaxes/', () => {
    const grammar = JSON.parse(fs.readFileSync(path.join(REPO, 'syntaxes', 'hielements.tmLanguage.json'), 'utf8'));
    assert.deepEqual(contributes.grammars, [
      { language: HIELEMENTS_LANGUAGE_ID, scopeName: grammar.scopeName, path: './dist/hielements.tmLanguage.json' },
    ]);
    assert.match(fs.readFileSync(path.join(CLIENT, 'build', 'bundle.js'), 'utf8'), /'hielements\.tmLanguage\.json'/);
  });

  it('contributes exactly the commands the extension implements', () => {
    assert.deepEqual(contributes.commands.map((c: { command: string }) => c.command).sort(), [...ALL_COMMANDS].sort());
  });

  it('contributes exactly the settings the extension reads', () => {
    const keys = Object.keys(contributes.configuration.properties).sort();
    assert.deepEqual(keys, Object.values(SETTING_KEYS).map((k) => `${SETTINGS_SECTION}.${k}`).sort());
    assert.deepEqual(contributes.configuration.properties['hielements.checks.run'].enum, [...RUN_CHECKS_MODES]);
  });

  it('supports untrusted workspaces in a limited way, and never lets a workspace choose the server program', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.match(untrusted.description, /external plugins .* are not started/);
    assert.deepEqual(untrusted.restrictedConfigurations, [`${SETTINGS_SECTION}.${SETTING_KEYS.serverPath}`]);
    assert.equal(contributes.configuration.properties[`${SETTINGS_SECTION}.${SETTING_KEYS.serverPath}`].scope, 'machine');
  });

  it('runs the bundled extension', () => {
    assert.equal(manifest.main, './dist/extension.js');
  });
});

describe('language configuration', () => {
  const rules = languageConfig.onEnterRules as { beforeText: string; afterText?: string; action: { indent: string; appendText?: string } }[];
  const onEnter = (before: string, after = '') =>
    rules.find((r) => new RegExp(r.beforeText).test(before) && (!r.afterText || new RegExp(r.afterText).test(after)))?.action;

  it('indents after a block opener, also with a trailing comment', () => {
    assert.deepEqual(onEnter('element compiler:'), { indent: 'indent' });
    assert.deepEqual(onEnter('    pattern p: # blueprint'), { indent: 'indent' });
    assert.deepEqual(onEnter('element a {', '}'), { indent: 'indentOutdent' });
    assert.deepEqual(onEnter('element a {'), { indent: 'indent' });
  });

  it('does not indent after a statement or a comment ending in a colon', () => {
    assert.equal(onEnter("    scope s = files.folder_selector('src')"), undefined);
    assert.equal(onEnter('# note:'), undefined);
  });

  it('continues doc comments', () => {
    assert.deepEqual(onEnter('    ## The compiler'), { indent: 'none', appendText: '## ' });
  });

  it('uses # line comments and ### block comments', () => {
    assert.deepEqual(languageConfig.comments, { lineComment: '#', blockComment: ['###', '###'] });
    const increase = new RegExp(languageConfig.indentationRules.increaseIndentPattern);
    assert.ok(increase.test('element a:') && !increase.test('    check f.g(x)'));
  });
});
