import { describe, expect, it } from 'vitest';
import { segmentChoiceLabel, segmentKeyInSentence, segmentKeyLabel } from '../../src/texts';

describe('segmentKeyLabel', () => {
  it('gives the Dutch label of the keys the demo, the README and case systems use', () => {
    expect(segmentKeyLabel('leeftijd')).toBe('Leeftijd');
    expect(segmentKeyLabel('wijk')).toBe('Wijk');
    expect(segmentKeyLabel('kanaal')).toBe('Kanaal');
    expect(segmentKeyLabel('ageBand')).toBe('Leeftijdsgroep');
    expect(segmentKeyLabel('age_band')).toBe('Leeftijdsgroep');
    expect(segmentKeyLabel('district')).toBe('Wijk');
    expect(segmentKeyLabel('household')).toBe('Huishouden');
  });

  it('makes any other key readable: words split, first letter a capital, acronyms kept', () => {
    expect(segmentKeyLabel('wijk_code')).toBe('Wijk code');
    expect(segmentKeyLabel('soortAanvraag')).toBe('Soort aanvraag');
    expect(segmentKeyLabel('eerste-aanvraag')).toBe('Eerste aanvraag');
    expect(segmentKeyLabel('KVK_nummer')).toBe('KVK nummer');
    expect(segmentKeyLabel('x')).toBe('X');
    expect(segmentKeyLabel('___')).toBe('___');
  });

  it('never answers with an inherited property name', () => {
    expect(segmentKeyLabel('constructor')).toBe('Constructor');
    expect(segmentKeyLabel('toString')).toBe('To string');
  });

  it('has a form for inside a sentence and one for a key with its value', () => {
    expect(segmentKeyInSentence('ageBand')).toBe('leeftijdsgroep');
    expect(segmentKeyInSentence('KVK_nummer')).toBe('KVK nummer');
    expect(segmentChoiceLabel('ageBand', '65+')).toBe('Leeftijdsgroep: 65+');
  });
});
