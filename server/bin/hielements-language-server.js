#!/usr/bin/env node
require('../out/src/lsp/main.js');
