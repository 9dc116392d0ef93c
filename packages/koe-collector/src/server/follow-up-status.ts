/** Where a follow-up of the inbox stands. */
export type FollowUpStatus = 'new' | 'contacted' | 'resolved'

/** Every status, in the order a follow-up goes through them. */
export const STATUSES: FollowUpStatus[] = ['new', 'contacted', 'resolved']
