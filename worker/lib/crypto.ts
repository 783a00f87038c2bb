// Encryption of ID numbers at rest: AES-256-GCM with a key from the ID_NUMBER_KEY secret.
import { fromBase64Url, toBase64Url } from './tokens.ts';

const VERSION = 'v1';

// Imported once per isolate: an export decrypts thousands of ID numbers with the same key.
const keys = new Map<string, Promise<CryptoKey>>();

function importKey(secret: string | undefined): Promise<CryptoKey> {
  const raw = secret ? fromBase64Url(secret) : new Uint8Array();
  if (raw.length !== 32) return Promise.reject(new Error('ID_NUMBER_KEY must be 32 bytes, base64url-encoded'));
  let key = keys.get(secret!);
  if (!key) {
    key = crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    keys.set(secret!, key);
  }
  return key;
}

/** `v1.<iv>.<ciphertext>`, with a fresh random IV each time. */
export async function encryptText(secret: string | undefined, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await importKey(secret),
    new TextEncoder().encode(plaintext),
  );
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
}

export async function decryptText(secret: string | undefined, sealed: string): Promise<string> {
  const [version, iv, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !ciphertext) throw new Error('unknown ciphertext format');
  const plaintext = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(iv) },
    await importKey(secret),
    fromBase64Url(ciphertext),
  );
  return new TextDecoder().decode(plaintext);
}
