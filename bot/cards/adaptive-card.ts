/**
 * The shape of the Adaptive Card 1.5 JSON the builders return: plain objects, so that builders stay
 * pure and need no Bot Framework import. `bot/` wraps them into attachments when it sends them.
 */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  msteams?: { width: 'Full' };
  /** Universal Actions: the invoke a Teams client sends to get the card as it is now for its user. */
  refresh?: { action: CardAction; userIds?: string[] };
}

/** One body element (TextBlock, FactSet, ColumnSet, Container, …); typed loosely on purpose. */
export interface CardElement {
  type: string;
  [property: string]: unknown;
}

/** A card button. opsbot's buttons are `Action.Execute` verbs: change verbs with ids, or `command.run` with a command. */
export interface CardAction {
  type: 'Action.Submit' | 'Action.OpenUrl' | 'Action.ShowCard' | 'Action.Execute';
  title: string;
  [property: string]: unknown;
}

/**
 * The data of an opsbot command button (`command.run`): the strict command. Cards posted before buttons
 * were verbs sent it as an `Action.Submit` in `value.opsbot.command`; the message handler still takes those.
 * No `msteams` messageBack/imBack: the Agents Playground drops such submits.
 */
export interface CommandActionData {
  opsbot: { command: string };
}
