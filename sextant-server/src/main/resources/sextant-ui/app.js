// Boots the UI: the routes of every view, the header, the skip link.

import {route, start} from './router.js';
import {renderSession} from './session.js';

route('/', () => import('./views/experiments.js'));
route('/experiments', () => import('./views/experiments.js'));
route('/experiments/:id', () => import('./views/runs.js'));
route('/runs/:id', () => import('./views/run.js'));
route('/compare', () => import('./views/compare.js'));
route('/models', () => import('./views/models.js'));
route('/models/:name', () => import('./views/model.js'));
route('/models/:name/versions/:version', () => import('./views/model-version.js'));
route('/deployments', () => import('./views/deployments.js'));
route('/deployments/:name', () => import('./views/deployment.js'));
route('/audit', () => import('./views/audit.js'));

document.getElementById('skip-link').addEventListener('click', event => {
  event.preventDefault();
  document.getElementById('main').focus();
});
renderSession();
start(document.getElementById('main'));
