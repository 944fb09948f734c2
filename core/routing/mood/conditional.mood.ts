/*
 * Mood "conditional" and "for later": the request hangs on a condition, a time or somebody's go-ahead.
 */

/** Words that set a condition or ask to be told instead ("if", "once", "remind me", "let me know"). */
export const conditionWords =
  /\b(?:if|when|whenever|once|before|after|until|till|unless|whether|in case|as soon as|as long as|so long as|provided|providing|assuming|only if|the moment|supposing|in the event|pending|subject to|remind|notify|let me know|ping me|alert me|tell me|warn me)\b/;

/** A clause that opens with a condition or a note to self ("…, if nobody is using it", "todo: …"). */
export const conditionLead =
  /^(?:(?:but|and|or|only|just) )*(?:if|when|whenever|once|unless|provided|providing|assuming|as long as|so long as|in case|until|till|after|todo|to do|note|reminder|remind|pending|contingent|subject to|eventually|sometime|later|in an hour|in a bit)\b/;

/** Words that put a change off to later, wherever they stand ("…, eventually"). */
export const laterWords =
  /\b(?:tomorrow|tmrw|later|eventually|someday|sometime|at some point|next (?:week|month|time|sprint|quarter|year)|in (?:january|february|march|april|may|june|july|august|september|october|november|december))\b/;

/** Words that put a change off to later: "tomorrow", "at 6pm", "next monday", "in 20 minutes". */
export const later =
  /\b(?:tomorrow|tmrw|tmr|later|eventually|someday|sometime|at some point|next time|monday|tuesday|wednesday|thursday|friday|saturday|sunday|at (?:eod|noon|midnight|lunch)|after (?:lunch|hours|work)|in (?:an|a few|a couple of) (?:hours?|minutes?|days?)|in a (?:bit|while)|in \d+ ?(?:h|hrs?|m|mins?)|in the (?:morning|afternoon|evening)|on (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d+|next (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|sprint)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|this (?:evening|afternoon|weekend)|at \d{1,2}(?: \d{2})?(?: ?(?:am|pm))?|in \d+ (?:min|mins|minutes|hours?|days?))\b/;

/** A condition after the request ("stop it if nobody is using it"). */
export const conditionAfter =
  /\b(?:if|when|whenever|once|until|till|unless|whether|in case|as soon as|as long as|so long as|provided|providing|assuming)\b/;

/** "until monday", "till the morning": how long, not a condition. */
export const untilTime =
  /\b(?:until|till) (?:(?:next|this|the) )?(?:tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|evening|tonight|weekend|week|eod|end of (?:day|the day|week|the week|month)|further notice|\d{1,2}(?: \d{2})?(?: ?(?:am|pm))?)(?: (?:morning|evening|night))?\b(?=\s*$| (?:please|pls|thanks|then|and|so|for|because|since)\b)/g;

/** A purpose or reason after the request ("so the nodes are warm when I submit"): its words set no condition. */
export const purposeTail = /\b(?:so(?! long as\b)|so that|because|since|for when|in order to)\b.*$/;

/** "after you …", "after the run finishes": the request waits for an event. */
export const afterEvent =
  /\bafter (?:(?:you|we|i|they|it|he|she|someone|anyone|everyone|everybody|nobody)\b|(?:\w+ ){0,3}(?:is|are|was|were|has|have|finishes|finished|ends|ended|completes|completed|stops|starts|runs|gets|goes)\b)/;

/** A later clause that puts the action off until somebody is asked ("…, but let me check with diego first"). */
export const deferral =
  /\b(?:let me (?:check|ask|confirm|see|think)|check with|confirm with|run it by|ask \w+ first|wait for|first check|(?:check|ask|confirm) first)\b/;

/** A clause opening that sets a condition or a time ("the moment the run finishes, …", "come monday, …"). */
export const conditionStart =
  /^(?:(?:but|and|so|ok|only) )*(?:the moment|the minute|supposing|suppose|in the event|pending|contingent|subject to|come \w+|post \w+|first thing|once|if|when|whenever|unless|in case|as soon as|soon as|end of (?:day|the day|week)|around \w+|tonight at \d+|after the \w+ (?:finishes|is done|ends|completes))\b/;

/** A clause that is only a time: "later today", "tomorrow morning", "at 6pm", "next week". */
export const timeOnly =
  /^(?:(?:later|early|first thing|sometime) )?(?:today|tomorrow|tmrw|tonight|this (?:evening|afternoon|morning|weekend)|next (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|at \d{1,2}(?: \d{2})?(?: ?(?:am|pm))?|at (?:noon|midnight|eod)|in (?:an|a few|\d+) (?:hours?|minutes?|mins?|days?)|after (?:lunch|hours|work)|eventually|later)(?: (?:morning|evening|night|afternoon))?$/;

/** Whether an earlier clause is only a time or opens with a condition (courtesies such as "when you get a chance" aside). */
export function heldTime(text: string): boolean {
  const plain = text.replace(courtesy, ' ').trim();
  return plain !== '' && (timeOnly.test(plain) || conditionStart.test(plain));
}

/** Courtesies shaped like conditions that set none: "when you get a chance", "if you can". */
export const courtesy =
  /\b(?:when (?:you|u) (?:get a chance|can|have (?:a )?(?:sec|second|moment|minute|time))|if (?:you|u) (?:can|could|don t mind|have (?:a )?(?:sec|second|moment|minute))|if possible)\b/g;

/** A courtesy at the start of what follows the object ("… if you can", "… when you get a chance"). */
export const courtesyLead = new RegExp(`^${courtesy.source}`);
