import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../shared/projections/projections.module.js';
import { UnitContextLoader } from '../territory/unit-context.loader.js';
import { ExecuteProgrammeCommandHandler } from './commands/programme-command.handler.js';
import { ProgrammesController } from './programmes.controller.js';
import { programmeFinanceProjection } from './projections/programme-finance.projection.js';
import { programmeLedgerProjection } from './projections/programme-ledger.projection.js';
import { programmePortfolioProjection } from './projections/programme-portfolio.projection.js';
import { FindLedgerEntriesHandler, FindProgrammesHandler, GetPortfolioHandler, GetProgrammeFinanceHandler } from './queries/programme.queries.js';

/**
 * Programme & Finance (DOMAIN.md 5.4): programmes with their partners, budgets, pilot units, IATI-typed transactions
 * and co-financing, and the finance, ledger and portfolio read models. Reads organisations and units (Territory)
 * before deciding, through their streams.
 */
@Module({
  imports: [ProjectionsModule.forFeature({ projections: [programmeFinanceProjection, programmeLedgerProjection, programmePortfolioProjection] })],
  controllers: [ProgrammesController],
  providers: [UnitContextLoader, ExecuteProgrammeCommandHandler, GetProgrammeFinanceHandler, FindProgrammesHandler, FindLedgerEntriesHandler, GetPortfolioHandler],
})
export class ProgrammesModule {}
