import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { demoLinks, demoRespondents, seededRandom } from '../../scripts/lib/demo-answers.js';

/** A demo-sized outbox: 20 ICU staff and 40 in the emergency department, some reached twice. */
const people = [
  ...Array.from({ length: 20 }, (_, i) => ({ department: 'icu', email: `icu${i}@x.example`, phone: i % 3 === 0 ? `+1312555${1000 + i}` : undefined })),
  ...Array.from({ length: 40 }, (_, i) => ({ department: 'emergency', email: `ed${i}@x.example`, phone: undefined })),
];
const messages = people.flatMap((p, i) =>
  [p.email, p.phone].filter((to): to is string => !!to).map((to) => ({ to, text: `Your pulse: https://pulse.example/p/${String(i).padStart(22, 'x')}` })),
);
const linkOf = (text: string) => /\/p\/(\S{22})/.exec(text)?.[1];

describe('the demo’s simulated respondents', () => {
  it('are the same people, and the ICU under k, in whatever order the outbox lists its messages', () => {
    const reference = demoRespondents(demoLinks(messages, linkOf, people), seededRandom(7))
      .map((r) => r.link)
      .sort();
    fc.assert(
      fc.property(fc.shuffledSubarray(messages, { minLength: messages.length }), (shuffled) => {
        const chosen = demoRespondents(demoLinks(shuffled, linkOf, people), seededRandom(7));
        expect(chosen.map((r) => r.link).sort()).toEqual(reference);
        const icu = chosen.filter((r) => people[Number(r.link.replaceAll('x', ''))]!.department === 'icu');
        expect(icu.length).toBeLessThan(5);
        expect(chosen.length - icu.length).toBe(30);
      }),
    );
  });
});
