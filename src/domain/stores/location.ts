import type { SiteId } from '../sellers/sites.js';

export interface Location {
  street_number: string;
  street_name: string;
  city_name: string;
  state_name: string;
  zip_code?: string | undefined;
  latitude: number;
  longitude: number;
  reference?: string | undefined;
}

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
export type BusinessHours = Partial<Record<Weekday, Array<{ open: string; close: string }>>>;

// Generous boxes around each country (islands included). Mercado Pago refuses
// "The store coordinates are outside the site"; caja checks the same, roughly.
const BOUNDS: Record<SiteId, { lat: [number, number]; lon: [number, number] }> = {
  MLA: { lat: [-56, -21], lon: [-74, -53] },
  MLB: { lat: [-34.5, 5.5], lon: [-74.5, -28] },
  MLM: { lat: [14, 33], lon: [-119, -86] },
  MLC: { lat: [-56.5, -17], lon: [-110, -66] },
  MLU: { lat: [-35.2, -30], lon: [-58.6, -53] },
  MCO: { lat: [-4.3, 13.6], lon: [-82, -66.8] },
  MPE: { lat: [-18.5, 0.1], lon: [-81.5, -68.5] },
};

export function insideSite(site: SiteId, loc: Pick<Location, 'latitude' | 'longitude'>): boolean {
  const b = BOUNDS[site];
  return loc.latitude >= b.lat[0] && loc.latitude <= b.lat[1] && loc.longitude >= b.lon[0] && loc.longitude <= b.lon[1];
}

/** "Av. Corrientes 1234, CABA, Buenos Aires": how the store response prints `location.address_line`. */
export function addressLine(loc: Location): string {
  return `${loc.street_name} ${loc.street_number}, ${loc.city_name}, ${loc.state_name}`;
}

/** Each day's ranges must be HH:MM with open before close; the schema has already checked the shape. */
export function invalidBusinessDay(hours: BusinessHours): Weekday | undefined {
  for (const [day, ranges] of Object.entries(hours) as Array<[Weekday, Array<{ open: string; close: string }>]>) {
    for (const r of ranges) if (r.open >= r.close) return day;
  }
  return undefined;
}
