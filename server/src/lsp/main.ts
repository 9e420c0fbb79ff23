import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// `--stdio`, `--node-ipc` and `--socket=N` are read from the command line by createConnection.
startServer(createConnection(ProposedFeatures.all));
