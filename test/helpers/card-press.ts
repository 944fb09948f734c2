import type { ActivityInit } from './connector';

/**
 * The invoke Teams sends when a preview's confirming button (Action.Execute `command.confirm`)
 * carrying `command` is pressed; `init` says by whom and where.
 */
export function confirmPress(command: string, init: Partial<ActivityInit>): Partial<ActivityInit> {
  return {
    ...init,
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: {
      action: { type: 'Action.Execute', verb: 'command.confirm', data: { opsbot: { command } } },
      trigger: 'manual',
    },
  };
}
