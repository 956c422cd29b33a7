// What may be changed on a model version from its page: its stage, its aliases, the version itself.
// Shown only to callers whose role or grant gives MANAGE on the registered model (the permission the
// server asks for these changes); everyone else reads a one-line note instead.

import * as api from '../api.js';
import {h} from '../dom.js';
import {MODEL} from '../session.js';
import {actionDialog} from './action-dialog.js';

const STAGES = ['None', 'Staging', 'Production', 'Archived'];

function modelPath(name) {
  return `/api/v1/models/${encodeURIComponent(name)}`;
}

export function mayManage(me, version) {
  return me.may(MODEL, version.name, 'MANAGE');
}

/** The buttons for `version`, or the read-only note; `changed(kind)` runs after a change succeeded. */
export function versionActions(me, version, changed) {
  if (!mayManage(me, version)) {
    return h('p', {class: 'read-only', id: 'version-read-only'},
      `Read-only: ${me.describe()} may not change the stages, aliases or versions of ${version.name}.`);
  }
  const stage = () => actionDialog({
    title: `Change the stage of ${version.name} version ${version.version}`,
    confirm: 'Change stage',
    fields: [
      {name: 'stage', label: 'New stage', type: 'select', options: STAGES, value: version.stage},
      {name: 'archive', label: 'Archive the versions now in that stage', type: 'checkbox'},
    ],
    run: values => api.send('POST', '/api/2.0/mlflow/model-versions/transition-stage', {
      name: version.name, version: String(version.version), stage: values.stage,
      archive_existing_versions: values.archive,
    }),
  }).then(done => done && changed('stage'));
  const alias = () => actionDialog({
    title: `Point an alias at ${version.name} version ${version.version}`,
    confirm: 'Set alias',
    fields: [{name: 'alias', label: 'Alias', required: true,
      hint: 'Letters, digits, - and _; an alias already in use moves to this version.'}],
    run: values => api.send('PUT', `${modelPath(version.name)}/aliases/${encodeURIComponent(values.alias)}`,
      {version: Number(version.version)}),
  }).then(done => done && changed('alias'));
  const remove = () => actionDialog({
    title: `Delete ${version.name} version ${version.version}?`,
    message: 'The version and its registry record are deleted; runs and their artifacts stay.',
    confirm: 'Delete version', danger: true,
    run: () => api.send('DELETE', `${modelPath(version.name)}/versions/${encodeURIComponent(version.version)}`),
  }).then(done => done && changed('deleted'));
  return h('div', {class: 'actions-bar', role: 'group', 'aria-label': 'Version actions'},
    h('button', {type: 'button', onclick: stage}, 'Change stage…'),
    h('button', {type: 'button', onclick: alias}, 'Set alias…'),
    h('button', {type: 'button', class: 'danger-outline', onclick: remove}, 'Delete version…'));
}

/** The version's aliases as chips, each with a remove button for those who may. */
export function aliasChips(me, version, changed) {
  const manage = mayManage(me, version);
  return (version.aliases || []).map(alias => h('span', {class: 'chip alias-chip'}, `@${alias}`,
    manage ? h('button', {type: 'button', 'aria-label': `Remove alias @${alias}`, title: `Remove alias @${alias}`,
      onclick: () => actionDialog({
        title: `Remove the alias @${alias}?`,
        message: `models:/${version.name}@${alias} will no longer resolve.`,
        confirm: 'Remove alias', danger: true,
        run: () => api.send('DELETE', `${modelPath(version.name)}/aliases/${encodeURIComponent(alias)}`),
      }).then(done => done && changed('alias'))}, '×') : null));
}
