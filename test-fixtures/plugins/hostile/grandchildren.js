#!/usr/bin/env node
'use strict';
// Starts a child that starts a grandchild (both only sleep) and writes both pids to the file
// named by argument 1; answers requests and exits normally when stdin closes, leaving them.
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const { verdict, reply, recordPid, serve } = require('./common');

const pidFile = process.argv[2];
const sleeper = 'setInterval(() => {}, 1000)';
const middle = `
  const { spawn } = require('node:child_process');
  const g = spawn(process.execPath, ['-e', ${JSON.stringify(sleeper)}], { stdio: 'ignore' });
  require('node:fs').appendFileSync(${JSON.stringify(pidFile)}, g.pid + '\\n');
  ${sleeper};
`;
const child = spawn(process.execPath, ['-e', middle], { stdio: 'ignore' });
child.unref();
fs.appendFileSync(pidFile, `${child.pid}\n`);
recordPid(child.pid);
// answer only once both descendants are recorded, so a test knows every pid to look for
const bothStarted = new Promise((resolve) => {
  const poll = setInterval(() => {
    if (fs.readFileSync(pidFile, 'utf8').trim().split('\n').length >= 2) {
      clearInterval(poll);
      resolve();
    }
  }, 10);
});
serve(
  (request) => void bothStarted.then(() => process.stdout.write(reply(request.id, verdict(request, 'grandchildren')) + '\n')),
  () => process.exit(0),
);
