/** The error a piece of work fails with; the test fails if the work succeeds. */
export async function failure(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the work to fail');
}
