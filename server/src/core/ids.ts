const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are opaque to clients but uuids in the database: anything else names nobody. Checked
 * before querying, because a malformed uuid makes PostgreSQL fail the statement — and with it
 * the whole transaction around it.
 */
export const isUuid = (value: string) => UUID.test(value);
