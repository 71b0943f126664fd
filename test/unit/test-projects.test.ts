import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVitest, type Vitest } from 'vitest/node';
import { readFileSync, readdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';

/**
 * `npm test` runs the test projects of vitest.config.ts, and `npm run test:<name>` one of
 * them: a test file no project matches would never run, and one two projects match would
 * run twice. Read through vitest's own resolution of the config, not a copy of its globs.
 */
const root = resolve(import.meta.dirname, '../..');
let vitest: Vitest;

beforeAll(async () => {
  // Resolving the projects starts no global setup: that waits for a run.
  vitest = await createVitest('test', { config: resolve(root, 'vitest.config.ts'), root, watch: false, reporters: [] });
});

afterAll(async () => {
  await vitest?.close();
});

function testFilesOnDisk(): string[] {
  return readdirSync(resolve(root, 'test'), { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.test\.tsx?$/.test(path))
    .map((path) => `test/${path.split('\\').join('/')}`)
    .sort();
}

describe('the test projects', () => {
  it('give every test file under test/ exactly one project', async () => {
    const specifications = await vitest.globTestSpecifications();
    const projectsOf = new Map<string, string[]>();
    for (const specification of specifications) {
      const file = relative(root, specification.moduleId).split('\\').join('/');
      projectsOf.set(file, [...(projectsOf.get(file) ?? []), specification.project.name]);
    }
    const onDisk = testFilesOnDisk();
    expect(onDisk.length).toBeGreaterThan(0);
    expect(
      onDisk.filter((file) => !projectsOf.has(file)),
      'in no project',
    ).toEqual([]);
    expect(
      [...projectsOf].filter(([, projects]) => projects.length > 1),
      'in more than one project',
    ).toEqual([]);
    expect(projectsOf.get('test/e2e/browser.test.ts')).toEqual(['browser']);
  });

  it('run unit without DynamoDB Local, so without Java', () => {
    const unit = vitest.projects.find((project) => project.name === 'unit')!;
    expect(unit.config.globalSetup).toEqual([]);
  });

  it('each have an npm script that runs it alone', () => {
    const scripts = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const project of vitest.projects) expect(scripts[`test:${project.name}`], project.name).toBe(`vitest run --project ${project.name}`);
    expect(scripts.test).toBe('vitest run');
  });
});
