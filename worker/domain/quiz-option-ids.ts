// The option ids a player sees, drawn per attempt: a digest of the attempt's secret key and the
// option's own id. The same option has different ids in two players' attempts, so an answer key
// read off one account says nothing about another's; the options' own ids never leave the Worker.
import { randomToken, sha256 } from '../lib/tokens.ts';

/** A new attempt's key: random, kept in D1, never shown. */
export const newOptionKey = () => randomToken(16);

/** 96 bits of the digest: no two options of an attempt share one. */
const SHOWN_LENGTH = 16;

export interface OptionIds {
  /** The id the player sees for an option's own id. */
  shown(ownId: string): string;
  /** The option's own id for an id the player sent; undefined when the attempt has no such option. */
  own(shownId: string): string | undefined;
}

/** Both directions for every option of the attempt's questions. */
export async function attemptOptionIds(
  optionKey: string,
  questions: readonly { options: readonly { id: string }[] }[],
): Promise<OptionIds> {
  const ownIds = questions.flatMap((question) => question.options.map((option) => option.id));
  const shownIds = await Promise.all(
    ownIds.map(async (id) => (await sha256(`${optionKey}:${id}`)).slice(0, SHOWN_LENGTH)),
  );
  const toShown = new Map(ownIds.map((id, i) => [id, shownIds[i]!]));
  const toOwn = new Map(shownIds.map((id, i) => [id, ownIds[i]!]));
  return {
    shown: (ownId) => toShown.get(ownId)!,
    own: (shownId) => toOwn.get(shownId),
  };
}
