// Mainland China mobile numbers: how people type them, how we store and show them.

const MOBILE = /^1[3-9]\d{9}$/;

/** "+86 138-0013-8000" → "13800138000"; null when it is not a mainland mobile number. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return MOBILE.test(compact) ? compact : null;
}

/** "13800138000" → "138****8000": enough for a person to recognise their own number. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
