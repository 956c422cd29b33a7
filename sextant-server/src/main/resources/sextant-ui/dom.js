// Building DOM nodes without HTML strings, so that names and values from the server are always text.

/**
 * h('a', {href: '#/x', class: 'c', onclick: fn, 'aria-label': 'l'}, 'text', child, [more])
 * Attributes named on* become listeners; false/null/undefined attributes are left out.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name in element && typeof value !== 'string') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  appendAll(element, children);
  return element;
}

/** Appends children, flattening arrays and skipping null, undefined and false (which Element.append would print). */
export function append(parent, ...children) {
  appendAll(parent, children);
  return parent;
}

function appendAll(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) appendAll(parent, child);
    else parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces everything inside `element`. */
export function replace(element, ...children) {
  element.replaceChildren();
  appendAll(element, children);
  return element;
}

export function alert(message) {
  return h('div', {class: 'alert', role: 'alert'}, message);
}

export function empty(message) {
  return h('div', {class: 'empty'}, message);
}

/** A two-column table of key → value, sorted by key unless `sorted` is false. */
export function keyValueTable(entries, caption, {sorted = true} = {}) {
  const rows = sorted ? [...entries].sort(([a], [b]) => a.localeCompare(b)) : [...entries];
  if (rows.length === 0) return empty(`No ${caption.toLowerCase()}.`);
  return h('table', {class: 'kv', 'aria-label': caption},
    h('tbody', {}, rows.map(([key, value]) => h('tr', {}, h('th', {scope: 'row'}, key), h('td', {}, value)))));
}
