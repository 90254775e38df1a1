/** The feature's tables, joined into `DB` by db/schema.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the feature's migrations add tables
export interface DocumentsTables {}
