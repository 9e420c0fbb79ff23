#!/usr/bin/env node
require('../out/src/cli/entry.js');
