import { Inject, Injectable } from '@nestjs/common';
import { CommandPipeline } from '../shared/command/command-pipeline.js';
import { PERSONAL_DATA_ROLES } from '../access/roles.js';
import type { Actor } from '../shared/domain/message.js';
import { dataSubjectDecider, dataSubjectStream } from './domain/data-subject.decider.js';
import type { SubjectKind } from './domain/data-subject.events.js';
import { ERASED, type EncryptedValue, openValue, sealValue } from './encrypted-value.js';
import { RANDOM_SOURCE, type RandomSource } from './random-source.js';
import { SubjectKeyStore } from './subject-key-store.js';

/** DI token of the SubjectKeyStore. */
export const SUBJECT_KEYS = Symbol('SUBJECT_KEYS');

/** Whether an actor may read personal values in clear; everyone else (auditors, the public) sees pseudonymous ids only. */
export const maySeePersonalData = (actor: Actor | undefined): boolean => !!actor && PERSONAL_DATA_ROLES.has(actor.role);

export type SealedFields<K extends string> = { [F in K]?: EncryptedValue };

/**
 * Seals personal fields under their data subject's key (issuing the key on first use and recording it on the
 * subject's stream), and reveals them again: the plaintext, or "[erased]" once the key is destroyed.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore,
    private readonly pipeline: CommandPipeline,
    @Inject(RANDOM_SOURCE) private readonly random: RandomSource,
  ) {}

  /** Encrypts each given field. Refuses (SubjectErased) a subject whose data was erased. */
  async seal<K extends string>(subjectId: string, kind: SubjectKind, fields: Partial<Record<K, string>>, actor: Actor, now: string, correlationId: string): Promise<SealedFields<K>> {
    const keyId = `${subjectId}#1`;
    await this.pipeline.run({
      id: subjectId,
      streamId: dataSubjectStream(subjectId),
      decider: dataSubjectDecider,
      command: { type: 'IssueSubjectKey', data: { subjectId, kind, keyId }, metadata: { actor, now, correlationId } },
      context: {},
    });
    await this.keys.issue(subjectId);
    const key = await this.keys.key(keyId);
    if (!key) throw new Error(`The key of ${subjectId} is not available`);
    const sealed: SealedFields<K> = {};
    for (const [field, value] of Object.entries(fields) as Array<[K, string | undefined]>) if (value !== undefined) sealed[field] = sealValue(key, keyId, field, value, this.random);
    return sealed;
  }

  /** The plaintext of one sealed field, or "[erased]". */
  async reveal(field: string, value: EncryptedValue): Promise<string> {
    const key = await this.keys.key(value.keyId);
    return key ? openValue(key, field, value) : ERASED;
  }

  /** Every sealed field of a record revealed (or "[erased]"). */
  async revealAll<K extends string>(sealed: SealedFields<K> | null | undefined): Promise<Partial<Record<K, string>>> {
    const out: Partial<Record<K, string>> = {};
    for (const [field, value] of Object.entries(sealed ?? {}) as Array<[K, EncryptedValue]>) out[field] = await this.reveal(field, value);
    return out;
  }

  iinHash(iin: string): Promise<string> {
    return this.keys.iinHash(iin);
  }

  claimIin(iinHash: string, subjectId: string): Promise<string> {
    return this.keys.claimIin(iinHash, subjectId);
  }

  releaseIinOf(subjectId: string): Promise<void> {
    return this.keys.releaseIinOf(subjectId);
  }

  iinHolder(iinHash: string): Promise<string | null> {
    return this.keys.iinHolder(iinHash);
  }
}

