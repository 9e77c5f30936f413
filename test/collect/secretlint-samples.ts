/**
 * One value per rule of secretlint's recommended preset (11.7.1), in the shape that rule reports;
 * shared by the prefilter tests and the classifier's differential test. Values are built from
 * fragments at run time (no key-shaped literal in the repository) and never printed.
 */
import { generateKeyPairSync } from 'node:crypto';

const j = (...parts: string[]) => parts.join('');
const rep = (alphabet: string, n: number) => {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[(i * 7 + 3) % alphabet.length];
  return out;
};
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = `${ALNUM}+/`;

function onePasswordBody(): string {
  // A JSON text of length 1 (mod 3) ends its base64 with the closing brace alone: "fQ==".
  let note = rep(ALNUM, 90);
  while (JSON.stringify({ email: 'svc@example.invalid', note }).length % 3 !== 1) note += 'x';
  return Buffer.from(JSON.stringify({ email: 'svc@example.invalid', note })).toString('base64');
}

/** One value per rule of the recommended preset, in the shape that rule reports. */
export const RULE_SAMPLES: ReadonlyArray<{ rule: string; name: string; value: string }> = [
  { rule: 'aws', name: 'KEY_ID', value: j('AK', 'IA', rep(UPPER, 16)) },
  { rule: 'aws', name: j('AWS_SECRET', '_ACCESS_KEY'), value: rep(B64, 40) },
  { rule: 'github', name: 'GH', value: j('gh', 'p_', rep(ALNUM, 36)) },
  { rule: 'github', name: 'GH_FINE', value: j('github', '_pat_', rep(ALNUM, 82)) },
  { rule: 'npm', name: 'NPM', value: j('np', 'm_', rep(ALNUM, 36)) },
  { rule: 'slack', name: 'BOT', value: j('xo', 'xb-', '1234567890-', rep(ALNUM, 12), '-', rep(ALNUM, 24)) },
  {
    rule: 'slack',
    name: 'HOOK',
    value: j(
      'https://hooks.',
      'slack.com/services/T',
      rep(UPPER, 8),
      '/B',
      rep(UPPER, 8),
      '/',
      rep(ALNUM, 24),
    ),
  },
  { rule: 'basicauth', name: 'UPSTREAM', value: j('https://', 'admin:', rep(ALNUM, 12), '@example.com') },
  {
    rule: 'database-connection-string',
    name: 'DB',
    value: j('postgres', '://app:', rep(ALNUM, 12), '@db.internal:5432/app'),
  },
  {
    rule: 'database-connection-string',
    name: 'MONGO',
    value: j('mongo', 'db+srv://app:', rep(ALNUM, 12), '@cluster0.example.net/app'),
  },
  {
    rule: 'database-connection-string',
    name: 'MY',
    value: j('mysql', '://app:', rep(ALNUM, 12), '@db.internal/app'),
  },
  // secretlint checks the key body, so the sample is a real key, generated here and thrown away.
  {
    rule: 'privatekey',
    name: 'KEY',
    value: generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString(),
  },
  { rule: 'sendgrid', name: 'MAIL', value: j('S', 'G.', rep(ALNUM, 22), '.', rep(ALNUM, 43)) },
  { rule: 'shopify', name: 'SHOP', value: j('shp', 'at_', rep('0123456789abcdef', 32)) },
  { rule: 'openai', name: 'AI', value: j('sk', '-', rep(ALNUM, 20), 'T3Blbk', 'FJ', rep(ALNUM, 20)) },
  { rule: 'anthropic', name: 'LLM', value: j('sk', '-ant-api03-', rep(ALNUM, 93), 'AA') },
  { rule: 'linear', name: 'LIN', value: j('lin', '_api_', rep(ALNUM, 40)) },
  // ops_ + base64 of a JSON object (the rule decodes it), which must end in "fQ" (a lone closing brace).
  { rule: '1password', name: 'OP', value: j('op', 's_', onePasswordBody()) },
];
