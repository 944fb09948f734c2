import { loadBotConfig } from '../../../bot/config';
import { ConfigError } from '../../../core/errors';

describe('notification settings from the environment', () => {
  it('configures no real notifier by default, so everything is recorded only', () => {
    expect(loadBotConfig({})).toMatchObject({ notify: {}, jobPollIntervalMs: 5000 });
  });

  it('reads PagerDuty, ServiceNow and SMTP, naming the landing zone as the PagerDuty source', () => {
    const config = loadBotConfig({
      PAGERDUTY_ROUTING_KEY: 'key-1',
      PAGERDUTY_EVENTS_URL: 'http://127.0.0.1:9/v2/enqueue',
      SERVICENOW_INSTANCE_URL: 'https://contoso.service-now.com',
      SERVICENOW_USER: 'opsbot',
      SERVICENOW_PASSWORD: 'pw',
      SMTP_HOST: 'smtp.contoso.com',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_FROM: 'opsbot@contoso.com',
      JOB_POLL_INTERVAL_MS: '250',
    });
    expect(config.jobPollIntervalMs).toBe(250);
    expect(config.notify).toEqual({
      pagerDuty: {
        routingKey: 'key-1',
        eventsUrl: 'http://127.0.0.1:9/v2/enqueue',
        source: 'AI Landing Zone - Financial Services',
      },
      serviceNow: { instanceUrl: 'https://contoso.service-now.com', user: 'opsbot', password: 'pw' },
      smtp: { host: 'smtp.contoso.com', port: 465, secure: true, from: 'opsbot@contoso.com' },
    });
  });

  it('turns alert intake on with a shared secret of 24 characters or more', () => {
    expect(loadBotConfig({}).alerts).toBeUndefined();
    expect(
      loadBotConfig({ ALERTS_SHARED_SECRET: 's'.repeat(24), ALERTS_CONVERSATION_ID: '19:ops@thread.tacv2' })
        .alerts,
    ).toEqual({ secret: 's'.repeat(24), conversationId: '19:ops@thread.tacv2' });
    expect(() => loadBotConfig({ ALERTS_SHARED_SECRET: 'short' })).toThrow(/at least 24 characters/);
    expect(() => loadBotConfig({ ALERTS_CONVERSATION_ID: '19:ops' })).toThrow(/ALERTS_SHARED_SECRET is not/);
  });

  it.each([
    [{ SERVICENOW_INSTANCE_URL: 'https://x.service-now.com' }, /SERVICENOW_USER and SERVICENOW_PASSWORD/],
    [{ SMTP_HOST: 'smtp.contoso.com' }, /SMTP_FROM/],
    [{ PAGERDUTY_EVENTS_URL: 'http://127.0.0.1:9' }, /need PAGERDUTY_ROUTING_KEY/],
    [
      { PAGERDUTY_ROUTING_KEY: 'k', PAGERDUTY_EVENTS_URL: 'ftp://127.0.0.1' },
      /PAGERDUTY_EVENTS_URL must be an http/,
    ],
  ])('refuses an incomplete setting %o', (env, message) => {
    expect(() => loadBotConfig(env)).toThrow(ConfigError);
    expect(() => loadBotConfig(env)).toThrow(message);
  });
});
