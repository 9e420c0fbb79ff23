import type { Token } from './tokens';

/**
 * Names the first syntax error in a token stream the way the reference parser does
 * (language.md §3–§4, diagnostic catalogue §10.2): code, message, offending token.
 *
 * Tree-sitter tells us *that* a region is broken and recovers; this recogniser, which
 * accepts exactly the language of grammar.js, tells *what* is wrong at *which* token, so
 * users see "E007 Expected Colon, found Newline" rather than "ERROR node". Constructs the
 * grammar accepts on purpose (requires in elements, unbounded scopes, …) are accepted here
 * too; the model layer (model/build.ts) reports them.
 */
export interface SyntaxFailure {
  code: string;
  message: string;
  /** Index into the token array of the offending token. */
  at: number;
}

const SOFT_KEYWORDS = new Set([
  'Scope', 'Element', 'Check', 'ConnectionPoint', 'Ref', 'Uses', 'Template', 'Pattern', 'Implements',
  'Binds', 'To', 'Requires', 'Allows', 'Forbids', 'Descendant', 'Connection', 'Language', 'ConnectionCheck',
]);

export const UNTERMINATED_STRING = 'Unterminated string literal: add the closing quote on the same line';

const TOP_LEVEL = "Expected 'template', 'element', or 'language'";
const ELEMENT_BODY = "Expected 'scope', 'ref', 'uses', 'check', or 'element'";
const PATTERN_BODY = "Expected 'scope', 'ref', 'check', 'element', 'requires', 'allows', or 'forbids' in template";

class Failure extends Error {
  constructor(readonly failure: SyntaxFailure) {
    super(failure.message);
  }
}

type BodyContext = 'element' | 'pattern';

class Recogniser {
  private pos: number;

  constructor(private readonly tokens: readonly Token[], start: number) {
    this.pos = start;
  }

  // ── token access ──────────────────────────────────────────────────────────
  private peek(offset = 0): string {
    const i = Math.min(this.pos + offset, this.tokens.length - 1);
    const kind = this.tokens[i].kind;
    if (kind === 'Invalid' && offset === 0) {
      const text = this.tokens[i].text;
      this.fail('E017', `Invalid character '${text.length > 8 ? text.slice(0, 8) + '…' : text}'`);
    }
    return kind;
  }
  private at(kind: string): boolean {
    return this.peek() === kind;
  }
  private advance(): void {
    if (this.pos < this.tokens.length - 1) this.pos++;
  }
  private fail(code: string, message: string): never {
    throw new Failure({ code, message, at: this.pos });
  }
  private found(): string {
    return this.peek();
  }
  private expect(kind: string): void {
    if (!this.at(kind)) this.fail('E007', `Expected ${kind}, found ${this.found()}`);
    this.advance();
  }
  private isName(kind: string): boolean {
    return kind === 'Identifier' || SOFT_KEYWORDS.has(kind);
  }
  private name(): void {
    if (!this.isName(this.peek())) this.fail('E004', `Expected identifier, found ${this.found()}`);
    this.advance();
  }
  private qualifiedName(): void {
    this.name();
    while (this.at('Dot')) {
      this.advance();
      this.name();
    }
  }
  private skipNewlines(): void {
    while (this.at('Newline')) this.advance();
  }
  /** Statement end: a newline, or (without consuming) a dedent or the end of input. */
  private eol(): void {
    const kind = this.peek();
    if (kind === 'Newline') return this.advance();
    if (kind === 'Dedent' || kind === 'Eof') return;
    this.fail('E008', `Expected newline, found ${kind}`);
  }

  // ── program ───────────────────────────────────────────────────────────────
  program(): void {
    for (;;) {
      this.skipNewlines();
      switch (this.peek()) {
        case 'Eof':
          return;
        case 'Import':
          this.importStatement();
          break;
        case 'From':
          this.fromImport();
          break;
        case 'Pattern':
        case 'Template':
          this.pattern();
          break;
        case 'Element':
          this.element('element');
          break;
        case 'Language':
          this.language();
          break;
        default:
          this.fail('E001', `${TOP_LEVEL}, found ${this.found()}`);
      }
    }
  }

  private importPath(): void {
    if (this.at('UnterminatedString')) this.fail('E018', UNTERMINATED_STRING);
    if (this.at('StringSingle') || this.at('StringDouble')) this.advance();
    else this.qualifiedName();
  }

  private importStatement(): void {
    this.advance();
    this.importPath();
    if (this.at('As')) {
      this.advance();
      this.name();
    }
    this.eol();
  }

