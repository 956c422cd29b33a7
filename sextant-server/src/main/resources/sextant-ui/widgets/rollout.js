// Moving a deployment's traffic from its page: where a canary stands (its share, its steps, the next
// one and the limits that hold it back) and the actions that move traffic, offered only to callers
// with MANAGE on the deployment (what the server asks for them).

import * as api from '../api.js';
import {h} from '../dom.js';
import * as format from '../format.js';
import {reload} from '../router.js';
import {DEPLOYMENT} from '../session.js';
import {actionDialog} from './action-dialog.js';
import {stickyKey} from './traffic-policy.js';

/** Where a canary stands: its share now, its steps, the next one and the limits each step is held to. */
export function canaryProgress(deployment) {
  const policy = deployment.policy;
  const rollout = deployment.rollout;
  const current = Number(rollout.canary_percent);
  const stops = [Number(policy.percent), ...(policy.steps || []).map(Number)];
  const phase = rollout.phase;
  let state;
  if (phase === 'ROLLED_BACK') {
    state = h('p', {id: 'canary-state', role: 'status'}, h('span', {class: 'verdict fail'}, 'ROLLED BACK'),
      ` to 0 %: ${rollout.reason || 'no reason recorded'}`);
  } else if (phase === 'PROMOTED') {
    state = h('p', {id: 'canary-state', role: 'status'}, h('span', {class: 'verdict pass'}, 'PROMOTED'),
      ' the canary gets all traffic.');
  } else if (phase === 'PROGRESSING') {
    const next = stops.find(stop => stop > current);
    const due = Number(rollout.step_started_timestamp) + Number(policy.step_interval_seconds) * 1000;
    state = h('p', {id: 'canary-state', role: 'status'}, h('span', {class: 'verdict'}, 'PROGRESSING'),
      ` at ${current} %`, next !== undefined ? `; next step to ${next} % at ${format.time(due)} if the canary stays within`
        + ' its limits.' : '.');
  } else {
    state = h('p', {id: 'canary-state', role: 'status'}, `The canary holds ${current} % (no steps scheduled).`);
  }
  return h('div', {},
    state,
    h('div', {class: 'progress', role: 'progressbar', 'aria-label': 'Canary share of traffic', 'aria-valuemin': '0',
      'aria-valuemax': '100', 'aria-valuenow': String(current)},
    h('div', {class: 'fill', style: `width:${current}%`}), h('span', {class: 'progress-text'}, `${current} %`)),
    h('ol', {class: 'steps', 'aria-label': 'Canary steps'}, stops.map(stop => h('li', {
      class: stop < current ? 'done' : stop === current ? 'current' : 'pending',
      'aria-current': stop === current ? 'step' : false}, `${stop} %`))),
    h('p', {class: 'hint'}, `Each step holds ${policy.step_interval_seconds} s and must keep the canary's server errors `
      + `at most ${(policy.max_error_rate * 100).toFixed(1)} % and its p99 at most ${policy.max_p99_ratio} × the stable `
      + `version's, judged after ${policy.min_requests} requests; a breach rolls it back to 0 %.`));
}

/** In one sentence, how a non-canary policy sends traffic now. */
export function rolloutState(deployment) {
  return h('p', {id: 'canary-state'}, trafficSentence(deployment.policy));
}

function trafficSentence(policy) {
  switch (policy.type) {
    case 'blue_green':
      return `${policy.active} is live; the other colour stays loaded for an instant switch back.`;
    case 'shadow':
      return `Every request is answered by the primary; ${policy.percent} % are mirrored to the shadow.`;
    case 'ab': {
      const weights = policy.variants.map(variant => `${variant.name} ${variant.weight}`).join(', ');
      const sticky = stickyKey(policy);
      return `Requests are split by weight (${weights}); ${sticky
        ? `sticky by ${sticky}: the same key always reaches the same variant.` : 'each request is drawn at random.'}`;
    }
    default:
      return 'One version answers every request.';
  }
}

/** Rollback and promote for a canary, switch for blue/green: for callers with MANAGE on the deployment. */
export function rolloutActions(me, deployment, path) {
  if (!me.may(DEPLOYMENT, deployment.name, 'MANAGE')) {
    return h('p', {class: 'read-only', id: 'deployment-read-only'},
      `Read-only: moving traffic needs MANAGE on ${deployment.name}; ${me.describe()} has none.`);
  }
  const act = (options, suffix, body = () => ({})) => () => actionDialog({...options,
    run: values => api.send('POST', `${path}/${suffix}`, body(values))}).then(done => done && reload());
  const buttons = [];
  if (deployment.policy.type === 'canary') {
    const canaryLive = deployment.rollout.canary_percent > 0 && deployment.rollout.phase !== 'PROMOTED';
    if (canaryLive) {
      buttons.push(h('button', {type: 'button', class: 'danger', onclick: act({
        title: `Roll back the canary of ${deployment.name}`, confirm: 'Roll back', danger: true,
        message: 'The canary\'s share goes to 0 % now; the stable version answers everything.',
        fields: [{name: 'reason', label: 'Reason', type: 'textarea', required: true,
          hint: 'Recorded with the rollout and in the audit log.'}],
      }, 'rollback', values => ({reason: values.reason}))}, 'Roll back canary…'));
    }
    if (deployment.rollout.canary_percent < 100) {
      buttons.push(h('button', {type: 'button', onclick: act({
        title: `Promote the canary of ${deployment.name}`, confirm: 'Promote to 100 %',
        message: 'All traffic goes to the canary now, skipping the remaining steps.',
      }, 'promote')}, 'Promote canary…'));
    }
  }
  if (deployment.policy.type === 'blue_green') {
    const other = deployment.policy.active === 'blue' ? 'green' : 'blue';
    buttons.push(h('button', {type: 'button', onclick: act({
      title: `Switch ${deployment.name} to ${other}`, confirm: `Switch to ${other}`,
      message: `Every request moves to ${other} at once; ${deployment.policy.active} stays loaded to switch back.`,
    }, 'switch')}, `Switch to ${other}…`));
  }
  return buttons.length ? h('div', {class: 'actions-bar', role: 'group', 'aria-label': 'Rollout actions'}, buttons) : null;
}
