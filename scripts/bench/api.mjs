// What the benchmarks need of GRIP's HTTP API, and the credit-code helper of the built contracts
// (benchmarks run after `npm run build`).
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const { makeCreditCode } = await import(join(ROOT, 'dist/libs/contracts/src/index.js'));

/** One JSON call; throws with the status and body on anything but 2xx. */
export async function api(url, token, method, path, body) {
  const response = await fetch(url + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export async function login(url, username, password) {
  return (await api(url, undefined, 'POST', '/api/v1/auth/login', { username, password })).accessToken;
}
