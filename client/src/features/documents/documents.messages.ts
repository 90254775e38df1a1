/** The documents feature's interface texts; joined into the catalogues in lib/messages. */
export const documentsFr = {} as const;

export const documentsEn: Record<keyof typeof documentsFr, string> = {};
