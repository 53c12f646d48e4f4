/** Where a figure's CSV/XLSX download is: the API, which a signed-in browser session may use too. */
export const exportPfade = (key: string, jahr: number) => ({
  csv: `/api/v1/steuerung/kennzahlen/${key}/export?format=csv&jahr=${jahr}`,
  xlsx: `/api/v1/steuerung/kennzahlen/${key}/export?format=xlsx&jahr=${jahr}`,
});
