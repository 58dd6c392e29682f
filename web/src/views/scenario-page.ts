// A scenario: the steps on one side, the lab (terminal, kubelet decisions) on the other. The text
// is the server's rendering for one version, so picking another version, or a lab running on
// another one, brings the text of that version.

import { api } from '../api.js';
import { errorNotice } from '../components/error-notice.js';
import { labPane } from '../components/lab-pane.js';
import { stepsPane, type StepsPane } from '../components/steps-pane.js';
import type { Lab, ScenarioDetail, Version } from '../contract.js';
import { h, replace } from '../dom.js';
import type { LabSocket } from '../lab-socket.js';
import type { View } from '../router.js';

export async function scenarioPage(id: string, socket: LabSocket): Promise<View> {
  const [first, summaries, current] = await Promise.all([api.scenario(id), api.scenarios(), api.lab()]);
  const completedSteps = summaries.find((s) => s.id === id)?.progress.completedSteps ?? 0;
  const holder = h('div', { class: 'steps-holder' });
  let text: ScenarioDetail = first;
  let steps: StepsPane | undefined;

  const show = (detail: ScenarioDetail) => {
    text = detail;
    steps = stepsPane({ scenario: detail, completedSteps, run: (command) => lab.run(command) });
    replace(holder, [steps.element]);
  };
  const showVersion = async (version: Version) => {
    if (version === text.version) return;
    try {
      show(await api.scenario(id, version));
    } catch (e) {
      replace(holder, [errorNotice(e)]);
    }
  };
  const onReady = async (ready: Lab) => {
    await showVersion(ready.version);
    steps?.setLab(ready);
  };

  const lab = labPane({ scenario: first, socket, current, onVersion: (v) => void showVersion(v), onReady: (ready) => void onReady(ready) });
  show(first);

  const element = h('div', { class: 'scenario-page' }, [
    h('header', { class: 'page-head' }, [
      h('p', { class: 'breadcrumb' }, [h('a', { text: '← All scenarios', attrs: { href: '#/' } })]),
      h('h1', { text: first.title, attrs: { tabindex: -1 } }),
      h('p', { class: 'scenario-meta muted', text: `${first.difficulty} · about ${first.minutes} minutes · ${first.steps.length} steps` }),
    ]),
    h('div', { class: 'scenario-columns' }, [holder, lab.element]),
  ]);
  return { title: first.title, element, dispose: () => lab.dispose() };
}
