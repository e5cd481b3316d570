import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { Public } from '../access/public.decorator.js';
import { NotFoundError, ValidationError } from '../shared/domain/errors.js';
import { EVENT_STORE, type EventStore } from '../shared/event-store/event-store.port.js';
import { ApiQueryProblems } from '../shared/http/api-docs.js';
import { signedNote } from './checkpoint.js';
import { ApplicationMerkleLog, CheckpointScheduler } from './checkpoint.scheduler.js';
import { HeadlineTotalsAccumulator, type HeadlineTotals } from './headline-totals.js';
import type { RecordedCheckpoint } from './merkle-log.js';

class ChecksOff extends NotFoundError {
  constructor() {
    super('checkpoints-off', 'Signed checkpoints are off', 'This ledger has no checkpoint signing key configured (CHECKPOINT_SIGNING_KEY), so it publishes no key and no checkpoints.');
  }
}
class NoCheckpoint extends NotFoundError {
  constructor() {
    super('no-checkpoint', 'No checkpoint yet', 'No checkpoint has been signed yet. Try again later.');
  }
}
class EventNotInLog extends NotFoundError {
  constructor(what: string) {
    super('event-not-in-log', 'No such event in the log', `${what} is not in the log.`);
  }
}
class TreeSizeOutOfRange extends ValidationError {
  constructor(detail: string) {
    super('tree-size-out-of-range', 'Tree size out of range', detail);
  }
}

const size = (description: string) => ApiPropertyOptional({ description, minimum: 1 });

export class InclusionQueryDto {
  @ApiPropertyOptional({ description: 'The event id (one of eventId, position, index)' })
  @IsOptional() @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({ description: 'The global log position of the event' })
  @IsOptional() @IsString() @Matches(/^[0-9]{1,20}$/)
  position?: string;

