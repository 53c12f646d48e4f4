import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClamdHandle, clamdInstalled, EICAR, startClamd } from '../../../../test/support/clamd.ts';
import { isAppError } from '../../../shared/errors.ts';
import { parseClamdAddress, parseInstreamReply } from './clamd.client.ts';
import { assertMayFile, createVirusScanner, mayFile, type VirusScanResult } from './virenscan.ts';

const needsClamd = clamdInstalled() || process.env.CI ? describe : describe.skip;

describe('clamd replies and addresses', () => {
  it('reads clean, infected, size-limit and limit-heuristic answers', () => {
    expect(parseInstreamReply('stream: OK\0')).toEqual({ status: 'clean' });
    expect(parseInstreamReply('stream: Eicar-Test-Signature FOUND\0')).toEqual({
      status: 'infected',
      signature: 'Eicar-Test-Signature',
    });
    expect(parseInstreamReply('INSTREAM size limit exceeded. ERROR\0')).toEqual({ status: 'too_large' });
    expect(parseInstreamReply('stream: Heuristics.Limits.Exceeded.MaxFileSize FOUND\0')).toEqual({
      status: 'too_large',
      signature: 'Heuristics.Limits.Exceeded.MaxFileSize',
    });
    expect(() => parseInstreamReply('UNKNOWN COMMAND\0')).toThrow(/unexpected clamd reply/);
  });

  it('takes a socket path, host:port and tcp://host:port and refuses anything else', () => {
    expect(parseClamdAddress('/run/clamav/clamd.ctl')).toEqual({ path: '/run/clamav/clamd.ctl' });
    expect(parseClamdAddress('tcp://127.0.0.1:3310')).toEqual({ host: '127.0.0.1', port: 3310 });
    expect(parseClamdAddress('clamav:3310')).toEqual({ host: 'clamav', port: 3310 });
    expect(parseClamdAddress('clamav')).toBeNull();
    expect(parseClamdAddress('clamav:99999')).toBeNull();
  });

  it('lets a file pass only when clean, or unscanned where the county does not require scanning', () => {
    const verdict = (status: VirusScanResult['status'], required = false): VirusScanResult => ({
      status,
      required,
    });
    expect(mayFile(verdict('clean', true))).toBe(true);
    expect(mayFile(verdict('unavailable'))).toBe(true);
    expect(mayFile(verdict('unavailable', true))).toBe(false);
    expect(mayFile(verdict('infected'))).toBe(false);
    expect(mayFile(verdict('too_large'))).toBe(false);
    const thrown = (result: VirusScanResult) => {
      try {
        assertMayFile(result);
        return null;
      } catch (error) {
        return isAppError(error) ? { code: error.code, status: error.status, de: error.messageDe } : null;
      }
    };
    expect(thrown({ status: 'infected', signature: 'Eicar-Test-Signature', required: false })).toMatchObject({
      code: 'virenscan.infected',
      status: 422,
      de: expect.stringContaining('Schadsoftware („Eicar-Test-Signature“)'),
    });
    expect(thrown(verdict('too_large'))).toMatchObject({ code: 'virenscan.too_large', status: 422 });
    expect(thrown(verdict('unavailable', true))).toMatchObject({
      code: 'virenscan.unavailable',
      status: 503,
    });
    expect(thrown(verdict('unavailable'))).toBeNull();
  });
});

needsClamd('the virus scanner against a real clamd with the EICAR signature', () => {
  let clamd: ClamdHandle;
  beforeAll(async () => {
    clamd = await startClamd({ maxBytes: 256 * 1024 });
  }, 60_000);
  afterAll(() => clamd?.stop());

  const scanner = () =>
    createVirusScanner({
      address: clamd.socket,
      required: ['nordhausen'],
      timeoutMs: 20_000,
      maxBytes: 256 * 1024,
    });

  it('finds EICAR in a buffer, inside a larger stream, and passes a clean file', async () => {
    const s = scanner();
    expect(await s.scanForViruses({ buffer: EICAR, tenant: 'wartburgkreis' })).toEqual({
      status: 'infected',
      signature: 'Eicar-Test-Signature.UNOFFICIAL',
      required: false,
    });
    const around = Buffer.concat([Buffer.alloc(100_000, 'a'), EICAR, Buffer.alloc(50_000, 'b')]);
    const stream = Readable.from([around.subarray(0, 70_000), around.subarray(70_000)]);
    expect(await s.scanForViruses({ stream, tenant: 'nordhausen' })).toMatchObject({
      status: 'infected',
      required: true,
    });
    expect(
      await s.scanForViruses({ buffer: Buffer.from('Sehr geehrte Damen und Herren'), tenant: 'nordhausen' }),
    ).toEqual({
      status: 'clean',
      required: true,
    });
    expect(await s.health()).toMatchObject({ status: 'ok', version: expect.stringMatching(/^ClamAV /) });
  });

  it("flags a file over clamd's stream limit as too large instead of passing it", async () => {
    const big = Buffer.alloc(600 * 1024, 'x');
    const stream = Readable.from([big.subarray(0, 200 * 1024), big.subarray(200 * 1024)]);
    expect(await scanner().scanForViruses({ stream, tenant: 'nordhausen' })).toMatchObject({
      status: 'too_large',
    });
    expect(await scanner().scanForViruses({ buffer: big, tenant: 'nordhausen' })).toMatchObject({
      status: 'too_large',
    });
  });

  it('says unavailable (never clean) when clamd is gone, and the county rule decides', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbund-noclamd-'));
    const gone = createVirusScanner({
      address: path.join(dir, 'none.sock'),
      required: ['nordhausen'],
      timeoutMs: 2_000,
      maxBytes: 1024,
    });
    expect(await gone.scanForViruses({ buffer: EICAR, tenant: 'nordhausen' })).toEqual({
      status: 'unavailable',
      required: true,
    });
    expect(await gone.health()).toMatchObject({ status: 'unavailable' });
    const none = createVirusScanner({ address: null, required: 'alle', timeoutMs: 2_000, maxBytes: 1024 });
    expect(await none.scanForViruses({ buffer: EICAR, tenant: 'wartburgkreis' })).toEqual({
      status: 'unavailable',
      required: true,
    });
    expect(await none.health()).toMatchObject({ status: 'disabled' });
  });

  it('says unavailable when clamd does not answer within the time limit', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbund-mute-'));
    const socket = path.join(dir, 'mute.sock');
    const mute = createServer(() => {});
    await new Promise<void>((resolve) => mute.listen(socket, resolve));
    try {
      const s = createVirusScanner({ address: socket, required: [], timeoutMs: 300, maxBytes: 1024 * 1024 });
      const started = Date.now();
      expect(await s.scanForViruses({ buffer: EICAR, tenant: 'nordhausen' })).toEqual({
        status: 'unavailable',
        required: false,
      });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      mute.close();
    }
  });
});
