// Who may sign up: a campaign's age and gender rules, and for blood drives the Chinese donor
// rules (献血者健康检查要求). Pure: every failed rule is returned, none is silent.
import type { MessageKey } from '../lib/messages.ts';
import { addDays, addMonths, ageOn } from './china-time.ts';

export type Gender = 'male' | 'female';
export type DonationKind = 'whole_blood' | 'platelets';

/** What a campaign may ask of the people who sign up (stored as the campaign's `eligibility`). */
export interface EligibilityRules {
  minAge?: number;
  maxAge?: number;
  gender?: Gender;
  /** The donor rules below; blood drives apply them unless they say `false`. */
  donorRules?: boolean;
  /**
   * A blood drive that also collects apheresis platelets (a fixed site with the machines); a bus
   * collects whole blood only.
   */
  platelets?: boolean;
}

export const DONOR_RULES = {
  minAge: 18,
  maxAge: 55,
  /** Repeat donors without an adverse reaction may give until this age. */
  repeatDonorMaxAge: 60,
  minWeightKg: { male: 50, female: 45 },
  /** Apheresis platelets at most this many times in any 12 months. */
  plateletsPerYear: 24,
} as const;

export interface Donation {
  day: string;
  kind: DonationKind;
  adverseReaction: boolean;
}

export interface Applicant {
  birthDate: string | null;
  gender: Gender | null;
  weightKg: number | null;
  donations: Donation[];
  donationKind: DonationKind;
}

export type ReasonCode = 'age' | 'gender' | 'weight' | 'interval';

export interface Reason {
  code: ReasonCode;
  /** The message in lib/messages.ts, and the values it shows. */
  message: MessageKey;
  params?: Record<string, string | number>;
}

export type MissingFact = 'birthDate' | 'gender' | 'weightKg';

export interface Verdict {
  /** Facts the rules need that the person has not given. */
  missing: MissingFact[];
  reasons: Reason[];
}

export function rulesFor(kind: string, eligibility: EligibilityRules | null | undefined): EligibilityRules {
  return {
    ...eligibility,
    donorRules: kind === 'blood_drive' ? eligibility?.donorRules !== false : eligibility?.donorRules === true,
  };
}

/**
 * The earliest day a donation of `kind` is allowed after the donations already given: the
 * interval after each one, and for platelets the yearly cap (the 24th latest platelet donation
 * must be a year old, so that no 12 months hold 25).
 */
export function nextDonationDay(kind: DonationKind, donations: Pick<Donation, 'day' | 'kind'>[]): string | null {
  const waits = donations.map((donation) => {
    if (kind === 'whole_blood')
      return donation.kind === 'whole_blood' ? addMonths(donation.day, 6) : addDays(donation.day, 28);
    return donation.kind === 'platelets' ? addDays(donation.day, 14) : addMonths(donation.day, 3);
  });
  if (kind === 'platelets') {
    const platelets = donations
      .filter((donation) => donation.kind === 'platelets')
      .map((donation) => donation.day)
      .sort()
      .reverse();
    const capReached = platelets[DONOR_RULES.plateletsPerYear - 1];
    if (capReached) waits.push(addMonths(capReached, 12));
  }
  return waits.length ? waits.reduce((latest, day) => (day > latest ? day : latest)) : null;
}

/** Checks an applicant against the rules for a session held on `day` (YYYY-MM-DD, China time). */
export function checkEligibility(rules: EligibilityRules, applicant: Applicant, day: string): Verdict {
  const missing: MissingFact[] = [];
  const reasons: Reason[] = [];

  let minAge = rules.minAge;
  let maxAge = rules.maxAge;
  if (rules.donorRules) {
    const repeatDonor =
      applicant.donations.length > 0 && applicant.donations.every((donation) => !donation.adverseReaction);
    minAge = Math.max(minAge ?? 0, DONOR_RULES.minAge);
    maxAge = Math.min(maxAge ?? Infinity, repeatDonor ? DONOR_RULES.repeatDonorMaxAge : DONOR_RULES.maxAge);
  }
  if (minAge !== undefined || maxAge !== undefined) {
    if (!applicant.birthDate) missing.push('birthDate');
    else {
      const age = ageOn(applicant.birthDate, day);
      if ((minAge !== undefined && age < minAge) || (maxAge !== undefined && age > maxAge)) {
        reasons.push({ code: 'age', message: 'ineligible_age', params: { min: minAge ?? 0, max: maxAge ?? 150, age } });
      }
    }
  }

  if (rules.gender || rules.donorRules) {
    if (!applicant.gender) missing.push('gender');
    else if (rules.gender && applicant.gender !== rules.gender) {
      reasons.push({
        code: 'gender',
        message: rules.gender === 'female' ? 'ineligible_women_only' : 'ineligible_men_only',
      });
    }
  }

  if (rules.donorRules) {
    if (applicant.weightKg === null) missing.push('weightKg');
    else if (applicant.gender) {
      const min = DONOR_RULES.minWeightKg[applicant.gender];
      if (applicant.weightKg < min) reasons.push({ code: 'weight', message: 'ineligible_weight', params: { min } });
    }
    const next = nextDonationDay(applicant.donationKind, applicant.donations);
    if (next && next > day) reasons.push({ code: 'interval', message: 'ineligible_interval', params: { next } });
  }

  return { missing, reasons };
}
