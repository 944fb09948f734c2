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

const greeting =
  /^(?:(?:hi|hello|hey|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening)|morning|evening)(?: there| team| all| folks| opsbot| bot)?)\b[\s,.!:;-]*/i;
const politeTail = /[\s,.!;-]*(?:please|pls|plz|thanks|thank you|thx|cheers|ty)[\s.!]*$/i;

/** A message split into the request and whether it opened with a greeting. */
export interface CleanUtterance {
  /** The request without markup, greeting or trailing pleasantries. */
  text: string;
  greeted: boolean;
}

/** Removes mentions, a leading greeting ("hey opsbot, …") and a trailing "please"/"thanks". */
export function cleanUtterance(raw: string): CleanUtterance {
  let text = stripMarkup(raw);
  let greeted = false;
  for (let i = 0; i < 3; i += 1) {
    const match = greeting.exec(text);
    if (!match || match[0].length === 0) break;
    greeted = true;
    text = text.slice(match[0].length).trim();
  }
  text = text.replace(politeTail, '').trim();
  return { text, greeted };
}
