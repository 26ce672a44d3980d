/*
 * The courier: messages Kratos queues (verification, login and registration codes), never sent, listed by the admin
 * API as `GET /admin/courier/messages` (docs/kratos-protocol.md §10, §11.6, §12.7). Bodies are v1.3.1's built-in plain-text
 * templates.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { Emulator } from './context';
import { CourierMessage } from './model';

/** Six random digits, as Kratos's code strategy makes them. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

const TEMPLATES = {
  verification_code_valid: {
    subject: 'Please verify your email address',
    body: (code: string, link: string) =>
      `Hi,\n\nplease verify your account by entering the following code:\n\n${code}\n\nor clicking the following link:\n\n${link}\n`,
  },
  login_code_valid: {
    subject: 'Login to your account',
    body: (code: string) => `Hi,\n\nplease login to your account by entering the following code:\n\n${code}\n`,
  },
  recovery_code_valid: {
    subject: 'Recover access to your account',
    body: (code: string) => `Hi,\n\nplease recover access to your account by entering the following code:\n\n${code}\n`,
  },
  registration_code_valid: {
    subject: 'Complete your account registration',
    body: (code: string) =>
      `Hi,\n\nplease complete your account registration by entering the following code:\n\n${code}\n`,
  },
} as const;

export type Template = keyof typeof TEMPLATES;

/** Queues a message with `code` for `recipient`; `flowId` is the flow a verification link points to. */
export function queueMessage(em: Emulator, template: Template, recipient: string, code: string, flowId = ''): void {
  const now = em.clock.now().toISOString();
  const link = `${em.url('/self-service/verification')}?code=${code}&flow=${flowId}`;
  const message: CourierMessage = {
    id: randomUUID(),
    status: 'queued',
    type: 'email',
    recipient,
    body: TEMPLATES[template].body(code, link),
    subject: TEMPLATES[template].subject,
    template_type: template,
    channel: 'email',
    send_count: 0,
    created_at: now,
    updated_at: now,
  };
  em.state.messages.push(message);
}
