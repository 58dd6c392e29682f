// A scenario: the steps on one side, the lab (terminal, kubelet decisions) on the other. The text
// is the server's rendering for one version, so picking another version, or a lab running on
// another one, brings the text of that version. In a class, only the class's versions are
// offered; in an exam, the end of the exam turns the steps into the score report and closes the
// terminal, in place.

import { api } from '../api.js';
import { errorNotice } from '../components/error-notice.js';
import type { ExamBanner } from '../components/exam-banner.js';
import { EXAM_OVER_MESSAGE, labPane } from '../components/lab-pane.js';
import { scoreReport } from '../components/score-report.js';
import { stepsPane, type StepsPane } from '../components/steps-pane.js';
import type { ClassSummary, Lab, ScenarioDetail, ScoreReport, Version } from '../contract.js';
import { h, replace } from '../dom.js';
import type { LabSocket } from '../lab-socket.js';
import type { View } from '../router.js';

export interface ScenarioPageOptions {
  /** The learner's class: its versions are the ones offered. */
  classroom?: ClassSummary;
  exam?: ExamBanner;
}

/** The scenario's text for a version the class offers (the server's default may be another). */
async function offeredText(id: string, classroom: ClassSummary | undefined): Promise<ScenarioDetail> {
  const detail = await api.scenario(id);
  if (!classroom) return detail;
  const versions = detail.versions.filter((v) => classroom.versions.includes(v));
  const text = versions.includes(detail.version) || !versions[0] ? detail : await api.scenario(id, versions[0]);
  return { ...text, versions };
}

export async function scenarioPage(id: string, socket: LabSocket, options: ScenarioPageOptions = {}): Promise<View> {
  const { classroom, exam } = options;
  const [first, summaries, current] = await Promise.all([offeredText(id, classroom), api.scenarios(), api.lab()]);
  const completedSteps = summaries.find((s) => s.id === id)?.progress.completedSteps ?? 0;
  const holder = h('div', { class: 'steps-holder' });
  let text: ScenarioDetail = first;
  let steps: StepsPane | undefined;

  const show = (detail: ScenarioDetail) => {
    text = detail;
    steps = stepsPane({ scenario: detail, completedSteps, run: (command) => lab.run(command), exam: exam !== undefined });
    replace(holder, [steps.element]);
  };
  const showVersion = async (version: Version) => {
    if (version === text.version) return;
    try {
      show({ ...(await api.scenario(id, version)), versions: first.versions });
    } catch (e) {
      replace(holder, [errorNotice(e)]);
    }
  };
  const onReady = async (ready: Lab) => {
    // Starting the lab starts the exam clock.
    void exam?.resync();
    await showVersion(ready.version);
    steps?.setLab(ready);
  };

  const lab = labPane({ scenario: first, socket, current, exam: exam !== undefined, onVersion: (v) => void showVersion(v), onReady: (ready) => void onReady(ready) });
  show(first);

  const examEnded = (report: ScoreReport | null) => {
    lab.close(EXAM_OVER_MESSAGE);
    replace(holder, [
      h('section', { class: 'exam-result', attrs: { 'aria-labelledby': 'exam-result-heading' } }, [
        h('h2', { text: 'Your exam result', attrs: { id: 'exam-result-heading', tabindex: -1 } }),
        report ? scoreReport(report, { headingLevel: 'h3', scenarioTitle: first.title }) : h('p', { class: 'muted', attrs: { role: 'status' }, text: 'Grading your work…' }),
      ]),
    ]);
    holder.querySelector<HTMLElement>('#exam-result-heading')?.focus();
  };

  const element = h('div', { class: 'scenario-page' }, [
    h('header', { class: 'page-head' }, [
      h('p', { class: 'breadcrumb' }, [h('a', { text: '← All scenarios', attrs: { href: '/#/' } })]),
      h('h1', { text: first.title, attrs: { tabindex: -1 } }),
      h('p', { class: 'scenario-meta muted', text: `${first.difficulty} · about ${first.minutes} minutes · ${first.steps.length} steps` }),
    ]),
    h('div', { class: 'scenario-columns' }, [holder, lab.element]),
  ]);
  return { title: first.title, element, dispose: () => lab.dispose(), ...(exam ? { examEnded } : {}) };
}