  private fromImport(): void {
    this.advance();
    this.importPath();
    this.expect('Import');
    this.name();
    while (this.at('Comma')) {
      this.advance();
      this.name();
    }
    this.eol();
  }

  // ── languages ─────────────────────────────────────────────────────────────
  private language(): void {
    this.advance();
    this.name();
    if (!this.at('Colon')) return this.eol();
    this.advance();
    if (!this.at('Newline')) this.fail('E007', `Expected Indent, found ${this.found()}`);
    this.skipNewlines();
    this.indentedItems((kind) => {
      if (kind !== 'ConnectionCheck') this.fail('E013', `Expected 'connection_check' in language body, found ${kind}`);
      this.connectionCheck();
    });
  }

  private connectionCheck(): void {
    this.advance();
    this.name();
    this.expect('LParen');
    while (!this.at('RParen')) {
      this.name();
      this.expect('Colon');
      this.expect('Scope');
      this.expect('LBracket');
      this.expect('RBracket');
      if (!this.at('Comma')) break;
      this.advance();
    }
    this.expect('RParen');
    this.expect('Colon');
    this.skipNewlines();
    this.expect('Indent');
    this.skipNewlines();
    this.expression();
    this.eol();
    this.skipNewlines();
    if (this.at('Dedent')) this.advance();
  }

  // ── patterns and elements ─────────────────────────────────────────────────
  private pattern(): void {
    this.advance();
    this.name();
    if (this.at('Implements')) this.implementsClause();
    this.block('pattern');
  }

  private element(context: BodyContext | 'element'): void {
    this.advance();
    this.name();
    if (this.at('Implements')) this.implementsClause();
    this.block(context === 'pattern' ? 'pattern' : 'element');
  }

  private implementsClause(): void {
    this.advance();
    this.name();
    while (this.at('Comma')) {
      this.advance();
      this.name();
    }
  }

  private block(context: BodyContext): void {
    const kind = this.peek();
    if (kind === 'LBrace') return this.braceBody(context);
    if (kind === 'Colon') {
      this.advance();
      if (!this.at('Newline')) this.fail('E007', `Expected Indent, found ${this.found()}`);
      return this.indentBody(context);
    }
    // (the grammar reads a body after a header without `:`; model/build.ts reports it too)
    this.fail('E007', `Expected Colon, found ${kind}`);
  }

  /** After `:`: newlines, then an optional indented body. */
  private indentBody(context: BodyContext): void {
    this.skipNewlines();
    this.indentedItems(() => this.member(context, false));
  }

  /** `INDENT { NEWLINE | item } DEDENT` (nothing when no indent follows; end of input closes it). */
  private indentedItems(item: (kind: string) => void): void {
    if (!this.at('Indent')) return;
    this.advance();
    for (;;) {
      this.skipNewlines();
      const kind = this.peek();
      if (kind === 'Dedent') return this.advance();
      if (kind === 'Eof') return;
      item(kind);
    }
  }

  private braceBody(context: BodyContext): void {
    this.advance();
    for (;;) {
      while (this.at('Newline') || this.at('Indent') || this.at('Dedent')) this.advance();
      const kind = this.peek();
      if (kind === 'RBrace') return this.advance();
      if (kind === 'Eof') return;
      this.member(context, true);
    }
  }

  /** One body member; `inBraces` lets the last simple member end at `}`. */
  private member(context: BodyContext, inBraces: boolean): void {
    const kind = this.peek();
    const simple = (): void => {
      if (inBraces && this.at('RBrace')) return;
      this.eol();
    };
    switch (kind) {
      case 'Scope':
        this.scopeDeclaration();
        return simple();
      case 'Ref':
      case 'ConnectionPoint':
        this.refDeclaration();
        return simple();
      case 'Check':
        this.advance();
        this.expression();
        return simple();
      case 'Element':
        return this.element(context);
      case 'Requires':
      case 'Allows':
      case 'Forbids':
        return this.requirement(context, inBraces);
      case 'Identifier': {
        const next = this.peek(1);
        if (next === 'Uses') {
          this.advance();
          this.advance();
          this.qualifiedName();
          return simple();
        }
        if (next === 'Dot') {
          this.advance();
          while (this.at('Dot')) {
            this.advance();
            this.name();
          }
          if (this.at('Equals')) {
            this.advance();
            this.expression();
          }
          return simple();
        }
        break;
      }
      case 'Uses':
        if (context === 'element') this.fail('E016', `Expected identifier for uses source, found Uses`);
        break;
    }
    this.fail('E002', `${context === 'pattern' ? PATTERN_BODY : ELEMENT_BODY}, found ${kind}`);
  }

