import type { Decider } from '../../shared/domain/decider.js';
import type { CommunityMeetingCommand } from './community-meeting.commands.js';
import { decide } from './community-meeting.decide.js';
import type { CommunityMeetingEvent } from './community-meeting.events.js';
import { type CommunityMeeting, evolve, initialState } from './community-meeting.state.js';

/** The CommunityMeeting aggregate (Community Engagement context, DOMAIN.md 5.6) as a pure decider. */
export const communityMeetingDecider: Decider<CommunityMeeting, CommunityMeetingCommand, CommunityMeetingEvent> = { decide, evolve, initialState };

/** Stream of one meeting: `communityMeeting-<meetingId>`. */
export const meetingStream = (meetingId: string): string => `communityMeeting-${meetingId}`;
