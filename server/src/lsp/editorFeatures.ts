import type { Connection, ResponseError, ServerCapabilities } from 'vscode-languageserver';
import { definition } from './features/definition';
import { documentLinks } from './features/documentLinks';
import { formatting, rangeFormatting } from './features/formatting';
import { references } from './features/references';
import { prepareRename, rename } from './features/rename';
import { SemanticTokenResults } from './features/semanticTokenResults';
import { SEMANTIC_LEGEND, semanticTokens, semanticTokensInRows } from './features/semanticTokens';
import { workspaceSymbols } from './features/workspaceSymbols';
import { Resolver } from './navigation/resolver';
import { allSpecs, specsOf } from './navigation/specs';
import type { HieFile, WorkspaceState } from './workspaceState';

/** What the navigation, highlighting and formatting features add to the server's capabilities. */
export const EDITOR_CAPABILITIES: ServerCapabilities = {
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  documentLinkProvider: { resolveProvider: false },
  workspaceSymbolProvider: true,
  semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: { delta: true }, range: true },
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
};

export interface FeatureContext {
  state(): WorkspaceState;
  fileOf(uri: string): HieFile | undefined;
  /** Wraps a handler so that a failure is logged and answered with `fallback`. */
  safely<P, R>(name: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R>;
  /** `safely`, and ContentModified when newer changes of the document wait in the queue (transport.ts). */
  current<P extends { textDocument: { uri: string } }, R>(name: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R | ResponseError<void>>;
}

/**
 * Definition, references, rename, document links, workspace symbols (one resolver for all of
 * them: navigation/resolver.ts), semantic tokens and formatting.
 */
export function registerEditorFeatures(connection: Connection, ctx: FeatureContext): void {
  const resolver = (): Resolver => {
    const state = ctx.state();
    return new Resolver((file) => specsOf(state, file));
  };
  const withFile =
    <P extends { textDocument: { uri: string } }, R>(run: (file: HieFile, params: P) => R | Promise<R>, fallback: R) =>
    (params: P): R | Promise<R> => {
      const file = ctx.fileOf(params.textDocument.uri);
      return file ? run(file, params) : fallback;
    };

  connection.onDefinition(ctx.current('definition', null, withFile((file, { position }) => definition(resolver(), file, position), null)));
  connection.onReferences(
    ctx.current('references', [], withFile((file, { position, context }) => references(resolver(), file, position, context.includeDeclaration), [])),
  );
  connection.onPrepareRename(ctx.current('prepareRename', null, withFile((file, { position }) => prepareRename(resolver(), file, position), null)));
  // a rejected name must reach the editor as an error, so rename is not wrapped in `safely`
  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const file = ctx.fileOf(textDocument.uri);
    return file ? rename(resolver(), file, position, newName) : null;
  });
  connection.onDocumentLinks(ctx.current('documentLinks', [], withFile((file) => documentLinks(file), [])));
  connection.onWorkspaceSymbol(ctx.safely('workspaceSymbol', [], ({ query }) => workspaceSymbols(allSpecs(ctx.state()), query)));
  const tokenResults = new SemanticTokenResults<HieFile>();
  const tokensOf = (file: HieFile): readonly number[] => semanticTokens(file.doc.analysis.program, file.doc.text, file.doc.lineIndex).data;
  connection.languages.semanticTokens.on(ctx.current('semanticTokens', { data: [] }, withFile((file) => tokenResults.full(file, tokensOf(file)), { data: [] })));
  connection.languages.semanticTokens.onDelta(
    ctx.current('semanticTokensDelta', { edits: [] }, withFile((file, { previousResultId }) => tokenResults.delta(file, previousResultId, tokensOf(file)), { edits: [] })),
  );
  connection.languages.semanticTokens.onRange(
    ctx.current(
      'semanticTokensRange',
      { data: [] },
      withFile((file, { range }) => semanticTokensInRows(file.doc.analysis.program, file.doc.text, file.doc.lineIndex, range.start.line, range.end.line), { data: [] }),
    ),
  );
  connection.onDocumentFormatting(ctx.current('formatting', null, withFile((file) => formatting(file), null)));
  connection.onDocumentRangeFormatting(ctx.current('rangeFormatting', null, withFile((file, { range }) => rangeFormatting(file, range), null)));
}
