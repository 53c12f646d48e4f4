/** Valid data for the real FIM schema S05000058 (Bewohnerparkausweis). */
export function bewohnerparkenDaten(overrides: Record<string, unknown> = {}) {
  return {
    'F00-4cb0dd14-629c-4661-9435-4e9eadc43e07': '01',
    F05001344: '01',
    G05000496: {
      F05000059: 'Müller',
      F05000060: ['Jörg'],
      F05000351: '1980-04-12',
      F05001354: 'joerg.mueller@example.org',
      G05000428: { F00000053: 'Bahnhofstraße', F00000016: '12' },
      G00000113: { F00000054: '99734', F00000035: 'Nordhausen' },
      F05000523: '000',
    },
    G05000493: { F05001064: '1', F05001347: '01' },
    G05000477: { F05000627: 'NDH-AB 123', F05001062: '123456', F05001047: '01' },
    ...overrides,
  };
}

/**
 * Valid data of S05000058 for a vehicle of another holder (F05001047 '02'), with the holder group
 * G05000499. Its Antrag needs the holder's files as well: G05000499.F05001248 (Nutzungsüberlassung)
 * and G05000499.F05001045 (Fahrzeugschein).
 */
export function bewohnerparkenDatenFremdesFahrzeug() {
  return bewohnerparkenDaten({
    G05000477: { F05000627: 'NDH-AB 123', F05001062: '123456', F05001047: '02' },
    G05000499: {
      F05001243: 'Halter',
      F05001244: 'Hans',
      F05001245: 'Markt',
      F05001246: '1',
      F05001247: 'a',
      G05000554: { F00000054: '99734', F00000035: 'Nordhausen' },
      F05001249: '000',
      F05001355: 'hans@example.org',
    },
  });
}
