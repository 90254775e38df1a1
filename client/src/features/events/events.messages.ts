/** The events feature's interface texts; joined into the catalogues in lib/messages. */
export const eventsFr = {} as const;

export const eventsEn: Record<keyof typeof eventsFr, string> = {};
