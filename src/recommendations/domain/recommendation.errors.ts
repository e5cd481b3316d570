import { type FieldError, IllegalStateError, NotFoundError, ValidationError } from '../../shared/domain/errors.js';
import { RECOMMENDATION_THEMES } from './recommendation.events.js';

/** Refusals of the Recommendation decider. Field paths name the request body fields. */

export class RecommendationNotFound extends NotFoundError {
  constructor(readonly recommendationId: string) {
    super('recommendation-not-found', 'Recommendation not found',
      `Recommendation ${recommendationId} has not been drafted. Check the id, or draft the recommendation first.`);
  }
}

export class RecommendationAlreadyDrafted extends IllegalStateError {
  constructor(readonly recommendationId: string) {
    super('recommendation-already-drafted', 'Recommendation already drafted',
      `Recommendation ${recommendationId} was already drafted with other content. Revise the draft instead, or choose a new id for another recommendation.`);
  }
}

export class RecommendationWrongStatus extends IllegalStateError {
  constructor(readonly recommendationId: string, readonly action: string, readonly status: string, readonly allowed: readonly string[]) {
    super('recommendation-wrong-status', 'Not allowed in the recommendation’s current status',
      `Recommendation ${recommendationId} is ${status}; to ${action} it must be ${allowed.join(' or ')}.`);
  }
}

export class RecommendationAlreadyResponded extends IllegalStateError {
  constructor(readonly recommendationId: string) {
    super('recommendation-already-responded', 'Recommendation already responded to',
      `Recommendation ${recommendationId} has an authority response; it can no longer be withdrawn. Record a corrected response or implementation evidence instead.`);
  }
}

export class RecommendationTextRequired extends ValidationError {
  constructor(errors: FieldError[]) {
    super('recommendation-text-required', 'Title or text missing or blank',
      'Give the title and the text in at least one of kk, ru and en, and leave out any language you have no text for instead of sending it blank.',
      errors);
  }
}

export class InvalidRecommendationTheme extends ValidationError {
  constructor(readonly theme: string) {
    super('invalid-recommendation-theme', 'Unknown recommendation theme',
      `theme must be one of ${RECOMMENDATION_THEMES.join(', ')}; got ${JSON.stringify(theme)}.`,
      [{ path: 'theme', message: `must be one of ${RECOMMENDATION_THEMES.join(', ')}` }]);
  }
}

export class RecommendationFieldBlank extends ValidationError {
  constructor(readonly field: string) {
    super('recommendation-field-blank', 'A required text is blank',
      `${field} must not be blank: say what was said, decided or why.`,
      [{ path: field, message: 'must not be blank' }]);
  }
}

export class AddresseeRequired extends ValidationError {
  constructor(readonly recommendationId: string) {
    super('recommendation-addressee-required', 'No addressee to submit to',
      `Recommendation ${recommendationId} names no addressee; give addresseeOrganisationId with the submission.`,
      [{ path: 'addresseeOrganisationId', message: 'required when the draft names no addressee' }]);
  }
}

export class RecommendationDateOutOfOrder extends ValidationError {
  constructor(readonly field: string, readonly date: string, readonly earliest: string, readonly after: string) {
    super('recommendation-date-out-of-order', 'Date before an earlier step',
      `${field} ${date} is before the ${after} on ${earliest}; give a date on or after ${earliest}.`,
      [{ path: field, message: `must not be before ${earliest}` }]);
  }
}

export class EvidenceDocumentConflict extends IllegalStateError {
  constructor(readonly documentId: string) {
    super('evidence-document-conflict', 'Evidence document already recorded with another hash',
      `Document ${documentId} is already recorded as evidence with another SHA-256. Evidence is immutable: record the new version under a new document id.`);
  }
}
