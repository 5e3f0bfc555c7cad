import { randomBytes } from 'node:crypto';
import type { Channel } from '../../contract/channel.js';
import type { VisitorDataDto } from '../../contract/visitor-data.dto.js';

/**
 * Plausible values for the fields of a webhook request that a test or a simulated
 * conversation does not care about, shaped like real Cliengo traffic.
 */
export const CLIENGO_SAMPLE = {
  websiteId: '5de12d55e4b096a8283b6ed8',
  companyId: '5de12d55e4b096a8283b6ed6',
  conversationId: '66b2f0c4e4b0a1d2c3f4a5b6',
  chatbotName: 'Martín',
  /** The trigger that opened the chat on the website. */
  triggerId: '5de12d55e4b096a8283b6ee1',
  /** Set once the lead was posted to the CRM (an email or a phone is known). */
  newLeadTag: 'fired_new_lead',
  webVisitorId: '66b2f0c1e4b0a1d2c3f4a5b0',
  whatsappVisitorId: '5491138152222',
  messengerVisitorId: '4012345678901234',
  startedAt: '2024-08-07T14:30:00.000Z',
} as const;

/** A new 24-hex-digit id, the shape of Cliengo's ids (MongoDB ObjectIds). */
export function objectId(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + randomBytes(8).toString('hex');
}

/** Whether Cliengo sends `visitorData` on this channel (the website channels only). */
export function isWebChannel(channel: Channel): boolean {
  return channel === 'WEB' || channel === 'WEBSITE';
}

/** A visitor id in the format the channel uses. */
export function visitorIdFor(channel: Channel): string {
  switch (channel) {
    case 'WHATSAPP':
    case 'WSPLITE':
      return CLIENGO_SAMPLE.whatsappVisitorId;
    case 'FACEBOOK':
    case 'INSTAGRAM':
      return CLIENGO_SAMPLE.messengerVisitorId;
    default:
      return CLIENGO_SAMPLE.webVisitorId;
  }
}

/** What Cliengo knows of a web visitor; `null` on the other channels. */
export function visitorDataFor(channel: Channel): VisitorDataDto | null {
  if (!isWebChannel(channel)) return null;
  return {
    utms: '&utm_source=google&utm_medium=cpc&utm_campaign=simulador',
    url: 'https://www.example.com/planes',
    visitorIp: '203.0.113.24',
  };
}
