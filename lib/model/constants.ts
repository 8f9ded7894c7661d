// Enumerations as plain arrays, free of zod, so UI code in the content script can import them
// without pulling the schema library into every mail page.

export const CHANNELS = [
  'email',
  'phone',
  'sms',
  'fax',
  'chat',
  'meeting',
  'visit',
  'ticket',
  'note',
] as const;
export type ChannelName = (typeof CHANNELS)[number];

export const DECISION_ROLES = [
  'decision_maker',
  'influencer',
  'purchaser',
  'user',
  'gatekeeper',
] as const;

export const DEAL_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;

/** This browser's preferences before the agent changes any (see LocalPrefs in settings.ts). */
export const DEFAULT_LOCAL_PREFS = {
  agentEmails: [] as string[],
  sidebar: { collapsed: false, width: 340 },
  locale: 'auto' as 'auto' | 'en' | 'he' | 'lv',
};
