// Mercado Pago Orders API tables (see migrations/0003_mp_orders.sql).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MpOrderTables {}
