import { DEFAULT_MEETING_POLICY, type MeetingPolicy } from './meeting-policy.js';

/** DI token of the MeetingPolicy in force (DEFAULT_MEETING_POLICY unless a module or test provides another). */
export const MEETING_POLICY = Symbol('MEETING_POLICY');

export const meetingPolicyProvider = { provide: MEETING_POLICY, useValue: DEFAULT_MEETING_POLICY satisfies MeetingPolicy };
