import { el } from '../dom.js';
import { t } from '../i18n.js';
import { ApiFailure, signIn } from '../session.js';

export function renderSignIn(main: HTMLElement, notice?: string): void {
  const error = el('p', { class: 'error', role: 'alert', id: 'sign-in-error' }, notice ?? '');
  const form = el(
    'form',
    { class: 'sign-in', id: 'sign-in-form' },
    el(
      'label',
      {},
      t('auth.username'),
      el('input', { name: 'username', autocomplete: 'username', required: true }),
    ),
    el(
      'label',
      {},
      t('auth.password'),
      el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    ),
    el('button', { type: 'submit' }, t('auth.submit')),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    error.textContent = '';
    signIn(value('username'), value('password'))
      .then(() => {
        location.hash = '#/retrofits';
      })
      .catch((failure: unknown) => {
        error.textContent = t('auth.failed', {
          message: failure instanceof ApiFailure ? failure.message : String(failure),
        });
      });
  });
  main.replaceChildren(
    el(
      'section',
      { 'aria-labelledby': 'sign-in-title' },
      el('h2', { id: 'sign-in-title' }, t('auth.title')),
      form,
      el('p', { class: 'muted' }, t('auth.hint')),
    ),
  );
  (form.elements.namedItem('username') as HTMLInputElement).focus();
}
