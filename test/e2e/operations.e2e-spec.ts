import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type TestApp, startTestApp } from '../support/test-app.js';

describe('Operations surfaces', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('answers /health with both stores ready and each projection with its lag, without a key', async () => {
    const res = await t.request('GET', '/health', { auth: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', checks: { eventStore: { status: 'up', headPosition: null }, readStore: { status: 'up' } } });
    expect(res.body.projections).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'territory.units', kind: 'projection', collection: 'territory_units_v1', serving: true, lag: '0' })]),
    );
    expect((await t.request('GET', '/health/live', { auth: null })).status).toBe(200);
  });

  it('answers 503 problem+json on /health and on commands when the event store is gone', async () => {
    const other = await startTestApp();
    try {
      await other.store.close();
      const res = await other.request('GET', '/health', { auth: null });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', checks: { eventStore: { status: 'down' } } });
      const command = await other.request('POST', '/units', { body: { unitId: '0190f3c2-7a4e-7c1a-9b1e-2a3c4d5e6f71', level: 'REGION', names: { en: 'X' }, effectiveFrom: '2017-01-01' } });
      expect(command.status).toBe(503);
      expect(command.headers.get('retry-after')).toBe('5');
      expect(command.body).toMatchObject({ type: '/problems/store-unavailable', status: 503 });
    } finally {
      await other.cleanup();
    }
  });

  it('tags every response with a request id, echoing a valid one', async () => {
    const res = await t.request('GET', '/health/live', { auth: null, headers: { 'x-request-id': 'req-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
    expect((await t.request('GET', '/health/live', { auth: null })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.request('GET', '/no/such/route');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/not-found', status: 404 });
  });

  describe('OpenAPI', () => {
    let doc: any;
    beforeAll(async () => {
      const res = await t.request('GET', '/openapi.json', { auth: null });
      expect(res.status).toBe(200);
      doc = res.body;
    });

    it('is an OpenAPI 3 document with bearer security', () => {
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    });

    it('describes every command with its body schema (if any), response and problems', () => {
      const commands = Object.entries(doc.paths).flatMap(([path, ops]: [string, any]) => (ops.post && !ops.post['x-query'] ? [[path, ops.post]] : [])) as Array<[string, any]>;
      expect(commands.map(([p]) => p)).toEqual(
        expect.arrayContaining([
          '/units', '/units/{unitId}/names', '/units/{unitId}/kato-codes', '/units/{unitId}/kato-codes/{classifierVersion}/{code}/retirement',
          '/units/{unitId}/reparenting', '/units/{unitId}/population', '/units/{unitId}/retirement',
        ]),
      );
      for (const [path, op] of commands) {
        expect({ path, summary: op.summary }).toEqual({ path, summary: expect.any(String) });
        // A command may have no body (e.g. a submission); when it has one, its schema is described field by field.
        if (op.requestBody) {
          const ref: string = op.requestBody.content['application/json'].schema.$ref;
          const schema = doc.components.schemas[ref.split('/').pop()!];
          expect({ path, fields: Object.keys(schema.properties ?? {}).length > 0 }).toEqual({ path, fields: true });
        }
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '409', '412', '413', '422']));
        expect(op.responses['400'].content['application/problem+json']).toBeDefined();
        expect(op.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['Idempotency-Key', 'If-Match']));
      }
    });

    it('describes nested DTOs and responses', () => {
      expect(doc.components.schemas.LocalizedTextDto.properties).toHaveProperty('kk');
      expect(doc.components.schemas.ProblemDetailsDto.properties).toHaveProperty('errors');
      expect(doc.components.schemas.UnitDetailsDto.properties).toHaveProperty('katoCodes');
      expect(doc.paths['/units/{unitId}'].get.responses['200'].content['application/json'].schema.$ref).toMatch(/UnitDetailsDto$/);
    });

    it('serves Swagger UI at /docs', async () => {
      const res = await t.request('GET', '/docs', { auth: null });
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/swagger-ui/i);
    });
  });
});
