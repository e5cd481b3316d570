import { describe, it } from '@jest/globals';
import { DeciderSpecification } from '../../../test/support/decider-specification.js';
import type { EncryptedValue } from '../../shared/domain/personal-data.js';
import type { CommandMetadata } from '../../shared/domain/message.js';
import type { ResidentCommand, SettlementContext } from './resident.commands.js';
import { residentDecider } from './resident.decider.js';
import {
  ContactRequired,
  ResidentAlreadyRegistered,
  ResidentDeregisteredError,
  ResidentNotFound,
  SettlementLevelInvalid,
  SettlementNotFound,
  SettlementNotOpen,
} from './resident.errors.js';
import type { ResidentEvent } from './resident.events.js';

const given = DeciderSpecification.for(residentDecider);
const R = 'r-1';
const V1 = 'village-1';
const V2 = 'village-2';
const NOW = '2018-03-01T05:00:00.000Z';
const meta: CommandMetadata = { actor: { id: 'staff', role: 'administrator' }, now: NOW, correlationId: 'c' };
const ev = (field: string): EncryptedValue => ({ keyId: `${R}#1`, alg: 'A256GCM', iv: `iv-${field}`, ct: `ct-${field}` });
const village = (unitId: string, extra: Partial<NonNullable<SettlementContext>> = {}): SettlementContext => ({ unitId, level: 'VILLAGE', retired: false, ...extra });
const personal = { fullName: ev('fullName'), iin: ev('iin'), birthDate: ev('birthDate') };

const register = (settlement: SettlementContext = village(V1), sex: 'female' | 'male' = 'female'): ResidentCommand => ({
  type: 'RegisterResident',
  data: { residentId: R, settlementId: settlement?.unitId ?? V1, settlement, sex, birthYearBand: '1990–1994', personal },
  metadata: meta,
});
const relocate = (settlement: SettlementContext): ResidentCommand => ({ type: 'RelocateResident', data: { residentId: R, settlementId: settlement?.unitId ?? V2, settlement }, metadata: meta });
const deregister: ResidentCommand = { type: 'DeregisterResident', data: { residentId: R, reason: 'moved away' }, metadata: meta };
const contact = (p: { phone?: EncryptedValue; address?: EncryptedValue }): ResidentCommand => ({ type: 'UpdateResidentContact', data: { residentId: R, personal: p }, metadata: meta });

describe('Resident', () => {
  describe('registering', () => {
    it('records the plain facts and the sealed personal fields', () => given([]).when(register()).then([registered()]));
    it('ignores a resent registration with the same plain facts', () => given([registered()]).when(register()).thenNothingHappened());
    it('refuses a second registration with other facts', () => given([registered()]).when(register(village(V1), 'male')).thenThrows(ResidentAlreadyRegistered));
    it('refuses an unknown settlement', () => given([]).when(register(null)).thenThrows(SettlementNotFound));
    it('refuses a retired settlement', () => given([]).when(register(village(V1, { retired: true }))).thenThrows(SettlementNotOpen));
    it('refuses a unit where nobody is registered as living (a region)', () => given([]).when(register(village(V1, { level: 'REGION' }))).thenThrows(SettlementLevelInvalid));
  });

  describe('updating contact', () => {
    it('records the sealed phone', () =>
      given([registered()]).when(contact({ phone: ev('phone') })).then([{ type: 'ResidentContactUpdated', data: { residentId: R, personal: { phone: ev('phone') }, updatedAt: NOW } }]));
    it('refuses an empty update', () => given([registered()]).when(contact({})).thenThrows(ContactRequired));
    it('refuses an unknown resident', () => given([]).when(contact({ phone: ev('phone') })).thenThrows(ResidentNotFound));
    it('refuses a deregistered resident', () => given([registered(), deregistered()]).when(contact({ phone: ev('phone') })).thenThrows(ResidentDeregisteredError));
  });

  describe('relocating', () => {
    it('moves the resident with the plain facts that counts need', () =>
      given([registered()])
        .when(relocate(village(V2)))
        .then([{ type: 'ResidentRelocated', data: { residentId: R, fromSettlementId: V1, settlementId: V2, sex: 'female', birthYearBand: '1990–1994', relocatedAt: NOW } }]));
    it('does nothing for the same settlement', () => given([registered()]).when(relocate(village(V1))).thenNothingHappened());
    it('refuses an unknown settlement', () => given([registered()]).when(relocate(null)).thenThrows(SettlementNotFound));
  });

  describe('deregistering', () => {
    it('records the reason and the facts', () => given([registered()]).when(deregister).then([deregistered()]));
    it('does nothing the second time', () => given([registered(), deregistered()]).when(deregister).thenNothingHappened());
    it('refuses an unknown resident', () => given([]).when(deregister).thenThrows(ResidentNotFound));
  });
});

function registered(): ResidentEvent {
  return { type: 'ResidentRegistered', data: { residentId: R, settlementId: V1, sex: 'female', birthYearBand: '1990–1994', personal, registeredAt: NOW } };
}
function deregistered(): ResidentEvent {
  return { type: 'ResidentDeregistered', data: { residentId: R, reason: 'moved away', settlementId: V1, sex: 'female', birthYearBand: '1990–1994', deregisteredAt: NOW } };
}
