import { EsdbEventStore } from '../../src/shared/event-store/esdb/esdb-event-store.js';
import { eventStoreContract } from '../contracts/event-store.contract.js';
import { describeIf } from '../support/describe-if.js';

const url = process.env.ESDB_URL;

describeIf(!!url, 'ESDB_URL is not set: no EventStoreDB server to run the contract against (start one with `docker compose up eventstore` and set ESDB_URL=esdb://localhost:2113?tls=false)')(
  'EventStoreDB adapter',
  () => eventStoreContract('esdb', async () => EsdbEventStore.connect(url!)),
);
