import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Projections } from '../../shared/projections/projections.module.js';
import { type Filter, type Page, READ_STORE, type ReadStore } from '../../shared/read-store/read-store.port.js';
import { PROGRAMME_FINANCE_PROJECTION, type ProgrammeFinance } from '../projections/programme-finance.projection.js';
import { type LedgerEntry, PROGRAMME_LEDGER_PROJECTION } from '../projections/programme-ledger.projection.js';
import { type FundingPortfolio, PROGRAMME_PORTFOLIO_PROJECTION } from '../projections/programme-portfolio.projection.js';

/** One programme's finance, from the programme finance projection. */
export class GetProgrammeFinanceQuery extends Query<ProgrammeFinance | null> {
  constructor(readonly programmeId: string) {
    super();
  }
}

@QueryHandler(GetProgrammeFinanceQuery)
export class GetProgrammeFinanceHandler implements IQueryHandler<GetProgrammeFinanceQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ programmeId }: GetProgrammeFinanceQuery): Promise<ProgrammeFinance | null> {
    return this.reads.get<ProgrammeFinance>(this.projections.collectionFor(PROGRAMME_FINANCE_PROJECTION), programmeId);
  }
}

export type ProgrammeSearch = {
  activityStatus?: string;
  currency?: string;
  leadOrgId?: string;
  partnerOrgId?: string;
  pilotUnitId?: string;
  limit: number;
  cursor?: string;
};

/** Programmes matching a search, sorted by code, a page at a time. */
export class FindProgrammesQuery extends Query<Page<ProgrammeFinance>> {
  constructor(readonly search: ProgrammeSearch) {
    super();
  }
}

@QueryHandler(FindProgrammesQuery)
export class FindProgrammesHandler implements IQueryHandler<FindProgrammesQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ search }: FindProgrammesQuery): Promise<Page<ProgrammeFinance>> {
    const filter: Filter = {};
    if (search.activityStatus) filter.activityStatus = search.activityStatus;
    if (search.currency) filter.currency = search.currency;
    if (search.leadOrgId) filter.leadOrgId = search.leadOrgId;
    if (search.partnerOrgId) filter.partnerOrgIds = search.partnerOrgId;
    if (search.pilotUnitId) filter.pilotUnitIds = search.pilotUnitId;
    return this.reads.find<ProgrammeFinance>(this.projections.collectionFor(PROGRAMME_FINANCE_PROJECTION), {
      filter,
      sort: [{ path: 'code', direction: 'asc' }],
      limit: search.limit,
      cursor: search.cursor,
    });
  }
}

export type LedgerSearch = {
  programmeId: string;
  transactionType?: string;
  budgetLineCode?: string;
  unitId?: string;
  /** Inclusive range of transaction dates (YYYY-MM-DD). */
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
};

/** A programme's IATI-typed transactions, by transaction date and then in recording order, a page at a time. */
export class FindLedgerEntriesQuery extends Query<Page<LedgerEntry>> {
  constructor(readonly search: LedgerSearch) {
    super();
  }
}

@QueryHandler(FindLedgerEntriesQuery)
export class FindLedgerEntriesHandler implements IQueryHandler<FindLedgerEntriesQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ search }: FindLedgerEntriesQuery): Promise<Page<LedgerEntry>> {
    const filter: Filter = { programmeId: search.programmeId };
    if (search.transactionType) filter.transactionType = search.transactionType;
    if (search.budgetLineCode) filter.budgetLineCode = search.budgetLineCode;
    if (search.unitId) filter.unitId = search.unitId;
    if (search.from || search.to) filter.transactionDate = { ...(search.from ? { $gte: search.from } : {}), ...(search.to ? { $lte: search.to } : {}) };
    return this.reads.find<LedgerEntry>(this.projections.collectionFor(PROGRAMME_LEDGER_PROJECTION), {
      filter,
      sort: [
        { path: 'transactionDate', direction: 'asc' },
        { path: 'seq', direction: 'asc' },
      ],
      limit: search.limit,
      cursor: search.cursor,
    });
  }
}

/** The combined budgets of the programmes in one currency. */
export class GetPortfolioQuery extends Query<FundingPortfolio | null> {
  constructor(readonly currency: string) {
    super();
  }
}

@QueryHandler(GetPortfolioQuery)
export class GetPortfolioHandler implements IQueryHandler<GetPortfolioQuery> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: Projections,
  ) {}

  execute({ currency }: GetPortfolioQuery): Promise<FundingPortfolio | null> {
    return this.reads.get<FundingPortfolio>(this.projections.collectionFor(PROGRAMME_PORTFOLIO_PROJECTION), currency);
  }
}
