import { ErrorCodes, UserFacingError } from '../../core/errors';
import type { AuditLog, Clock, ScenarioControl } from '../../core/ports';
import type { MessageResult } from '../../skills/results';
import { auditMetaCommand, type MetaCommandTurn } from './meta-command-audit';

/** What the `sim …` meta-command needs. */
export interface SimCommandOptions {
  localMode: boolean;
  /** Present only when the landing zone is the simulator. */
  scenarios?: ScenarioControl;
  audit: AuditLog;
  clock: Clock;
}

/** Who asked, for the audit event. */
export type SimCommandTurn = MetaCommandTurn;

const simPattern = /^sim(?:\s+(.*))?$/i;

/**
 * The local-only demo meta-command: `sim scenarios` lists the simulator's fault scenarios,
 * `sim scenario <name>` switches one on, `sim scenario <name> off` switches it off, `sim scenario off`
 * clears them all. Returns undefined when the text is not a `sim` command, so the dialog takes it.
 */
export async function handleSimCommand(
  turn: SimCommandTurn,
  options: SimCommandOptions,
): Promise<MessageResult | undefined> {
  const match = simPattern.exec(turn.text.trim());
  if (!match) return undefined;
  const words = (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
  const audit = (decision: string, outcome: string, args: Record<string, unknown>) =>
    auditMetaCommand(turn, options, { args, decision, outcome, detail: 'sim meta-command' });

  if (!options.localMode || !options.scenarios) {
    await audit(
      options.localMode ? 'denied:not-simulated' : 'denied:production',
      `error:${ErrorCodes.notEnabled}`,
      {},
    );
    return {
      view: 'message',
      tone: 'warning',
      title: 'Simulator commands are not available here',
      text: options.localMode
        ? 'This bot runs against a real landing zone, so there are no simulated scenarios to switch.'
        : 'Simulator scenarios can only be switched on a bot running in local mode; this one is connected to Teams.',
    };
  }
  const scenarios = options.scenarios;

  if (words.length === 1 && words[0].toLowerCase() === 'scenarios') {
    return listScenarios(scenarios);
  }
  if (words[0]?.toLowerCase() === 'scenario' && (words.length === 2 || words.length === 3)) {
    const name = words[1];
    const off = words.length === 3 && words[2].toLowerCase() === 'off';
    if (words.length === 3 && !off) return usage();
    try {
      if (name.toLowerCase() === 'off' && words.length === 2) {
        scenarios.clearScenarios();
        await audit('allowed:local-mode', 'ok', { scenario: 'all', active: false });
        return {
          view: 'message',
          title: 'Simulator scenarios cleared',
          text: 'All scenarios are off; the simulated landing zone is back to normal.',
        };
      }
      scenarios.setScenario(name, !off);
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      await audit('invalid-args', `error:${error.code}`, { scenario: name, active: !off });
      return { ...listScenarios(scenarios), tone: 'warning', title: error.message };
    }
    await audit('allowed:local-mode', 'ok', { scenario: name, active: !off });
    return {
      view: 'message',
      title: `Scenario ${name} is ${off ? 'off' : 'on'}`,
      text: off
        ? `The simulated landing zone no longer plays "${name}".`
        : `The simulated landing zone now plays "${name}". Ask \`status\` to see its effect; \`sim scenario ${name} off\` ends it.`,
      suggestions: [{ label: 'Status', command: 'status' }],
    };
  }
  return usage();
}

function listScenarios(scenarios: ScenarioControl): MessageResult {
  const lines = scenarios
    .listScenarios()
    .map((s) => `- \`${s.name}\`${s.active ? ' (on)' : ''}: ${s.description}`);
  return {
    view: 'message',
    title: 'Simulator scenarios',
    text: `${lines.join('\n')}\n\nSwitch one on with \`sim scenario <name>\`, off with \`sim scenario <name> off\`, all off with \`sim scenario off\`.`,
  };
}

function usage(): MessageResult {
  return {
    view: 'message',
    tone: 'warning',
    title: 'Simulator command not understood',
    text: 'Use `sim scenarios`, `sim scenario <name>`, `sim scenario <name> off` or `sim scenario off`.',
  };
}
