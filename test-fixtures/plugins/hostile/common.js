'use strict';
// Shared by the hostile Node plugins: read requests line by line, answer each with
// answer(request) (a JSON-RPC result), record started pids when HIE_HOSTILE_PIDS is set.
const fs = require('node:fs');
const readline = require('node:readline');

function verdict(request, name) {
  const fn = request.params && request.params.function;
  return fn === 'verdict' ? { Fail: `${name} says no` } : { Pass: null };
}

function reply(id, result) {
  return JSON.stringify({ jsonrpc: '2.0', result, id });
}

function recordPid(pid) {
  if (process.env.HIE_HOSTILE_PIDS) fs.appendFileSync(process.env.HIE_HOSTILE_PIDS, `${pid}\n`);
}

/** Calls onRequest(request, n) for every request line (n counts from 1); onEnd when stdin closes. */
function serve(onRequest, onEnd) {
  recordPid(process.pid);
  const rl = readline.createInterface({ input: process.stdin });
  let n = 0;
  rl.on('line', (line) => {
    if (line.trim() === '') return;
    onRequest(JSON.parse(line), ++n);
  });
  rl.on('close', () => onEnd && onEnd());
}

module.exports = { verdict, reply, recordPid, serve };
