/**
 * AWS Account Management (restJson1, PascalCase members, global: signed for us-east-1):
 * GetAlternateContact, POST /getAlternateContact with {AlternateContactType}. A type with no
 * contact registered is ResourceNotFoundException (404), as the API reference documents.
 */
import { jsonBody, jsonError, jsonReply, type Route, type SimRequest } from '../protocol.js';
import type { SimState } from '../state.js';

const TYPES = new Set(['SECURITY', 'BILLING', 'OPERATIONS']);

export function accountRoute(req: SimRequest, st: SimState): Route | null {
  if (req.method !== 'POST' || req.path !== '/getAlternateContact') return null;
  return {
    action: 'GetAlternateContact',
    handle: () => {
      const body = jsonBody(req);
      const type = body?.AlternateContactType;
      if (typeof type !== 'string' || !TYPES.has(type)) {
        return jsonError(
          400,
          'ValidationException',
          { message: 'Invalid request: AlternateContactType must be one of SECURITY, BILLING, OPERATIONS' },
          req.requestId,
        );
      }
      const contact = st.account.alternateContacts?.[type as 'SECURITY'] ?? null;
      if (!contact) {
        return jsonError(
          404,
          'ResourceNotFoundException',
          { message: 'No contact of the inputted alternate contact type found.' },
          req.requestId,
        );
      }
      return jsonReply(
        {
          AlternateContact: {
            AlternateContactType: type,
            EmailAddress: contact.emailAddress,
            Name: contact.name,
            PhoneNumber: contact.phoneNumber,
            Title: contact.title,
          },
        },
        req.requestId,
      );
    },
  };
}
