// Customers' sign-in identities: phone number, one-time SMS codes, optional password.
import { runService } from '@harvest/platform/runtime';
import { identityService } from './identity.service-definition';

void runService(identityService);
