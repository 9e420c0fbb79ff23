#!/usr/bin/env node
'use strict';
// After each answer, floods stderr (argument 1: bytes, default 25 MB); never exits by itself.
const { verdict, reply, serve } = require('./common');

const total = Number(process.argv[2] || 25_000_000);
const block = 'flood '.repeat(170) + '\n';

async function flood() {
  for (let sent = 0; sent < total; sent += block.length) {
    if (!process.stderr.write(block)) await new Promise((r) => process.stderr.once('drain', r));
  }
}

setInterval(() => {}, 1000);
serve((request) => {
  process.stdout.write(reply(request.id, verdict(request, 'stderr-flood')) + '\n', () => void flood());
});
