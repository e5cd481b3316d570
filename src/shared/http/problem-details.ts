import type { FieldError } from '../domain/errors.js';

/** RFC 9457 problem details, as every error of the API is answered. */
export type ProblemDetails = {
  /** `/problems/<code>`: a stable URI reference, relative to the service, that names the kind of problem. */
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Field errors, with JSON paths into the request body (validation problems only). */
  errors?: FieldError[];
  [extension: string]: unknown;
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The problem type URI for a stable code. */
export const problemType = (code: string): string => `/problems/${code}`;

export const problem = (code: string, status: number, title: string, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails => ({
  type: problemType(code),
  title,
  status,
  detail,
  ...extra,
});
