import type { Decider } from '../../shared/domain/decider.js';
import type { RecommendationCommand } from './recommendation.commands.js';
import { decide } from './recommendation.decide.js';
import type { RecommendationEvent } from './recommendation.events.js';
import { type Recommendation, evolve, initialState } from './recommendation.state.js';

/** The Recommendation aggregate (Policy Recommendations context, DOMAIN.md 5.9) as a pure decider. */
export const recommendationDecider: Decider<Recommendation, RecommendationCommand, RecommendationEvent> = { decide, evolve, initialState };

/** Stream of one recommendation: `recommendation-<recommendationId>`. */
export const recommendationStream = (recommendationId: string): string => `recommendation-${recommendationId}`;
