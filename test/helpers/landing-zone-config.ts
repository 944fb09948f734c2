import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LandingZoneConfig } from '../../core/config/landing-zone.schema';

/** The shipped config/landing-zone.yaml, parsed and validated; tests use the product's real defaults. */
export function loadShippedConfig(): LandingZoneConfig {
  const text = readFileSync(join(__dirname, '..', '..', 'config', 'landing-zone.yaml'), 'utf8');
  return LandingZoneConfig.parse(parse(text));
}

/** The raw YAML object, for tests that break it on purpose. */
export function loadShippedConfigRaw(): Record<string, unknown> {
  const text = readFileSync(join(__dirname, '..', '..', 'config', 'landing-zone.yaml'), 'utf8');
  return parse(text) as Record<string, unknown>;
}

/** The demo roster's Entra object ids. */
export const demoPeople = {
  alex: '00000000-0000-0000-0000-0000000000020',
  megan: '00000000-0000-0000-0000-0000000000021',
  adele: '00000000-0000-0000-0000-0000000000022',
  lee: '00000000-0000-0000-0000-0000000000023',
  isaiah: '00000000-0000-0000-0000-0000000000024',
  diego: '00000000-0000-0000-0000-0000000000025',
  nestor: '00000000-0000-0000-0000-0000000000026',
  johanna: '00000000-0000-0000-0000-0000000000027',
} as const;
