// Whether a sign-up may go ahead: the campaign's questions, the ID number, and the eligibility
// rules, from what the person sent and what is known of them. Pure; the route does the I/O.
import type { MessageKey } from '../lib/messages.ts';
import {
  checkEligibility,
  rulesFor,
  type Donation,
  type DonationKind,
  type EligibilityRules,
  type Gender,
  type MissingFact,
  type Reason,
} from './eligibility.ts';
import { parseIdNumber, type IdNumberFacts } from './id-number.ts';
import { checkAnswers, type Answer, type Question } from './questions.ts';

export interface SignUpRequest {
  answers?: Record<string, unknown>;
  idNumber?: string;
  weightKg?: number;
  gender?: Gender;
  birthDate?: string;
  donationKind?: DonationKind;
}

export interface Campaign {
  kind: string;
  eligibility: EligibilityRules | null;
  questions: Question[];
}

export type Assessment =
  | { outcome: 'invalid'; issues: { path: string; message: MessageKey }[] }
  | { outcome: 'ineligible'; reasons: Reason[] }
  | {
      outcome: 'accepted';
      answers: Record<string, Answer>;
      /** Birth date and gender as best known: ID number, then the request, then the profile. */
      facts: { birthDate: string | null; gender: Gender | null };
      /** The ID number to keep: blood drives only (PIPL: collect nothing a campaign does not need). */
      idNumber: IdNumberFacts | null;
    };

const missingMessage: Record<MissingFact, MessageKey> = {
  birthDate: 'birth_date_required',
  gender: 'gender_required',
  weightKg: 'weight_required',
};

/** Only a blood drive that says so collects platelets; elsewhere a platelet choice is a mistake. */
export const offersPlatelets = (campaign: { kind: string; eligibility: EligibilityRules | null }) =>
  campaign.kind === 'blood_drive' && campaign.eligibility?.platelets === true;

export function assessSignUp(
  campaign: Campaign,
  request: SignUpRequest,
  known: { birthDate: string | null; gender: Gender | null; donations: Donation[] },
  day: { session: string; today: string },
): Assessment {
  const isBloodDrive = campaign.kind === 'blood_drive';
  const checked = checkAnswers(campaign.questions, request.answers ?? {});
  const issues = [...checked.issues];
  const id = request.idNumber ? parseIdNumber(request.idNumber, day.today) : null;
  if (request.idNumber && !id) issues.push({ path: 'idNumber', message: 'id_number_invalid' });
  if (isBloodDrive && !request.idNumber) issues.push({ path: 'idNumber', message: 'id_number_required' });
  if (request.donationKind === 'platelets' && !offersPlatelets(campaign)) {
    issues.push({ path: 'donationKind', message: 'platelets_not_offered' });
  }
  if (issues.length) return { outcome: 'invalid', issues };

  const facts = {
    birthDate: id?.birthDate ?? request.birthDate ?? known.birthDate,
    gender: id?.gender ?? request.gender ?? known.gender,
  };
  const verdict = checkEligibility(
    rulesFor(campaign.kind, campaign.eligibility),
    {
      ...facts,
      weightKg: request.weightKg ?? null,
      donations: known.donations,
      donationKind: request.donationKind ?? 'whole_blood',
    },
    day.session,
  );
  if (verdict.missing.length) {
    return {
      outcome: 'invalid',
      issues: verdict.missing.map((fact) => ({ path: fact, message: missingMessage[fact] })),
    };
  }
  if (verdict.reasons.length) return { outcome: 'ineligible', reasons: verdict.reasons };
  return { outcome: 'accepted', answers: checked.answers, facts, idNumber: isBloodDrive ? id : null };
}

/**
 * What a move to a session on another day must check again: the rules that depend on the day
 * (the age reached by then; a blood drive's donor intervals). The others (questions, ID number,
 * weight, gender) are the campaign's, checked at sign-up, the same in every session. The kind of
 * donation chosen is not kept, so where a drive also collects platelets the move is refused only
 * when neither kind may be given that day.
 */
export function reasonsOnDay(
  campaign: Campaign,
  known: { birthDate: string | null; gender: Gender | null; donations: Donation[] },
  day: string,
): Reason[] {
  const rules = rulesFor(campaign.kind, campaign.eligibility);
  const kinds: DonationKind[] = offersPlatelets(campaign) ? ['whole_blood', 'platelets'] : ['whole_blood'];
  const verdicts = kinds.map(
    (donationKind) => checkEligibility(rules, { ...known, weightKg: null, donationKind }, day).reasons,
  );
  const age = verdicts[0]!.filter((reason) => reason.code === 'age');
  const interval = verdicts.every((reasons) => reasons.some((reason) => reason.code === 'interval'))
    ? verdicts[0]!.filter((reason) => reason.code === 'interval')
    : [];
  return [...age, ...interval];
}