  @ApiPropertyOptional({ description: 'The leaf index of the event (its place in the log, from 0)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  index?: number;

  @size('Tree size to prove against (default: the latest checkpoint, or the whole log when there is none)')
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  treeSize?: number;
}

export class ConsistencyQueryDto {
  @size('The smaller tree size') @Type(() => Number) @IsInt() @Min(1)
  from!: number;

  @size('The larger tree size (default: the latest checkpoint)')
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  to?: number;
}

export class CheckpointListQueryDto {
  @ApiPropertyOptional({ description: 'Only checkpoints of a larger tree than this' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  afterTreeSize?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}

const hex = (bs: Buffer[]) => bs.map((b) => b.toString('hex'));

const present = (c: RecordedCheckpoint) => ({
  origin: c.origin,
  treeSize: c.treeSize,
  rootHash: c.rootHash,
  logPosition: c.logPosition,
  signedAt: c.signedAt,
  keyName: c.keyName,
  keyId: c.keyId,
  signature: c.signature,
  note: signedNote(c),
  event: { streamId: 'integrity-checkpoints', revision: c.revision.toString(), position: c.position.toString(), leafIndex: c.leafIndex },
});

/**
 * The public, read-only face of the Merkle log: the signing key, the signed checkpoints, and inclusion and
 * consistency proofs (RFC 9162 2.1) that anyone can check against a checkpoint with the published key.
 */
@ApiTags('integrity')
@Controller('integrity')
@Public()
export class IntegrityController {
  private totalsCache: HeadlineTotals | null = null;

  constructor(
    private readonly log: ApplicationMerkleLog,
    private readonly scheduler: CheckpointScheduler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('public-key')
  @ApiOperation({ summary: 'The Ed25519 key that signs checkpoints, as a C2SP verifier key and as raw bytes' })
  publicKey() {
    const key = this.scheduler.verifierKey;
    if (!key) throw new ChecksOff();
    const [name, keyId, b64] = key.split('+') as [string, string, string];
    return { algorithm: 'Ed25519', name, keyId, publicKey: Buffer.from(b64, 'base64').subarray(1).toString('base64'), verifierKey: key };
  }

  @Get('tree')
  @ApiOperation({ summary: 'The current (unsigned) size and root of the Merkle log' })
  async tree() {
    const size = await this.log.sync();
    return { treeSize: size, rootHash: (await this.log.root(size)).toString('hex'), logPosition: size > 0 ? this.log.positionAt(size - 1).toString() : null };
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'Signed checkpoints, oldest first' })
  @ApiQueryProblems()
  async checkpoints(@Query() query: CheckpointListQueryDto) {
    await this.log.sync();
    const after = query.afterTreeSize ?? 0;
    const items = this.log.checkpoints.filter((c) => c.treeSize > after).slice(0, query.limit ?? 100);
    return { items: items.map(present), verifierKey: this.scheduler.verifierKey };
  }

  @Get('checkpoints/latest')
  @ApiOperation({ summary: 'The latest signed checkpoint, with its signed note (C2SP tlog-checkpoint)' })
  @ApiOkResponse({ description: 'The checkpoint' })
  async latest() {
    await this.log.sync();
    const last = this.log.checkpoints.at(-1);
    if (!last) throw this.scheduler.enabled ? new NoCheckpoint() : new ChecksOff();
    return present(last);
  }

  @Get('totals')
  @ApiOperation({
    summary: 'Headline totals of the transparency reports, recomputed from the events at the latest checkpoint (or the whole log when none), with that basis',
  })
  async totals() {
    const size = await this.log.sync();
    const last = this.log.checkpoints.at(-1);
    const basisSize = last ? last.treeSize : size;
    if (this.totalsCache?.basis.treeSize !== basisSize) {
      const acc = new HeadlineTotalsAccumulator();
      let read = 0;
      for (let after: bigint | null = null; read < basisSize; ) {
        const batch = await this.store.readAll({ after, maxCount: Math.min(1000, basisSize - read) });
        if (batch.length === 0) break;
        for (const e of batch) acc.add(e);
        read += batch.length;
        after = batch.at(-1)!.position;
      }
      const logPosition = last ? last.logPosition : basisSize > 0 ? this.log.positionAt(basisSize - 1).toString() : null;
      this.totalsCache = acc.result({ treeSize: basisSize, rootHash: (await this.log.root(basisSize)).toString('hex'), logPosition });
    }
    return { ...this.totalsCache, signed: last !== undefined };
  }

  @Get('proofs/inclusion')
  @ApiOperation({ summary: 'Inclusion proof (RFC 9162 PATH) of one event in the tree of a given size' })
  @ApiQueryProblems()
  async inclusion(@Query() query: InclusionQueryDto) {
    const current = await this.log.sync();
    const given = [query.eventId, query.position, query.index].filter((v) => v !== undefined).length;
    if (given !== 1) throw new ValidationError('one-event-selector', 'Name one event', 'Give exactly one of eventId, position or index.');
    const index =
      query.eventId !== undefined ? await this.log.findEvent(query.eventId) : query.position !== undefined ? this.log.indexOfPosition(BigInt(query.position)) : query.index! < current ? query.index : undefined;
    if (index === undefined) throw new EventNotInLog(query.eventId ? `Event ${query.eventId}` : query.position ? `Position ${query.position}` : `Leaf ${query.index}`);
    const treeSize = query.treeSize ?? this.log.checkpoints.at(-1)?.treeSize ?? current;
    if (treeSize > current) throw new TreeSizeOutOfRange(`The log has ${current} events; tree size ${treeSize} does not exist yet.`);
    if (index >= treeSize) throw new TreeSizeOutOfRange(`The event is leaf ${index}, not in the tree of ${treeSize} events; ask for a larger tree size.`);
    return {
      leafIndex: index,
      treeSize,
      logPosition: this.log.positionAt(index).toString(),
      leafHash: (await this.log.leaf(index)).toString('hex'),
      rootHash: (await this.log.root(treeSize)).toString('hex'),
      auditPath: hex(await this.log.inclusionProof(index, treeSize)),
    };
  }

  @Get('proofs/consistency')
  @ApiOperation({ summary: 'Consistency proof (RFC 9162 PROOF) between the trees of two sizes' })
  @ApiQueryProblems()
  async consistency(@Query() query: ConsistencyQueryDto) {
    const current = await this.log.sync();
    const to = query.to ?? this.log.checkpoints.at(-1)?.treeSize ?? current;
    if (to > current) throw new TreeSizeOutOfRange(`The log has ${current} events; tree size ${to} does not exist yet.`);
    if (query.from > to) throw new TreeSizeOutOfRange(`from (${query.from}) must not exceed to (${to}).`);
    return {
      from: query.from,
      to,
      fromRoot: (await this.log.root(query.from)).toString('hex'),
      toRoot: (await this.log.root(to)).toString('hex'),
      proof: hex(await this.log.consistencyProof(query.from, to)),
    };
  }
}
