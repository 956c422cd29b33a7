import {append, h} from '../dom.js';

export function render(container, {path}) {
  document.title = 'Not found · Sextant';
  append(container, 
    h('h1', {}, 'Nothing here'),
    h('p', {}, `The UI has no page at ${path}. `, h('a', {href: '#/experiments'}, 'Go to the experiments.')));
}
