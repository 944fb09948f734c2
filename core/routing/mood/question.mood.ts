/*
 * Mood "question", and the frames that make a question mark a polite request instead.
 */

/**
 * What may come before the verb of a request in its clause: nothing, or polite and request frames
 * ("please", "can you", "I need you to", "go ahead and", "let's", "we need to").
 */
export const requestFrame =
  /^(?:(?:please|pls|plz|plese|kindly|now|ok|okay|so|then|and|also|just|right|alright|sure|yes|yep|hey|opsbot|bot|quickly|urgently|asap|go ahead and|(?:can|could|would|will) (?:you|u|someone|somebody)(?: (?:please|pls|kindly|possibly|quickly|just))*|(?:can|could) we|(?:would|could) (?:you|u) be (?:so kind|kind enough|able)(?: as)? to|(?:i|we) (?:would|d) like to|(?:would|do|will) (?:you|u) mind|please could you|(?:i|we) (?:need|want|would like|d like) you to|(?:i|we) (?:d|would) (?:appreciate it|be grateful) if (?:you|u) (?:could|would|can)|need you to|let s|lets|let us|(?:we|i) (?:need|have|got) to|need to|time to|you can|you may|feel free to) ?)*$/;

/** Frames that ask for an incident action although they would not ask for a change ("we can close this out"). */
export const incidentFrame = /^(?:(?:ok|okay|so|i think|alright) )*(?:we|you) can(?: now| go ahead and)?$/;

/** Frames that make a trailing question mark a polite request ("can you stop the gpu cluster?"). */
export const modalFrame =
  /\b(?:can|could|would|will) (?:you|u)\b|\b(?:can|could) we\b|\b(?:would|do) (?:you|u) mind\b/;

/** A choice offered, which makes a request a question ("can someone stop it or only admins"). */
export const alternativeAsked =
  /\bor (?:only|not|just|should|do|does|is|are|can|must|will|would|shall|what|no)\b|\byes or no\b/;

/** Emoji that ask ("this needs L3 ❓"). */
export const questionEmoji = /[\u2753\u2754]/u;

/** Whether the message ends by asking. */
export function endsAsked(lower: string): boolean {
  return /(?:\?|[\u2753\u2754])[\s\ufe0f]*$/u.test(lower);
}

/** A clause that opens by asking ("should we …", "can …"). */
export const modalLead = /^(?:should|shall|can|could|would|will|do|does|did|must|may|might)\b/;
