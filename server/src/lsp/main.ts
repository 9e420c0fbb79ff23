import { startServer } from './server';
import { createServerConnection, PendingChanges } from './transport';

// `--stdio`, `--node-ipc`, `--socket=N` and `--pipe=NAME` are read from the command line.
const pending = new PendingChanges();
startServer(createServerConnection(pending), pending);
