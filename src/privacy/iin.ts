import { registerDecorator, type ValidationOptions } from 'class-validator';

const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * Whether `iin` is a well-formed Kazakh individual identification number: 12 digits whose last is the control
 * digit of the first 11 (weights 1…11 modulo 11; when that gives 10, weights 3…11, 1, 2; a second 10 means the
 * number is never issued), as set by Government Decree No. 565 of 11 June 2003 and described in the OECD's
 * tax-identification-number sheet for Kazakhstan. The date-of-birth digits are not checked: the demo data uses an
 * impossible date block on purpose, so that its numbers can never be real people's.
 */
export function isValidIin(iin: string): boolean {
  if (!/^\d{12}$/.test(iin)) return false;
  const digits = [...iin].map(Number);
  const sum = (w: number[]) => w.reduce((acc, weight, i) => acc + weight * digits[i]!, 0) % 11;
  let control = sum(W1);
  if (control === 10) control = sum(W2);
  return control !== 10 && control === digits[11];
}

/** Completes 11 digits with their control digit, or returns null when no valid number has them. */
export function withControlDigit(first11: string): string | null {
  for (let d = 0; d <= 9; d++) if (isValidIin(`${first11}${d}`)) return `${first11}${d}`;
  return null;
}

/** class-validator: a valid IIN (12 digits with a correct control digit). */
export const IsIin = (options?: ValidationOptions) => (object: object, propertyName: string) =>
  registerDecorator({
    name: 'isIin',
    target: object.constructor,
    propertyName,
    options: { message: `${propertyName} must be 12 digits with a valid control digit`, ...options },
    validator: { validate: (v: unknown) => typeof v === 'string' && isValidIin(v) },
  });
