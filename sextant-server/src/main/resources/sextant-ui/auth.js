// The API token: kept in this tab's session storage, asked for when the server answers 401.

const KEY = 'sextant.token';
let pending = null;

export function token() {
  return sessionStorage.getItem(KEY) || '';
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  changed();
}

/** Tells the rest of the UI (the header, views that offer actions) that the caller changed. */
function changed() {
  window.dispatchEvent(new CustomEvent('sextant:session'));
}

/**
 * Shows the sign-in dialog and resolves once a token is entered. Requests that fail with 401 at the
 * same time wait for the same dialog.
 */
export function requestSignIn(reason) {
  if (pending) return pending;
  const dialog = document.getElementById('sign-in');
  const form = document.getElementById('sign-in-form');
  const input = document.getElementById('sign-in-token');
  document.getElementById('sign-in-reason').textContent = reason
    || 'This server asks for an API token.';
  input.value = '';
  pending = new Promise(resolve => {
    const submitted = event => {
      const value = input.value.trim();
      if (!value) {
        event.preventDefault();
        return;
      }
      sessionStorage.setItem(KEY, value);
      form.removeEventListener('submit', submitted);
      pending = null;
      changed();
      resolve(value);
    };
    form.addEventListener('submit', submitted);
    // Escape would leave every waiting request hanging: the dialog stays until a token is given.
    dialog.addEventListener('cancel', event => event.preventDefault(), {once: true});
  });
  if (!dialog.open) dialog.showModal();
  input.focus();
  return pending;
}
