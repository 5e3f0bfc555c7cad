/** The `country` option of each country, as the corpora write their rows. */
export const AR = { country: 'AR' } as const;
export const BR = { country: 'BR' } as const;
export const CL = { country: 'CL' } as const;
export const CO = { country: 'CO' } as const;
export const ES = { country: 'ES' } as const;
export const MX = { country: 'MX' } as const;
export const PE = { country: 'PE' } as const;
export const UY = { country: 'UY' } as const;
