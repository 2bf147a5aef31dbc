import { el } from '../dom.js';
import { t } from '../i18n.js';

/** A small form of named inputs that navigates to the same page with them as query parameters. */
export function queryForm(
  route: string,
  fields: readonly { name: string; label: string; value: string; hint?: string }[],
): HTMLFormElement {
  const form = el(
    'form',
    { class: 'toolbar' },
    ...fields.map((f) =>
      el(
        'label',
        {},
        `${f.label} `,
        el('input', { name: f.name, value: f.value, title: f.hint, size: '10' }),
      ),
    ),
    el('button', { type: 'submit' }, t('common.show')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const f of fields)
      params.set(f.name, (form.elements.namedItem(f.name) as HTMLInputElement).value.trim());
    location.hash = `${route}?${params.toString()}`;
  });
  return form;
}
