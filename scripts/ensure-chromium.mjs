// The browser tests drive Debian's Chromium (nothing may download a browser of its own), their
// screenshots need a font with Hangul, and the .pcap test reads its file back with tcpdump.
// Install what is missing; where we are not root, say what to run instead.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HANGUL_FONT = '/usr/share/fonts/truetype/nanum';

const missing = [];
if (!existsSync(CHROMIUM)) missing.push('chromium');
if (!existsSync(HANGUL_FONT)) missing.push('fonts-nanum');
if (!existsSync('/usr/bin/tcpdump') && !existsSync('/usr/sbin/tcpdump')) missing.push('tcpdump');

if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(`Missing for the browser tests: run "sudo apt-get install -y ${missing.join(' ')}" (or set CHROMIUM_PATH).`);
    process.exit(missing.includes('chromium') && !process.env.CHROMIUM_PATH ? 1 : 0);
  }
  console.log(`Installing Debian's ${missing.join(' and ')} for the browser tests (about a minute)...`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit' });
}
