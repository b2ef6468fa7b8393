// Depay's tables (see migrations/0004_depay.sql).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DepayTables {}
