import { CONTRACT_LIMITS } from './contract.limits.js';
import { TextField } from './contract.fields.js';

/** What Cliengo knows of a web visitor. Sent for the WEB channel only. */
export class VisitorDataDto {
  @TextField({
    description: 'The UTM parameters the visitor arrived with.',
    nullable: true,
    maxLength: CONTRACT_LIMITS.urlLength,
    example: '&utm_source=Instagram&utm_medium=IGAds&utm_campaign=Campaign1',
  })
  utms?: string | null;

  @TextField({
    description: 'The URL where the visitor started the conversation.',
    nullable: true,
    maxLength: CONTRACT_LIMITS.urlLength,
    example: 'https://lw.cliengo.com/?companyId=5',
  })
  url?: string | null;

  @TextField({
    description: 'The visitor IP.',
    nullable: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    example: '13.90.115.123',
  })
  visitorIp?: string | null;
}
