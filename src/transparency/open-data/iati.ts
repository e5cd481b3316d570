import { create } from 'xmlbuilder2';
import type { OrganisationDocument } from '../../organisations/projections/organisations.projection.js';
import type { ProgrammeFinance } from '../../programmes/projections/programme-finance.projection.js';
import type { LedgerEntry } from '../../programmes/projections/programme-ledger.projection.js';
import type { UnitDocument } from '../../territory/projections/units.projection.js';
import { major } from '../reports/public-data.service.js';

/**
 * DAC 5-digit sectors of every programme (vocabulary 1), percentages adding up to 100 (DOMAIN.md 4.1). A configuration
 * of the publisher, not a fact of the events.
 */
export const IATI_SECTORS = [
  { code: '15112', percentage: '40' },
  { code: '15150', percentage: '30' },
  { code: '43040', percentage: '20' },
  { code: '32130', percentage: '10' },
] as const;

export type IatiInput = {
  programme: ProgrammeFinance;
  organisations: Map<string, OrganisationDocument>;
  ledger: LedgerEntry[];
  pilotUnits: Array<{ unit: UnitDocument | null; unitId: string; regionId: string | null; kato: string }>;
  results: { plansApproved: number; grantsAwarded: number; meetingsHeld: number };
  generatedAt: string;
};

const LANGS = ['en', 'ru', 'kk'] as const;

/**
 * One IATI 2.03 `iati-activity` per programme (DOMAIN.md 4.1), inside `iati-activities`. Elements in schema order;
 * recipients of outgoing commitments and disbursements (grantees) appear without a ref, with a generic narrative.
 */
export const toIatiXml = ({ programme: p, organisations, ledger, pilotUnits, results, generatedAt }: IatiInput): string => {
  const lead = organisations.get(p.leadOrgId);
  const reporting = lead?.orgIdentifier ?? 'XX-UNKNOWN';
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('iati-activities', { version: '2.03', 'generated-datetime': generatedAt });
  const a = root.ele('iati-activity', { 'last-updated-datetime': generatedAt, 'xml:lang': 'en', 'default-currency': p.currency, humanitarian: '0' });
  const narratives = (parent: ReturnType<typeof a.ele>, text: { en?: string; ru?: string; kk?: string }) => {
    for (const l of LANGS) if (text[l]) parent.ele('narrative', l === 'en' ? {} : { 'xml:lang': l }).txt(text[l]!);
  };
  const orgName = (id: string) => organisations.get(id)?.name ?? { en: id };

  a.ele('iati-identifier').txt(`${reporting}-${p.code}`);
  narratives(a.ele('reporting-org', { ref: reporting, type: lead?.iatiOrgType ?? '22' }), orgName(p.leadOrgId));
  narratives(a.ele('title'), p.title);
  narratives(a.ele('description', { type: '1' }), { en: `${p.code}: ${p.title.en ?? p.title.ru ?? p.title.kk ?? ''} (contract ${p.contractRef})` });
  for (const partner of p.partners) {
    const org = organisations.get(partner.orgId);
    narratives(a.ele('participating-org', { ...(org ? { ref: org.orgIdentifier } : {}), role: partner.iatiRole, type: partner.orgType }), orgName(partner.orgId));
  }
  a.ele('activity-status', { code: p.iatiActivityStatus });
  a.ele('activity-date', { 'iso-date': p.period.start, type: '1' });
  a.ele('activity-date', { 'iso-date': p.period.end, type: '3' });
  if (p.closed) a.ele('activity-date', { 'iso-date': p.closed.closedOn, type: '4' });
  const regions = new Set(pilotUnits.map((u) => u.regionId).filter((r) => r !== null));
  a.ele('activity-scope', { code: regions.size > 1 ? '5' : '6' });
  a.ele('recipient-country', { code: 'KZ', percentage: '100' });
  for (const u of pilotUnits) {
    const location = a.ele('location', { ref: u.kato ? `KATO-${u.kato}` : u.unitId });
    location.ele('location-reach', { code: '1' });
    narratives(location.ele('name'), u.unit?.names ?? { en: u.unitId });
    narratives(location.ele('description'), { en: u.kato ? `KATO ${u.kato}` : `Unit ${u.unitId}` });
    location.ele('feature-designation', { code: 'PPL' });
  }
  for (const s of IATI_SECTORS) a.ele('sector', { vocabulary: '1', code: s.code, percentage: s.percentage });
  a.ele('collaboration-type', { code: '1' });
  a.ele('default-flow-type', { code: '10' });
  a.ele('default-finance-type', { code: '110' });
  a.ele('default-aid-type', { code: 'C01', vocabulary: '1' });
  a.ele('default-tied-status', { code: '5' });
  for (const b of p.budgetHistory) {
    const budget = a.ele('budget', { type: b.version === 1 ? '1' : '2', status: '2' });
    budget.ele('period-start', { 'iso-date': p.period.start });
    budget.ele('period-end', { 'iso-date': p.period.end });
    budget.ele('value', { currency: b.total.currency, 'value-date': b.at.slice(0, 10) }).txt(major(b.total));
  }
  for (const t of ledger) {
    const txn = a.ele('transaction', { ref: t.transactionId });
    txn.ele('transaction-type', { code: t.transactionType });
    txn.ele('transaction-date', { 'iso-date': t.transactionDate });
    txn.ele('value', { currency: t.amount.currency, 'value-date': t.fx?.rateDate ?? t.transactionDate }).txt(major(t.amount));
    if (t.providerOrgId) {
      const org = organisations.get(t.providerOrgId);
      narratives(txn.ele('provider-org', org ? { ref: org.orgIdentifier, type: org.iatiOrgType } : {}), orgName(t.providerOrgId));
    }
    if (t.transactionType === '2' || t.transactionType === '3') narratives(txn.ele('receiver-org'), { en: 'Grant recipient (rural entrepreneur or organisation; not named)' });
  }
  const result = (title: string, actual: number) => {
    const r = a.ele('result', { type: '1', 'aggregation-status': '1' });
    narratives(r.ele('title'), { en: title });
    const indicator = r.ele('indicator', { measure: '1', ascending: '1' });
    narratives(indicator.ele('title'), { en: title });
    const period = indicator.ele('period');
    period.ele('period-start', { 'iso-date': p.period.start });
    period.ele('period-end', { 'iso-date': p.period.end });
    period.ele('actual', { value: String(actual) });
  };
  result('Development plans approved in pilot units', results.plansApproved);
  result('Community meetings held in pilot units', results.meetingsHeld);
  result('Grants awarded to rural entrepreneurs', results.grantsAwarded);
  return root.end({ prettyPrint: true });
};
