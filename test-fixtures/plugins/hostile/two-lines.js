#!/usr/bin/env node
'use strict';
// Two lines per request: the real answer, and a second one with the same id and the opposite
// verdict that arrives just before the answer to the next request (so a host that does not
// match ids takes it as that answer).
const { verdict, reply, serve } = require('./common');

let late;
serve((request) => {
  const answer = verdict(request, 'two-lines');
  const lines = [];
  if (late) lines.push(late);
  lines.push(reply(request.id, answer));
  late = reply(request.id, 'Pass' in answer ? { Fail: `stale second answer to request ${request.id}` } : { Pass: null });
  process.stdout.write(lines.join('\n') + '\n');
});
