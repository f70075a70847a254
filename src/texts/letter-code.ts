/** /vragenlijst: the citizen types the code from the letter (taalniveau B1). */
export const letterCode = {
  title: 'Vragenlijst invullen met uw code',
  intro: 'Heeft u een brief van ons gekregen met een code? Dan kunt u hier de vragenlijst invullen. Het duurt ongeveer 3 minuten.',
  label: 'Uw code',
  hint: 'De code staat in de brief, bijvoorbeeld K7QX-M2PD. Hoofdletters of kleine letters maakt niet uit. Het streepje mag u weglaten.',
  submit: 'Naar de vragenlijst',
  errorTitle: 'Het is niet gelukt',
  // The same for a mistyped, unknown, used or expired code: nobody can find out which codes exist.
  notFound: 'Deze code werkt niet. Kijk of u de code goed heeft overgenomen uit de brief. U kunt de vragenlijst maar één keer invullen.',
  empty: 'Vul de code uit uw brief in.',
  tooManyTitle: 'Even wachten',
  tooManyBody: 'U heeft veel codes geprobeerd. Wacht 15 minuten en probeer het dan opnieuw.',
} as const;
