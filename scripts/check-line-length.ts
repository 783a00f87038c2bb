// `npm run lint` runs this after Biome: no line of code, styles or pages outside the tests is longer
// than 120 characters. Biome's formatter wraps code at that width, but it leaves long strings,
// comments and template literals (SQL, texts) as they are; this catches those.
// Characters are counted, not bytes (a Chinese character is one). Tests are left out on purpose
// (their fixtures and expected texts read best whole); so are migrations (generated SQL) and
// Markdown (its tables are as wide as their cells).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const MAX = 120;
const CHECKED = /\.(ts|css|html)$/;
const LEFT_OUT = /^(test|migrations)\//;

/** The tracked files; where git cannot answer (a copy without .git, another owner), the tree's own. */
function sourceFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(
      '\0',
    );
  } catch {
    return readdirSync('.', { recursive: true, encoding: 'utf8' }).filter(
      (file) => !/^(node_modules|dist|\.wrangler|\.git)\//.test(file) && !file.includes('/node_modules/'),
    );
  }
}

const files = sourceFiles().filter((file) => CHECKED.test(file) && !LEFT_OUT.test(file));

const tooLong: string[] = [];
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const length = [...line.replace(/\r$/, '')].length;
      if (length > MAX) tooLong.push(`${file}:${index + 1}: ${length} characters`);
    });
}

if (tooLong.length > 0) {
  console.error(tooLong.join('\n'));
  console.error(
    `\n${tooLong.length} line(s) longer than ${MAX} characters; break them (see scripts/check-line-length.ts).`,
  );
  process.exit(1);
}
