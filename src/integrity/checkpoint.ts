import { type KeyObject, createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

/**
 * Signed checkpoints in the C2SP formats (tlog-checkpoint and signed-note): the body is three lines — origin, tree
 * size in decimal, root hash in base64 — and the signature line is `— <key name> <base64(key hash ‖ signature)>`,
 * where the key hash is the first 4 bytes of SHA-256(key name ‖ "\n" ‖ 0x01 ‖ Ed25519 public key). Pure: no I/O.
 */

/** Stream of the `CheckpointSigned` events. */
export const CHECKPOINT_STREAM = 'integrity-checkpoints';
export const CHECKPOINT_SIGNED = 'CheckpointSigned';

/** Data of a `CheckpointSigned` event. `signature` is base64 of the 64-byte Ed25519 signature over `checkpointBody`. */
export type CheckpointData = {
  origin: string;
  treeSize: number;
  /** Lowercase hex of MTH over the first `treeSize` leaves. */
  rootHash: string;
  /** Global position of the event at leaf `treeSize − 1` (decimal string). */
  logPosition: string;
  signedAt: string;
  keyName: string;
  /** Lowercase hex of the 4-byte C2SP key hash. */
  keyId: string;
  signature: string;
};

const ED25519 = 0x01;
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The key is malformed or not Ed25519. */
export class SigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

/** An Ed25519 private key from PKCS#8 PEM (literal `\n` accepted for one-line environment values) or base64 of a 32-byte seed. */
export function parseSigningKey(text: string): KeyObject {
  const value = text.trim();
  let key: KeyObject;
  try {
    if (value.startsWith('-----BEGIN')) key = createPrivateKey({ key: value.replace(/\\n/g, '\n'), format: 'pem' });
    else {
      const seed = Buffer.from(value, 'base64');
      if (seed.length !== 32 || seed.toString('base64').replace(/=+$/, '') !== value.replace(/=+$/, '')) throw new SigningKeyError('not base64 of 32 bytes');
      key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    }
  } catch (e) {
    throw new SigningKeyError(`must be an Ed25519 PKCS#8 PEM private key or base64 of a 32-byte seed (${(e as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`must be an Ed25519 key (got ${key.asymmetricKeyType ?? 'unknown'})`);
  return key;
}

/** The 32 raw bytes of an Ed25519 public key. */
export const rawPublicKey = (key: KeyObject): Buffer => {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url');
};

const publicKeyFromRaw = (raw: Buffer): KeyObject => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });

/** C2SP key hash: the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), as hex. */
export const keyHash = (name: string, publicKey: Buffer): string =>
  createHash('sha256').update(name, 'utf8').update('\n').update(Buffer.from([ED25519])).update(publicKey).digest().subarray(0, 4).toString('hex');

/** A C2SP verifier key: `<name>+<key hash hex>+<base64(0x01 ‖ public key)>`. */
export const verifierKey = (name: string, publicKey: Buffer): string => `${name}+${keyHash(name, publicKey)}+${Buffer.concat([Buffer.from([ED25519]), publicKey]).toString('base64')}`;

export type PublicKeyInfo = { name: string; keyId: string; publicKey: Buffer; key: KeyObject };

/** Parses a verifier key and checks that its key hash matches its name and key. */
export function parseVerifierKey(text: string): PublicKeyInfo {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(text);
  if (!match) throw new SigningKeyError('not a verifier key "<name>+<key hash>+<base64 key>"');
  const [, name, keyId, b64] = match as unknown as [string, string, string, string];
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length !== 33 || bytes[0] !== ED25519 || bytes.toString('base64') !== b64) throw new SigningKeyError('the key is not an Ed25519 key (type 0x01 and 32 bytes)');
  const publicKey = bytes.subarray(1);
  if (keyHash(name, publicKey) !== keyId) throw new SigningKeyError(`the key hash ${keyId} does not match the name and key`);
  return { name, keyId, publicKey, key: publicKeyFromRaw(publicKey) };
}

/** The signed text of a checkpoint (C2SP tlog-checkpoint body). */
export const checkpointBody = (c: Pick<CheckpointData, 'origin' | 'treeSize' | 'rootHash'>): string => `${c.origin}\n${c.treeSize}\n${Buffer.from(c.rootHash, 'hex').toString('base64')}\n`;

/** The whole signed note: body, blank line, signature line. */
export const signedNote = (c: CheckpointData): string =>
  `${checkpointBody(c)}\n\u2014 ${c.keyName} ${Buffer.concat([Buffer.from(c.keyId, 'hex'), Buffer.from(c.signature, 'base64')]).toString('base64')}\n`;

/** A checkpoint's data, signed. */
export function signCheckpoint(
  key: KeyObject,
  keyName: string,
  c: Pick<CheckpointData, 'origin' | 'treeSize' | 'rootHash' | 'logPosition' | 'signedAt'>,
): CheckpointData {
  const signature = sign(null, Buffer.from(checkpointBody(c), 'utf8'), key).toString('base64');
  return { ...c, keyName, keyId: keyHash(keyName, rawPublicKey(key)), signature };
}

/** Whether the checkpoint's signature verifies under the key, with the key's name and hash. */
export const verifyCheckpointSignature = (c: CheckpointData, pub: PublicKeyInfo): boolean => {
  if (c.keyName !== pub.name || c.keyId !== pub.keyId || typeof c.signature !== 'string') return false;
  try {
    return verify(null, Buffer.from(checkpointBody(c), 'utf8'), pub.key, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
};
