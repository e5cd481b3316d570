import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  SigningKeyError,
  checkpointBody,
  keyHash,
  parseSigningKey,
  parseVerifierKey,
  rawPublicKey,
  signCheckpoint,
  signedNote,
  verifierKey,
  verifyCheckpointSignature,
} from './checkpoint.js';
import { parseSignedNote } from './bundle.js';

const SEED = Buffer.alloc(32, 42).toString('base64');
const base = { origin: 'aul-ledger', treeSize: 8, rootHash: 'ab'.repeat(32), logPosition: '8', signedAt: '2019-06-05T09:30:00.000Z' };

describe('Signed checkpoints (C2SP tlog-checkpoint and signed-note)', () => {
  it('reads the signing key from a base64 seed or the same key as PKCS#8 PEM (also with literal \\n)', () => {
    const fromSeed = parseSigningKey(SEED);
    const pem = fromSeed.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(rawPublicKey(parseSigningKey(pem)).equals(rawPublicKey(fromSeed))).toBe(true);
    expect(rawPublicKey(parseSigningKey(pem.trim().replace(/\n/g, '\\n'))).equals(rawPublicKey(fromSeed))).toBe(true);
    expect(() => parseSigningKey('c2hvcnQ=')).toThrow(SigningKeyError);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => parseSigningKey(rsa)).toThrow(/must be an Ed25519 key/);
  });

  it('writes the checkpoint body and note in the C2SP form, with the key hash of the signed-note spec', () => {
    const key = parseSigningKey(SEED);
    const pub = rawPublicKey(key);
    const c = signCheckpoint(key, 'aul-ledger', base);
    expect(checkpointBody(c)).toBe(`aul-ledger\n8\n${Buffer.alloc(32, 0xab).toString('base64')}\n`);
    // key hash = SHA-256(name ‖ "\n" ‖ 0x01 ‖ key)[0:4]
    const expectedHash = createHash('sha256').update(Buffer.concat([Buffer.from('aul-ledger\n'), Buffer.from([1]), pub])).digest().subarray(0, 4).toString('hex');
    expect(c.keyId).toBe(expectedHash);
    expect(keyHash('aul-ledger', pub)).toBe(expectedHash);
    const sig = Buffer.from(c.signature, 'base64');
    expect(sig).toHaveLength(64);
    expect(signedNote(c)).toBe(`${checkpointBody(c)}\n\u2014 aul-ledger ${Buffer.concat([Buffer.from(expectedHash, 'hex'), sig]).toString('base64')}\n`);
    expect(parseSignedNote(signedNote(c))).toEqual({ ...c, logPosition: '', signedAt: '' });
  });

  it('verifies a signature under the published verifier key, and nothing altered', () => {
    const key = parseSigningKey(SEED);
    const vkey = verifierKey('aul-ledger', rawPublicKey(key));
    expect(vkey).toMatch(/^aul-ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const pub = parseVerifierKey(vkey);
    const c = signCheckpoint(key, 'aul-ledger', base);
    expect(verifyCheckpointSignature(c, pub)).toBe(true);
    expect(verifyCheckpointSignature({ ...c, treeSize: 9 }, pub)).toBe(false);
    expect(verifyCheckpointSignature({ ...c, rootHash: 'ac'.repeat(32) }, pub)).toBe(false);
    expect(verifyCheckpointSignature({ ...c, origin: 'another-log' }, pub)).toBe(false);
    expect(verifyCheckpointSignature(c, parseVerifierKey(verifierKey('aul-ledger', rawPublicKey(generateKeyPairSync('ed25519').privateKey))))).toBe(false);
    // A verifier key whose hash does not match its name and key is refused.
    expect(() => parseVerifierKey(vkey.replace(/^aul-ledger/, 'aul-ledgex'))).toThrow(/key hash/);
  });
});
