import { Controller, Get, HttpException, Module } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { createHttpApp, type HttpApp } from '../bootstrap/create-http-app';
import { openApiDocumentOf } from '../openapi/openapi-document';
import {
  OpenApiResponseCheck,
  checkResponsesAgainstOpenApi,
  takeResponseMismatches,
} from './openapi-response-check';

class CountView {
  @ApiProperty({ type: 'integer', minimum: 0 }) count!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

@Controller('counts')
class CountsController {
  @Public()
  @Get('right')
  @ApiOkResponse({ type: CountView })
  right(): CountView {
    return { count: 3, at: '2026-12-07T10:00:00.000Z' };
  }

  @Public()
  @Get('wrong')
  @ApiOkResponse({ type: CountView })
  wrong(): unknown {
    return { count: 'three', at: 'yesterday' };
  }

  @Public()
  @Get('teapot')
  @ApiOkResponse({ type: CountView })
  teapot(): never {
    throw new HttpException('no coffee', 418);
  }

  @Public()
  @Get('undescribed')
  undescribed(): object {
    return { anything: true };
  }
}

@Module({ controllers: [CountsController] })
class CountsModule {}

describe('checking answers against the OpenAPI document', () => {
  let built: HttpApp;
  beforeAll(async () => {
    built = await createHttpApp(CountsModule, {
      serviceName: 'openapi-check-test',
      // Every route here is public: the issuer is never asked, only named for config validation.
      env: {
        AUTH_ISSUER_URL: 'http://127.0.0.1:9/no-issuer',
        AUTH_AUDIENCE: 'openapi-check-test',
        LOG_LEVEL: 'silent',
      },
      configureServer: checkResponsesAgainstOpenApi(),
    });
  });
  afterAll(() => built.app.close());
  afterEach(() => takeResponseMismatches());

  const get = (url: string) => built.app.inject({ method: 'GET', url });

  it('passes an answer that matches its documented schema', async () => {
    expect((await get('/counts/right')).statusCode).toBe(200);
    expect(takeResponseMismatches()).toEqual([]);
  });

  it('records a body of the wrong type, naming the route and the field', async () => {
    await get('/counts/wrong');
    const [mismatch, ...rest] = takeResponseMismatches();
    expect(rest).toEqual([]);
    expect(mismatch).toContain('GET /counts/wrong answered 200; the body does not match the document');
    expect(mismatch).toContain('/count must be integer');
    expect(mismatch).toContain('/at must match format "date-time"');
  });

  it('records a status the route does not document, and a body the document does not describe', async () => {
    await get('/counts/teapot');
    await get('/counts/undescribed');
    expect(takeResponseMismatches()).toEqual([
      'GET /counts/teapot answered 418, a status the OpenAPI document does not list for it',
      'GET /counts/undescribed answered 200 with a application/json body, but the document describes no body for it',
    ]);
  });

  it('fails a right answer against a deliberately wrong schema', async () => {
    const served = JSON.parse((await get('/openapi.json')).body) as ReturnType<typeof openApiDocumentOf>;
    expect(served).toEqual(
      JSON.parse(JSON.stringify(openApiDocumentOf(built.app.getHttpAdapter().getInstance()))),
    );
    const wrong = structuredClone(served!);
    (wrong.components!.schemas!.CountView as { properties: Record<string, object> }).properties.count = {
      type: 'string',
    };
    const answer = await get('/counts/right');
    const sent = {
      method: 'GET',
      route: '/counts/right',
      status: answer.statusCode,
      contentType: answer.headers['content-type'] as string,
      body: answer.body,
    };
    expect(new OpenApiResponseCheck(served!).check(sent)).toBeUndefined();
    expect(new OpenApiResponseCheck(wrong).check(sent)).toContain('/count must be string');
  });

  it('serves the document as OpenAPI 3.1 and a browsable UI without a CDN', async () => {
    const document = (await get('/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    const docs = await get('/docs');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
    expect(docs.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    expect((await get('/docs/swagger-ui-bundle.js')).statusCode).toBe(200);
  });
});
