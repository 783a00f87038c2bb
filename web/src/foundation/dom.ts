// Building DOM nodes without innerHTML: text stays text (nothing from the API can inject
// markup), and nothing sets an inline style, which the Content-Security-Policy forbids.

export type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Element, children: Child[]) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** Element.replaceChildren, which older in-app browsers lack. */
export function replaceContent(parent: Element, ...children: Child[]) {
  parent.textContent = '';
  append(parent, children);
}

export function on<E extends Element>(element: E, type: string, listener: (event: Event) => void): E {
  element.addEventListener(type, listener);
  return element;
}

let lastId = 0;
/** A page-unique id, to tie a label, hint or error to its control. */
export const uniqueId = (prefix: string) => `${prefix}-${++lastId}`;
