import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/**
 * The README is the newcomer's page: short, and every link in it (and in docs/) leads
 * somewhere. Anchors are checked against the target's headings, slugged as GitHub does.
 */

const README_LIMIT_BYTES = 12 * 1024;

/** Markdown with fenced code blocks and inline code spans blanked out, so their text is not read as links. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '``');
}

/** GitHub's heading anchor: rendered text, lower case, punctuation dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // a link's text
    .replace(/[`*]/g, '') // code and emphasis marks
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** Every anchor a file's headings give, with GitHub's -1, -2 ... for repeated ones. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const code = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;
  for (const line of markdown.replace(code, '').split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading?.[1]) continue;
    const slug = githubSlug(heading[1]);
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

/** The targets of inline links and images, `[text](target)`, outside code. */
function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const match of withoutCode(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    if (match[1]) targets.push(match[1]);
  }
  return targets;
}

/** Each relative link of a file that does not resolve, with why. */
function brokenLinks(file: string): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(readFileSync(file, 'utf8'))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ... not ours to check
    const [pathPart = '', anchor] = target.split('#', 2);
    const resolved = pathPart === '' ? file : normalize(join(dirname(file), decodeURIComponent(pathPart)));
    if (!existsSync(resolved)) {
      problems.push(`${file}: ${target}: ${resolved} does not exist`);
      continue;
    }
    if (anchor === undefined) continue;
    if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
      problems.push(`${file}: ${target}: an anchor into a file that is not markdown`);
      continue;
    }
    if (!anchorsOf(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor).toLowerCase())) {
      problems.push(`${file}: ${target}: no heading gives #${anchor} in ${resolved}`);
    }
  }
  return problems;
}

const docs = readdirSync('docs')
  .filter((name) => name.endsWith('.md'))
  .map((name) => join('docs', name));

describe('README.md', () => {
  it(`is at most ${README_LIMIT_BYTES} bytes: the method and the figures live in docs/`, () => {
    expect(statSync('README.md').size).toBeLessThanOrEqual(README_LIMIT_BYTES);
  });

  it('links only to files that exist and headings they have', () => {
    expect(linkTargets(readFileSync('README.md', 'utf8')).length).toBeGreaterThan(0);
    expect(brokenLinks('README.md')).toEqual([]);
  });
});

describe('docs/*.md', () => {
  it.each(docs)('%s links only to files that exist and headings they have', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });
});

describe('the link checker', () => {
  it('slugs headings as GitHub does', () => {
    expect(githubSlug('2. Regions')).toBe('2-regions');
    expect(githubSlug('Teardown: what `cdk destroy` keeps')).toBe('teardown-what-cdk-destroy-keeps');
    expect(githubSlug('On AWS: what each function may do, proven offline')).toBe('on-aws-what-each-function-may-do-proven-offline');
    expect(githubSlug('Why the submit path holds a shift-change burst on AWS')).toBe('why-the-submit-path-holds-a-shift-change-burst-on-aws');
  });

  it('numbers repeated headings and ignores headings and links inside code', () => {
    const anchors = anchorsOf('# A\n\n## Notes\n\n```\n# not a heading\n```\n\n## Notes\n');
    expect([...anchors]).toEqual(['a', 'notes', 'notes-1']);
    expect(linkTargets('see [x](a.md#b) and `[y](nowhere.md)`\n```\n[z](gone.md)\n```\n')).toEqual(['a.md#b']);
  });
});