  private scopeDeclaration(): void {
    this.advance();
    this.name();
    if (this.at('LAngle')) {
      this.advance();
      this.name();
      this.expect('RAngle');
    } else if (this.at('Colon')) {
      this.advance();
      this.name();
    }
    this.bindsAndValue();
  }

  private refDeclaration(): void {
    this.advance();
    this.name();
    this.expect('Colon');
    this.name();
    this.bindsAndValue();
  }

  private bindsAndValue(): void {
    if (this.at('Binds')) {
      this.advance();
      this.qualifiedName();
    }
    if (this.at('Equals')) {
      this.advance();
      this.expression();
    }
  }

  // ── requirements ──────────────────────────────────────────────────────────
  private requirement(context: BodyContext, inBraces: boolean): void {
    const action = this.tokens[this.pos].text;
    this.advance();
    let descendant = false;
    if (this.at('Descendant')) {
      descendant = true;
      this.advance();
    }
    const end = (): void => {
      if (inBraces && this.at('RBrace')) return;
      this.eol();
    };
    switch (this.peek()) {
      case 'Scope':
        this.scopeDeclaration();
        return end();
      case 'Check':
        this.advance();
        this.expression();
        return end();
      case 'Ref':
      case 'ConnectionPoint':
        this.refDeclaration();
        return end();
      case 'Connection':
        this.advance();
        if (this.at('To')) this.advance();
        this.connectionPattern();
        return end();
      case 'Implements':
      case 'Language':
        this.advance();
        this.name();
        return end();
      case 'Element':
        return this.requirementElement(context);
      default:
        this.fail(
          'E011',
          `Expected 'scope', 'check', 'element', 'connection', 'ref', 'implements', or 'language' after '${action} ${descendant ? 'descendant' : ''}', found ${this.found()}`,
        );
    }
  }

  private connectionPattern(): void {
    this.name();
    while (this.at('Dot')) {
      this.advance();
      if (this.at('Star')) return this.advance();
      // anything else ends the pattern with the dot consumed (`a.` is `a`); the line must end there
      // (tree-sitter reads a keyword that cannot start anything here as a plain identifier)
      if (!this.isName(this.peek())) return;
      this.advance();
    }
  }

  private requirementElement(context: BodyContext): void {
    this.advance();
    this.name();
    if (this.at('Colon') && this.isName(this.peek(1))) {
      this.advance();
      this.advance();
    }
    if (this.at('Implements')) {
      this.advance();
      this.name();
    }
    if (this.at('Colon') || this.at('LBrace')) return this.block(context);
    this.eol();
  }

  // ── expressions ───────────────────────────────────────────────────────────
  private expression(): void {
    this.primary();
    for (;;) {
      if (this.at('Dot')) {
        this.advance();
        this.name();
      } else if (this.at('LParen')) {
        this.advance();
        if (!this.at('RParen')) {
          this.expression();
          while (this.at('Comma')) {
            this.advance();
            this.expression();
          }
        }
        this.expect('RParen');
      } else {
        return;
      }
    }
  }

  private primary(): void {
    const kind = this.peek();
    if (SOFT_KEYWORDS.has(kind)) return this.advance(); // as tree-sitter: a keyword that cannot start anything here is a name
    switch (kind) {
      case 'Identifier':
      case 'StringSingle':
      case 'StringDouble':
      case 'Number':
      case 'True':
      case 'False':
        return this.advance();
      case 'UnterminatedString':
        return this.fail('E018', UNTERMINATED_STRING);
      case 'LBracket':
        this.advance();
        while (!this.at('RBracket')) {
          this.expression();
          if (!this.at('Comma')) break;
          this.advance();
        }
        return this.expect('RBracket');
      default:
        this.fail('E003', `Expected expression, found ${this.found()}`);
    }
  }
}

/**
 * The first syntax error at or after token `start` (read in top-level context), or null when
 * the tokens from there on form a valid program. `tokens` must end with an `Eof` token.
 */
export function firstSyntaxError(tokens: readonly Token[], start = 0): SyntaxFailure | null {
  try {
    new Recogniser(tokens, start).program();
    return null;
  } catch (e) {
    if (e instanceof Failure) return e.failure;
    throw e;
  }
}
