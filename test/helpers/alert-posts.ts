import type { TestBot } from './test-bot';
import { validateCard } from './validate-card';

/** Posts an alert body to `POST /api/alerts` with `secret`, expects 202 and resolves its JSON answer. */
export async function postAlert(
  t: TestBot,
  secret: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const answer = await fetch(`${t.bot.url}/api/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-opsbot-alert-secret': secret },
    body: JSON.stringify(body),
  });
  expect(answer.status).toBe(202);
  return (await answer.json()) as Record<string, unknown>;
}

/** The card of the latest version of a posted message (its first post or its last update), checked valid. */
export function lastVersionOf(t: TestBot, activityId: string): Record<string, unknown> {
  const versions = t.connector.replies.filter((r) => r.id === activityId);
  const card = ((versions.at(-1)!.activity.attachments ?? []) as { content: Record<string, unknown> }[])[0]
    .content;
  expect(validateCard(card)).toEqual([]);
  return card;
}
