// Cloud call-center integration: webhooks, screen pop, click-to-call, agent actions, tickets.
import { runService } from '@harvest/platform/runtime';
import { callcenterService } from './callcenter.service-definition';

void runService(callcenterService);
