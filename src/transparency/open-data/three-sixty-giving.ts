import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { OrganisationDocument } from '../../organisations/projections/organisations.projection.js';
import { subtractMoney } from '../../shared/domain/money.js';
import { type PublicAward, katoOf, major, nameOf } from '../reports/public-data.service.js';

/** One 360Giving 1.4 grant per published award (DOMAIN.md 4.2); the recipient is a pseudonymous individual. */
export const toGrant = (a: PublicAward, funder: OrganisationDocument | null, iatiActivityId: string | null, modified: string) => ({
  id: a.grantId,
  title: a.application?.projectTitle ?? `Grant under ${a.call.reference}`,
  description: `Financial support to a rural entrepreneur under call ${a.call.reference}${a.unit ? ` in ${nameOf(a.unit)}` : ''}.`,
  currency: a.amount.currency,
  amountAwarded: Number(major(a.amount)),
  ...(a.application ? { amountAppliedFor: Number(major(a.application.budget.requested)) } : {}),
  awardDate: a.awardDate,
  ...(a.agreement?.signedOn ? { actualDates: [{ startDate: a.agreement.signedOn }] } : {}),
  // Net of what was recovered from the grantee (a terminated agreement), as the programme's IATI disbursements are.
  ...(a.agreement ? { amountDisbursed: Number(major(subtractMoney(a.agreement.paid, a.agreement.recovered))) } : {}),
  ...(a.agreement && a.agreement.payments.length > 0
    ? { disbursementTransaction: a.agreement.payments.map((p) => ({ id: `${a.grantId}-${p.kind === 'IN_KIND' ? 'K' : 'D'}${p.trancheN}-${createHash('sha256').update(p.id).digest('hex').slice(0, 8)}`, transactionDate: p.on, value: Number(major(p.amount)), currency: p.amount.currency })) }
    : {}),
  recipientIndividual: { id: a.recipientRef, name: `Individual entrepreneur${a.unit ? `, ${nameOf(a.unit)}` : ''}` },
  fundingOrganization: [{ id: funder?.orgIdentifier ?? 'unknown', name: funder?.name.en ?? funder?.name.ru ?? funder?.name.kk ?? 'unknown' }],
  grantProgramme: [{ code: a.call.reference, title: a.call.title.en ?? a.call.title.ru ?? a.call.title.kk ?? a.call.reference }],
  beneficiaryLocation: a.unit ? [{ name: nameOf(a.unit), countryCode: 'KZ', ...(katoOf(a.unit) ? { geoCode: katoOf(a.unit), geoCodeType: 'KATO' } : {}) }] : [],
  fromOpenCall: 'Yes',
  ...(iatiActivityId ? { relatedActivity: [iatiActivityId] } : {}),
  dateModified: modified,
  dataSource: '/public/open-data/360giving/grants.json',
});

export type Grant360 = ReturnType<typeof toGrant>;

/** The 360Giving flattened CSV: one row per grant, with the standard's column titles. */
export const toGrantsCsv = (grants: Grant360[]): string =>
  stringify(
    grants.map((g) => [
      g.id, g.title, g.description, g.currency, g.amountAwarded, g.amountAppliedFor ?? '', g.awardDate, g.amountDisbursed ?? '', g.actualDates?.[0]?.startDate ?? '', g.recipientIndividual.id, g.recipientIndividual.name,
      g.fundingOrganization[0]!.id, g.fundingOrganization[0]!.name, g.grantProgramme[0]!.code, g.grantProgramme[0]!.title,
      g.beneficiaryLocation[0]?.name ?? '', g.beneficiaryLocation[0]?.countryCode ?? '', g.beneficiaryLocation[0]?.geoCode ?? '', g.fromOpenCall, g.dateModified, g.dataSource,
    ]),
    {
      header: true,
      columns: [
        'Identifier', 'Title', 'Description', 'Currency', 'Amount Awarded', 'Amount Applied For', 'Award Date', 'Amount Disbursed', 'Actual Dates:0:Start Date', 'Recipient Ind:Identifier', 'Recipient Ind:Name',
        'Funding Org:0:Identifier', 'Funding Org:0:Name', 'Grant Programme:0:Code', 'Grant Programme:0:Title', 'Beneficiary Location:0:Name',
        'Beneficiary Location:0:Country Code', 'Beneficiary Location:0:Geographic Code', 'From An Open Call?', 'Last Modified', 'Data Source',
      ],
    },
  );
