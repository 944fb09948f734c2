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

/** A card button. opsbot's buttons are `Action.Submit` that send a command as if it were typed. */
export interface CardAction {
  type: 'Action.Submit' | 'Action.OpenUrl' | 'Action.ShowCard' | 'Action.Execute';
  title: string;
  [property: string]: unknown;
}

/**
 * The data of an opsbot command button: the strict command, read by the bot from `value.opsbot.command`.
 * No `msteams` messageBack/imBack: the Agents Playground drops such submits, and the bot does not need
 * the text echoed, since every reply card says what it answers.
 */
export interface CommandActionData {
  opsbot: { command: string };
}
