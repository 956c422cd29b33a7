// The audit log (administrators): every change with who, what, when and the state before and
// after, filtered on the server by entity, user and time range, newest first; and whether the hash
// chain still verifies, naming the entries that were edited, inserted or removed.

import * as api from '../api.js';
import {alert, append, empty, h, replace} from '../dom.js';
import * as format from '../format.js';
import {href, navigate} from '../router.js';
import {caller} from '../session.js';

const PAGE_SIZE = 50;
const ENTITY_TYPES = ['experiment', 'run', 'artifact', 'registered-model', 'model-version', 'deployment', 'token',
  'release-policy'];

export async function render(container, {query, signal}) {
  document.title = 'Audit log · Sextant';
  append(container, h('div', {class: 'page-head'}, h('h1', {}, 'Audit log')));
  const me = await caller();
  if (signal.aborted) return;
  if (!me.admin) {
    append(container, alert(`Only administrators read the audit log; you are signed in as ${me.describe()}.`));
    return;
  }
  const filters = {
    type: query.type || '', id: query.id || '', actor: query.actor || '',
    since: query.since || '', until: query.until || '', order: query.order === 'asc' ? 'asc' : '',
  };
  const cursors = query.page ? query.page.split(',') : [];
  const chain = h('section', {id: 'chain-state', class: 'panel chain', 'aria-labelledby': 'chain-heading'},
    h('h2', {id: 'chain-heading'}, 'Chain verification'), h('p', {class: 'muted'}, 'Verifying the chain…'));
  const results = h('div', {id: 'audit-results', 'aria-live': 'polite'}, h('p', {class: 'muted'}, 'Loading entries…'));
  append(container, chain, filterForm(filters), results);

  const verification = api.get('/api/v1/audit/verify', {}, signal);
  const page = api.get('/api/v1/audit', {
    entity: filters.type ? (filters.id ? `${filters.type}:${filters.id}` : filters.type) : '',
    actor: filters.actor,
    since: isoOf(filters.since), until: isoOf(filters.until),
    order: filters.order || 'desc', max_results: PAGE_SIZE,
    [filters.order === 'asc' ? 'after' : 'before']: cursors.at(-1) || '',
  }, signal);

  let findings = new Map();
  try {
    const verdict = await verification;
    findings = new Map(verdict.findings.map(finding => [Number(finding.seq), finding]));
    drawChain(chain, verdict);
  } catch (error) {
    if (signal.aborted) return;
    replace(chain, h('h2', {id: 'chain-heading'}, 'Chain verification'), alert(error.message));
  }
  try {
    const body = await page;
    const next = body.next_before ?? body.next_after;
    replace(results, entriesTable(body.entries, findings), pager(filters, cursors, next));
  } catch (error) {
    if (!signal.aborted) replace(results, alert(error.message));
  }
}

