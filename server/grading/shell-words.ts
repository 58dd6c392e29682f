// Commands shown to learners are copied into a shell: quote each word only when it needs it.

function shellWord(word: string): string {
  return /^[-\w.,:/=@%+]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellCommand(words: readonly string[]): string {
  return words.map(shellWord).join(' ');
}
