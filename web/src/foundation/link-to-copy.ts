// A link to pass on (a group's invitation): the link itself in a read-only box, and a button that
// copies it. WeChat's browser may refuse the clipboard: the box's text stays selectable by hand.
import { h, on } from './dom.ts';

export interface LinkToCopyTexts {
  label: string;
  copy: string;
  copied: string;
  copyFailed: string;
}

export function linkToCopy(link: string, texts: LinkToCopyTexts) {
  const field = h('input', {
    type: 'text',
    readonly: true,
    value: link,
    class: 'share-link',
    'aria-label': texts.label,
  });
  const status = h('p', { class: 'status', role: 'status' });
  const copy = on(h('button', { type: 'button', class: 'button' }, texts.copy), 'click', async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = texts.copied;
    } catch {
      status.textContent = document.execCommand?.('copy') ? texts.copied : texts.copyFailed;
    }
  });
  return { field, copy, status };
}
