import { pinyin } from 'pinyin-pro';

export interface PinyinForms {
  /** Toneless syllables separated by spaces: "hong fu shi ping guo". */
  syllables: string;
  /** The same without spaces: "hongfushipingguo". */
  compact: string;
  /** First letters: "hfspg". */
  initials: string;
}

/**
 * Pinyin of a Chinese product name, the way shoppers type it. Non-Chinese runs ("500g") stay as they are,
 * lower-cased; punctuation and spaces separate words and are dropped.
 */
export function pinyinForms(name: string): PinyinForms {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .flatMap((part) => part.toLowerCase().split(/[^a-z0-9]+/))
    .filter((part) => part.length > 0);
  return {
    syllables: syllables.join(' '),
    compact: syllables.join(''),
    initials: syllables.map((s) => s[0]).join(''),
  };
}

/**
 * Every run of consecutive syllables joined ("ping guo" → "pingguo"), and the same for initials, so a
 * whole-word query like "pingguo" or "pg" matches a token with the standard analyzer (no pinyin plugin).
 * Capped so an unusually long name cannot blow up the document.
 */
export function pinyinSearchTerms(forms: PinyinForms, maxRun = 6): { pinyin: string[]; initials: string[] } {
  const syllables = forms.syllables.split(' ').filter(Boolean);
  const pinyinTerms = new Set<string>();
  const initialTerms = new Set<string>();
  for (let start = 0; start < syllables.length; start++) {
    for (let end = start + 1; end <= Math.min(syllables.length, start + maxRun); end++) {
      const run = syllables.slice(start, end);
      pinyinTerms.add(run.join(''));
      if (run.length > 1) initialTerms.add(run.map((s) => s[0]).join(''));
    }
  }
  initialTerms.add(forms.initials);
  return { pinyin: [...pinyinTerms], initials: [...initialTerms] };
}
