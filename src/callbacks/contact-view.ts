import { z } from 'zod';
import type { CallbackRow } from './work-list';
import { callbackMethods } from '../db/schema';
import { decryptSecret } from '../secrets';

const contactSchema = z.object({
  method: z.enum(callbackMethods),
  phone: z.string().optional(),
  email: z.string().optional(),
  bestTime: z.string().optional(),
});

export type CallbackContact = z.infer<typeof contactSchema>;

/** A request's contact details, decrypted; undefined once they were erased. */
export function viewCallbackContact(dataKey: string, row: Pick<CallbackRow, 'contact'>): CallbackContact | undefined {
  if (!row.contact) return undefined;
  return contactSchema.parse(JSON.parse(decryptSecret(dataKey, row.contact)));
}

/** Where the recovery question may be mailed: an address the citizen gave, whichever way they chose to be contacted. */
export const recoveryAddressOf = (contact: CallbackContact | undefined): string | undefined => contact?.email?.trim() || undefined;
