import { tokenize } from '../entity-resolver';
import type { ChangeGateInput } from '../gate/verdict';

/*
 * Mood "negated": the message says not to do it, takes it back, or makes it a joke or a test.
 */

/** Words that deny what follows them. */
export const negation =
  /\b(?:not|no|never|don t|dont|do not|doesn t|didn t|shouldn t|mustn t|won t|wont|can t|cannot|without|nobody)\b/;

/** A clause that calls the request off ("actually, don't", "never mind", "not yet"). */
export const abort =
  /^(?:(?:actually|wait|no|nah|oh|hmm|on second thought) ?)*(?:don t|dont|do not|never ?mind|cancel|hold off|hold on|hang on|scratch that|forget (?:it|that)|not yet|not now|not today|not tonight|not until|not before|not this|not that|not mine|not really|just kidding|jk|test|testing)\b|^(?:no|nope|nah|wait|wait no|no wait|actually no|hold on|hang on)$/;

/** A short clause that says not to, before the request ("don't 🙅 stop it", "never: rotate the key"). */
export const negativeLead =
  /^(?:(?:please|pls|just|and|but|so|oh) )*(?:don t|dont|do not|never|not yet|not now|hold off|no need to|please don t|pls don t|no|nope|nah|wait)$/;

/** Emoji that say no: a clause after one is not a request. */
export const negativeEmoji = /[\u274c\u{1f6ab}\u26d4\u{1f645}\u{1f6d1}\u270b]/u;

/** Words that take a request back or make it a joke, a test or a comment ("(kidding)", "/s", "good idea?"). */
export const heldBack =
  /\b(?:jk|j k|kidding|just kidding|not really|joke|joking|sarcasm|nein|nicht|doch nicht|non non|attends|good idea|bad idea|is a bad idea|would be premature|yes or no|who owns this|not here|in jira|as needed|as required|if needed|when needed|\w+(?:'| )s words|no way|absolutely not|on second thought|belay that|ignore that|wrong (?:window|chat|channel|thread)|meant to send|forget i asked|maybe not|e g|for example|drill|tabletop|game day|thoughts|y n|sanity check|just checking|need to know|capacity planning|wondering|curious|runbook says|old runbook|would not|asking for|trying to figure out|figure out if|does the bot support|if the bot supports|no rush|not urgent|next week is fine|every now and then|from time to time|periodically|good call|bad call|sounds? reasonable|worth doing|worth it|even allowed|is that allowed|wouldn t|maybe later|leave it|under no circumstances|i e|imagine|dumb question|silly question|not on ?call|not my incident|better not|disregard|oops|typo|undo|dry run|wdyt|what do you think|do you agree|as \w+ (?:asked|said|wants|wanted|requested|suggested)|hypothetical\w*|exercise|scenario)\b|(?:^|\s)\/s\b|\((?:test|testing)\)|\bnot!|\by\/n\b|\be\.g\.|\bi\.e\.|\bwouldn'?t\b|[\u{1f921}\u{1f643}\u{1f602}\u{1f923}\u{1f914}]/u;

/**
 * Irony and refusal said beside a request: a rhetorical question about what could go wrong, a tag
 * of foreboding, an idiom of refusal ("…, what could possibly go wrong", "…, over my dead body").
 */
export const ironic =
  /\bwhat(?:'s| s|s| is)? (?:the worst (?:that )?|\w+ )?(?:could|can|might) (?:possibly )?(?:go wrong|happen|break)\b|\b(?:famous last words|yeah right|said no one ever|over my dead body|not a chance|not happening|hell no)\b/;

/** A resource the message says to spare. */
export const spared =
  /\bleave (?:\S+ ){1,4}alone\b|\bmust stay (?:up|on|running)\b|\bkeep (?:\S+ ){1,4}(?:running|up|on)\b|\bexcept\b|\bbut not\b|\(not\b|\bthat isn ?t\b/;

/** "not the cpu one — stop the gpu cluster": a resource of the config named right after "not". */
export function sparesNamed({ lower, mentions }: ChangeGateInput): boolean {
  const tokens = tokenize(lower);
  return mentions.some((m) => {
    const before = tokens[m.start - 1] === 'the' ? m.start - 2 : m.start - 1;
    return tokens[before] === 'not';
  });
}

/** A later clause that holds the request ("…, but wait", "… - don't yet"). */
export const heldLater = /\b(?:wait|hold off|hold on|not yet)\b(?! for)|\b(?:don t|do not|dont)\b(?! wait)/;
