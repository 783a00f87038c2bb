// Who may sign up, in plain words: the campaign's own age and gender rules and, for blood
// drives, the Chinese donor rules the Worker applies (worker/domain/eligibility.ts).
import { DONOR_RULES, type EligibilityRules } from '../../../worker/domain/eligibility.ts';
import { h } from '../foundation/dom.ts';
import { strings } from '../strings.ts';

export function eligibilityList(rules: EligibilityRules): HTMLElement {
  const s = strings();
  const items: string[] = [];
  if (rules.donorRules) {
    const min = Math.max(rules.minAge ?? 0, DONOR_RULES.minAge);
    const max = Math.min(rules.maxAge ?? Infinity, DONOR_RULES.maxAge);
    const repeatMax = Math.min(rules.maxAge ?? Infinity, DONOR_RULES.repeatDonorMaxAge);
    items.push(s.donorAge(min, max, repeatMax > max ? repeatMax : undefined));
    items.push(s.donorWeight(DONOR_RULES.minWeightKg.male, DONOR_RULES.minWeightKg.female));
    items.push(s.donorIntervals);
    items.push(s.donorIdNumber);
  } else if (rules.minAge !== undefined || rules.maxAge !== undefined) {
    items.push(s.ageRange(rules.minAge, rules.maxAge));
  }
  if (rules.gender) items.push(rules.gender === 'female' ? s.womenOnly : s.menOnly);
  if (items.length === 0) items.push(s.everyoneWelcome);
  return h('ul', { class: 'rules' }, ...items.map((item) => h('li', null, item)));
}
