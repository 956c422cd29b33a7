// Releasing a model version to a target (a stage or an alias the release policy governs): the
// latest gate verdict check by check, where the approvals stand, and promotion and rollback with a
// reason. Each action appears only for those the server would let do it: running a gate needs EDIT
// on the model, promotion and rollback MANAGE, and a decision a place in the target's approval set
// (the server says so in the status's caller_may_decide and, per requirement, caller_may_approve).

import * as api from '../api.js';
import {alert, append, empty, h, replace} from '../dom.js';
import * as format from '../format.js';
import {MODEL} from '../session.js';
import {actionDialog} from './action-dialog.js';

const DEFAULT_TARGETS = ['Production', 'Staging'];

function modelPath(name) {
  return `/api/v1/models/${encodeURIComponent(name)}`;
}

/** The targets a policy's YAML names under `targets:` (only as much YAML as that needs is read). */
export function policyTargets(yaml) {
  const lines = yaml.split(/\r?\n/);
  const start = lines.findIndex(line => /^targets:\s*(#.*)?$/.test(line));
  if (start < 0) return [];
  const names = [];
  let indent = -1;
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (!/^\s/.test(line)) break;
    const match = /^(\s+)(["']?)([^"'#:\s][^"'#:]*)\2\s*:/.exec(line);
    if (!match) continue;
    if (indent < 0) indent = match[1].length;
    if (match[1].length === indent) names.push(match[3].trim());
  }
  return names;
}

/** The policy in force for a model: its own, else the server default, else none. */
async function policyInForce(name, signal) {
  for (const [path, source] of [[`${modelPath(name)}/release-policy`, 'its own'],
    ['/api/v1/release-policy', 'the server default']]) {
    try {
      const policy = await api.get(path, {}, signal);
      return {source, targets: policyTargets(policy.policy || '')};
    } catch (error) {
      if (error.status !== 404) throw error;
    }
  }
  return {source: 'none', targets: []};
}

function holds(version, target) {
  return version.stage === target || (version.aliases || []).includes(target);
}

/**
 * The release section of a version page. `target` is the one asked for in the address (else the
 * policy's first); `choose(target)` remembers another; `changed()` redraws the page after a change.
 */
export async function releasePanel(me, version, {target, signal, choose, changed}) {
  const section = h('section', {id: 'release', 'aria-labelledby': 'release-heading'},
    h('h2', {id: 'release-heading'}, 'Release'), h('p', {class: 'muted'}, 'Loading the release policy…'));
  let policy;
  try {
    policy = await policyInForce(version.name, signal);
  } catch (error) {
    replace(section, h('h2', {id: 'release-heading'}, 'Release'), alert(error.message));
    return section;
  }
  const targets = [...new Set([...policy.targets, ...DEFAULT_TARGETS, ...(target ? [target] : [])])];
  const chosen = target || targets[0];
  const select = h('select', {id: 'release-target', onchange: event => choose(event.target.value)},
    targets.map(name => h('option', {value: name, selected: name === chosen},
      policy.targets.includes(name) ? name : `${name} (not governed)`)));
  const body = h('div', {'aria-live': 'polite'}, h('p', {class: 'muted'}, 'Loading the gate and approvals…'));
  replace(section,
    h('h2', {id: 'release-heading'}, 'Release'),
    h('div', {class: 'toolbar'},
      h('div', {class: 'field'}, h('label', {for: 'release-target'}, 'Target'), select),
      h('p', {class: 'hint', id: 'release-policy-source'}, policy.source === 'none'
        ? 'No release policy is in force: stages and aliases move freely.'
        : `Release policy in force: ${policy.source}. ${policy.targets.includes(chosen) ? `${chosen} is governed: it moves `
          + 'only by promotion and rollback.' : `${chosen} is not governed by it.`}`)),
    body);

  const base = `${modelPath(version.name)}/versions/${encodeURIComponent(version.version)}`;
  let verdicts;
  let approvals;
  try {
    [verdicts, approvals] = await Promise.all([
      api.get(`${base}/gate-verdicts`, {target: chosen}, signal),
      api.get(`${base}/approvals`, {target: chosen}, signal),
    ]);
  } catch (error) {
    if (!signal.aborted) replace(body, alert(error.message));
    return section;
  }
  replace(body,
    gateSection(me, version, chosen, verdicts.verdicts[0], base, changed),
    approvalsSection(me, version, chosen, approvals, base, changed),
    promotionSection(me, version, chosen, changed));
  return section;
}

function gateSection(me, version, target, verdict, base, changed) {
  const run = () => actionDialog({
    title: `Run the ${target} gate on version ${version.version}`,
    message: 'Every check of the target runs against the newest evaluation; the verdict is stored with the version.',
    confirm: 'Run gate',
    run: () => api.send('POST', `${base}/gate-verdicts`, {target}),
  }).then(done => done && changed());
  const button = me.may(MODEL, version.name, 'EDIT')
    ? h('button', {type: 'button', onclick: run}, verdict ? 'Run gate again…' : 'Run gate…') : null;
  if (!verdict) {
    return h('section', {'aria-labelledby': 'gate-heading'}, h('h3', {id: 'gate-heading'}, 'Gate'),
      empty(`No gate verdict for ${target} yet.`), button ? h('div', {class: 'actions-bar'}, button) : null);
  }
  const passed = verdict.checks.filter(check => check.passed).length;
  return h('section', {'aria-labelledby': 'gate-heading'},
    h('h3', {id: 'gate-heading'}, 'Gate'),
    h('p', {id: 'gate-summary'},
      h('span', {class: `verdict ${verdict.passed ? 'pass' : 'fail'}`}, verdict.passed ? 'PASSED' : 'FAILED'),
      ` ${passed} of ${verdict.checks.length} checks passed · run by ${verdict.created_by} ${format.time(verdict.created_at)}`
      + ` · policy: ${verdict.policy}`),
    h('div', {class: 'table-wrap'}, h('table', {class: 'data checks', id: 'gate-checks',
      'aria-label': `Gate checks for ${target}`},
    h('thead', {}, h('tr', {}, ['Result', 'Check', 'Observed', 'Expected', 'Detail']
      .map(title => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, verdict.checks.map(check => h('tr', {class: check.passed ? 'pass' : 'fail'},
      h('td', {}, h('span', {class: `verdict ${check.passed ? 'pass' : 'fail'}`}, check.passed ? 'pass' : 'FAIL')),
      h('td', {}, check.check),
      h('td', {class: 'mono'}, check.observed),
      h('td', {class: 'mono'}, check.expected),
      h('td', {class: 'detail'}, check.detail)))))),
    button ? h('div', {class: 'actions-bar'}, button) : null);
}

function approvalsSection(me, version, target, approvals, base, changed) {
  const heading = h('h3', {id: 'approvals-heading'}, 'Approvals');
  const status = approvals.status;
  if (!status) {
    return h('section', {'aria-labelledby': 'approvals-heading'}, heading,
      h('p', {class: 'muted', id: 'approvals-status'}, `${target} needs no approvals under the policy in force.`));
  }
  const decide = decision => actionDialog({
    title: `${decision === 'approve' ? 'Approve' : 'Reject'} version ${version.version} for ${target}`,
    message: `You decide as ${me.describe()}; your latest decision is the one that counts.`,
    confirm: decision === 'approve' ? 'Approve' : 'Reject', danger: decision === 'reject',
    fields: [{name: 'comment', label: 'Comment', type: 'textarea', required: decision === 'reject',
      hint: decision === 'reject' ? 'Required: say what the authors should fix.' : 'Optional.'}],
    run: values => api.send('POST', `${base}/approvals`, {target, decision, comment: values.comment}),
  }).then(done => done && changed());
  const met = status.requirements.reduce((sum, r) => sum + Math.min(r.received, r.needed), 0);
  const total = status.requirements.reduce((sum, r) => sum + r.needed, 0);
  return h('section', {'aria-labelledby': 'approvals-heading'}, heading,
    h('p', {id: 'approvals-status'},
      h('span', {class: `verdict ${status.complete ? 'pass' : 'fail'}`}, status.complete ? 'COMPLETE' : 'INCOMPLETE'),
      ` Approval set '${status.approval_set}': ${met} of ${total} met`,
      status.missing.length ? `; missing ${status.missing.join(', ')}` : '',
      status.rejections.length ? `; rejected by ${status.rejections.map(r => r.reviewer).join(', ')}` : '', '.'),
    requirementsTable(status.requirements, target),
    approvals.decisions.length === 0 ? empty('No decisions yet.') : h('div', {class: 'table-wrap'},
      h('table', {class: 'data', id: 'approval-decisions', 'aria-label': `Decisions for ${target}`},
        h('thead', {}, h('tr', {}, ['Reviewer', 'As', 'Decision', 'Comment', 'When']
          .map(title => h('th', {scope: 'col'}, title)))),
        h('tbody', {}, approvals.decisions.map(decision => h('tr', {},
          h('td', {}, decision.reviewer),
          h('td', {}, decision.domain ? `${decision.role}, ${decision.domain}` : decision.role),
          h('td', {}, h('span', {class: `verdict ${decision.decision === 'approved' ? 'pass' : 'fail'}`}, decision.decision)),
          h('td', {class: 'detail'}, decision.comment),
          h('td', {}, format.time(decision.created_at))))))),
    status.caller_may_decide ? h('div', {class: 'actions-bar', role: 'group', 'aria-label': 'Your decision'},
      h('button', {type: 'button', class: 'primary', onclick: () => decide('approve')}, 'Approve…'),
      h('button', {type: 'button', class: 'danger-outline', onclick: () => decide('reject')}, 'Reject…'))
      : h('p', {class: 'read-only', id: 'approval-read-only'}, `Decisions are for the reviewers listed above; `
        + `${me.describe()} is not one of them.`));
}

/** Who may approve each requirement, how far it is, and whether the caller is one who may. */
function requirementsTable(requirements, target) {
  return h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'approval-requirements',
    'aria-label': `Approval requirements for ${target}`},
  h('thead', {}, h('tr', {}, ['Requirement', 'Who may approve', 'Approvals', 'Approved by', 'You']
    .map(title => h('th', {scope: 'col'}, title)))),
  h('tbody', {}, requirements.map(r => h('tr', {class: r.pending ? 'fail' : 'pass'},
    h('td', {}, r.requirement),
    h('td', {}, r.domain ? `${r.roles.join(' or ')} of ${r.domain}` : r.roles.join(' or ')),
    h('td', {}, h('span', {class: `verdict ${r.pending ? 'fail' : 'pass'}`}, `${r.received} of ${r.needed}`)),
    h('td', {}, r.approved_by.length ? r.approved_by.join(', ') : '—'),
    h('td', {}, r.caller_may_approve ? 'may approve' : 'may not approve'))))));
}

function promotionSection(me, version, target, changed) {
  const heading = h('h3', {id: 'promotion-heading'}, 'Promotion');
  const held = holds(version, target);
  const section = h('section', {'aria-labelledby': 'promotion-heading'}, heading,
    h('p', {id: 'promotion-state'}, held ? `Version ${version.version} holds ${target}.`
      : `Version ${version.version} does not hold ${target}.`));
  if (!me.may(MODEL, version.name, 'MANAGE')) {
    append(section, h('p', {class: 'read-only'},
      `Promotion and rollback need MANAGE on ${version.name}; ${me.describe()} has none.`));
    return section;
  }
  const promote = () => actionDialog({
    title: `Promote version ${version.version} to ${target}`,
    message: 'The gate runs again, approvals included; the move happens only if every check passes. The version '
      + `that holds ${target} now is replaced and kept as an alias for rollback.`,
    confirm: 'Promote',
    fields: [{name: 'reason', label: 'Reason', type: 'textarea', required: true,
      hint: 'Kept in the stage history and the audit log.'}],
    run: values => api.send('POST', `${modelPath(version.name)}/promotions`,
      {version: Number(version.version), target, reason: values.reason}),
  }).then(done => done && changed());
  const rollback = () => actionDialog({
    title: `Roll ${target} back`,
    message: `${target} goes back to the version its last promotion replaced.`,
    confirm: 'Roll back', danger: true,
    fields: [{name: 'reason', label: 'Reason', type: 'textarea', required: true,
      hint: 'Kept in the stage history and the audit log.'}],
    run: values => api.send('POST', `${modelPath(version.name)}/rollbacks`, {target, reason: values.reason}),
  }).then(done => done && changed());
  append(section, h('div', {class: 'actions-bar', role: 'group', 'aria-label': 'Promotion'},
    held ? null : h('button', {type: 'button', class: 'primary', onclick: promote}, `Promote to ${target}…`),
    held ? h('button', {type: 'button', class: 'danger-outline', onclick: rollback}, `Roll back ${target}…`) : null));
  return section;
}
