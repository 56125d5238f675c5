/** Jest's globalTeardown of the integration project: drops the run's template database. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.shinsaTemplateRun?.end();
  globalThis.shinsaTemplateRun = undefined;
}
