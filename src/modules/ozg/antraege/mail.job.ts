import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';
import type { JobHandler } from '../../../platform/jobs/jobs.ts';

/**
 * E-mail notices to applicants over SMTP (only when SMTP_URL is configured). Sent by a job, so a
 * notice exists exactly when the change it reports committed, and a failing relay is retried.
 */
export function createMailJob(smtp: { url: string; from: string } | null): JobHandler {
  // nodemailer is loaded only when SMTP is configured (its import costs CPU in every process).
  const nodemailer = () => createRequire(import.meta.url)('nodemailer') as typeof Nodemailer;
  const transport = smtp ? nodemailer().createTransport(smtp.url) : null;
  return async ({ payload }) => {
    if (!transport || !smtp) return;
    const { to, subject, text } = payload as { to: string; subject: string; text: string };
    await transport.sendMail({ from: smtp.from, to, subject, text });
  };
}
