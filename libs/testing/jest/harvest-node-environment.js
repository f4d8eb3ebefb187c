// Jest's node environment, plus the ES-module-only packages specs need, loaded here with Node's own require
// (require(esm) on Node 24), outside the spec's sandbox: inside it, Jest 30 answers require, `module` and even
// process.getBuiltinModule('node:module') with its own registry, which turns @platformatic/kafka into an empty
// namespace. platformatic-kafka.js hands the loaded package to specs.
const { TestEnvironment } = require('jest-environment-node');

class HarvestNodeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.__harvestEsmPackages = { '@platformatic/kafka': require('@platformatic/kafka') };
  }
}

module.exports = HarvestNodeEnvironment;
