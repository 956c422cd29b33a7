// Every request the UI makes: JSON in and out, the bearer token attached, errors as ApiError
// carrying the server's own message (problem+json "detail" or MLflow's "message").

import {requestSignIn, token} from './auth.js';

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function headers(extra = {}) {
  const all = {Accept: 'application/json', ...extra};
  const bearer = token();
  if (bearer) all.Authorization = `Bearer ${bearer}`;
  return all;
}

export function url(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** fetch() that asks for a token and tries again when the server answers 401. */
async function authorizedFetch(target, init = {}) {
  for (;;) {
    const response = await fetch(target, {...init, headers: headers(init.headers)});
    if (response.status !== 401) return response;
    const reason = token() ? 'The token was not accepted. Enter a valid API token.'
      : 'This server asks for an API token.';
    await requestSignIn(reason);
  }
}

async function failure(response) {
  let message = `${response.status} ${response.statusText}`;
  let code = '';
  try {
    const body = await response.json();
    message = body.detail || body.message || message;
    code = body.code || body.error_code || '';
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, message, code);
}

async function json(method, target, body, signal) {
  const init = {method, signal, headers: {}};
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await authorizedFetch(target, init);
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : response.json();
}

export function get(path, query = {}, signal = undefined) {
  return json('GET', url(path, query), undefined, signal);
}

/** A change: POST, PUT, PATCH or DELETE with an optional JSON body; resolves to the parsed answer (null for 204). */
export function send(method, path, body = undefined, query = {}) {
  return json(method, url(path, query), body, undefined);
}

/** The first `limit` bytes of a file as text, and whether there was more. */
export async function text(target, limit, signal = undefined) {
  const response = await authorizedFetch(target, {signal});
  if (!response.ok) throw await failure(response);
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size > limit) {
      truncated = true;
      await reader.cancel();
      break;
    }
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return {text: new TextDecoder().decode(all.subarray(0, Math.min(size, limit))), truncated};
}

/** A file as a Blob (for images: shown through an object URL, since <img> cannot send the token). */
export async function blob(target, signal = undefined) {
  const response = await authorizedFetch(target, {signal});
  if (!response.ok) throw await failure(response);
  return response.blob();
}

/** Runs `task` over `items` with at most `limit` requests in flight; results keep the input order. */
export async function pooled(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return results;
}
