import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiExtraModels, ApiHeader, ApiNotFoundResponse, ApiPreconditionFailedResponse, ApiResponse, ApiUnauthorizedResponse, ApiUnprocessableEntityResponse, getSchemaPath } from '@nestjs/swagger';
import { CommandResponseDto } from '../command/command-response.dto.js';
import { ProblemDetailsDto } from './problem-details.dto.js';

const problemContent = { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } };

/** OpenAPI description shared by every command route: headers, the response, and each problem it can answer. */
export const ApiCommand = (creates = false) =>
  applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retry safe: the same key and request return the first response and append nothing; a different request under the same key gets 422.' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (stream revision) the command expects; a stale one gets 412.' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Correlation id recorded with the events; the request id by default.' }),
    ApiResponse({ status: creates ? 201 : 200, type: CommandResponseDto, description: creates ? 'Created (or 200 when it already existed unchanged)' : 'Done; eventsAppended is 0 when nothing changed', headers: { ETag: { description: 'Stream revision', schema: { type: 'string' } } } }),
    ApiBadRequestResponse({ description: 'Malformed JSON, unknown fields or wrong types', content: problemContent }),
    ApiUnauthorizedResponse({ description: 'No or invalid API key', content: problemContent }),
    ApiNotFoundResponse({ description: 'The aggregate does not exist', content: problemContent }),
    ApiConflictResponse({ description: 'Not allowed in the current state, or concurrent modification persisted', content: problemContent }),
    ApiPreconditionFailedResponse({ description: 'If-Match does not match the current revision', content: problemContent }),
    ApiUnprocessableEntityResponse({ description: 'A domain rule refused the command, or the Idempotency-Key was reused for another request', content: problemContent }),
    ApiResponse({ status: 413, description: 'Body larger than BODY_LIMIT', content: problemContent }),
  );

/** OpenAPI description of a query route's problems. */
export const ApiQueryProblems = () =>
  applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ApiUnauthorizedResponse({ description: 'No or invalid API key', content: problemContent }),
    ApiNotFoundResponse({ description: 'Not found', content: problemContent }),
  );
