import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RecordedEvent } from '../shared/event-store/event-store.port.js';
import type { Reactor } from '../shared/projections/projection.js';
import { SUBJECT_KEYS } from './personal-data.service.js';
import { SubjectKeyStore } from './subject-key-store.js';

/**
 * Destroys a subject's key whenever SubjectKeyDestroyed is in the log. The erasure command destroys it at once; this
 * durable reactor makes sure it happens even if the process stopped in between (it is idempotent).
 */
@Injectable()
export class KeyShredder implements Reactor {
  readonly name = 'privacy.key-shredder';
  readonly handles = ['SubjectKeyDestroyed'];
  private readonly logger = new Logger('KeyShredder');

  constructor(@Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore) {}

  async react(event: RecordedEvent): Promise<void> {
    const { subjectId } = event.data as { subjectId: string };
    if (await this.keys.has(subjectId)) {
      await this.keys.destroy(subjectId);
      this.logger.log(`Destroyed the key of data subject ${subjectId}`);
    }
  }
}
