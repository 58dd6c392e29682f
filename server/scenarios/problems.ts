// A problem found in a scenario folder: where it is (file and line), what is wrong, and how to fix
// it. Validation collects every problem rather than stopping at the first.

export interface Problem {
  /** Path relative to the scenarios root, e.g. "why-nodes-proxy/steps/01-ask.yaml". */
  file: string;
  /** 1-based; 0 when the problem is about the file as a whole (e.g. it is missing). */
  line: number;
  message: string;
  fix: string;
}

export function problem(file: string, line: number, message: string, fix: string): Problem {
  return { file, line, message, fix };
}

/** `file:line: message — fix`, the form editors and CI logs make clickable. */
export function formatProblem(p: Problem): string {
  return `${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message} — ${p.fix}`;
}
