/**
 * String literal value (language.md §2.5): the text between the quotes with `\n`, `\t`,
 * `\r`, `\\`, `\'` and `\"` processed; any other `\x` is kept as the two characters. An
 * unterminated literal (no closing quote) keeps everything after the opening quote.
 */
export function unescapeString(literal: string): string {
  const quote = literal[0];
  const closed = literal.length >= 2 && literal.endsWith(quote) && !isEscapedAt(literal, literal.length - 1);
  const body = literal.slice(1, closed ? -1 : undefined);
  if (!body.includes('\\')) return body;
  return body.replace(/\\([\s\S])/g, (whole, c: string) => ESCAPES[c] ?? whole);
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

/** Whether the character at `index` is preceded by an odd number of backslashes. */
function isEscapedAt(text: string, index: number): boolean {
  let count = 0;
  for (let i = index - 1; i > 0 && text[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

/**
 * Canonical number text as the reference prints it, Rust's f64 `Display`: the shortest digits
 * that read back as the same number, never an exponent (`123456789012345690000000`, not the
 * exact binary value `123456789012345685803008`). JavaScript gives the same digits, with an
 * exponent from 1e21 and below 1e-6.
 */
export function formatNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // expand exponent notation: shortest round-trip digits, positioned by hand
  const [mantissa, exp] = text.split(/e/i);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const pointAt = mantissa.replace(/^-/, '').indexOf('.') === -1 ? digits.length : mantissa.replace(/^-/, '').indexOf('.');
  const shift = pointAt + Number(exp);
  const out = shift <= 0 ? '0.' + '0'.repeat(-shift) + digits : digits.padEnd(shift, '0').slice(0, shift) + (digits.length > shift ? '.' + digits.slice(shift) : '');
  return (negative ? '-' : '') + out;
}
