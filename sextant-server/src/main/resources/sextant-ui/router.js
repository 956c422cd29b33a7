// Client-side routing on the part of the address after '#/', so the server serves one page and
// claims no other path. Each route loads its view module on first use.

const routes = [];
let outlet = null;
let current = null;

/**
 * route('/experiments/:id', () => import('./views/runs.js'))
 * A view module exports render(container, {params, query, signal}) and may return a cleanup function.
 */
export function route(pattern, load) {
  const names = [];
  const source = pattern.replace(/:([a-z]+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  routes.push({regex: new RegExp(`^${source}$`), names, load});
}

/** The address of a view: href('/experiments/1', {filter: 'x'}) → '#/experiments/1?filter=x'. */
export function href(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

/** Goes to a view; `silent` only rewrites the address (a view remembering its own state). */
export function navigate(path, query = {}, {replace = false, silent = false} = {}) {
  const target = href(path, query);
  if (replace || silent) {
    history.replaceState(null, '', target);
    if (!silent) show();
  } else {
    location.hash = target;
  }
}

/** Draws the current view again, e.g. after a change made from it. */
export function reload() {
  return show();
}

function parse() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const mark = hash.indexOf('?');
  // Parameters are decoded one by one after matching, so an encoded '/' stays inside its segment.
  const path = mark < 0 ? hash : hash.slice(0, mark);
  const query = Object.fromEntries(new URLSearchParams(mark < 0 ? '' : hash.slice(mark + 1)));
  return {path, query};
}

async function show() {
  const {path, query} = parse();
  if (current) {
    current.controller.abort();
    if (typeof current.cleanup === 'function') current.cleanup();
  }
  const controller = new AbortController();
  const entry = {controller, cleanup: null};
  current = entry;
  let match = null;
  let found = null;
  for (const candidate of routes) {
    match = candidate.regex.exec(path);
    if (match) {
      found = candidate;
      break;
    }
  }
  const params = {};
  if (found) found.names.forEach((name, i) => { params[name] = decodeURIComponent(match[i + 1]); });
  markSection(path);
  try {
    const view = found ? await found.load() : await import('./views/not-found.js');
    if (controller.signal.aborted) return;
    const container = document.createElement('div');
    outlet.replaceChildren(container);
    entry.cleanup = await view.render(container, {params, query, path, signal: controller.signal});
  } catch (error) {
    if (error.name === 'AbortError' || controller.signal.aborted) return;
    const message = document.createElement('div');
    message.className = 'alert';
    message.setAttribute('role', 'alert');
    message.textContent = error.message || String(error);
    outlet.replaceChildren(message);
  }
}

function markSection(path) {
  const section = path.split('/')[1] || 'experiments';
  for (const link of document.querySelectorAll('#nav-links a')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

export function start(main) {
  outlet = main;
  window.addEventListener('hashchange', () => {
    // In-page anchors such as the skip link are not views.
    if (location.hash === '' || location.hash.startsWith('#/')) {
      show();
      outlet.focus({preventScroll: true});
    }
  });
  show();
}
