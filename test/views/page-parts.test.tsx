/** The shared page pieces render the markup the pages wrote out by hand before. */
import { describe, expect, it } from 'vitest';
import { SubmitRow } from '../../views/components/button';
import { LinkParagraph, Section } from '../../views/components/page-parts';

describe('page parts', () => {
  it('Section is labelled by its heading and adds a class only when given', () => {
    expect(String(<Section id="wachtrij" title="Wachtrij"><p>inhoud</p></Section>)).toBe(
      '<section aria-labelledby="wachtrij"><h2 class="utrecht-heading-2" id="wachtrij">Wachtrij</h2><p>inhoud</p></section>',
    );
    expect(String(<Section id="dips-titel" title="Dips" class="mh-panel" />)).toBe(
      '<section class="mh-panel" aria-labelledby="dips-titel"><h2 class="utrecht-heading-2" id="dips-titel">Dips</h2></section>',
    );
  });

  it('LinkParagraph holds one link', () => {
    expect(String(<LinkParagraph href="/admin/users">Terug</LinkParagraph>)).toBe('<p class="utrecht-paragraph"><a class="utrecht-link" href="/admin/users">Terug</a></p>');
  });

  it('SubmitRow is one submit button in a button group, primary unless told', () => {
    expect(String(<SubmitRow label="Opslaan" />)).toBe(
      '<div class="utrecht-button-group"><button type="submit" class="utrecht-button utrecht-button--primary-action">Opslaan</button></div>',
    );
    expect(String(<SubmitRow label="Toepassen" variant="secondary" />)).toBe(
      '<div class="utrecht-button-group"><button type="submit" class="utrecht-button utrecht-button--secondary-action">Toepassen</button></div>',
    );
    expect(String(<SubmitRow label="Versturen" disabled />)).toContain('disabled=""');
  });
});
