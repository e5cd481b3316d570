import type { Decider } from '../../shared/domain/decider.js';
import type { DeregisterResident, RegisterResident, RelocateResident, ResidentCommand, SettlementContext, UpdateResidentContact } from './resident.commands.js';
import {
  ContactRequired,
  ResidentAlreadyRegistered,
  ResidentDeregisteredError,
  ResidentNotFound,
  SettlementLevelInvalid,
  SettlementNotFound,
  SettlementNotOpen,
} from './resident.errors.js';
import type { ResidentEvent, Sex } from './resident.events.js';

/** Levels where people live (DOMAIN.md 1.1). */
export const SETTLEMENT_LEVELS: ReadonlySet<string> = new Set(['VILLAGE', 'TOWNSHIP', 'RURAL_OKRUG', 'TOWN_DISTRICT', 'CITY_REGIONAL']);

export type Resident =
  | { status: 'Empty' }
  | { status: 'Registered'; residentId: string; settlementId: string; sex: Sex; birthYearBand: string }
  | { status: 'Deregistered'; residentId: string };

export const initialState = (): Resident => ({ status: 'Empty' });

export const evolve = (s: Resident, e: ResidentEvent): Resident => {
  switch (e.type) {
    case 'ResidentRegistered':
      return s.status === 'Empty' ? { status: 'Registered', residentId: e.data.residentId, settlementId: e.data.settlementId, sex: e.data.sex, birthYearBand: e.data.birthYearBand } : s;
    case 'ResidentRelocated':
      return s.status === 'Registered' ? { ...s, settlementId: e.data.settlementId } : s;
    case 'ResidentDeregistered':
      return { status: 'Deregistered', residentId: e.data.residentId };
    default:
      return s;
  }
};

const checkSettlement = (settlementId: string, settlement: SettlementContext) => {
  if (!settlement) throw new SettlementNotFound(settlementId);
  if (settlement.retired) throw new SettlementNotOpen(settlementId);
  if (!SETTLEMENT_LEVELS.has(settlement.level)) throw new SettlementLevelInvalid(settlementId, settlement.level);
};

const registered = (s: Resident, residentId: string) => {
  if (s.status === 'Empty') throw new ResidentNotFound(residentId);
  if (s.status === 'Deregistered') throw new ResidentDeregisteredError(residentId);
  return s;
};

export const registerResident = ({ data, metadata }: RegisterResident, s: Resident): ResidentEvent[] => {
  if (s.status !== 'Empty') {
    // Personal values are sealed with a fresh IV each time, so a resent registration is recognised by its plain fields.
    if (s.status === 'Registered' && s.settlementId === data.settlementId && s.sex === data.sex && s.birthYearBand === data.birthYearBand) return [];
    throw new ResidentAlreadyRegistered(data.residentId);
  }
  checkSettlement(data.settlementId, data.settlement);
  const { settlement: _, ...facts } = data;
  return [{ type: 'ResidentRegistered', data: { ...facts, registeredAt: metadata.now } }];
};

export const updateResidentContact = ({ data, metadata }: UpdateResidentContact, s: Resident): ResidentEvent[] => {
  registered(s, data.residentId);
  if (!data.personal.phone && !data.personal.address) throw new ContactRequired();
  return [{ type: 'ResidentContactUpdated', data: { ...data, updatedAt: metadata.now } }];
};

export const relocateResident = ({ data, metadata }: RelocateResident, s: Resident): ResidentEvent[] => {
  const r = registered(s, data.residentId);
  if (r.settlementId === data.settlementId) return [];
  checkSettlement(data.settlementId, data.settlement);
  return [
    {
      type: 'ResidentRelocated',
      data: { residentId: data.residentId, fromSettlementId: r.settlementId, settlementId: data.settlementId, sex: r.sex, birthYearBand: r.birthYearBand, relocatedAt: metadata.now },
    },
  ];
};

export const deregisterResident = ({ data, metadata }: DeregisterResident, s: Resident): ResidentEvent[] => {
  if (s.status === 'Deregistered') return [];
  const r = registered(s, data.residentId);
  return [{ type: 'ResidentDeregistered', data: { ...data, settlementId: r.settlementId, sex: r.sex, birthYearBand: r.birthYearBand, deregisteredAt: metadata.now } }];
};

export const decide = (c: ResidentCommand, s: Resident): ResidentEvent[] => {
  switch (c.type) {
    case 'RegisterResident':
      return registerResident(c, s);
    case 'UpdateResidentContact':
      return updateResidentContact(c, s);
    case 'RelocateResident':
      return relocateResident(c, s);
    case 'DeregisterResident':
      return deregisterResident(c, s);
    default: {
      const exhaustive: never = c;
      throw new Error(`Unknown command ${(exhaustive as { type: string }).type}`);
    }
  }
};

/** The Resident aggregate (Territory & People); its personal fields are sealed before they reach it. */
export const residentDecider: Decider<Resident, ResidentCommand, ResidentEvent> = { decide, evolve, initialState };

export const residentStream = (residentId: string): string => `resident-${residentId}`;
