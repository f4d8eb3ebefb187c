// @platformatic/kafka ships ES modules only, which Jest's module registry cannot load into a CommonJS spec (its
// swc transform cannot turn their import.meta into CommonJS). The test environment
// (harvest-node-environment.js) loads the package with Node's real require, as the services and scripts do,
// and this module hands it on.
module.exports = globalThis.__harvestEsmPackages['@platformatic/kafka'];
