/*
 * Mood of a declaration: an incident asked about, waved away, past or conditional opens nothing.
 */

const declareVerbs = String.raw`(?:open|declare|raise|file|log|create|cut|page)`;

/** "should we open a p1?", "do we declare an incident": asked about, not asked for. */
export const declarationAsked = new RegExp(
  String.raw`\b(?:should|shall|do|can|must|would|could|need) (?:we|i)(?: \w+){0,2}? ${declareVerbs}\b|\b(?:is it|is this) (?:worth|time to|enough to)\b`,
);

/** "don't open a p1", "no need to raise an incident": waved away. */
export const declarationWaved = new RegExp(
  String.raw`\b(?:don'?t|don t|do not|no need to|not|never|without)(?: \w+){0,2}? ${declareVerbs}\b`,
);

/** A declaration that is past, conditional, about another ticket system or a non-event ("incident: none today"). */
export const declarationHeld = new RegExp(
  String.raw`\b(?:was|were|been|got|already) (?:declared|opened|raised|logged|filed|created)\b|\b(?:someone|somebody|they|he|she|we|\w+) (?:opened|declared|raised|logged|filed) (?:an? |the )?(?:incident|p[1-4]|sev ?\d|ticket)\b|\b${declareVerbs}\b.{0,60}\b(?:if|when|whenever|once|unless|in case)\b|\bwith (?:microsoft|azure|the vendor|vendor|aws|google)(?: support)?\b|\b(?:resolved|recovered|none today|nothing to report|all green|false alarm|ignore|just kidding|jk|just a test|it was a test|test message|not worth|nah|no need)\b|\bcould escalate\b`,
);
