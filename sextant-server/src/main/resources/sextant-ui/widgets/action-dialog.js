// A modal dialog that confirms a change, asks what the change needs (a reason, a stage, an alias)
// and makes it. When the server refuses, its reason is shown in the dialog, which stays open, so
// nothing is lost; Escape or Cancel closes it and focus goes back to the button that opened it.

import {alert, h, replace} from '../dom.js';

/**
 * actionDialog({title, message, confirm: 'Delete', danger: true,
 *   fields: [{name, label, type: 'text'|'textarea'|'select'|'checkbox'|'number', required, options, value, hint}],
 *   run: async values => result})
 * Resolves to run's result once it succeeded, or null when cancelled.
 */
export function actionDialog({title, message = '', confirm = 'Confirm', danger = false, fields = [], run}) {
  const opener = document.activeElement;
  const titleId = 'action-dialog-title';
  const inputs = new Map();
  const errorSlot = h('div', {'aria-live': 'assertive'});
  const submit = h('button', {type: 'submit', class: danger ? 'primary danger' : 'primary'}, confirm);
  const cancel = h('button', {type: 'button'}, 'Cancel');
  // The dialog checks required fields itself, so that the reason is said in the page (an alert
  // screen readers announce) rather than in the browser's own bubble.
  const form = h('form', {method: 'dialog', class: 'action-form', novalidate: true},
    h('h2', {id: titleId}, title),
    message ? h('p', {class: 'action-message'}, message) : null,
    fields.map(field => fieldRow(field, inputs)),
    errorSlot,
    h('div', {class: 'actions'}, cancel, submit));
  const dialog = h('dialog', {class: 'action-dialog', 'aria-labelledby': titleId}, form);
  document.body.append(dialog);

  return new Promise(resolve => {
    let result = null;
    const close = () => dialog.close();
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && typeof opener.focus === 'function' && opener.isConnected) opener.focus();
      resolve(result);
    });
    cancel.addEventListener('click', close);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const values = {};
      for (const [name, input] of inputs) values[name] = input.type === 'checkbox' ? input.checked : input.value.trim();
      const missing = fields.find(field => field.required && !values[field.name]);
      if (missing) {
        replace(errorSlot, alert(`${missing.label} is required.`));
        inputs.get(missing.name).focus();
        return;
      }
      submit.disabled = true;
      replace(errorSlot, h('p', {class: 'muted'}, 'Working…'));
      try {
        result = (await run(values)) ?? true;
        close();
      } catch (error) {
        replace(errorSlot, alert(error.message || String(error)));
        submit.disabled = false;
      }
    });
    dialog.showModal();
    // The first field; with none, Cancel for a destructive change, so that Enter alone does not make it.
    (inputs.values().next().value || (danger ? cancel : submit)).focus();
  });
}

function fieldRow(field, inputs) {
  const id = `action-${field.name}`;
  const hintId = field.hint ? `${id}-hint` : null;
  const common = {id, name: field.name, required: field.required || false, 'aria-describedby': hintId};
  let input;
  if (field.type === 'textarea') {
    input = h('textarea', {...common, rows: 3}, field.value || '');
  } else if (field.type === 'select') {
    input = h('select', common, field.options.map(option => {
      const [value, label] = Array.isArray(option) ? option : [option, option];
      return h('option', {value, selected: value === field.value}, label);
    }));
  } else if (field.type === 'checkbox') {
    input = h('input', {...common, type: 'checkbox', checked: Boolean(field.value)});
    inputs.set(field.name, input);
    return h('div', {class: 'field check'}, h('label', {for: id}, input, ' ', field.label),
      hintId ? h('p', {class: 'hint', id: hintId}, field.hint) : null);
  } else {
    input = h('input', {...common, type: field.type || 'text', value: field.value ?? '', autocomplete: 'off',
      spellcheck: false});
  }
  inputs.set(field.name, input);
  return h('div', {class: 'field'}, h('label', {for: id}, field.label), input,
    hintId ? h('p', {class: 'hint', id: hintId}, field.hint) : null);
}
