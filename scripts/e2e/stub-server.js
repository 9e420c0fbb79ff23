#!/usr/bin/env node
// STUB LANGUAGE SERVER — ONLY for validating the editor harnesses (nvim-lsp-probe.lua, code-server-e2e.js)
// while the real server (server/src/lsp) is being written. No test of the suite uses it.
// It imitates the few answers those harnesses look for, on test-fixtures/editor:
//   - `element <name>` followed by a newline: E007 "Expected Colon, found Newline" on the newline;
//   - hover on `files.exists`: its signature;
//   - hielements.toml with [libraries.deps] and no capabilities: a warning + quick-fix adding fs = "read";
//   - workspace/executeCommand hielements.runChecks and every (re)validation: a hielements/checkSummary.
// Usage: node scripts/e2e/stub-server.js --stdio | --node-ipc
'use strict';
const { createConnection, TextDocuments, ProposedFeatures, DiagnosticSeverity, CodeActionKind, MarkupKind } =
  require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const GRANT_TITLE = 'Grant capabilities.fs = "read" to deps';

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: 1,
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    // STUB_NO_COMMANDS=1: advertise no commands, to exercise the extension's own hielements.runChecks
    ...(process.env.STUB_NO_COMMANDS ? {} : { executeCommandProvider: { commands: ['hielements.runChecks'] } }),
  },
  serverInfo: { name: 'hielements-stub-server (harness validation only)' },
}));

function hieDiagnostics(doc) {
  const out = [];
  doc.getText().split(/\r?\n/).forEach((line, i, lines) => {
    const m = /^(\s*element\s+[A-Za-z_]\w*)\s*$/.exec(line);
    if (m && i + 1 < lines.length) {
      out.push({
        range: { start: { line: i, character: line.length }, end: { line: i, character: line.length + 1 } },
        severity: DiagnosticSeverity.Error, code: 'E007', source: 'hielements', message: 'Expected Colon, found Newline',
      });
    }
  });
  return out;
}

function depsEntry(doc) {
  const lines = doc.getText().split(/\r?\n/);
  const header = lines.findIndex((l) => l.trim() === '[libraries.deps]');
  if (header < 0) return undefined;
  let end = header + 1;
  while (end < lines.length && !/^\s*\[/.test(lines[end])) end++;
  const body = lines.slice(header + 1, end);
  if (body.some((l) => /^\s*capabilities\b/.test(l))) return undefined;
  const pathLine = body.findIndex((l) => /^\s*path\s*=/.test(l));
  return { header, insertAfter: pathLine >= 0 ? header + 1 + pathLine : header, headerLength: lines[header].length };
}

function tomlDiagnostics(doc) {
  const entry = depsEntry(doc);
  if (!entry) return [];
  return [{
    range: { start: { line: entry.header, character: 0 }, end: { line: entry.header, character: entry.headerLength } },
    severity: DiagnosticSeverity.Warning, code: 'W301', source: 'hielements',
    message: 'library `deps` imports wasi:filesystem but is not granted `capabilities.fs`',
  }];
}

function validate(doc) {
  const diagnostics = doc.uri.endsWith('hielements.toml') ? tomlDiagnostics(doc) : hieDiagnostics(doc);
  connection.sendDiagnostics({ uri: doc.uri, diagnostics });
  sendSummary();
}

// `passed` counts the runs, so a harness can tell that its Run Checks command reached the server
let runs = 0;
function sendSummary() {
  runs++;
  const failed = documents.all().filter((d) => d.uri.endsWith('.hie') && hieDiagnostics(d).length > 0).length;
  connection.sendNotification('hielements/checkSummary', { passed: runs, failed, errors: 0, total: runs + failed });
}

documents.onDidChangeContent((e) => validate(e.document));

connection.onHover(({ textDocument, position }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return null;
  const line = doc.getText().split(/\r?\n/)[position.line] ?? '';
  const re = /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/g;
  for (let m; (m = re.exec(line));) {
    if (position.character >= m.index && position.character <= m.index + m[0].length && m[0] === 'files.exists') {
      return {
        contents: { kind: MarkupKind.Markdown, value: '```hielements\nfiles.exists(scope: Scope, filename: string)\n```\n\nStub hover.' },
        range: { start: { line: position.line, character: m.index }, end: { line: position.line, character: m.index + m[0].length } },
      };
    }
  }
  return null;
});

connection.onCodeAction(({ textDocument, context }) => {
  const doc = documents.get(textDocument.uri);
  const entry = doc && doc.uri.endsWith('hielements.toml') ? depsEntry(doc) : undefined;
  if (!entry) return [];
  const at = { line: entry.insertAfter + 1, character: 0 };
  return [{
    title: GRANT_TITLE, kind: CodeActionKind.QuickFix, isPreferred: true,
    diagnostics: context.diagnostics.filter((d) => d.code === 'W301'),
    edit: { changes: { [doc.uri]: [{ range: { start: at, end: at }, newText: 'capabilities = { fs = "read" }\n' }] } },
  }];
});

connection.onExecuteCommand(({ command, arguments: args }) => {
  if (command === 'hielements.runChecks') {
    connection.console.log(`runChecks arguments: ${JSON.stringify(args)}`);
    sendSummary();
  }
  return null;
});

documents.listen(connection);
connection.listen();
