import { Module } from '@nestjs/common';
import { SignInThrottle } from './sign-in-throttle.service';

/** What both sign-in features use: the throttles. */
@Module({ providers: [SignInThrottle], exports: [SignInThrottle] })
export class SharedModule {}
