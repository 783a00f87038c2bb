// Blood stock levels by type, and whether a donor's own type is needed. Pure.
import type { bloodTypes, rhDs } from './profile.ts';

export const stockLevels = ['critical', 'low', 'normal', 'full'] as const;
export type StockLevel = (typeof stockLevels)[number];

export interface TypeLevel {
  bloodType: (typeof bloodTypes)[number];
  rhD: (typeof rhDs)[number];
  level: StockLevel;
}

export type ShortType = TypeLevel & { level: 'critical' | 'low' };

const isShort = (row: TypeLevel): row is ShortType => row.level === 'critical' || row.level === 'low';

/**
 * The donor's type with its level when it is low or critical (null otherwise, or when the type is
 * not known). A donor who does not know their RhD is taken as positive, as 99.6% of Han Chinese are.
 */
export function neededType(
  levels: TypeLevel[],
  donor: { bloodType: TypeLevel['bloodType'] | null; rhD: TypeLevel['rhD'] | null },
): ShortType | null {
  if (!donor.bloodType) return null;
  const mine = levels.find((row) => row.bloodType === donor.bloodType && row.rhD === (donor.rhD ?? 'positive'));
  return mine && isShort(mine) ? { bloodType: mine.bloodType, rhD: mine.rhD, level: mine.level } : null;
}
