// Error pages shared by every part of the site.

export const errors = {
  notFoundTitle: 'Pagina niet gevonden',
  notFoundBody: 'Deze pagina bestaat niet.',
  forbiddenTitle: 'Geen toegang',
  forbiddenBody: 'U heeft geen toegang tot deze pagina.',
  backToStart: 'Naar uw startpagina',
  crossSite: 'Dit verzoek kwam van een andere website en is daarom geweigerd. Ga terug en probeer het opnieuw vanaf deze website.',
  unauthorizedTitle: 'Niet ingelogd',
  unauthorizedBody: 'Log eerst in om dit te doen.',
  serverErrorTitle: 'Er ging iets mis',
  serverErrorBody: 'Er ging bij ons iets mis. Probeer het later nog eens.',
  unavailableTitle: 'Even niet beschikbaar',
  unavailableBody: 'Het is nu erg druk, of er is een storing. Er is niets opgeslagen. Probeer het over een paar minuten opnieuw.',
  unavailableRetry: 'Gebruikt u een link uit een e-mail? Die blijft werken. U kunt uw antwoorden later opnieuw versturen.',
  unreadableFormTitle: 'Het formulier kon niet worden gelezen',
  unreadableFormBody: 'Uw browser stuurde het formulier niet goed mee. Er is niets opgeslagen. Ga terug en probeer het opnieuw.',
} as const;
