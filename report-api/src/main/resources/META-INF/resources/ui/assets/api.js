// Every figure comes from report-api's JSON API, called with the signed-in user's bearer token.
import { token, forget } from './auth.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body, accept) {
  const bearer = token();
  if (!bearer) throw new ApiError(401, 'not signed in');
  const headers = { Authorization: 'Bearer ' + bearer, Accept: accept || 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (response.status === 401) forget();
  if (!response.ok) {
    let message = response.statusText || 'request failed';
    try {
      const error = await response.json();
      if (error && error.error && error.error.message) message = error.error.message;
    } catch {
      // no JSON body
    }
    throw new ApiError(response.status, message);
  }
  return response;
}

export async function getJson(path) {
  return (await call('GET', path)).json();
}

export async function postJson(path, body) {
  return (await call('POST', path, body)).json();
}

/** Downloads a generated file (CSV/XLSX) through a blob: the bearer token cannot ride on a plain link. */
export async function download(path, body) {
  const response = await call('POST', path, body, '*/*');
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  const name = match ? match[1] : 'report.' + (body.format || 'csv');
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}
