import { el } from './dom.js';
import { t } from './i18n.js';
import { authorisedFetch } from './session.js';

/**
 * A link to the API's CSV export. The export needs the bearer token, which a plain link cannot
 * carry, so a click fetches the file and hands it to the browser as a download under the name
 * the API gives in Content-Disposition. The href stays the API path (copyable for scripts).
 */
export function csvExportLink(path: string): HTMLAnchorElement {
  const link = el('a', { href: path, class: 'button', 'data-export': path }, t('common.export'));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    void download(path);
  });
  return link;
}

async function download(path: string): Promise<void> {
  const response = await authorisedFetch(path);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'grip.csv';
  const url = URL.createObjectURL(await response.blob());
  const anchor = el('a', { href: url, download: name });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
