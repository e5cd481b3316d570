import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { GRANT_AGREEMENTS_PROJECTION, type GrantAgreementDocument } from '../../grants/projections/grant-agreements.projection.js';
import { GRANT_APPLICATIONS_PROJECTION, type GrantApplicationDocument } from '../../grants/projections/grant-applications.projection.js';
import { GRANT_CALLS_PROJECTION, type GrantCallDocument } from '../../grants/projections/grant-calls.projection.js';
import { MEETING_STATS_PROJECTION, type MeetingStatsDocument } from '../../engagement/projections/meeting-stats.projection.js';
import { ORGANISATIONS_PROJECTION, type OrganisationDocument } from '../../organisations/projections/organisations.projection.js';
import { IMPLEMENTATION_PROJECTION, type ImplementationDocument } from '../../planning/projections/plans.projection.js';
import { PROGRAMME_FINANCE_PROJECTION, type ProgrammeFinance } from '../../programmes/projections/programme-finance.projection.js';
import { type LedgerEntry, PROGRAMME_LEDGER_PROJECTION } from '../../programmes/projections/programme-ledger.projection.js';
import { RECOMMENDATIONS_PROJECTION } from '../../recommendations/projections/recommendations.projection.js';
import { type Money, formatMajor } from '../../shared/domain/money.js';
import { Projections } from '../../shared/projections/projections.module.js';
import { type Filter, READ_STORE, type ReadStore } from '../../shared/read-store/read-store.port.js';
import { UNITS_PROJECTION, type UnitDocument } from '../../territory/projections/units.projection.js';
import { VOTE_RESULTS_PROJECTION, type VoteResultDocument } from '../../voting/projections/votes.projection.js';
import { FeedService } from '../feed/feed.service.js';

/** One public award: a grant of a call's committee decision that the publication policy has published. */
export type PublicAward = {
  grantId: string;
  applicationId: string;
  /** A pseudonym of the applicant: a hash, never the applicant id or a name. */
  recipientRef: string;
  call: GrantCallDocument;
  application: GrantApplicationDocument | null;
  /** The grant agreement of the award, once prepared (its signature, payments and status). */
  agreement: GrantAgreementDocument | null;
  amount: Money;
  awardDate: string;
  unit: UnitDocument | null;
};

/** The prefix of this publisher's 360Giving grant ids. */
export const GRANT_ID_PREFIX = '360G-aul-ledger';

/**
 * Reads the other contexts' read models for reports and open data, and what the feed published. Every reader says
 * which projections it used, so that a response can state the log position it reflects.
 */
@Injectable()
export class PublicDataService {
  private readonly units = new Map<string, UnitDocument | null>();

  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
    readonly feed: FeedService,
  ) {}

  /** The lowest position among the named projections and the feed: what a response built from them reflects. */
  reflects(names: string[]): bigint {
    return names.reduce((min, n) => {
      const p = this.projections.positionOf(n) ?? 0n;
      return p < min ? p : min;
    }, this.feed.position());
  }

  async waitFor(position: bigint, names: string[], timeoutMs: number): Promise<bigint> {
    await Promise.all([this.projections.waitFor(position, names, timeoutMs), this.feed.waitFor(position, timeoutMs)]);
    return this.reflects(names);
  }

  /** Every document of a projection matching `filter`, in its stable order. */
  async all<T>(projection: string, filter: Filter = {}): Promise<T[]> {
    const collection = this.projections.collectionFor(projection);
    const out: T[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: T[]; nextCursor: string | null } = await this.reads.find<T>(collection, { filter, limit: 1000, cursor });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  get<T>(projection: string, id: string): Promise<T | null> {
    return this.reads.get<T>(this.projections.collectionFor(projection), id);
  }

  async unit(id: string | null | undefined): Promise<UnitDocument | null> {
    if (!id) return null;
    // Unit names change rarely; a short-lived request cache is enough (the map is cleared per report).
    if (!this.units.has(id)) this.units.set(id, await this.get<UnitDocument>(UNITS_PROJECTION, id));
    return this.units.get(id) ?? null;
  }

  clearCache(): void {
    this.units.clear();
  }

  programmes = () => this.all<ProgrammeFinance>(PROGRAMME_FINANCE_PROJECTION);
  programme = (id: string) => this.get<ProgrammeFinance>(PROGRAMME_FINANCE_PROJECTION, id);
  organisation = (id: string) => this.get<OrganisationDocument>(ORGANISATIONS_PROJECTION, id);
  ledger = (programmeId: string) => this.all<LedgerEntry>(PROGRAMME_LEDGER_PROJECTION, { programmeId });
  implementation = () => this.all<ImplementationDocument>(IMPLEMENTATION_PROJECTION);
  meetingStats = () => this.all<MeetingStatsDocument>(MEETING_STATS_PROJECTION);
  voteResults = () => this.all<VoteResultDocument>(VOTE_RESULTS_PROJECTION);
  recommendationCount = () => this.reads.count(this.projections.collectionFor(RECOMMENDATIONS_PROJECTION));

  /** The awards the feed has published (policy, delays), with their call, application and unit. */
  async publicAwards(programmeId?: string): Promise<PublicAward[]> {
    const calls = await this.all<GrantCallDocument>(GRANT_CALLS_PROJECTION, programmeId ? { programmeId } : {});
    const awards: PublicAward[] = [];
    for (const call of calls) {
      for (const session of call.sessions) {
        for (const award of session.awards) {
          const entry = await this.feed.entry(`award/${award.applicationId}`);
          if (entry?.visibility !== 'public') continue;
          const application = await this.get<GrantApplicationDocument>(GRANT_APPLICATIONS_PROJECTION, award.applicationId);
          const [agreement] = await this.all<GrantAgreementDocument>(GRANT_AGREEMENTS_PROJECTION, { applicationId: award.applicationId });
          awards.push({
            grantId: `${GRANT_ID_PREFIX}-${award.applicationId}`,
            applicationId: award.applicationId,
            recipientRef: `${GRANT_ID_PREFIX}-IND-${createHash('sha256').update(`recipient:${application?.applicantId ?? award.applicationId}`).digest('hex').slice(0, 16)}`,
            call,
            application,
            agreement: agreement ?? null,
            amount: award.amount,
            awardDate: session.sessionDate,
            unit: await this.unit(application?.territoryUnitId),
          });
        }
      }
    }
    return awards;
  }
}

export const PUBLIC_AWARD_SOURCES = [GRANT_CALLS_PROJECTION, GRANT_APPLICATIONS_PROJECTION, GRANT_AGREEMENTS_PROJECTION, UNITS_PROJECTION];
export const major = (m: Money | null | undefined): string => (m ? formatMajor(m) : '');
export const katoOf = (u: UnitDocument | null): string => u?.katoCodes.find((k) => !k.validTo)?.code ?? u?.katoCodes[0]?.code ?? '';
export const nameOf = (u: UnitDocument | null): string => u?.names.en ?? u?.names.ru ?? u?.names.kk ?? '';
