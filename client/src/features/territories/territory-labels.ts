import type { Programme, TerritoryLevel } from '@atelier/contract';
import { t } from './territories.i18n';

export const PROGRAMMES: Programme[] = ['cohorte', 'experimental', 'ponctuel'];
export const LEVELS: TerritoryLevel[] = ['commune', 'epci', 'departement', 'region', 'other'];

export const programmeLabel = (programme: Programme) => t(`territories.programme.${programme}`);
export const levelLabel = (level: TerritoryLevel) => t(`territories.level.${level}`);
