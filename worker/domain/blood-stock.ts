// Blood stock levels by type, and whether a donor's own type is needed. Pure.
import type { bloodTypes, rhDs } from './profile.ts';

export const stockLevels = ['critical', 'low', 'normal', 'full'] as const;
export type StockLevel = (typeof stockLevels)[number];

export interface TypeLevel {
  bloodType: (typeof bloodTypes)[number];
  rhD: (typeof rhDs)[number];
  level: StockLevel;
}

/**
 * The level of the donor's type when it is low or critical (null otherwise, or when the type is
 * not known). A donor who does not know their RhD is taken as positive, as 99.6% of Han Chinese are.
 */
export function neededLevel(
  levels: TypeLevel[],
  donor: { bloodType: TypeLevel['bloodType'] | null; rhD: TypeLevel['rhD'] | null },
): 'critical' | 'low' | null {
  if (!donor.bloodType) return null;
  const mine = levels.find((row) => row.bloodType === donor.bloodType && row.rhD === (donor.rhD ?? 'positive'));
  return mine?.level === 'critical' || mine?.level === 'low' ? mine.level : null;
}
