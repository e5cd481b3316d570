import type { FastifyReply } from 'fastify';
import { toETag } from '../http/etag.js';
import type { CommandResult } from './command-pipeline.js';

/** Writes a command's status and headers: `ETag` (the stream revision), `Idempotent-Replayed` on a replay. Returns the body. */
export const sendCommandResult = (reply: FastifyReply, result: CommandResult) => {
  void reply.status(result.status);
  if (result.body.revision !== null) void reply.header('ETag', toETag(BigInt(result.body.revision)));
  if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
  return result.body;
};
