// mixed-version-widths: versions of different digit counts, whose string order differs from numeric order.
import type { Rule } from '../types.js';

/** Hybrid projects mix 5-digit service versions with 14-digit timestamps on purpose: both sort correctly. */
function allowed(widths: Set<number>): boolean {
  return [...widths].every((w) => w === 5 || w === 14) && widths.has(14);
}

export const mixedVersionWidths = {
  id: 'mixed-version-widths',
  severity: 'warning',
  description: 'Migration versions with different numbers of digits (other than the hybrid 5 + 14 mix).',
  help: 'Zero-pad versions to one width (e.g. 00042 instead of 42) so that string order, which the Supabase CLI uses, matches numeric order.',
  create: ({ files, report }) => ({
    runEnd() {
      const versioned = files.filter((f) => f.version !== undefined);
      const counts = new Map<number, number>();
      for (const f of versioned) counts.set(f.version!.length, (counts.get(f.version!.length) ?? 0) + 1);
      const widths = new Set(counts.keys());
      if (widths.size < 2 || allowed(widths)) return;
      // The most common width is the convention; the others are the outliers.
      const usual = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
      for (const f of versioned) {
        if (f.version!.length === usual) continue;
        report({
          at: { file: f, offset: 0 },
          message: `Version ${f.version} has ${f.version!.length} digits while most versions have ${usual}, so it sorts out of numeric order; zero-pad versions to one width.`,
        });
      }
    },
  }),
} satisfies Rule;
