import { Module } from '@nestjs/common';
import { ApplicationMerkleLog, CheckpointScheduler } from './checkpoint.scheduler.js';
import { IntegrityController } from './integrity.controller.js';

/**
 * Integrity (ARCHITECTURE.md "Integrity and audit"): the Merkle log over all event hashes, the signed checkpoints
 * and the public proofs. The offline bundle verifier (bundle.ts) needs none of it.
 */
@Module({
  controllers: [IntegrityController],
  providers: [ApplicationMerkleLog, CheckpointScheduler],
  exports: [ApplicationMerkleLog, CheckpointScheduler],
})
export class IntegrityModule {}
