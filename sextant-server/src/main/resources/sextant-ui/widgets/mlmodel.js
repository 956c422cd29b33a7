// The parts of an MLmodel file (YAML written by MLflow) that people look for: flavors and the
// signature. The signature's inputs and outputs are JSON strings inside YAML scalars, possibly
// folded over several lines; only that much YAML is read here.

import {h} from '../dom.js';

/** The value of `key:` under `signature:`, joined over continuation lines and unquoted. */
function scalarUnder(lines, section, key) {
  const start = lines.findIndex(line => line.trimEnd() === `${section}:`);
  if (start < 0) return '';
  for (let i = start + 1; i < lines.length && /^\s/.test(lines[i]); i++) {
    const match = new RegExp(`^(\\s+)${key}:\\s*(.*)$`).exec(lines[i]);
    if (!match) continue;
    const indent = match[1].length;
    const parts = [match[2]];
    for (let j = i + 1; j < lines.length; j++) {
      const next = /^(\s*)(.*)$/.exec(lines[j]);
      if (next[1].length <= indent || next[2] === '') break;
      parts.push(next[2].trim());
    }
    return unquote(parts.join(' ').trim());
  }
  return '';
}

function unquote(text) {
  if (text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replaceAll("''", "'");
  if (text.startsWith('"') && text.endsWith('"')) return JSON.parse(text);
  return text === 'null' ? '' : text;
}

function flavors(lines) {
  const start = lines.findIndex(line => line.trimEnd() === 'flavors:');
  if (start < 0) return [];
  const names = [];
  for (let i = start + 1; i < lines.length && /^\s/.test(lines[i]); i++) {
    const match = /^ {2}([A-Za-z0-9_.-]+):/.exec(lines[i]);
    if (match) names.push(match[1]);
  }
  return names;
}

/** {flavors, inputs, outputs}; inputs/outputs are arrays of column or tensor specs, or null. */
export function parseMlmodel(text) {
  const lines = text.split(/\r?\n/);
  const spec = key => {
    const value = scalarUnder(lines, 'signature', key);
    if (!value) return null;
    try {
      return JSON.parse(value);
    } catch {
      return null;
    }
  };
  return {flavors: flavors(lines), inputs: spec('inputs'), outputs: spec('outputs')};
}

function specRows(specs) {
  return specs.map((spec, i) => {
    const tensor = spec['tensor-spec'];
    const type = tensor ? `tensor ${tensor.dtype} [${(tensor.shape || []).join(', ')}]` : spec.type;
    return h('tr', {}, h('td', {}, spec.name ?? `#${i}`), h('td', {class: 'mono'}, type ?? ''),
      h('td', {}, spec.required === false ? 'optional' : ''));
  });
}

/** model: {flavors?, inputs, outputs, inferred?}; inputs and outputs null when not recorded. */
export function signatureView(model) {
  const section = (title, specs) => h('div', {},
    h('h3', {}, title),
    specs ? h('table', {class: 'data', 'aria-label': `Signature ${title.toLowerCase()}`},
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Name'), h('th', {scope: 'col'}, 'Type'),
        h('th', {scope: 'col'}, ''))),
      h('tbody', {}, specRows(specs))) : h('p', {class: 'muted'}, 'Not recorded.'));
  return h('section', {class: 'signature', 'aria-label': 'Model signature'},
    model.flavors ? h('p', {}, h('strong', {}, 'Flavors: '), model.flavors.join(', ') || 'none') : null,
    model.inferred ? h('p', {class: 'hint'}, 'Inferred from the model file at registration.') : null,
    h('div', {class: 'grid-2'}, section('Inputs', model.inputs), section('Outputs', model.outputs)));
}
