import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '../domain/errors.js';
import { ApiError } from './http-errors.js';

/** Flattens class-validator errors into field errors with paths like `names.ru` or `katoCodes[0].code`. */
export const toFieldErrors = (errors: ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((e) => {
    const path = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message: message.replace(/^property \S+ /, 'property ') }));
    return [...own, ...toFieldErrors(e.children ?? [], path)];
  });

/** The global pipe: whitelist, forbid unknown fields, transform; failures become one 400 problem with field errors. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = toFieldErrors(errors);
      return new ApiError(
        400,
        'validation-failed',
        'The request is not valid',
        `${fieldErrors.length} field error(s): ${fieldErrors.slice(0, 3).map((f) => `${f.path || '(body)'}: ${f.message}`).join('; ')}${fieldErrors.length > 3 ? '; …' : ''}`,
        fieldErrors,
      );
    },
  });
