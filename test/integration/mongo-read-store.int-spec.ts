import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { MongoReadStore } from '../../src/shared/read-store/mongodb/mongo-read-store.js';
import { readStoreContract } from '../contracts/read-store.contract.js';
import { describeIf } from '../support/describe-if.js';
import { type MongoServer, mongoServerAvailability, startMongoServer } from '../support/ferretdb.js';

const availability = mongoServerAvailability();
const external = !!process.env.MONGODB_URL;

if (!availability.available && process.env.CI) {
  // In CI the MongoDB adapter must be tested: a missing server is a failure, not a skip.
  describe('MongoDB read store', () => {
    it('runs in CI', () => {
      throw new Error(`The MongoDB ReadStore contract must run in CI, but there is ${availability.why}`);
    });
  });
} else {
  describeIf(availability.available, availability.why)('MongoDB read store', () => {
    let server: MongoServer | undefined;
    beforeAll(async () => {
      server = await startMongoServer();
      process.stderr.write(`MongoDB ReadStore contract: running against ${server.name}\n`);
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });

    readStoreContract(external ? 'mongodb (MONGODB_URL)' : 'mongodb (FerretDB 1.24 on SQLite)', () =>
      MongoReadStore.connect(server!.url, { dbName: `read_store_contract_${randomUUID().replace(/-/g, '').slice(0, 12)}` }),
    );
  });
}
