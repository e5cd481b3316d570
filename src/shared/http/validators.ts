import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, IsISO8601, IsNotEmptyObject, Matches, ValidateNested } from 'class-validator';

/** A calendar date `YYYY-MM-DD` that exists (2019-02-29 does not). */
export const IsCalendarDate = () =>
  applyDecorators(Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' }), IsISO8601({ strict: true }, { message: '$property must be an existing calendar date' }));

/** A required nested object, validated as `type`. */
export const Nested = (type: () => new () => object) => applyDecorators(IsDefined(), IsNotEmptyObject(), ValidateNested(), Type(type));

/** A phone number as people write it: 5 to 30 digits, spaces, brackets or dashes, optionally after +. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{5,30}$/;
