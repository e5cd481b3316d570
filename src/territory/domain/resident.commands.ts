import type { DomainCommand } from '../../shared/domain/message.js';
import type { ResidentPersonal, Sex } from './resident.events.js';

/**
 * What the handler learns about a settlement before `decide`: whether it exists, is still active, and is a
 * settlement-level unit.
 */
export type SettlementContext = { unitId: string; level: string; retired: boolean } | null;

/** Personal fields arrive already sealed: the handler encrypts them under the resident's key before `decide`. */
export type RegisterResident = DomainCommand<
  'RegisterResident',
  { residentId: string; settlementId: string; settlement: SettlementContext; sex: Sex; birthYearBand: string; personal: ResidentPersonal }
>;
export type UpdateResidentContact = DomainCommand<'UpdateResidentContact', { residentId: string; personal: Pick<ResidentPersonal, 'phone' | 'address'> }>;
export type RelocateResident = DomainCommand<'RelocateResident', { residentId: string; settlementId: string; settlement: SettlementContext }>;
export type DeregisterResident = DomainCommand<'DeregisterResident', { residentId: string; reason: string }>;

export type ResidentCommand = RegisterResident | UpdateResidentContact | RelocateResident | DeregisterResident;
