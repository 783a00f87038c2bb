// What a donor's record says beyond the next date: the national honour their donations have
// earned and the clinical-blood fee waiver they hold under Shandong's 2024 rules. Pure.
import { addMonths } from './china-time.ts';
import { nextDonationDay, type DonationKind } from './eligibility.ts';

export interface RecordedDonation {
  day: string;
  kind: DonationKind;
  /** Whole blood: 200, 300 or 400; null for platelets and for whole blood recorded before volumes were. */
  volumeMl: number | null;
}

export type Honor = 'bronze' | 'silver' | 'gold';

/** 全国无偿献血奉献奖: the number of donations each honour needs, highest first. */
export const HONOR_THRESHOLDS: readonly { honor: Honor; from: number }[] = [
  { honor: 'gold', from: 40 },
  { honor: 'silver', from: 30 },
  { honor: 'bronze', from: 20 },
];

/** The least whole blood one gives; a donation recorded without a volume is counted as this. */
const WHOLE_BLOOD_UNIT_ML = 200;

const wholeBloodMl = (donation: RecordedDonation) =>
  donation.kind === 'whole_blood' ? (donation.volumeMl ?? WHOLE_BLOOD_UNIT_ML) : 0;

/**
 * Donations as the honours count them: 200 mL of whole blood is one (so 300 mL is 1.5 and
 * 400 mL is 2), and one apheresis platelet donation is one.
 */
export const honorCount = (donations: RecordedDonation[]) =>
  donations.reduce(
    (count, donation) => count + (donation.kind === 'platelets' ? 1 : wholeBloodMl(donation) / WHOLE_BLOOD_UNIT_ML),
    0,
  );

export const honorFor = (count: number): Honor | null =>
  HONOR_THRESHOLDS.find((threshold) => count >= threshold.from)?.honor ?? null;

/** Whole blood given in all, in mL: what the fee waiver is measured by. */
export const wholeBloodTotalMl = (donations: RecordedDonation[]) =>
  donations.reduce((total, donation) => total + wholeBloodMl(donation), 0);

/** From this much whole blood on, a donor's clinical blood use is free for life without limit. */
export const LIFETIME_WAIVER_ML = 1000;
const WAIVER_YEARS = 5;
const WAIVER_MULTIPLE = 5;

/**
 * How much clinical blood a donor may use free (临床用血费用减免). `coveredMl` null means no
 * limit. Under 1,000 mL: five times what was given until five years after the last donation
 * (`until`), then as much as was given (`thenMl`).
 */
export interface FeeWaiver {
  coveredMl: number | null;
  until: string | null;
  thenMl: number | null;
}

export function feeWaiver(donations: RecordedDonation[], today: string): FeeWaiver | null {
  const totalMl = wholeBloodTotalMl(donations);
  if (totalMl === 0) return null;
  if (totalMl >= LIFETIME_WAIVER_ML) return { coveredMl: null, until: null, thenMl: null };
  const lastDay = donations
    .filter((donation) => donation.kind === 'whole_blood')
    .reduce((latest, donation) => (donation.day > latest ? donation.day : latest), '');
  const until = addMonths(lastDay, WAIVER_YEARS * 12);
  return until >= today
    ? { coveredMl: WAIVER_MULTIPLE * totalMl, until, thenMl: totalMl }
    : { coveredMl: totalMl, until: null, thenMl: null };
}

/** What the donor record shows: totals, the next day each kind may be given, honour and waiver. */
export function donorStanding(donations: RecordedDonation[], today: string) {
  const next = (kind: DonationKind) => {
    const day = nextDonationDay(kind, donations);
    return day === null || day < today ? today : day;
  };
  const count = honorCount(donations);
  return {
    totals: { count: donations.length, volumeMl: wholeBloodTotalMl(donations) },
    nextEligible: { whole_blood: next('whole_blood'), platelets: next('platelets') },
    honor: honorFor(count),
    honorCount: count,
    feeWaiver: feeWaiver(donations, today),
  };
}