/** datetime-local text (local time) → RFC 3339 in UTC for the server; '' stays ''. */
function isoOf(local) {
  if (!local) return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function filterForm(filters) {
  const offset = -new Date().getTimezoneOffset();
  const zone = `UTC${offset >= 0 ? '+' : '−'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:`
    + String(Math.abs(offset) % 60).padStart(2, '0');
  const input = (id, label, value, extra = {}) => h('div', {class: 'field'}, h('label', {for: id}, label),
    h('input', {id, name: id, value, autocomplete: 'off', spellcheck: false, type: 'text', ...extra}));
  const form = h('form', {class: 'toolbar', role: 'search', 'aria-label': 'Filter the audit log', onsubmit: event => {
    event.preventDefault();
    const data = new FormData(form);
    navigate('/audit', {
      type: data.get('audit-type').trim(), id: data.get('audit-id').trim(), actor: data.get('audit-actor').trim(),
      since: data.get('audit-since'), until: data.get('audit-until'), order: data.get('audit-order'),
    });
  }},
  input('audit-type', 'Entity type', filters.type, {list: 'audit-types', placeholder: 'any'}),
  h('datalist', {id: 'audit-types'}, ENTITY_TYPES.map(type => h('option', {value: type}))),
  input('audit-id', 'Entity ID', filters.id, {placeholder: 'e.g. 7 or churn/3', 'aria-describedby': 'audit-id-hint'}),
  input('audit-actor', 'User', filters.actor, {placeholder: 'any'}),
  input('audit-since', 'From', filters.since, {type: 'datetime-local', step: 1, 'aria-describedby': 'audit-time-hint'}),
  input('audit-until', 'Until', filters.until, {type: 'datetime-local', step: 1, 'aria-describedby': 'audit-time-hint'}),
  h('div', {class: 'field'}, h('label', {for: 'audit-order'}, 'Order'),
    h('select', {id: 'audit-order', name: 'audit-order'},
      h('option', {value: '', selected: filters.order !== 'asc'}, 'Newest first'),
      h('option', {value: 'asc', selected: filters.order === 'asc'}, 'Oldest first'))),
  h('button', {type: 'submit', class: 'primary'}, 'Apply'),
  h('button', {type: 'button', onclick: () => navigate('/audit')}, 'Clear'));
  return h('div', {},
    form,
    h('p', {class: 'hint', id: 'audit-time-hint'}, `Times are in your time zone (${zone}); “From” is included, `
      + '“Until” is not.'),
    h('p', {class: 'hint', id: 'audit-id-hint'}, 'An entity ID needs its type; model versions are name/version.'));
}

function drawChain(chain, verdict) {
  const heading = h('h2', {id: 'chain-heading'}, 'Chain verification');
  if (verdict.intact) {
    chain.className = 'panel chain intact';
    replace(chain, heading, h('p', {id: 'chain-verdict', role: 'status'},
      h('strong', {}, '✓ Verified: '), `${verdict.entries.toLocaleString()} entries chain to the recorded head `,
      h('span', {class: 'mono', title: verdict.head_hash}, `${(verdict.head_hash || '').slice(0, 16)}…`), '.'),
    h('p', {class: 'hint'}, 'Keep the head hash somewhere else too: a chain rewritten in full verifies as well.'));
    return;
  }
  const first = Math.min(...verdict.findings.map(finding => Number(finding.seq)));
  chain.className = 'panel chain broken';
  replace(chain, heading,
    h('p', {id: 'chain-verdict', role: 'alert'}, h('strong', {}, `✗ Broken at entry ${first}`),
      ` — ${verdict.findings.length} finding${verdict.findings.length === 1 ? '' : 's'} in ${verdict.entries} entries.`),
    h('ul', {id: 'chain-findings'}, verdict.findings.map(finding => h('li', {},
      h('span', {class: 'chip danger'}, finding.kind), ' ',
      h('a', {href: href('/audit', {page: String(Number(finding.seq) + 1)})}, `entry ${finding.seq}`), `: ${finding.message}`))));
}

function entriesTable(entries, findings) {
  if (entries.length === 0) return empty('No audit entries match these filters.');
  return h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'audit-table', 'aria-label': 'Audit entries'},
    h('thead', {}, h('tr', {}, ['#', 'Time', 'User', 'Action', 'Entity', 'Change', 'Request']
      .map(title => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, entries.map(entry => {
      const finding = findings.get(Number(entry.seq));
      return h('tr', {class: finding ? 'tampered' : '', dataset: {seq: String(entry.seq)}},
        h('td', {class: 'num'}, String(entry.seq),
          finding ? h('span', {class: 'chip danger', title: finding.message}, finding.kind) : null),
        h('td', {title: entry.time}, format.time(Date.parse(entry.time))),
        h('td', {}, h('a', {href: href('/audit', {actor: entry.actor}), title: `Only ${entry.actor}'s changes`},
          entry.actor)),
        h('td', {class: 'mono'}, entry.action),
        h('td', {}, entityCell(entry)),
        h('td', {class: 'change'}, changeCell(entry)),
        h('td', {class: 'mono', title: entry.request_id}, (entry.request_id || '').slice(0, 12)));
    }))));
}

function entityCell(entry) {
  const page = entityPage(entry.entity_type, entry.entity_id);
  return [
    h('a', {href: href('/audit', {type: entry.entity_type, id: entry.entity_id}),
      title: 'Only this entity\'s changes'}, `${entry.entity_type}:${entry.entity_id}`),
    page ? [' ', h('a', {href: page, class: 'open', 'aria-label': `Open ${entry.entity_type} ${entry.entity_id}`}, '↗')]
      : null,
  ];
}

function entityPage(type, id) {
  switch (type) {
    case 'experiment': return href(`/experiments/${id}`);
    case 'run': return href(`/runs/${id}`);
    case 'registered-model': return href(`/models/${encodeURIComponent(id)}`);
    case 'model-version': {
      const slash = id.lastIndexOf('/');
      return slash > 0 ? href(`/models/${encodeURIComponent(id.slice(0, slash))}/versions/${id.slice(slash + 1)}`) : '';
    }
    case 'deployment': return href(`/deployments/${encodeURIComponent(id)}`);
    default: return '';
  }
}

/** The fields that changed, "name: churn → churn-v2", and the full states on request. */
function changeCell(entry) {
  const before = entry.before;
  const after = entry.after;
  const summary = [];
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
        summary.push(`${key}: ${short(before[key])} → ${short(after[key])}`);
      }
    }
  } else if (after !== null && after !== undefined) {
    summary.push(before === null || before === undefined ? 'created' : 'changed');
  } else if (before !== null && before !== undefined) {
    summary.push('removed');
  }
  if (before == null && after == null) return '';
  return h('details', {},
    h('summary', {}, summary.slice(0, 3).join('; ') || 'no field changed'),
    h('div', {class: 'states'},
      h('div', {}, h('strong', {}, 'Before'), h('pre', {}, before == null ? '—' : JSON.stringify(before, null, 2))),
      h('div', {}, h('strong', {}, 'After'), h('pre', {}, after == null ? '—' : JSON.stringify(after, null, 2)))));
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function short(value) {
  if (value === undefined || value === null) return '∅';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function pager(filters, cursors, next) {
  const query = {...filters};
  const older = filters.order === 'asc' ? 'Newer →' : 'Older →';
  return h('nav', {class: 'pager', 'aria-label': 'Pages of audit entries'},
    h('button', {type: 'button', disabled: cursors.length === 0,
      onclick: () => navigate('/audit', {...query, page: cursors.slice(0, -1).join(',')})}, '← Back'),
    h('span', {class: 'muted'}, `Page ${cursors.length + 1}`),
    h('button', {type: 'button', disabled: next === undefined || next === null,
      onclick: () => navigate('/audit', {...query, page: [...cursors, next].join(',')})}, older));
}
