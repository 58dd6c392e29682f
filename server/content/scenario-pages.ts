// What the catalog and scenario routes answer: a scenario's summary with the learner's progress,
// and its text for one version as HTML (version-only passages resolved, titles apart).

import type { KubeVersion } from '../../cluster/versions.js';
import { renderForVersion } from '../scenarios/markdown.js';
import { stepsFor, type Difficulty, type Scenario } from '../scenarios/model.js';
import type { ScenarioProgress } from '../lab/progress.js';
import { markdownToHtml } from './markdown-html.js';

export interface CatalogEntry {
  id: string;
  title: string;
  summary: string;
  difficulty: Difficulty;
  minutes: number;
  versions: KubeVersion[];
  progress: ScenarioProgress;
}

export interface ScenarioPage {
  id: string;
  title: string;
  summary: string;
  difficulty: Difficulty;
  minutes: number;
  versions: KubeVersion[];
  /** The version the HTML below was written for. */
  version: KubeVersion;
  /** The scenario's introduction; "" when it has none. */
  introHtml: string;
  steps: { number: number; title: string; html: string }[];
  finishHtml: string;
}

export function catalogEntry(scenario: Scenario, progress: ScenarioProgress): CatalogEntry {
  const { id, title, summary, difficulty, minutes, versions } = scenario;
  return { id, title, summary, difficulty, minutes, versions, progress };
}

const pages = new Map<string, ScenarioPage>();

/** The scenario as read on `version` (one it runs on). Scenarios do not change while the server runs. */
export function scenarioPage(scenario: Scenario, version: KubeVersion): ScenarioPage {
  const key = `${scenario.id}@${version}`;
  let page = pages.get(key);
  if (!page) {
    const { id, title, summary, difficulty, minutes, versions } = scenario;
    const html = (markdown: string) => markdownToHtml(renderForVersion(markdown, version));
    page = {
      id,
      title,
      summary,
      difficulty,
      minutes,
      versions,
      version,
      introHtml: scenario.intro ? html(withoutHeading(scenario.intro, title)) : '',
      steps: stepsFor(scenario, version).map((s) => ({ number: s.number, title: s.title, html: html(withoutHeading(s.markdown, s.title)) })),
      finishHtml: html(scenario.finish),
    };
    pages.set(key, page);
  }
  return page;
}

/** Drops a leading "# title" line: the page shows the title itself. */
function withoutHeading(markdown: string, title: string): string {
  const lines = markdown.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  return first >= 0 && lines[first]!.trim() === `# ${title}` ? lines.slice(first + 1).join('\n') : markdown;
}
