/** node-postgres' value serialisation (untyped in @types/pg); used by prepared.ts inlineParameters. */
declare module 'pg/lib/utils.js' {
  const utils: {
    prepareValue(value: unknown): string | Buffer | null;
    escapeLiteral(value: string): string;
  };
  export default utils;
}
