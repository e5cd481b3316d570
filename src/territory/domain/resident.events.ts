import type { DomainEvent } from '../../shared/domain/message.js';
import type { EncryptedValue } from '../../shared/domain/personal-data.js';

/** Sex as a coarse category, kept plain for disaggregated counts. */
export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

/** The personal fields of a resident (🔒 in DOMAIN.md 5.8). */
export const RESIDENT_PERSONAL_FIELDS = ['fullName', 'iin', 'birthDate', 'phone', 'address'] as const;

/** The personal fields of a resident, each sealed under the resident's own key. */
export type ResidentPersonal = { fullName?: EncryptedValue; iin?: EncryptedValue; birthDate?: EncryptedValue; phone?: EncryptedValue; address?: EncryptedValue };

/** A resident of a settlement; `residentId` is also the data subject id. */
export type ResidentRegistered = DomainEvent<
  'ResidentRegistered',
  { residentId: string; settlementId: string; sex: Sex; birthYearBand: string; personal: ResidentPersonal; registeredAt: string }
>;

export type ResidentContactUpdated = DomainEvent<'ResidentContactUpdated', { residentId: string; personal: Pick<ResidentPersonal, 'phone' | 'address'>; updatedAt: string }>;

/** Plain facts repeated on later events, so that counts per settlement follow them without other lookups. */
export type ResidentFacts = { sex: Sex; birthYearBand: string };

export type ResidentRelocated = DomainEvent<'ResidentRelocated', ResidentFacts & { residentId: string; fromSettlementId: string; settlementId: string; relocatedAt: string }>;

export type ResidentDeregistered = DomainEvent<'ResidentDeregistered', ResidentFacts & { residentId: string; settlementId: string; reason: string; deregisteredAt: string }>;

export type ResidentEvent = ResidentRegistered | ResidentContactUpdated | ResidentRelocated | ResidentDeregistered;
