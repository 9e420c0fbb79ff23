const isWordChar = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/**
 * Whether `word` occurs in `text` not glued to ASCII identifier characters. Every
 * identifier token of a Rust or Python file passes this test, so it is a sound pre-filter
 * before parsing (and it rejects `FooBar` when looking for `Foo`).
 */
export function containsWord(text: string, word: string): boolean {
  if (word === '') return false;
  const firstIsWord = isWordChar(word.charCodeAt(0));
  const lastIsWord = isWordChar(word.charCodeAt(word.length - 1));
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    const before = i === 0 ? -1 : text.charCodeAt(i - 1);
    const after = i + word.length >= text.length ? -1 : text.charCodeAt(i + word.length);
    if ((!firstIsWord || before < 0 || !isWordChar(before)) && (!lastIsWord || after < 0 || !isWordChar(after))) return true;
  }
  return false;
}
