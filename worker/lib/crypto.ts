// Encryption of personal data at rest (ID numbers, birth dates): AES-256-GCM under versioned keys.
// ID_NUMBER_KEY is version 1; a rotation adds ID_NUMBER_KEY_2, then _3, … New ciphertexts use the
// highest version set; each ciphertext names its version, so older rows stay readable for as long
// as their key is kept (docs/deploying.md, "Rotating it").
import { fromBase64Url, toBase64Url } from './tokens.ts';

/** The key versions a Worker holds: version number → secret (32 bytes, base64url). */
export interface KeyRing {
  current: number;
  secrets: ReadonlyMap<number, string>;
}

const VERSIONED_KEY = /^ID_NUMBER_KEY(?:_(\d+))?$/;

/** The keys among the Worker's bindings; a ring without any key fails at its first use. */
export function encryptionKeys(env: object): KeyRing {
  const secrets = new Map<number, string>();
  for (const [name, value] of Object.entries(env)) {
    const match = VERSIONED_KEY.exec(name);
    if (match && typeof value === 'string' && value) secrets.set(match[1] ? Number(match[1]) : 1, value);
  }
  return { current: Math.max(0, ...secrets.keys()), secrets };
}

// Imported once per isolate: an export decrypts thousands of ID numbers with the same key.
const keys = new Map<string, Promise<CryptoKey>>();

function importKey(ring: KeyRing, version: number): Promise<CryptoKey> {
  const secret = ring.secrets.get(version);
  const name = version === 1 ? 'ID_NUMBER_KEY' : `ID_NUMBER_KEY_${version}`;
  const raw = secret ? fromBase64Url(secret) : new Uint8Array();
  if (raw.length !== 32) return Promise.reject(new Error(`${name} must be set, 32 bytes, base64url-encoded`));
  let key = keys.get(secret!);
  if (!key) {
    key = crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    keys.set(secret!, key);
  }
  return key;
}

/** `v<version>.<iv>.<ciphertext>` under the newest key, with a fresh random IV each time. */
export async function encryptText(ring: KeyRing, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await importKey(ring, ring.current),
    new TextEncoder().encode(plaintext),
  );
  return `v${ring.current}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
}

/** The plaintext, under the key the ciphertext names. */
export async function decryptText(ring: KeyRing, sealed: string): Promise<string> {
  const [version, iv, ciphertext] = sealed.split('.');
  if (!version || !/^v[1-9]\d*$/.test(version) || !iv || !ciphertext) throw new Error('unknown ciphertext format');
  const plaintext = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(iv) },
    await importKey(ring, Number(version.slice(1))),
    fromBase64Url(ciphertext),
  );
  return new TextDecoder().decode(plaintext);
}
