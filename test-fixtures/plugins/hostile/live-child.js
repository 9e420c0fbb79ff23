#!/usr/bin/env node
'use strict';
// Keeps a live child (it inherits this process's stdout and stderr) and ignores the end of stdin:
// the child's handle keeps this process running.
const { spawn } = require('node:child_process');
const { verdict, reply, recordPid, serve } = require('./common');

const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'inherit', 'inherit'] });
recordPid(child.pid);
serve((request) => process.stdout.write(reply(request.id, verdict(request, 'live-child')) + '\n'));
