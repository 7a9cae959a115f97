/** Lower case without Vietnamese marks (đ → d), for matching what people type without diacritics. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of `query` starts a word of `text`, both folded (as the server's search). */
export function matchesWords(text: string, query: string): boolean {
  const words = fold(text).split(' ');
  return fold(query)
    .split(' ')
    .filter(Boolean)
    .every((q) => words.some((w) => w.startsWith(q)));
}
