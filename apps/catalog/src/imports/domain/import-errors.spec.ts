import { domainErrorProblem } from '@harvest/platform/http';
import { ImportNotFoundError } from './import-errors';

describe('import errors as problems', () => {
  it('answers an unknown import 404 import-not-found', () => {
    expect(domainErrorProblem(new ImportNotFoundError('i-1')).problem).toEqual({
      type: 'urn:harvest:problem:import-not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No import i-1.',
    });
  });
});
