/**
 * Builds elements with text nodes only (never innerHTML), so names and messages from the API
 * cannot inject markup.
 */
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | undefined | ((event: Event) => void)>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, value);
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A table from a header and rows of cells; wrapped so it scrolls sideways on a tablet. */
export function table(
  caption: string,
  header: Child[],
  rows: Child[][],
  numeric: ReadonlySet<number> = new Set(),
) {
  const cls = (i: number) => (numeric.has(i) ? 'num' : undefined);
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      {},
      el('caption', { class: 'sr-only' }, caption),
      el('thead', {}, el('tr', {}, ...header.map((h, i) => el('th', { scope: 'col', class: cls(i) }, h)))),
      el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c, i) => el('td', { class: cls(i) }, c))))),
    ),
  );
}
