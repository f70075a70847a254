import { SelectField } from './form';

/** A journey with its touchpoints, as a choice of where something leads. */
export interface JourneyChoice {
  slug: string;
  name: string;
  touchpoints: { slug: string; name: string }[];
}

/** The value of a "journey and touchpoint" choice: `journey` or `journey/touchpoint` (slugs have no slash). */
export const targetValue = (journey: string, touchpoint?: string | null) => (touchpoint ? `${journey}/${touchpoint}` : journey);

/** A select of a whole journey or one of its touchpoints, grouped per journey. */
export function JourneyTargetField(props: {
  name: string;
  label: string;
  hint?: string;
  placeholder: string;
  wholeJourney: (name: string) => string;
  journeys: JourneyChoice[];
  value?: string;
  error?: string;
}) {
  return (
    <SelectField
      name={props.name}
      label={props.label}
      hint={props.hint}
      value={props.value}
      placeholder={props.placeholder}
      groups={props.journeys.map((journey) => ({
        label: journey.name,
        options: [
          { value: targetValue(journey.slug), label: props.wholeJourney(journey.name) },
          ...journey.touchpoints.map((touchpoint) => ({ value: targetValue(journey.slug, touchpoint.slug), label: `${journey.name}: ${touchpoint.name}` })),
        ],
      }))}
      error={props.error}
    />
  );
}
