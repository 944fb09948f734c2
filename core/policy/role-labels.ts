import type { RoleId } from '../config/landing-zone.schema';

const labels: Record<RoleId, string> = {
  viewer: 'Viewer',
  l1: 'L1 Support',
  l2: 'L2 Cloud Ops',
  l3: 'L3 Engineering',
  security: 'Security',
  'platform-architect': 'Platform Architect',
  cab: 'CAB',
  'it-director': 'IT Director',
  'team-lead': 'Team lead',
};

/** How a role is named on cards and in policy sentences: "CAB", "IT Director", "Team lead". */
export function roleLabel(role: RoleId): string {
  return labels[role];
}

/** "CAB and IT Director", "IT Director or Platform Architect". */
export function joinWords(words: readonly string[], conjunction: 'and' | 'or'): string {
  if (words.length < 2) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** "two different people, neither of them the requester" / "someone other than the requester". */
export function distinctPeople(n: number): string {
  if (n === 1) return 'someone other than the requester';
  if (n === 2) return 'two different people, neither of them the requester';
  return `${n} different people, none of them the requester`;
}
