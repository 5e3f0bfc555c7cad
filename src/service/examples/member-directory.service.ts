import { Injectable } from '@nestjs/common';

export type MembershipStatus = 'active' | 'suspended';

export interface Member {
  nationalId: string;
  firstName: string;
  status: MembershipStatus;
  plan: string;
}

/** Sample members the example directory knows. */
const SAMPLE_MEMBERS: readonly Member[] = [
  { nationalId: '30123456', firstName: 'Ariel', status: 'active', plan: 'Plan 210' },
  { nationalId: '27999888', firstName: 'Lucía', status: 'suspended', plan: 'Plan 310' },
];

/**
 * Looks up members by national ID. This example keeps a small list in memory; a real one
 * would call the member API with `fetch(url, { signal })`, passing on the signal the handler
 * gives it (a budget, or the handler's own signal) so that an abandoned lookup stops when
 * its budget runs out or the deadline passes: `fetch` then rejects with the signal's reason.
 */
@Injectable()
export class MemberDirectory {
  readonly #members = new Map(SAMPLE_MEMBERS.map((member) => [member.nationalId, member]));

  findByNationalId(nationalId: string, signal?: AbortSignal): Promise<Member | undefined> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return Promise.resolve(this.#members.get(nationalId));
  }
}
