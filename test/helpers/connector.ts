/**
 * The local Bot Framework connector and activity helpers for HTTP tests, e2e and the bench; they
 * live in `bot/dev/` because `opsbot bench` uses them too.
 */
export {
  buildActivity,
  sendActivity,
  startConnector,
  testBotAccount,
  type ActivityInit,
  type ConnectorAnswer,
  type ConnectorReply,
  type LocalConnector,
  type SendResult,
} from '../../bot/dev/local-connector';
