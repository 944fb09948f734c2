import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

/** What the welcome card needs to know about this installation. */
export interface WelcomeCardOptions {
  /** The landing zone's display name from config. */
  landingZoneName: string;
  environment: string;
  /** True when the landing zone is the built-in simulator. */
  simulated: boolean;
  /** Who installed or joined, when known. */
  userName?: string;
  /** An endpoint and a compute from config, for the examples. */
  exampleEndpoint?: string;
  exampleCompute?: string;
}

/** Renders the greeting sent when the app is installed: who opsbot is, what to try, and whether data is simulated. */
export function welcomeCard(options: WelcomeCardOptions): AdaptiveCard {
  const tries: { label: string; command: string; says: string }[] = [
    { label: 'Overview', command: 'status', says: 'the daily checklist in one card' },
    ...(options.exampleEndpoint
      ? [
          {
            label: `Status ${options.exampleEndpoint}`,
            command: `status ${options.exampleEndpoint}`,
            says: 'latency and availability against the baselines',
          },
        ]
      : []),
    { label: 'Training jobs', command: 'jobs 12', says: 'what ran and what failed overnight' },
    ...(options.exampleCompute
      ? [
          {
            label: `Status ${options.exampleCompute}`,
            command: `status ${options.exampleCompute}`,
            says: 'nodes, jobs and quota',
          },
        ]
      : []),
    { label: 'Help', command: 'help', says: 'everything you may ask for' },
  ];
  const body: CardElement[] = [
    k.header(
      `Hello${options.userName ? ` ${options.userName}` : ''}, I am opsbot`,
      `${options.landingZoneName} (${options.environment})`,
    ),
    k.text(
      'I answer status questions about the AI landing zone, point to the runbooks when something breaks, ' +
        'and help declare and escalate incidents. Anything that changes the landing zone goes through a confirmation or an approval first.',
    ),
  ];
  if (options.simulated) {
    body.push({
      type: 'Container',
      style: 'warning',
      items: [
        k.text(
          '**Simulated data**: this installation talks to the built-in landing-zone simulator, not to Azure. Figures look real but are not.',
          { size: 'Small' },
        ),
      ],
    });
  }
  body.push(
    k.text('**Things to try**', { spacing: 'Medium' }),
    k.facts(tries.map((t) => [t.command, t.says])),
    k.text('You can also ask in your own words, such as "did anything fail overnight?".', {
      isSubtle: true,
      size: 'Small',
    }),
  );
  return k.card(body, k.commandActions(tries));
}
