import { inspect } from 'node:util';
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';

/**
 * Content changes that have arrived from the client but were not handled yet, per document.
 * The connection handles one message per turn of the event loop, so during a burst of
 * keystrokes many `didChange` notifications wait in its queue: a handler that knows more are
 * coming applies its change and leaves the analysis and the publication to the last one.
 */
export class PendingChanges {
  private readonly waiting = new Map<string, number>();

  /** A didChange for `uri` was read from the transport. */
  arrived(uri: string): void {
    this.waiting.set(uri, (this.waiting.get(uri) ?? 0) + 1);
  }

  /** The didChange handler took one for `uri`. */
  handled(uri: string): void {
    const n = (this.waiting.get(uri) ?? 0) - 1;
    if (n > 0) this.waiting.set(uri, n);
    else this.waiting.delete(uri);
  }

  /** Changes of `uri` still queued behind the one being handled. */
  behind(uri: string): number {
    return this.waiting.get(uri) ?? 0;
  }
}

/**
 * The server's connection over the transport named on the command line (`--stdio`,
 * `--node-ipc`, `--socket=N`, `--pipe=NAME`, as vscode-languageserver reads them), with a
 * reader that notes every arriving didChange in `pending` before it is queued.
 */
export function createServerConnection(pending: PendingChanges, argv: readonly string[] = process.argv.slice(2)): Connection {
  const transport = transportOf(argv);
  let shutdown = false;
  const reader = tap(transport.reader, (message) => {
    const m = message as { method?: string; params?: { textDocument?: { uri?: unknown } } };
    if (m.method === 'textDocument/didChange' && typeof m.params?.textDocument?.uri === 'string') pending.arrived(m.params.textDocument.uri);
    else if (m.method === 'shutdown') shutdown = true;
  });
  const connection = createConnection(ProposedFeatures.all, reader, transport.writer);
  if (transport.stdio) {
    // what vscode-languageserver does for --stdio: stdout is the protocol, so console output
    // goes to the client's log, and the server ends with its input
    const log = (...args: unknown[]): string => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
    console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(log(...args));
    console.warn = (...args: unknown[]) => connection.console.warn(log(...args));
    console.error = (...args: unknown[]) => connection.console.error(log(...args));
    const end = (): never => process.exit(shutdown ? 0 : 1);
    process.stdin.on('end', end);
    process.stdin.on('close', end);
  }
  return connection;
}

interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  stdio: boolean;
}

function transportOf(argv: readonly string[]): Transport {
  for (let i = 0; i < argv.length; i++) {
    const [name, value] = argv[i].split('=');
    if (name === '--node-ipc') return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
    if (name === '--stdio') return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), stdio: true };
    if (name === '--socket' || name === '--pipe') {
      const arg = value ?? argv[i + 1];
      const [reader, writer] = name === '--socket' ? createServerSocketTransport(Number.parseInt(arg, 10)) : createServerPipeTransport(arg);
      return { reader, writer, stdio: false };
    }
  }
  throw new Error("Start the language server with '--stdio', '--node-ipc', '--socket=N' or '--pipe=NAME'");
}

/** A reader that shows each message to `see` before handing it on. */
function tap(reader: MessageReader, see: (message: Message) => void): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback) =>
      reader.listen((message) => {
        see(message);
        callback(message);
      }),
    dispose: () => reader.dispose(),
  };
}
