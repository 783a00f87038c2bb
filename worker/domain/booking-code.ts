// Booking codes people read aloud at a desk and type on a phone: no 0/O or 1/I to confuse.
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const BOOKING_CODE_LENGTH = 8;

/** A random code; `random` supplies one byte per character (32 letters: no modulo bias). */
export function bookingCode(random: Uint8Array = crypto.getRandomValues(new Uint8Array(BOOKING_CODE_LENGTH))): string {
  return Array.from(random.slice(0, BOOKING_CODE_LENGTH), (byte) => BOOKING_CODE_ALPHABET[byte % 32]).join('');
}

/** What a person typed, as stored: upper case, without spaces or dashes. */
export function normalizeBookingCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}
