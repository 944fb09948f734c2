/*
 * Moods "quoted or pasted" and "addressed to someone else", read on the raw message before markup is stripped.
 */

/**
 * Text that is somebody else's or not meant as a request, seen in the raw message before markup is
 * stripped: code, quotes, struck-through text, pasted log lines with timestamps, numbered plans.
 */
export const quotedMaterial =
  /```|`[^`]+`|~~|<\/?(?:s|del|strike|code|pre|blockquote|q)\b|(?:^|\n)\s*(?:>|&gt;|\$ )|\[\d{1,2}:\d{2}(?::\d{2})?\]|\[(?:firing|resolved|alert|alerts|system|admin|bot|info|warn|warning|error)\]|^\s*["'\u201c\u2018]|(?:^|\s)1[.)]\s.{1,200}\s2[.)]\s|(?:\s[-*\u2022]\s.{3,80}?){3,}|\boption a\b.{0,120}\boption b\b|https?:\/\/\S*(?:stop|start|scale|rotate|resolve|escalate)/i;

/** A Teams mention of a person other than the bot: the message is addressed to them ("<at>Lee Gu</at> scale fraud to 6"). */
export function addressedToSomeoneElse(raw: string, knows: (word: string) => boolean): boolean {
  if ([...raw.matchAll(/<at>([^<]*)<\/at>/gi)].some((m) => !/\b(?:opsbot|ops bot|bot)\b/i.test(m[1])))
    return true;
  // A person called by name at the start of a sentence ("Ken, could you stop …", "hey Marco, start …",
  // "Zoe — go ahead"): a capitalised word the router has never seen, followed by a comma, dash or colon.
  return [...raw.matchAll(vocative)].some((m) => !knows(m[1].toLowerCase()));
}

/** A name in the calling position of a sentence (see `addressedToSomeoneElse`). */
const vocative =
  /(?:^|[.:;!?]\s+)(?:(?:hey|hi|hello|ok|okay|yes|yep|so|and|thanks)\s+)?([A-Z][a-z]{1,15})\s*(?:,|\u2014|\u2013|\s-\s|:)/g;
