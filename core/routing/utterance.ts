/**
 * Cleans a chat message before routing: removes Teams `<at>…</at>` mentions and other markup,
 * decodes the few HTML entities Teams sends, and collapses whitespace.
 */
export function stripMarkup(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/^\s*@opsbot\b[,:]?/i, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A greeting; a bare "morning"/"evening" only when something other than a word follows ("morning checks" asks for them). */
const greeting =
  /^(?:(?:hi|hello|hey|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening))(?: there| team| all| folks| opsbot| bot)?|(?:morning|evening)(?: there| team| all| folks| opsbot| bot)?(?=\s*(?:[,.!:;-]|\p{Extended_Pictographic}|$)))\b[\s,.!:;-]*/iu;
const thanks =
  /^(?:(?:thanks|thank you|thank u|thankyou|thx|thnx|ty|tysm|cheers|many thanks|much appreciated|appreciate it|appreciated|good bot|nice one|great job|good job|well done|nice work|great work|you rock|legend)(?: (?:so much|very much|a lot|a bunch|a ton|again|mate|man|buddy|pal|bot|opsbot|team|all|folks|for (?:that|this|the help|your help|everything)))*|(?:you'?re|you are|ur) (?:the best|great|awesome|amazing|a star|a legend|brilliant|a lifesaver|a life saver|so helpful|very helpful|helpful|the man|wonderful|fantastic)|love (?:you|it|this bot))(?![a-z'])[\s,.!:;-]*/i;
const politeWord = /(?:^|[^a-z'])(?:please|pls|plz|thanks|thank you|thx|cheers|ty)$/i;

/** The text without a trailing "please"/"thanks"; scans from the end once, so it stays linear. */
function withoutPoliteTail(text: string): string {
  let end = text.length;
  while (end > 0 && /[\s.!]/.test(text[end - 1])) end -= 1;
  const word = politeWord.exec(text.slice(Math.max(0, end - 10), end));
  if (!word) return text;
  end -= word[0].replace(/^[^a-z]/i, '').length;
  while (end > 0 && /[\s,.!;-]/.test(text[end - 1])) end -= 1;
  return text.slice(0, end);
}

/** A message split into the request and whether it opened with a greeting. */
export interface CleanUtterance {
  /** The request without markup, greeting, thanks or trailing pleasantries. */
  text: string;
  greeted: boolean;
  /** Set when it opened with thanks or praise ("thanks bot, you're the best"). */
  thanked?: true;
}

/**
 * Removes mentions, a leading greeting ("hey opsbot, …"), leading thanks or praise ("thanks, you're
 * the best") and a trailing "please"/"thanks".
 */
export function cleanUtterance(raw: string): CleanUtterance {
  let text = stripMarkup(raw);
  let greeted = false;
  let thanked = false;
  for (let i = 0; i < 4; i += 1) {
    const hello = greeting.exec(text);
    const thank = hello?.[0] ? undefined : thanks.exec(text);
    const match = hello?.[0] ? hello : thank;
    if (!match || match[0].length === 0) break;
    if (hello?.[0]) greeted = true;
    else thanked = true;
    text = text.slice(match[0].length).trim();
  }
  text = withoutPoliteTail(text).trim();
  // Emoji alone after a greeting ("hiya 🙂") add nothing to ask for.
  if (greeted && /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|[\s!.])*$/u.test(text))
    text = '';
  return thanked ? { text, greeted, thanked } : { text, greeted };
}
