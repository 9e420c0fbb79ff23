#!/usr/bin/env node
// Recording plugin for tests (conformance.md §8): appends every request line it receives
// to the file named by its first argument and answers according to the JSON script named
// by its second argument. Requests are counted across restarts (from the log file), so a
// script can describe a plugin that hangs once and then answers. Script: an array of actions, one per request (the last action
// repeats), or {"steps": [...], "otherwise": action}. Without a script every request gets
// {"Pass": null}. `$ID` in answer text is replaced by the request's id.
//
// Actions:
//   "text" | {"line": "text"}       write text + "\n"
//   {"raw": "text"}                 write text as is (no newline)
//   {"chunks": ["a", "b"], "delayMs": 20}   write pieces with pauses (partial lines)
//   {"lines": ["a", "b"]}           several lines in one write
//   {"exit": 3}                     exit without answering
//   {"crash": "partial text"}       write the partial text, then die (SIGKILL itself)
//   {"hang": true}                  never answer (stays alive)
//   {"huge": 5000000}               answer a String result of that many characters
//   {"stderr": 20000000, "then": action}   flood stderr with that many bytes, then act
//   {"echoArg": 0}                  answer with params.args[0] as the result
//   {"delayMs": 50, "then": action} wait, then act
'use strict';
const fs = require('fs');
const readline = require('readline');

const [logFile, scriptFile] = process.argv.slice(2);
const script = scriptFile ? JSON.parse(fs.readFileSync(scriptFile, 'utf8')) : [];
const steps = Array.isArray(script) ? script : script.steps || [];
const otherwise = Array.isArray(script) ? undefined : script.otherwise;
const PASS = '{"jsonrpc":"2.0","result":{"Pass":null},"id":$ID}';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const write = (text) => new Promise((r) => process.stdout.write(text, () => r()));

function actionFor(n) {
  if (n < steps.length) return steps[n];
  if (otherwise !== undefined) return otherwise;
  return steps.length > 0 ? steps[steps.length - 1] : PASS;
}

async function perform(action, request) {
  const id = request && request.id !== undefined ? String(request.id) : 'null';
  const sub = (t) => t.split('$ID').join(id);
  if (typeof action === 'string') return write(sub(action) + '\n');
  if (action.line !== undefined) return write(sub(action.line) + '\n');
  if (action.raw !== undefined) return write(sub(action.raw));
  if (action.lines) return write(action.lines.map(sub).join('\n') + '\n');
  if (action.chunks) {
    for (const c of action.chunks) {
      await write(sub(c));
      await sleep(action.delayMs || 20);
    }
    return;
  }
  if (action.exit !== undefined) process.exit(action.exit);
  if (action.crash !== undefined) {
    await write(action.crash);
    process.kill(process.pid, 'SIGKILL');
    return sleep(10000);
  }
  if (action.hang) return new Promise(() => undefined);
  if (action.huge !== undefined) {
    return write(`{"jsonrpc":"2.0","result":{"String":"${'x'.repeat(action.huge)}"},"id":${id}}\n`);
  }
  if (action.stderr !== undefined) {
    const block = 'e'.repeat(1023) + '\n';
    for (let sent = 0; sent < action.stderr; sent += block.length) {
      if (!process.stderr.write(block)) await new Promise((r) => process.stderr.once('drain', r));
    }
    return perform(action.then || PASS, request);
  }
  if (action.echoArg !== undefined) {
    const arg = request.params.args[action.echoArg];
    return write(JSON.stringify({ jsonrpc: '2.0', result: arg, id: request.id }) + '\n');
  }
  if (action.delayMs !== undefined) {
    await sleep(action.delayMs);
    return perform(action.then || PASS, request);
  }
  throw new Error('unknown action ' + JSON.stringify(action));
}

async function main() {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const n = logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').length - 1 : 0;
    if (logFile) fs.appendFileSync(logFile, line + '\n');
    let request;
    try {
      request = JSON.parse(line);
    } catch {
      request = undefined;
    }
    await perform(actionFor(n), request);
  }
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack) + '\n');
  process.exit(70);
});
