// From the architecture to the code in VS Code: F12 on the name a check passes to the rust library
// lands in the Rust source (test-fixtures/lsp/navigation: a spec and a little Rust and Python code);
// a name declared twice opens the peek view with both; semantic tokens colour an element name
// differently from a scope name.
'use strict';
const path = require('node:path');
const { ENV, log, openFile, waitForToken, tokenBox, waitForStatusBar } = require('../session');

const CONFIG = {
  spec: 'arch.hie',
  /** `check rust.enum_exists('TokenKind')` (1-based line): one declaration → the editor goes there. */
  single: { line: 11, word: 'TokenKind', file: 'lib.rs', cursor: /Ln 8, Col 10\b/ },
  /** `check rust.struct_exists('Lexer')`: two declarations → the peek view lists both files. */
  several: { line: 10, word: 'Lexer', peek: /2 definitions|lib\.rs/ },
  /** An element and a scope name on the spec (1-based lines): different semantic colours. */
  semantic: { element: { line: 5, word: 'compiler' }, scope: { line: 6, word: 'lexer_src' } },
};

/** Clicks in the middle of a rendered word (it may be split in spans: try the quoted and bare forms). */
async function clickWord(page, line, word) {
  let box;
  for (const text of [word, `'${word}'`]) {
    box = await waitForToken(page, line, text, 30).catch(() => undefined);
    if (box) break;
  }
  if (!box) throw new Error(`"${word}" not rendered on line ${line}`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

module.exports = {
  name: 'navigation',
  workspace: path.join(ENV.repo, 'test-fixtures', 'lsp', 'navigation'),
  trusted: true,
  settings: { 'editor.semanticHighlighting.enabled': true },
  checks: ['F12 into Rust source', 'peek of two declarations', 'semantic colours'],

  async run({ page, shot }, check) {
    await openFile(page, CONFIG.spec);
    // the server is up once the semantic tokens colour the element name differently from the scope name
    let element;
    let scope;
    for (let i = 0; i < 100; i++) {
      element = await tokenBox(page, CONFIG.semantic.element.line, CONFIG.semantic.element.word);
      scope = await tokenBox(page, CONFIG.semantic.scope.line, CONFIG.semantic.scope.word);
      if (element && scope && element.className !== scope.className) break;
      await page.waitForTimeout(200);
    }
    check('semantic colours', Boolean(element && scope && element.className !== scope.className), `element ${element && element.className}, scope ${scope && scope.className}`);

    // two declarations: F12 opens the peek view
    await clickWord(page, CONFIG.several.line, CONFIG.several.word);
    await page.keyboard.press('F12');
    const peek = page.locator('.peekview-widget').first();
    await peek.waitFor({ state: 'visible', timeout: ENV.timeouts.ui }).catch(() => {});
    const peekText = (await peek.innerText().catch(() => '')).replace(/\s+/g, ' ');
    log('peek:', peekText.slice(0, 200));
    check('peek of two declarations', CONFIG.several.peek.test(peekText) && /parser/.test(peekText + (await page.locator('.peekview-widget .monaco-list-row').allInnerTexts().catch(() => [])).join(' ')), peekText.slice(0, 300));
    await page.keyboard.press('Escape');

    // one declaration: F12 goes to it
    await clickWord(page, CONFIG.single.line, CONFIG.single.word);
    await page.keyboard.press('F12');
    await page.locator(`.tab.active[aria-label*="${CONFIG.single.file}"]`).waitFor({ timeout: ENV.timeouts.ui }).catch(() => {});
    const active = await page.locator('.tab.active').first().getAttribute('aria-label').catch(() => '');
    const cursor = await waitForStatusBar(page, CONFIG.single.cursor).catch(() => '');
    await page.screenshot({ path: shot('code-server-navigation.png') });
    log('after F12:', active, cursor);
    check('F12 into Rust source', (active || '').includes(CONFIG.single.file) && CONFIG.single.cursor.test(cursor || ''), `active tab ${active}, cursor ${cursor}`);
  },
};
