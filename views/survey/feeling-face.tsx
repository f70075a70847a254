/** The class modifier of a feeling: min2, min1, plus0, plus1, plus2. */
const faceModifier = (feeling: number) => `${feeling < 0 ? 'min' : 'plus'}${Math.abs(feeling)}`;

/**
 * A simple face for one point of the feeling scale (−2…+2): the mouth's curve carries the
 * meaning, so it reads without colour. Decorative: the words stay the label, screen readers skip it.
 */
export function FeelingFace(props: { feeling: number }) {
  const { feeling } = props;
  // The ends rise as the middle drops (a smile) and the other way round; 0 is a straight line.
  const endY = 16 - feeling * 0.5;
  const controlY = endY + feeling * 2.5;
  return (
    <svg class={`mh-face mh-face--${faceModifier(feeling)}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">
      <circle class="mh-face__head" cx="12" cy="12" r="10.5" />
      <circle class="mh-face__eye" cx="8.5" cy="9.5" r="1.4" />
      <circle class="mh-face__eye" cx="15.5" cy="9.5" r="1.4" />
      <path class="mh-face__mouth" d={`M7.5 ${endY} Q12 ${controlY} 16.5 ${endY}`} />
    </svg>
  );
}

/** The feeling scale's options (in the page's language), each with its face ("Niet van toepassing" gets none). */
export const withFaces = (options: readonly { value: string; label: string }[]) =>
  options.map((option) => (option.value === 'nvt' ? option : { ...option, icon: <FeelingFace feeling={Number(option.value)} /> }));
