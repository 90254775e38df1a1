import { createRequire } from 'node:module';
import { geoConicConformal, geoPath } from 'd3-geo';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';

/**
 * The map of France the territories are drawn on, made on the server from Natural Earth's
 * country shapes (`world-atlas`, 1:50m): no tile server, nothing fetched from elsewhere.
 * Metropolitan France and Corsica in a Lambert conformal conic projection (the one IGN uses
 * for France), fitted to a box `WIDTH` wide; computed once, on the first request.
 */

export const MAP_WIDTH = 600;
const FRANCE_ISO_NUMERIC = '250';
/** Metropolitan France and Corsica: the overseas territories are listed in the table only. */
const METROPOLE = { west: -5.5, east: 10, south: 41, north: 51.5 };

const inMetropole = ([lon = 0, lat = 0]: Position) =>
  lon >= METROPOLE.west && lon <= METROPOLE.east && lat >= METROPOLE.south && lat <= METROPOLE.north;

export interface FranceMap {
  width: number;
  height: number;
  outline: string;
  /** Where a point stands on the map, or null when it is off it (overseas). */
  place(lat: number, lon: number): { x: number; y: number } | null;
}

function drawFrance(): FranceMap {
  const require = createRequire(import.meta.url);
  const topology = require('world-atlas/countries-50m.json') as Parameters<typeof feature>[0];
  const countries = feature(topology, topology.objects.countries as Parameters<typeof feature>[1]);
  const france = ('features' in countries ? countries.features : []).find(
    (country) => String(country.id) === FRANCE_ISO_NUMERIC,
  );
  if (!france) throw new Error('world-atlas has no France');
  const polygons = (france.geometry as MultiPolygon | Polygon).coordinates;
  const metropole: Feature<MultiPolygon> = {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'MultiPolygon',
      coordinates: (france.geometry.type === 'Polygon'
        ? [polygons as Position[][]]
        : (polygons as Position[][][])
      ).filter((polygon) => polygon[0]?.[0] && inMetropole(polygon[0][0])),
    },
  };
  const projection = geoConicConformal().parallels([44, 49]).rotate([-3, 0]).fitWidth(MAP_WIDTH, metropole);
  const path = geoPath(projection).digits(1);
  const [[, top], [, bottom]] = path.bounds(metropole);
  const height = Math.ceil(bottom + top);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    width: MAP_WIDTH,
    height,
    outline: path(metropole) ?? '',
    place(lat, lon) {
      if (!inMetropole([lon, lat])) return null;
      const point = projection([lon, lat]);
      return point ? { x: round(point[0]), y: round(point[1]) } : null;
    },
  };
}

let drawn: FranceMap | undefined;
export const franceMap = (): FranceMap => {
  drawn ??= drawFrance();
  return drawn;
};
