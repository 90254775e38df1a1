/** The live questions, attendance and follow-up texts; joined into the catalogues in lib/messages. */
export const questionsFr = {} as const;

export const questionsEn: Record<keyof typeof questionsFr, string> = {};
