import { isoMs } from '../../../core/clock.js';
import type { StoreRow } from '../../../domain/stores/store.js';
import { addressLine, type Location } from '../../../domain/stores/location.js';

/**
 * A store as the API prints it. Create and update say `date_created`; GET
 * /stores/{id} and search say `date_creation` (sic), as the reference documents;
 * update prints both (supplement §9).
 */
export function renderStore(row: StoreRow, dateKey: 'date_created' | 'date_creation' | 'both' = 'date_created') {
  const loc = JSON.parse(row.location) as Location;
  const created = isoMs(row.date_created);
  return {
    id: row.id,
    name: row.name,
    ...(dateKey === 'both' ? { date_creation: created, date_created: created } : { [dateKey]: created }),
    ...(row.business_hours ? { business_hours: JSON.parse(row.business_hours) as unknown } : {}),
    location: {
      address_line: addressLine(loc),
      ...(loc.reference !== undefined ? { reference: loc.reference } : {}),
      latitude: loc.latitude,
      longitude: loc.longitude,
    },
    ...(row.external_id !== null ? { external_id: row.external_id } : {}),
  };
}
