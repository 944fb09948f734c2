/**
 * Removes `<at>…</at>` mentions, which Teams puts into the text of group-chat and channel messages
 * (`<at>opsbot</at> status`), and tidies the whitespace they leave behind.
 */
export function stripMentions(text: string): string {
  return text
    .replace(/<at>[\s\S]*?<\/at>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
