import { strToU8, type Zippable, zipSync } from 'fflate';

/** A foreign xdomea message (another DMS's Aussonderung), shared by the library and the API tests. */
/** A hand-made, minimal but complete xdomea 3.1.0 Aussonderung with two Akten. */
export const AUSSONDERUNG_310 = `<?xml version="1.0" encoding="UTF-8"?>
<xdomea:Aussonderung.Aussonderung.0503 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.1.0">
  <xdomea:Kopf>
    <xdomea:ProzessID>5b8c1f0e-3d7a-4c2e-9f1a-2e6d4b7c8a90</xdomea:ProzessID>
    <xdomea:Nachrichtentyp listURI="urn:xoev-de:xdomea:codeliste:nachrichtentyp" listVersionID="2.0">
      <code>0503</code>
      <name>Aussonderung.Aussonderung</name>
    </xdomea:Nachrichtentyp>
    <xdomea:Erstellungszeitpunkt>2024-05-02T09:30:00Z</xdomea:Erstellungszeitpunkt>
    <xdomea:Absender>
      <xdomea:Institution><xdomea:Name>Stadt Sondershausen</xdomea:Name></xdomea:Institution>
    </xdomea:Absender>
    <xdomea:Empfaenger>
      <xdomea:Institution><xdomea:Name>Landesarchiv Thüringen</xdomea:Name></xdomea:Institution>
    </xdomea:Empfaenger>
    <xdomea:Importbestaetigung>1</xdomea:Importbestaetigung>
    <xdomea:RueckmeldungArchivkennung>0</xdomea:RueckmeldungArchivkennung>
    <xdomea:Empfangsbestaetigung>0</xdomea:Empfangsbestaetigung>
  </xdomea:Kopf>
  <xdomea:Schriftgutobjekt>
    <xdomea:Akte>
      <xdomea:Identifikation><xdomea:ID>7d3e2f10-1a2b-4c3d-8e4f-5a6b7c8d9e01</xdomea:ID></xdomea:Identifikation>
      <xdomea:AllgemeineMetadaten>
        <xdomea:Betreff>Straßenreinigung Ölmühlenweg</xdomea:Betreff>
        <xdomea:Kennzeichen>66.20.01-1998/0042</xdomea:Kennzeichen>
        <xdomea:Aktenplaneinheit><xdomea:Kennzeichen>66.20.01</xdomea:Kennzeichen></xdomea:Aktenplaneinheit>
      </xdomea:AllgemeineMetadaten>
      <xdomea:ArchivspezifischeMetadaten>
        <xdomea:Aussonderungsart>
          <xdomea:Aussonderungsart listURI="urn:xoev-de:xdomea:codeliste:aussonderungsart" listVersionID="1.0">
            <code>A</code>
          </xdomea:Aussonderungsart>
        </xdomea:Aussonderungsart>
      </xdomea:ArchivspezifischeMetadaten>
      <xdomea:Akteninhalt>
        <xdomea:Dokument>
          <xdomea:Identifikation><xdomea:ID>7d3e2f10-1a2b-4c3d-8e4f-5a6b7c8d9e02</xdomea:ID></xdomea:Identifikation>
          <xdomea:AllgemeineMetadaten><xdomea:Betreff>Übersichtsplan</xdomea:Betreff></xdomea:AllgemeineMetadaten>
          <xdomea:Version>
            <xdomea:Nummer>1</xdomea:Nummer>
            <xdomea:Format>
              <xdomea:Name listURI="urn:xoev-de:xdomea:codeliste:dateiformat" listVersionID="2.0"><code>018</code></xdomea:Name>
              <xdomea:Version>1.4</xdomea:Version>
              <xdomea:Primaerdokument>
                <xdomea:Dateiname>7d3e2f10-1a2b-4c3d-8e4f-5a6b7c8d9e02_plan.pdf</xdomea:Dateiname>
              </xdomea:Primaerdokument>
            </xdomea:Format>
          </xdomea:Version>
        </xdomea:Dokument>
        <xdomea:Vorgang>
          <xdomea:Identifikation><xdomea:ID>7d3e2f10-1a2b-4c3d-8e4f-5a6b7c8d9e03</xdomea:ID></xdomea:Identifikation>
          <xdomea:AllgemeineMetadaten>
            <xdomea:Betreff>Anwohnerbeschwerde &amp; Antwort</xdomea:Betreff>
            <xdomea:Kennzeichen>66.20.01-1998/0042-3</xdomea:Kennzeichen>
          </xdomea:AllgemeineMetadaten>
          <xdomea:Dokument>
            <xdomea:Identifikation><xdomea:ID>7d3e2f10-1a2b-4c3d-8e4f-5a6b7c8d9e04</xdomea:ID></xdomea:Identifikation>
            <xdomea:AllgemeineMetadaten><xdomea:Betreff>Beschwerde &#220;berflutung</xdomea:Betreff></xdomea:AllgemeineMetadaten>
            <xdomea:DatumDesSchreibens>1998-11-03</xdomea:DatumDesSchreibens>
            <xdomea:Version>
              <xdomea:Nummer>1</xdomea:Nummer>
              <xdomea:Format>
                <xdomea:Name listURI="urn:xoev-de:xdomea:codeliste:dateiformat" listVersionID="2.0"><code>030</code></xdomea:Name>
                <xdomea:Version/>
                <xdomea:Primaerdokument>
                  <xdomea:Dateiname>7d3e2f10-1a2b-4c3d-8e4f-5a6b7c8d9e04_beschwerde.xml</xdomea:Dateiname>
                  <xdomea:DateinameOriginal>Beschwerde.xml</xdomea:DateinameOriginal>
                </xdomea:Primaerdokument>
              </xdomea:Format>
            </xdomea:Version>
          </xdomea:Dokument>
        </xdomea:Vorgang>
      </xdomea:Akteninhalt>
    </xdomea:Akte>
  </xdomea:Schriftgutobjekt>
  <xdomea:Schriftgutobjekt>
    <xdomea:Akte>
      <xdomea:Identifikation><xdomea:ID>7d3e2f10-1a2b-4c3d-8e4f-5a6b7c8d9e05</xdomea:ID></xdomea:Identifikation>
      <xdomea:AllgemeineMetadaten><xdomea:Betreff>Zweite Akte (nicht importiert)</xdomea:Betreff></xdomea:AllgemeineMetadaten>
    </xdomea:Akte>
  </xdomea:Schriftgutobjekt>
</xdomea:Aussonderung.Aussonderung.0503>
`;
export const MESSAGE_NAME = '5b8c1f0e-3d7a-4c2e-9f1a-2e6d4b7c8a90_Aussonderung.Aussonderung.0503.xml';
export const PLAN = '7d3e2f10-1a2b-4c3d-8e4f-5a6b7c8d9e02_plan.pdf';
export const BESCHWERDE = '7d3e2f10-1a2b-4c3d-8e4f-5a6b7c8d9e04_beschwerde.xml';
// A primary document that is itself XML (another root element): must not be taken for the message.
export const BESCHWERDE_XML =
  '<?xml version="1.0" encoding="ISO-8859-1"?><Beschwerde>Keller nass</Beschwerde>';

export function aussonderungZip(overrides: Zippable = {}, message: string | Uint8Array = AUSSONDERUNG_310) {
  return zipSync({
    [MESSAGE_NAME]: typeof message === 'string' ? strToU8(message) : message,
    [PLAN]: strToU8('%PDF-1.4 plan'),
    [BESCHWERDE]: strToU8(BESCHWERDE_XML),
    ...overrides,
  });
}
