// A run's artifacts: a lazily expanded tree, and a preview of the chosen file (text, image, or an
// MLmodel file's signature). Files are fetched with the bearer token and shown from memory.

import * as api from '../api.js';
import {alert, h, replace} from '../dom.js';
import * as format from '../format.js';
import {parseMlmodel, signatureView} from './mlmodel.js';

const TEXT = /\.(txt|log|json|ya?ml|md|csv|tsv|py|java|sql|sh|toml|cfg|ini|xml|html?|r|properties)$|(^|\/)(MLmodel|requirements\.txt|Dockerfile|LICENSE)$/i;
const IMAGE = /\.(png|jpe?g|gif|webp|bmp|svg)$/i;
const TEXT_LIMIT = 256 * 1024;
const IMAGE_LIMIT = 20 * 1024 * 1024;

const SCHEME = 'mlflow-artifacts:';
const PROXY = '/api/2.0/mlflow-artifacts/artifacts/';

/** Where this server serves the run's files, or '' when they live elsewhere. */
function downloadBase(artifactUri) {
  if (!artifactUri.startsWith(SCHEME)) return '';
  let rest = artifactUri.slice(SCHEME.length);
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  return PROXY + rest.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/');
}

function encodedPath(path) {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function artifactBrowser(run, signal) {
  const base = downloadBase(run.artifact_uri);
  const preview = h('div', {class: 'preview', id: 'artifact-preview', 'aria-live': 'polite'},
    h('p', {class: 'muted'}, 'Choose a file to preview it.'));
  const tree = h('div', {class: 'tree', role: 'navigation', 'aria-label': 'Artifact files'});
  let objectUrl = '';
  let currentButton = null;

  const showFile = async (file, button) => {
    if (currentButton) currentButton.removeAttribute('aria-current');
    currentButton = button;
    button.setAttribute('aria-current', 'true');
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = '';
    const source = `${base}/${encodedPath(file.path)}`;
    const header = h('div', {class: 'toolbar'},
      h('strong', {class: 'mono'}, file.path), h('span', {class: 'muted'}, format.bytes(file.file_size)),
      h('span', {class: 'spacer'}),
      h('button', {type: 'button', onclick: () => download(source, file.path)}, 'Download'));
    replace(preview, header, h('p', {class: 'muted'}, 'Loading…'));
    try {
      if (IMAGE.test(file.path) && (file.file_size ?? 0) <= IMAGE_LIMIT) {
        objectUrl = URL.createObjectURL(await api.blob(source, signal));
        replace(preview, header, h('img', {src: objectUrl, alt: `Artifact ${file.path}`}));
      } else if (TEXT.test(file.path)) {
        const {text, truncated} = await api.text(source, TEXT_LIMIT, signal);
        const isModel = /(^|\/)MLmodel$/.test(file.path);
        replace(preview, header,
          isModel ? signatureView(parseMlmodel(text)) : null,
          isModel ? h('h3', {}, 'MLmodel') : null,
          h('pre', {}, text),
          truncated ? h('p', {class: 'hint'}, `Showing the first ${format.bytes(TEXT_LIMIT)}; download for the rest.`) : null);
      } else {
        replace(preview, header, h('p', {class: 'muted'}, 'No preview for this kind of file.'));
      }
    } catch (error) {
      if (!signal.aborted) replace(preview, header, alert(error.message));
    }
  };

  const listInto = async (list, directory) => {
    let files;
    try {
      files = (await api.get(`/api/v1/runs/${encodeURIComponent(run.run_id)}/artifacts`, {path: directory}, signal)).files;
    } catch (error) {
      if (!signal.aborted) replace(list, h('li', {}, alert(error.message)));
      return;
    }
    files.sort((a, b) => (a.is_dir === b.is_dir ? a.path.localeCompare(b.path) : a.is_dir ? -1 : 1));
    if (files.length === 0) {
      replace(list, h('li', {class: 'muted'}, directory ? 'Empty folder.' : 'No artifacts.'));
      return;
    }
    replace(list, files.map(file => {
      const name = file.path.split('/').pop();
      if (!file.is_dir) {
        const button = h('button', {type: 'button', title: file.path, dataset: {path: file.path}},
          h('span', {'aria-hidden': 'true', class: 'icon'}, '·'), name);
        button.addEventListener('click', () => showFile(file, button));
        return h('li', {}, button);
      }
      const children = h('ul', {hidden: true});
      const button = h('button', {type: 'button', 'aria-expanded': 'false', title: file.path,
        dataset: {path: file.path}}, h('span', {'aria-hidden': 'true', class: 'icon'}, '▸'), name);
      button.addEventListener('click', () => {
        const open = button.getAttribute('aria-expanded') === 'true';
        button.setAttribute('aria-expanded', String(!open));
        button.firstChild.textContent = open ? '▸' : '▾';
        children.hidden = open;
        if (!open && !children.dataset.loaded) {
          children.dataset.loaded = 'true';
          replace(children, h('li', {class: 'muted'}, 'Loading…'));
          listInto(children, file.path);
        }
      });
      return h('li', {}, button, children);
    }));
  };

  if (!base) {
    return h('p', {class: 'muted'}, `This run keeps its artifacts at ${run.artifact_uri}, which this server does not serve.`);
  }
  const root = h('ul', {}, h('li', {class: 'muted'}, 'Loading…'));
  tree.append(root);
  listInto(root, '');
  signal.addEventListener('abort', () => {
    if (objectUrl) URL.revokeObjectURL(objectUrl);
  });
  return h('div', {class: 'artifacts'}, tree, preview);
}

async function download(source, path) {
  try {
    const url = URL.createObjectURL(await api.blob(source));
    const link = h('a', {href: url, download: path.split('/').pop()});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    window.alert(error.message);
  }
}
