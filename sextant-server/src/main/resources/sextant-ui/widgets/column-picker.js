// Choosing which params, metrics and tags the runs table shows. Keys can number in the thousands,
// so the list is filtered by a search box and only the first matches are drawn.

import {h, replace} from '../dom.js';

const SHOWN = 300;
export const GROUPS = [
  {entity: 'metrics', title: 'Metrics'},
  {entity: 'params', title: 'Parameters'},
  {entity: 'tags', title: 'Tags'},
];

/**
 * A panel of checkboxes. `available` and `chosen` map entity → array of keys; `onChange(chosen)` is
 * called with a new selection on every tick.
 */
export function columnPicker(available, chosen, onChange) {
  const selection = Object.fromEntries(GROUPS.map(({entity}) => [entity, new Set(chosen[entity] || [])]));
  const search = h('input', {type: 'search', id: 'column-search', placeholder: 'Filter keys'});
  const lists = h('div');
  const draw = () => {
    const needle = search.value.trim().toLowerCase();
    replace(lists, GROUPS.map(({entity, title}) => {
      const keys = [...new Set([...(available[entity] || []), ...selection[entity]])].sort()
        .filter(key => key.toLowerCase().includes(needle));
      return h('fieldset', {},
        h('legend', {}, `${title} (${keys.length})`),
        keys.length === 0 ? h('p', {class: 'hint'}, 'None.') : h('div', {class: 'choices'},
          keys.slice(0, SHOWN).map(key => {
            const id = `column-${entity}-${key}`;
            return h('label', {title: key},
              h('input', {type: 'checkbox', id, checked: selection[entity].has(key), onchange: event => {
                if (event.target.checked) selection[entity].add(key);
                else selection[entity].delete(key);
                onChange(Object.fromEntries(GROUPS.map(group => [group.entity, [...selection[group.entity]]])));
              }}), ' ', key);
          })),
        keys.length > SHOWN ? h('p', {class: 'hint'}, `${keys.length - SHOWN} more: narrow the filter.`) : null);
    }));
  };
  search.addEventListener('input', draw);
  draw();
  return h('div', {class: 'panel columns-panel', id: 'columns-panel'},
    h('label', {for: 'column-search'}, 'Columns to show'), ' ', search,
    h('p', {class: 'hint'}, 'Keys found on this page of runs, plus the ones already chosen.'),
    lists);
}
