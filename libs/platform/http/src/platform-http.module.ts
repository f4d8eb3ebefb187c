import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { loadConfig } from '@harvest/platform/config';
import { HealthModule } from '@harvest/platform/health';
import { AuthGuard } from './auth/auth.guard';
import { TokenVerifier } from './auth/token-verifier.service';
import { HTTP_CONFIG, httpConfigShape, tokenSettingsOf, type HttpConfig } from './http-config';
import { HealthController } from './platform-endpoints/health.controller';
import { MetricsController } from './platform-endpoints/metrics.controller';

/**
 * The HTTP platform every app gets: /health/live, /health/ready, /metrics, the global HealthRegistry, the
 * deny-by-default auth guard, and the discovery createHttpApp uses to find direct routes. createHttpApp adds
 * it; an app may import it too (Nest keeps one instance).
 */
@Module({
  imports: [HealthModule, DiscoveryModule],
  controllers: [HealthController, MetricsController],
  providers: [
    {
      provide: TokenVerifier,
      inject: [{ token: HTTP_CONFIG, optional: true }],
      // Without the bootstrap (a bare testing module) the JWT settings come straight from the environment.
      useFactory: (config?: HttpConfig) =>
        new TokenVerifier(...tokenSettingsOf(config ?? loadConfig(httpConfigShape))),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [HealthModule, TokenVerifier],
})
export class PlatformHttpModule {}
