import { randomBytes } from 'node:crypto';

/** One block of untrusted text for the prompt: what it is (`MESSAGE`, `CONVERSATION`) and its text. */
export interface UntrustedSection {
  label: string;
  text: string;
}

/** Fenced prompt text and the token its fences carry. */
export interface FencedText {
  token: string;
  text: string;
}

const newToken = () => randomBytes(16).toString('hex');

/**
 * Puts untrusted text (what a user wrote, a log line they pasted, earlier turns) between fences
 * that carry a token drawn at random for this call: `<<<MESSAGE 3f9c…>>>` … `<<<END MESSAGE 3f9c…>>>`.
 * A token is drawn again while any section contains it, so no text can hold its own closing fence.
 */
export function fenceUntrusted(
  sections: readonly UntrustedSection[],
  randomToken: () => string = newToken,
): FencedText {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const token = randomToken();
    if (!/^[A-Za-z0-9]{16,}$/.test(token))
      throw new Error('a fence token must be at least 16 letters or digits');
    const lower = token.toLowerCase();
    if (sections.some((section) => section.text.toLowerCase().includes(lower))) continue;
    const text = sections
      .map(({ label, text }) => `<<<${label} ${token}>>>\n${text}\n<<<END ${label} ${token}>>>`)
      .join('\n');
    return { token, text };
  }
  throw new Error('could not draw a fence token that the text does not contain');
}
