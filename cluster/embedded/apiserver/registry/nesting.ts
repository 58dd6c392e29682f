// Nesting guards for request bodies, checked on the raw text before anything parses or walks it.
// The yaml parser recurses once per level: a few thousand "[" overflow the stack, and a second
// such body makes V8 abort the whole process (a fatal RegExpCompiler out-of-memory, nothing to
// catch). JSON.parse copes, but the strategies, the patch engines and the managed-fields code
// walk objects recursively and overflow at a few thousand levels. Go's decoders stop at 10000
// ("exceeded max depth"); we stop far earlier, at depths no manifest comes near.

/** Deepest nesting accepted; real manifests stay under 30. */
export const MAX_YAML_DEPTH = 256;

/**
 * An upper bound on a document's nesting: flow collections ("[", "{") opened outside quotes and
 * comments, plus, per line, its indentation and the block indicators ("- ", "? ") it starts with.
 */
export function yamlNestingBound(text: string): number {
  let flow = 0;
  let deepest = 0;
  let quote: string | undefined;
  let lineStart = true;
  let block = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = true; // inside a quoted scalar (they may span lines) the quote branch wins
      block = 0;
      continue;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (lineStart) {
      if (c === ' ' || ((c === '-' || c === '?') && (text[i + 1] === ' ' || text[i + 1] === '\n'))) {
        block++;
        deepest = Math.max(deepest, block + flow);
        continue;
      }
      lineStart = false;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[' || c === '{') {
      flow++;
      deepest = Math.max(deepest, block + flow);
    } else if ((c === ']' || c === '}') && flow > 0) {
      flow--;
    }
  }
  return deepest;
}

/** Deepest JSON nesting accepted. */
export const MAX_JSON_DEPTH = 1000;

/** The 400 message for a JSON body nested deeper than that, as the apiserver's JSON decoder words it. */
export function jsonTooDeep(text: string): string | undefined {
  // Every level takes an opening bracket: a text this short cannot be too deep.
  if (text.length <= MAX_JSON_DEPTH) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_JSON_DEPTH) return `couldn't get version/kind; json parse error: invalid character '${c}' exceeded max depth`;
    } else if (c === ']' || c === '}') {
      depth--;
    }
  }
  return undefined;
}

/** The 400 message for a YAML body nested deeper than we parse, as sigs.k8s.io/yaml words it. */
export function yamlTooDeep(text: string): string | undefined {
  return yamlNestingBound(text) > MAX_YAML_DEPTH ? `error converting YAML to JSON: yaml: exceeded max depth of ${MAX_YAML_DEPTH}` : undefined;
}
