// Spec support only (not exported): a small app exercising every platform concern through createHttpApp.
import {
  Body,
  Controller,
  Get,
  Logger,
  Module,
  Optional,
  Post,
  Req,
  type OnModuleInit,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { HealthRegistry, type DependencyCheck } from '@harvest/platform/health';
import { TestIssuer, type TestTokenOptions } from '@harvest/testing';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { Writable } from 'node:stream';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { createHttpApp, type HttpApp } from '../bootstrap/create-http-app';
import { keepRawBody, rawBodyOf } from '../raw-body/raw-body';

/** The raw-body route's own limit, smaller than the app's, as the signed callbacks have. */
export const SIGNED_ROUTE_LIMIT_BYTES = 160 * 1024;

/** The audience the test app accepts (a service's would be its own name). */
export const TEST_AUDIENCE = 'harvest-test-api';

class OrderLineDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

class CreateOrderDto {
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  @ArrayMinSize(1)
  lines!: OrderLineDto[];

  @IsOptional() @IsString() note?: string;
}

@Controller()
class TestController {
  private readonly logger = new Logger('TestController');

  @Roles('customer')
  @Post('orders')
  create(@Body() dto: CreateOrderDto, @CurrentPrincipal() principal: Principal): object {
    return { accepted: dto.lines.length, by: principal.subject };
  }

  @Roles('admin', 'agent')
  @Get('backoffice')
  backoffice(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Get('anyone-signed-in')
  signedIn(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Public()
  @Get('open')
  open(): object {
    return { open: true };
  }

  /** Like a signed webhook: the exact bytes are kept (for a signature) and the body is parsed too. */
  @Public()
  @Post('signed')
  signed(@Req() request: FastifyRequest, @Body() body: unknown): object {
    return { bytes: rawBodyOf(request)?.length, body };
  }

  @Public()
  @Get('boom')
  boom(): never {
    throw new Error('connect ECONNREFUSED db-primary:3306 password=hunter2');
  }

  @Public()
  @Post('log')
  logWithBody(): Promise<object> {
    return this.log(); // same log line, but after Fastify has parsed a body
  }

  @Public()
  @Get('log')
  async log(): Promise<object> {
    await new Promise((resolve) => setTimeout(resolve, 5)); // the log line comes after an async hop
    this.logger.log('handled the log route');
    return { logged: true };
  }
}

/** Indicator outcomes the specs flip per test. */
export type FakeOutcome = 'up' | 'down' | 'throws' | 'hangs';
export const fakeDependencies: Record<string, { critical: boolean; outcome: FakeOutcome }> = {
  database: { critical: true, outcome: 'up' },
  cache: { critical: false, outcome: 'up' },
};

/** Registers like the real adapters do: an optional HealthRegistry, filled in onModuleInit. */
@Module({})
class FakeDependenciesModule implements OnModuleInit {
  constructor(@Optional() private readonly registry?: HealthRegistry) {}

  onModuleInit(): void {
    for (const [name, fake] of Object.entries(fakeDependencies)) {
      this.registry?.register({
        name,
        critical: fake.critical,
        check: (): Promise<DependencyCheck> => {
          switch (fakeDependencies[name]!.outcome) {
            case 'up':
              return Promise.resolve({ up: true, detail: { host: `${name}.local` } });
            case 'down':
              return Promise.resolve({ up: false, detail: { host: `${name}.local` } });
            case 'throws':
              return Promise.reject(new Error(`${name} refused the connection`));
            case 'hangs':
              return new Promise(() => undefined);
          }
        },
      });
    }
  }
}

@Module({ imports: [FakeDependenciesModule], controllers: [TestController] })
class TestAppModule {}

export interface TestApp extends HttpApp {
  logLines: Array<Record<string, unknown>>;
  spans: InMemorySpanExporter;
  /** The issuer the app trusts (AUTH_ISSUER_URL), in-process; it closes with the app. */
  issuer: TestIssuer;
  tokenFor(principal: Principal, expiresIn?: TestTokenOptions['expiresIn']): Promise<string>;
}

const spans = new InMemorySpanExporter();

/** A log destination whose JSON lines are parsed into `logLines`, in order. */
export function logLinesSink(): { sink: Writable; logLines: Array<Record<string, unknown>> } {
  const logLines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  return { sink, logLines };
}

/**
 * recordSpans false builds the app as production runs it without an exporter (spans do not record); the
 * tracer provider is per process, so a spec file uses one mode throughout.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  { recordSpans = true }: { recordSpans?: boolean } = {},
): Promise<TestApp> {
  const { sink, logLines } = logLinesSink();
  const issuer = await new TestIssuer(TEST_AUDIENCE).start();
  const built = await createHttpApp(TestAppModule, {
    serviceName: 'platform-http-test',
    env: {
      ...issuer.env,
      AUTH_AUDIENCE: TEST_AUDIENCE,
      // Specs publish keys as they go: an unknown kid refetches the set at once.
      AUTH_JWKS_COOLDOWN_MS: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    logDestination: sink,
    configureServer: (server) => {
      server.addHook('onClose', () => issuer.close());
      return keepRawBody(server, ['/signed'], SIGNED_ROUTE_LIMIT_BYTES);
    },
    spanProcessors: recordSpans ? [new SimpleSpanProcessor(spans)] : undefined,
  }).catch(async (error: unknown) => {
    await issuer.close();
    throw error;
  });
  return {
    ...built,
    logLines,
    spans,
    issuer,
    tokenFor: (principal, expiresIn) => issuer.issue(principal, expiresIn === undefined ? {} : { expiresIn }),
  };
}
