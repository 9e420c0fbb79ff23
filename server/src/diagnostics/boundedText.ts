/**
 * Text that came from a plugin (a check message, a reply shown in an error) is shown at a
 * sane length (trust.md §4): cut at `max` UTF-16 units, never inside a surrogate pair,
 * and marked with an ellipsis.
 */
export const MAX_MESSAGE_CHARS = 2000;

export function boundedText(text: string, max = MAX_MESSAGE_CHARS): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // a high surrogate whose pair would be cut off
  return `${text.slice(0, end)}…`;
}
