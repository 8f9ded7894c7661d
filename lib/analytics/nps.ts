/**
 * NPS and CSAT classes. NPS uses the standard bands on the customer's latest 0–10 answer;
 * CSAT (1–5) is kept separate because the two scales measure different things and averaging
 * them would mean nothing.
 */

export type NpsClass = 'promoter' | 'passive' | 'detractor';
export type CsatClass = 'satisfied' | 'neutral' | 'dissatisfied';

export interface SurveyAnswer {
  score: number;
  /** When it was given, epoch ms; the latest answer counts. */
  at: number;
}

export interface Classified<C> {
  class: C | null;
  score: number | null;
  reason: string;
}

function latestValid(
  answers: readonly SurveyAnswer[],
  lo: number,
  hi: number,
): SurveyAnswer | null {
  let latest: SurveyAnswer | null = null;
  for (const a of answers) {
    // Out-of-scale or fractional answers are data errors, not opinions: skip them.
    if (!Number.isInteger(a.score) || a.score < lo || a.score > hi || !Number.isFinite(a.at)) {
      continue;
    }
    if (!latest || a.at >= latest.at) latest = a;
  }
  return latest;
}

export function npsClass(answers: readonly SurveyAnswer[]): Classified<NpsClass> {
  const a = latestValid(answers, 0, 10);
  if (!a) return { class: null, score: null, reason: 'no valid NPS answer (0–10)' };
  const cls: NpsClass = a.score >= 9 ? 'promoter' : a.score >= 7 ? 'passive' : 'detractor';
  const band = cls === 'promoter' ? '9–10' : cls === 'passive' ? '7–8' : '0–6';
  return { class: cls, score: a.score, reason: `${cls}: latest NPS ${a.score} (${band})` };
}

export function csatClass(answers: readonly SurveyAnswer[]): Classified<CsatClass> {
  const a = latestValid(answers, 1, 5);
  if (!a) return { class: null, score: null, reason: 'no valid CSAT answer (1–5)' };
  const cls: CsatClass = a.score >= 4 ? 'satisfied' : a.score === 3 ? 'neutral' : 'dissatisfied';
  const band = cls === 'satisfied' ? '4–5' : cls === 'neutral' ? '3' : '1–2';
  return { class: cls, score: a.score, reason: `${cls}: latest CSAT ${a.score} (${band})` };
}

/** Net Promoter Score of a group: % promoters − % detractors, null with no answers. */
export function netPromoterScore(classes: readonly (NpsClass | null)[]): number | null {
  const valid = classes.filter((c): c is NpsClass => c !== null);
  if (valid.length === 0) return null;
  const share = (c: NpsClass) => valid.filter((v) => v === c).length / valid.length;
  return Math.round(100 * (share('promoter') - share('detractor')));
}
