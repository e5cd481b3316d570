import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ERASED, openValue, sealValue } from '../../src/privacy/encrypted-value.js';
import { MasterKeyError, generateMasterKey, parseMasterKey } from '../../src/privacy/master-key.js';
import { SubjectKeyStore } from '../../src/privacy/subject-key-store.js';
import { SqliteReadStore } from '../../src/shared/read-store/sqlite/sqlite-read-store.js';

const mk1 = parseMasterKey(generateMasterKey('mk1'));
const mk2 = parseMasterKey(generateMasterKey('mk2'));

/** Every byte of every file in a folder (the database, its WAL and shared-memory files). */
const rawBytes = (dir: string) => Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));

describe('Subject key store (SQLite, secure delete)', () => {
  let dir: string;
  const open = () => SqliteReadStore.open(join(dir, 'keys.db'), { synchronous: 'FULL', secureDelete: true });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aul-ledger-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('issues one key per subject, seals and opens values, and destroys the key so that nothing decrypts', async () => {
    const backing = open();
    const keys = await SubjectKeyStore.open(backing, mk1);
    const keyId = await keys.issue('subject-a');
    expect(await keys.issue('subject-a')).toBe(keyId);
    const key = (await keys.key(keyId))!;
    const sealed = sealValue(key, keyId, 'fullName', 'Айгерим Серикова');
    expect(openValue(key, 'fullName', sealed)).toBe('Айгерим Серикова');
    expect(() => openValue(key, 'phone', sealed)).toThrow(); // bound to its field

    const wrapped = JSON.stringify(await backing.get('subject_keys', 'subject-a')).match(/"wrapped":"([^"]+)"/)![1]!;
    expect(rawBytes(dir).includes(wrapped)).toBe(true);
    await keys.destroy('subject-a');
    expect(await keys.key(keyId)).toBeNull();
    expect(await keys.has('subject-a')).toBe(false);
    expect(rawBytes(dir).includes(wrapped)).toBe(false); // not in the file, nor in its WAL
    await backing.close();
    expect(ERASED).toBe('[erased]');
  });

  it('refuses a wrong master key and a missing one before writing anything', async () => {
    const backing = open();
    const keys = await SubjectKeyStore.open(backing, mk1);
    await keys.issue('subject-a');
    await backing.close();

    const wrongSameId = parseMasterKey(generateMasterKey('mk1'));
    const again = open();
    await expect(SubjectKeyStore.open(again, wrongSameId)).rejects.toThrow(MasterKeyError);
    await expect(SubjectKeyStore.open(again, mk2)).rejects.toThrow(/mk1, which are not configured/);
    await again.close();
  });

  it('rotates the master key without touching sealed values', async () => {
    let backing = open();
    let keys = await SubjectKeyStore.open(backing, mk1);
    const keyId = await keys.issue('subject-a');
    const hash = await keys.iinHash('900101300126');
    expect(await keys.claimIin(hash, 'subject-a')).toBe('subject-a');
    const sealed = sealValue((await keys.key(keyId))!, keyId, 'iin', '900101300126');
    await backing.close();

    backing = open();
    keys = await SubjectKeyStore.open(backing, mk2, [mk1]);
    expect(await keys.rotate()).toBe(1);
    await backing.close();

    backing = open();
    keys = await SubjectKeyStore.open(backing, mk2);
    expect(openValue((await keys.key(keyId))!, 'iin', sealed)).toBe('900101300126');
    expect(await keys.iinHash('900101300126')).toBe(hash);
    await backing.close();
  });

  it('keeps an IIN for one subject at a time and frees it again', async () => {
    const backing = open();
    const keys = await SubjectKeyStore.open(backing, mk1);
    await keys.issue('a');
    await keys.issue('b');
    const hash = await keys.iinHash('900101300126');
    expect(await keys.claimIin(hash, 'a')).toBe('a');
    expect(await keys.claimIin(hash, 'b')).toBe('a');
    await keys.releaseIinOf('a');
    expect(await keys.iinHolder(hash)).toBeNull();
    expect(await keys.claimIin(hash, 'b')).toBe('b');
    await keys.destroy('b');
    expect(await keys.iinHolder(hash)).toBeNull();
    await backing.close();
  });
});
